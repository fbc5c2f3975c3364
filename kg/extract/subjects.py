"""The subject of a clause: its own, split on coordination, or the one it takes from the
clause it belongs to (a conjunct, an infinitive, a participle, a relative clause); the
expletive of ``There were 47,604 households`` (a subject the parser hid elsewhere is given
back by ``kg.extract.repairs``)."""

from __future__ import annotations

from dataclasses import replace

from kg.extract.arguments import ArgumentMaker
from kg.extract.phrases import ANY_SUBJ_DEPS, OBJ_DEPS, conjuncts
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
    explicit = [c for c in verb.children if c.dep_ in ANY_SUBJ_DEPS]
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
    if verb.dep_ in {"acl", "relcl"} and _infinitive(verb):
        return _infinitive_subjects(verb, maker, speaker), True
    if verb.dep_ in {"acl", "relcl"} and verb.head.pos_ in {"NOUN", "PROPN"}:
        described = _described(verb.head) if verb.dep_ == "acl" else None
        if described is not None:  # "X is a think tank founded in 2005": X was founded
            return clause_subjects(described, maker, speaker)[0], True
        arg = maker.make(verb.head, speaker=speaker)
        return ([arg] if arg else []), True
    return [], False


def _described(noun):
    """The copula whose subject ``noun`` (its complement) describes: ``is`` in ``The Crybaby is
    the twelfth album by Melvins, released in 2000``; else None."""
    if noun.dep_ == "attr" and noun.head.lemma_ in {"be", "become", "remain"}:
        return noun.head
    return None


def _infinitive(verb) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _infinitive_subjects(verb, maker: ArgumentMaker, speaker: Argument | None) -> list[Argument]:
    """Who does what an infinitive completing a noun says. ``the first woman to fly``,
    ``the only ship to enter``: the noun, without the infinitive. ``his efforts to gain
    control``: the possessor. ``They lick their eyes in order to keep them moist``, ``Ford
    made a decision to sell``: the subject of the clause the noun belongs to. Otherwise no
    one: ``a refusal to ratify``, ``the pressure to act`` do not ratify or act."""
    noun = verb.head
    if noun.pos_ not in {"NOUN", "PROPN", "PRON"}:
        return []
    owner = [c for c in noun.children if c.dep_ == "poss"]
    if owner:
        arg = maker.make(owner[0], speaker=speaker)
        return [arg] if arg else []
    if any(_singles_out(c) for c in noun.children if c.i < noun.i):
        described = _described(noun)
        if described is not None:  # "KOMO became the first station to broadcast in stereo"
            return clause_subjects(described, maker, speaker)[0]
        arg = maker.make(noun, speaker=speaker)
        to = min(t.idx for t in verb.subtree)
        if arg is None or arg.end <= to or arg.mention is not None:
            return [arg] if arg else []
        text = noun.doc.text[arg.start : to].rstrip()
        return [replace(arg, text=text, end=arg.start + len(text))]
    governor = noun.head.head if noun.dep_ == "pobj" else noun.head
    if noun.dep_ in {"dobj", "pobj"} and governor.pos_ in {"VERB", "AUX"}:
        return clause_subjects(governor, maker, speaker)[0]
    return []


def _singles_out(modifier) -> bool:
    """``first``, ``only``, ``last``, ``largest``: a modifier that makes the noun the one doing it."""
    return modifier.tag_ == "JJS" or modifier.lower_ in {"first", "only", "last", "second", "third", "next"}
