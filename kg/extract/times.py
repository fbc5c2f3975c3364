"""Time expressions of facts normalised to dates: ``on Monday``, ``last week``, ``in February
this year``, ``Dec 19, 2024``, ``next month`` become a first and a last day (one day, or a
period), read relative to the document's date when the expression needs one.

The rules (kg.extract.time_rules) read the expression; a recurring date (a weekday, a month, a
season, ``5 May``) takes the occurrence the tense points to: the relation as written (``will
meet``, ``met``) says whether to look forward, back, or to the occurrence nearest the document's
date. The preposition before the expression bounds it: ``since 1997`` runs from 1997 to the
document's date, ``until May`` ends with May, ``before 2005`` ends the day before 2005, ``for
four years`` covers the four years before (or, future, after) the document's date. A duration
on its own (``four years``), a set (``each year``), an age, or an expression pointing to another
time in the text (``that day``, ``two years later``) is not a date: it gives None.
"""

from __future__ import annotations

import datetime as dt
import re

from kg.extract.dates import Span
from kg.extract.time_rules import NUMBERS, RULES, moved, unit_span
from kg.ingest.metadata import parse_date
from kg.model import Document, Fact, TimeSpan
from kg.parse.spelling import IRREGULAR_PARTICIPLES

__all__ = ["anchor_of", "direction_of", "fact_time", "normalise_time"]

_FUTURE = re.compile(r"\b(?:will|shall|'ll|wo|going to|is to|are to|due to|set to|plans? to|expected to)\b")
_PAST = frozenset({"was", "were", "had", "did"})
_DURATION = re.compile(
    r"(?:(?:almost|nearly|about|around|some|more than|less than|over|under|just)\s+)?"
    r"(?P<n>\d{1,3}|[a-z]+(?: of)?(?: [a-z]+)?)\s+(?P<unit>day|week|month|year|decade)s?(?:'s?)?(?:\s+time)?$"
)
_LEADING = re.compile(r"^(?:the|a|an|on|in|at|by|of|during|from)\s+")
_PREPOSITIONS = frozenset(
    {"since", "from", "until", "till", "by", "before", "after", "for", "over", "within", "in", "between"}
)
_BETWEEN = re.compile(r"(?P<first>.+?)\s+(?:and|to|-)\s+(?P<last>.+)")


def direction_of(surface: str) -> int:
    """+1 when the relation as written is future (``will meet``), -1 past (``met``, ``was``), 0
    when it does not say (``meets``)."""
    text = surface.lower()
    if _FUTURE.search(text):
        return 1
    words = text.split()
    if any(w in _PAST or w.endswith("ed") or IRREGULAR_PARTICIPLES.get(w, w) != w for w in words):
        return -1
    return 0


def _clean(text: str) -> str:
    text = " ".join(text.lower().replace("\u2019", "'").split()).strip(" .,;:")
    while True:
        shorter = _LEADING.sub("", text)
        if shorter == text:
            return text
        text = shorter


def _read(text: str, anchor: dt.date | None, direction: int) -> Span | None:
    full = parse_date(text)  # a date with its year, in any of the formats headers use
    if full and len(text) <= 40:
        value = dt.date.fromisoformat(full)
        return value, value
    for pattern, handler in RULES:
        match = pattern.match(text)
        if match:
            return handler(match, anchor, direction)
    return None


def _duration(text: str, anchor: dt.date, direction: int, preposition: str) -> Span | None:
    """``for four years``, ``within two months``, ``in three weeks``: a period from the anchor."""
    match = _DURATION.match(text)
    count = (NUMBERS.get(match["n"]) if match else None) or (int(match["n"]) if match and match["n"].isdigit() else 0)
    if not match or not count:
        return None
    end = moved(anchor, match["unit"], count)
    if preposition == "in":
        return unit_span(end, match["unit"]) if direction > 0 else None
    if preposition == "within" or direction > 0:
        return anchor, end
    return moved(anchor, match["unit"], -count), anchor


def _bounded(span: Span, anchor: dt.date | None, preposition: str) -> Span:
    start, end = span
    if preposition in ("since", "from"):
        return start, anchor if anchor and start and anchor >= start else end
    if preposition in ("until", "till", "by"):
        return (anchor if anchor and end and anchor <= end else None), end
    if preposition == "before" and start:
        return None, start - dt.timedelta(days=1)
    if preposition == "after" and end:
        return end + dt.timedelta(days=1), None
    return span


def normalise_time(
    text: str, anchor: dt.date | None = None, *, direction: int = 0, preposition: str = ""
) -> Span | None:
    """The first and last day ``text`` names (either may be None for an open end), or None.
    ``anchor`` is the document's date; ``direction`` the tense (+1 future, -1 past, 0 unknown);
    ``preposition`` the word before the expression in the sentence (``since``, ``for`` ...)."""
    cleaned, preposition = _clean(text), preposition.lower()
    if not cleaned or cleaned.startswith(("each ", "every ", "that ", "the same ")):
        return None
    if anchor is not None and preposition in ("for", "over", "within", "in"):
        found = _duration(cleaned, anchor, direction, preposition)
        if found:
            return found
    if preposition == "between":
        return _between(cleaned, anchor, direction)
    span = _read(cleaned, anchor, direction)
    return _bounded(span, anchor, preposition) if span else None


def _between(text: str, anchor: dt.date | None, direction: int) -> Span | None:
    """``between 1983 and 1992``: from the first day of the one to the last day of the other."""
    match = _BETWEEN.fullmatch(text)
    first = _read(_clean(match["first"]), anchor, direction) if match else None
    last = _read(_clean(match["last"]), anchor, direction) if match else None
    if not (first and last and first[0] and last[1]) or last[1] < first[0]:
        return None
    return first[0], last[1]


def anchor_of(document: Document) -> dt.date | None:
    """The document's date (its day, when it has a time of day too), if it has a valid one."""
    try:
        return dt.date.fromisoformat(document.date[:10]) if document.date else None
    except ValueError:
        return None


def _preposition(document: Document, start: int) -> str:
    before = document.text[max(0, start - 20) : start].split()
    return before[-1].lower() if before and before[-1].lower() in _PREPOSITIONS else ""


def fact_time(fact: Fact, document: Document) -> TimeSpan | None:
    """The fact's first time argument that reads as a date, normalised."""
    anchor, direction = anchor_of(document), direction_of(fact.surface)
    for arg in fact.extras:
        if arg.role != "time":
            continue
        span = normalise_time(arg.text, anchor, direction=direction, preposition=_preposition(document, arg.start))
        if span and (span[0] or span[1]):
            start, end = (d.isoformat() if d else None for d in span)
            return TimeSpan(arg.text, start, end)
    return None
