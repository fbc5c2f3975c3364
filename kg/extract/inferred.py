"""Relations a sentence states without a verb: appositions (``Alpha Serpentis, the
brightest star in Serpens`` -> is) and possessives (``Russia's commitment`` -> has) and prepositional
modifiers (``countries in Europe`` -> are in)."""

from __future__ import annotations

from collections.abc import Iterator

from kg.extract.arguments import ArgumentMaker, literal_argument
from kg.extract.clauses import Draft
from kg.extract.phrases import entity_of, is_pronoun, phrase_tokens
from kg.extract.prepositions import ADVERBIAL_PHRASES, joint_argument

__all__ = ["inferred_drafts"]


def inferred_drafts(sentence, maker: ArgumentMaker) -> Iterator[Draft]:
    """Every apposition, possessive and prepositional modifier of the sentence as a fact."""
    for token in sentence:
        if token.dep_ == "appos" and token.head.pos_ in {"NOUN", "PROPN", "NUM"}:
            yield from _apposition(token, maker)
        elif token.dep_ == "poss" and not is_pronoun(token):
            yield from _possessive(token, maker)
        elif token.dep_ == "prep" and token.head.pos_ in {"NOUN", "PROPN"}:
            yield from _noun_preposition(token, maker)


def _apposition(appos, maker: ArgumentMaker) -> Iterator[Draft]:
    """``X, a Y,`` -> (X; is; Y). People's titles are roles (kg.extract.roles) instead."""
    head = appos.head
    if _is_person(head) != _is_person(appos):
        return
    subject = maker.make(head)
    if subject is not None and subject.mention is None:  # the noun without its apposition
        cut = {t.i for t in appos.subtree}
        subject = literal_argument([t for t in phrase_tokens(head) if t.i not in cut and t.i < appos.i])
    obj = literal_argument(phrase_tokens(appos))
    if subject is not None and obj is not None and obj.text != subject.text:
        yield Draft(subject, "be", obj, False, "apposition", surface="is")


def _possessive(owner, maker: ArgumentMaker) -> Iterator[Draft]:
    """``Russia's commitment to peace`` -> (Russia; has; commitment to peace)."""
    owned = owner.head
    if owned.pos_ not in {"NOUN", "PROPN"} or entity_of(owned) is not None:
        return
    subject = maker.make(owner)
    tokens = [t for t in phrase_tokens(owned) if t.i > owner.i and t.dep_ != "case"]
    obj = literal_argument(tokens)
    if subject is not None and obj is not None:
        yield Draft(subject, "have", obj, False, "possessive", surface="has")


def _noun_preposition(prep, maker: ArgumentMaker) -> Iterator[Draft]:
    """``Four other countries in Europe`` -> (Four other countries; are in; Europe)."""
    noun = prep.head
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    if not objects or (prep.lower_, objects[0].lower_) in ADVERBIAL_PHRASES or prep.ent_type_:
        return  # nor inside a name: "Institute of International Relations"
    cut = {t.i for t in prep.subtree}
    subject = literal_argument([t for t in phrase_tokens(noun) if t.i not in cut and t.i < prep.i])
    obj = joint_argument(prep.lower_, objects[0]) or maker.make(objects[0])
    if subject is not None and obj is not None:
        verb = _tensed("are" if noun.tag_ in {"NNS", "NNPS"} else "is", noun)
        yield Draft(subject, f"be {prep.lower_}", obj, False, "modifier", surface=f"{verb} {prep.text}")


#: The past of the verbs inferred relations are written with.
PAST = {"is": "was", "are": "were", "has": "had"}
PAST_TAGS = frozenset({"VBD"})


def _tensed(verb: str, token) -> str:
    """``verb`` in the tense of the clause ``token`` is in: a noun phrase of a sentence about
    the past (``Edwards's early years were spent in Ohio``) tells what was (``had``)."""
    head = token
    while head.pos_ not in {"VERB", "AUX"} and head.head.i != head.i:
        head = head.head
    if head.pos_ not in {"VERB", "AUX"}:
        return verb
    tags = {head.tag_} | {c.tag_ for c in head.children if c.dep_ in {"aux", "auxpass"}}
    if tags & PAST_TAGS and not tags & {"VBZ", "VBP", "MD"}:
        return PAST[verb]
    return verb


def _is_person(token) -> bool:
    ent = entity_of(token)
    return ent is not None and ent.label_ == "PERSON"
