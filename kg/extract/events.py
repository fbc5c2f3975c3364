"""Events without an object: ``Blair resigned.``, ``Talks between Russia and the US collapsed
last week.`` An intransitive verb with a subject of its own states that something happened
to or was done by that subject: a fact with no object (``Argument.absent``), keeping the
verb's time and place as extra arguments."""

from __future__ import annotations

from collections.abc import Iterator

from kg.extract.drafts import Draft
from kg.extract.phrases import POINTING_WORDS
from kg.extract.speech import is_speech_verb
from kg.model import Argument

__all__ = ["absent_object", "event_drafts", "is_event_verb"]

#: Where an event's verb may stand: a main clause, a coordinated or reported one, an adverbial
#: clause with its own subject. Relative clauses and participles modify a noun instead.
EVENT_DEPS = frozenset({"ROOT", "conj", "ccomp", "advcl", "parataxis"})
#: Verbs that stand for another one (``than they did``): no event of their own.
PRO_VERBS = frozenset({"do"})
#: Dependents that make the verb something else than a bare event: a clause it governs.
GOVERNED_CLAUSES = frozenset({"ccomp", "xcomp", "csubj", "acomp", "attr", "oprd", "dobj", "dative"})


def absent_object(verb) -> Argument:
    """The object of an event: empty, placed just after its verb."""
    end = verb.idx + len(verb.text)
    return Argument("", end, end)


def is_event_verb(verb, inherited: bool) -> bool:
    """A verb (not the copula, not a verb of saying, which reports something) heading a clause
    of its own with nothing it governs as object or complement."""
    if verb.pos_ != "VERB" or verb.dep_ not in EVENT_DEPS or is_speech_verb(verb) or verb.lemma_ in PRO_VERBS:
        return False
    if verb.dep_ == "conj" and verb.head.pos_ not in {"VERB", "AUX"}:
        return False  # "rape, forced labour and looting": a noun the tagger took for a verb
    if any(c.dep_ in GOVERNED_CLAUSES for c in verb.children):
        return False
    return not inherited or verb.dep_ == "conj"


def event_drafts(
    verb, subjects, relation: str, written: str, negated: bool, extras: tuple[Argument, ...], inherited: bool
) -> Iterator[Draft]:
    """One objectless fact per subject of the event headed by ``verb``, if it is one."""
    if not is_event_verb(verb, inherited):
        return
    for subject in subjects:
        if subject.mention is None and subject.text.lower() in POINTING_WORDS:
            continue  # "he awoke" with no one "he" is: nothing is said about anybody named
        yield Draft(subject, relation, absent_object(verb), negated, "event", extras, inherited, written)
