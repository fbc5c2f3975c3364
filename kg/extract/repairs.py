"""Repairs of the parse that the rules read, made on the Doc before extraction.

A finite main verb with no subject at all: the parser hid its subject inside another phrase.
``Upon leaving the county, Muncy Creek enters ...`` takes the creek for one more item of the
county's list; ``... in areas including Syria, US Secretary of State Rex Tillerson has said``
takes the secretary for an apposition of Syria. The name or noun that ends right before the
verb (its auxiliaries and adverbs aside) becomes its subject, its whole phrase moved with it,
so no other argument keeps it.
"""

from __future__ import annotations

from kg.extract.phrases import ANY_SUBJ_DEPS

__all__ = ["repair_parse"]

_SUBJECT_OR_EXPLETIVE = ANY_SUBJ_DEPS | {"expl"}

#: Tags of a word that carries tense.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
#: Words between a subject and its verb that do not end the subject: ``Tillerson has said``.
_BETWEEN = frozenset({"ADV", "PART", "AUX"})
#: Positions a noun never leaves for a subject: a preposition's object, a possessor, part of a name.
_KEPT = frozenset({"pobj", "poss", "compound", "nsubj", "nsubjpass", "dobj", "attr"})


def repair_parse(sent) -> None:
    """Give the sentence's main verb its hidden subject, if it has none."""
    verb = sent.root
    if not _finite(verb) or any(c.dep_ in _SUBJECT_OR_EXPLETIVE for c in verb.children):
        return
    noun = _noun_before(verb)
    if noun is not None:
        noun.head = verb
        noun.dep_ = "nsubj"


def _finite(verb) -> bool:
    if verb.pos_ not in {"VERB", "AUX"}:
        return False
    return verb.tag_ in FINITE_TAGS or any(
        c.dep_ in {"aux", "auxpass"} and c.tag_ in FINITE_TAGS for c in verb.children
    )


def _noun_before(verb):
    before = verb.i - 1
    while before >= verb.sent.start and verb.doc[before].pos_ in _BETWEEN and verb.doc[before].head.i == verb.i:
        before -= 1
    if before < verb.sent.start:
        return None
    noun = verb.doc[before]
    if noun.pos_ not in {"NOUN", "PROPN"} or noun.dep_ in _KEPT or noun.head.i == verb.i:
        return None
    return noun
