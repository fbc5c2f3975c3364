"""Meetings named by nouns: ``talks with Russia's president Vladimir Putin``, ``a meeting with
Mr Putin``, ``Pompeo and Lavrov held talks``, ``talks between Kyiv and Moscow``: who met whom,
as ``meet`` facts (kind ``meeting``), the noun phrase kept as the relation as written.

The one who meets is the subject of the clause the noun belongs to (walking up through
prepositions and the adjective or participle that governs them: ``Fresh from hours of talks
with X, Y said``), or the name right before a verb the parser left without a subject.
"""

from __future__ import annotations

from collections.abc import Iterator

from kg.extract.concepts import is_noun
from kg.extract.drafts import Draft
from kg.extract.phrases import SUBJ_DEPS, conjuncts, entity_of
from kg.model import Argument

__all__ = ["MEETING_NOUNS", "meeting_drafts"]

#: Nouns of meeting: their ``with`` or ``between`` phrase names who took part.
MEETING_NOUNS = frozenset(
    {"talks", "meeting", "summit", "negotiations", "discussions", "conversation", "encounter", "consultations"}
)
#: Verbs whose object is a meeting of their coordinated subjects: ``X and Y held talks``.
HOLDING_VERBS = frozenset({"hold", "have", "conduct", "begin", "start", "open", "end", "conclude", "resume"})
_PERSON_LIKE = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_MAX_CLIMB = 8
#: A verb without a subject passes the search on to the verb it depends on as one of these.
_CLIMB_DEPS = frozenset({"xcomp", "advcl", "conj", "acl", "pcomp", "prep", "advmod"})


def meeting_drafts(sentence, maker) -> Iterator[Draft]:
    """Every meeting a sentence's nouns name, as ``X meet Y`` drafts."""
    for token in sentence:
        if not is_noun(token) or _word(token) not in MEETING_NOUNS:
            continue
        others = [o for o in _participants(token, {"with"}) if o is not None]
        between = [o for o in _participants(token, {"between"}) if o is not None]
        if len(between) >= 2:
            first, *rest = between
            yield from _drafts(maker, [first], rest, token)
        subjects = _subject_heads(token)
        if others and subjects:
            yield from _drafts(maker, subjects, others, token)
        elif not others and len(subjects) >= 2 and token.head.lemma_ in HOLDING_VERBS and token.dep_ == "dobj":
            yield from _drafts(maker, subjects[:1], subjects[1:], token)  # "Pompeo and Lavrov held talks"


def _word(token) -> str:
    return token.lower_ if token.lower_ in MEETING_NOUNS else token.lemma_.lower()


def _participants(noun, preps: set[str]) -> list:
    """The entity heads of the noun's ``with`` (or ``between``) phrase, split on coordination."""
    found: list = []
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            for obj in (g for g in child.children if g.dep_ == "pobj"):
                for head in conjuncts(obj):
                    named = [head] if _named(head) else [a for a in head.children if a.dep_ == "appos"]
                    found.extend(n for a in named for n in conjuncts(a) if _named(n))
    return list(dict.fromkeys(found))


def _named(token) -> bool:
    ent = entity_of(token)
    return ent is not None and ent.label_ in _PERSON_LIKE


def _subject_heads(noun) -> list:
    """The subjects of the clause the noun is part of, split on coordination."""
    token = noun
    for _ in range(_MAX_CLIMB):
        head = token.head
        if head.i == token.i:
            return []
        if head.pos_ in {"VERB", "AUX"}:
            subjects = [c for c in head.children if c.dep_ in SUBJ_DEPS]
            if subjects:
                return [h for s in subjects for h in conjuncts(s) if _named(h)]
            lost = _lost_subject(head)
            if lost is not None or head.dep_ not in _CLIMB_DEPS:
                return [lost] if lost is not None else []
        if token.dep_ in {"nsubj", "nsubjpass"}:
            return []  # the meeting is the subject: "the talks ended"
        token = head
    return []


def _lost_subject(verb):
    """A name right before a verb that has no subject in the parse (``..., US secretary of
    state Rex Tillerson said``, the name attached elsewhere): the verb's subject."""
    if verb.i == 0:
        return None
    before = verb.doc[verb.i - 1]
    ent = entity_of(before)
    if ent is None or ent.label_ not in _PERSON_LIKE or ent.end != verb.i:
        return None
    return ent.root


def _drafts(maker, subjects: list, objects: list, noun) -> Iterator[Draft]:
    surface = f"{noun.text} {'between' if any(c.lower_ == 'between' for c in noun.children) else 'with'}"
    for s in subjects:
        subject = maker.make(s)
        for o in objects:
            obj = maker.make(o)
            if subject is None or obj is None or _same(subject, obj):
                continue
            yield Draft(subject, "meet", obj, False, "meeting", surface=surface)


def _same(first: Argument, second: Argument) -> bool:
    return first.mention is not None and first.mention == second.mention
