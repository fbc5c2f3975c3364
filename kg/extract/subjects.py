"""The subject of a clause: its own, split on coordination, or the one it takes from the
clause it belongs to (a conjunct, an infinitive, a participle, a relative clause); the
expletive of ``There were 47,604 households`` (a subject the parser hid elsewhere is given
back by ``kg.extract.repairs``)."""

from __future__ import annotations

from kg.extract.arguments import ArgumentMaker
from kg.extract.phrases import OBJ_DEPS, PASSIVE_SUBJ_DEPS, SUBJ_DEPS, conjuncts
from kg.extract.speech import coordinated_speech_verb
from kg.model import Argument

__all__ = ["RELATIVE_WORDS", "clause_subjects", "is_predicate"]

RELATIVE_WORDS = frozenset({"who", "whom", "which", "that", "whose"})


def is_predicate(token) -> bool:
    """Verbs, and the copula ``be`` when it heads its clause."""
    if token.pos_ == "VERB":
        return token.dep_ not in {"amod", "compound"}
    return token.pos_ == "AUX" and token.dep_ not in {"aux", "auxpass"}


def clause_subjects(verb, maker: ArgumentMaker, speaker: Argument | None) -> tuple[list[Argument], bool]:
    """The subjects of a clause, split on coordination; inherited ones are flagged."""
    explicit = [c for c in verb.children if c.dep_ in SUBJ_DEPS | PASSIVE_SUBJ_DEPS]
    if explicit:
        heads = [h for c in explicit for h in conjuncts(c)]
        if verb.dep_ == "relcl" and all(h.lower_ in RELATIVE_WORDS for h in heads):
            heads = [verb.head]
        return [a for h in heads for a in maker.make_items(h, speaker=speaker)], False
    expletive = [c for c in verb.children if c.dep_ == "expl"]
    if expletive:  # "There were 312 delegates": the words as written, never a pronoun to resolve
        there = expletive[0]
        return [Argument(there.text, there.idx, there.idx + len(there.text))], False
    speaker_verb = coordinated_speech_verb(verb)
    if speaker_verb is not None:  # "said that ..., and urged the UN to act": the speaker urged
        return clause_subjects(speaker_verb, maker, speaker)[0], True
    if verb.dep_ in {"conj", "dep"} and is_predicate(verb.head):  # "dep": a conjunct the parser missed
        return clause_subjects(verb.head, maker, speaker)[0], True
    if verb.dep_ == "xcomp" or (verb.dep_ == "advcl" and verb.tag_ == "VBG"):
        controller = [c for c in verb.head.children if c.dep_ in OBJ_DEPS and verb.dep_ == "xcomp"]
        if controller:
            return [a for a in (maker.make(h, speaker=speaker) for h in controller) if a], True
        governor = verb.head.head if verb.head.dep_ == "acomp" else verb.head  # were able to ...
        return clause_subjects(governor, maker, speaker)[0], True
    if verb.dep_ in {"acl", "relcl"} and verb.head.pos_ in {"NOUN", "PROPN"}:
        arg = maker.make(verb.head, speaker=speaker)
        return ([arg] if arg else []), True
    return [], False
