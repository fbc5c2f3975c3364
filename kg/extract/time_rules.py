"""The rules that read time expressions (kg.extract.times): each a pattern over the expression
(lowercased, without leading articles or prepositions) and a handler giving its first and last
day, relative to the document's date (``anchor``) where it needs one, a recurring date taking
the occurrence the tense (``direction``) points to. The first pattern that matches decides:
absolute dates and periods first, then days, weekdays, months, seasons and holidays, then
calendar units (``last week``), rolling periods (``the past year``) and ``N units ago``."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from kg.extract.dates import (
    Span,
    day,
    days_in,
    easter,
    month_span,
    nearest,
    season_span,
    shift_months,
    week_span,
    year_span,
)
from kg.ingest.metadata import MONTH_NAMES

__all__ = ["NUMBERS", "RULES", "Rule", "moved", "unit_span"]

_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = r"(?P<wd>mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?"
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night|lunchtime))?"
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "fifty": 50, "a hundred": 100, "a couple of": 2, "a few": 3, "few": 3,
}  # fmt: skip
_NUMBER = r"(?P<n>\d{1,3}|" + "|".join(sorted(map(re.escape, NUMBERS), key=len, reverse=True)) + ")"
_UNIT = r"(?P<unit>day|week|month|year|decade)s?"
_PARTS = {"start": 0, "beginning": 0, "early": 0, "middle": 1, "mid": 1, "end": 2, "late": 2}
_PART = r"(?:(?:the\s+)?(?P<part>start|beginning|middle|end)\s+of\s+|(?P<edge>early|mid|late)[\s-]+)?"


def _month(name: str) -> int:
    return next(i for i, m in enumerate(MONTH_NAMES, 1) if m.startswith(name[:3]))


def _part(span: Span, match: re.Match) -> Span:
    """The first, middle or last third of a period (``early 2005``, ``the end of March``)."""
    word = match.groupdict().get("part") or match.groupdict().get("edge")
    start, end = span
    if not word or start is None or end is None:
        return span
    third = ((end - start).days + 1) / 3
    index = _PARTS[word]
    first = start + dt.timedelta(days=int(third * index))
    last = start + dt.timedelta(days=int(third * (index + 1)) - 1)
    return first, min(last, end)


def _years_around(anchor: dt.date) -> range:
    return range(anchor.year - 1, anchor.year + 2)


def _recurring(make: Callable[[int], Span], anchor: dt.date | None, which: str | None, direction: int) -> Span | None:
    """One occurrence of a yearly period: ``last`` the latest ended before the anchor, ``next``
    the first after it, else by the tense (``direction``)."""
    if anchor is None:
        return None
    spans = [make(year) for year in _years_around(anchor)]
    if which == "last":
        return max((s for s in spans if s[1] and s[1] < anchor), key=lambda s: s[0] or anchor)
    if which == "next":
        return min((s for s in spans if s[0] and s[0] > anchor), key=lambda s: s[0] or anchor)
    if which == "this":
        return nearest(spans, anchor, 0)
    return nearest(spans, anchor, direction)


# --- expressions ---------------------------------------------------------------------------
# Each rule: (pattern, handler(match, anchor, direction) -> Span | None); the text is lowercased,
# without "the" at the start or punctuation at the end; the first pattern that matches decides.

Rule = tuple[re.Pattern, Callable[[re.Match, dt.date | None, int], Span | None]]
RULES: list[Rule] = []


def rule(pattern: str):
    def register(handler):
        RULES.append((re.compile(pattern + r"$"), handler))
        return handler

    return register


@rule(r"(?:the\s+year\s+)?" + _PART + r"(?P<y>1\d{3}|20\d{2})")
def _year(m, anchor, direction):
    return _part(year_span(int(m["y"])), m)


@rule(r"(?P<y>1\d{3}|20\d{2})\s*(?:/|-|\u2013|to)\s*(?P<y2>\d{2}|\d{4})")
def _year_range(m, anchor, direction):
    first, last = int(m["y"]), int(m["y2"])
    last = last if last >= 100 else first // 100 * 100 + last
    return year_span(first, last) if last >= first else None


@rule(_PART + r"(?P<y>1\d{2}0|20\d0)'?s")
def _decade(m, anchor, direction):
    return _part(year_span(int(m["y"]), int(m["y"]) + 9), m)


@rule(r"(?P<n>\d{1,2})(?:st|nd|rd|th)\s+century")
def _century(m, anchor, direction):
    first = (int(m["n"]) - 1) * 100 + 1
    return year_span(first, first + 99)


@rule(_PART + _MONTH + r",?\s+(?:of\s+)?(?P<y>\d{4})")
def _month_year(m, anchor, direction):
    return _part(month_span(int(m["y"]), _month(m["mon"])), m)


@rule(r"(?P<s>spring|summer|autumn|fall|winter)\s+(?:of\s+)?(?P<y>\d{4})")
def _season_year(m, anchor, direction):
    return season_span(int(m["y"]), m["s"])


@rule(r"(?P<q>first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+quarter(?:\s+of\s+(?P<y>\d{4}))?")
def _quarter(m, anchor, direction):
    year = int(m["y"]) if m["y"] else anchor.year if anchor else None
    if year is None:
        return None
    index = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2}.get(m["q"], 3)
    return month_span(year, index * 3 + 1)[0], month_span(year, index * 3 + 3)[1]


@rule(r"(?:earlier\s+|later\s+)?(?:today|tonight|this\s+(?:morning|afternoon|evening)|now|midnight|noon"
      r"|\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?|gmt|bst|[a-z]{1,3}t)?|\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?)")  # fmt: skip
def _today(m, anchor, direction):
    if not re.search(r"[a-z:]", m[0]):
        return None  # a bare number is not a time
    return day(anchor) if anchor else None


@rule(r"(?:yesterday" + _PART_OF_DAY + r"|last\s+night|the\s+day\s+before\s+yesterday|tomorrow" + _PART_OF_DAY + r")")
def _next_day(m, anchor, direction):
    if anchor is None:
        return None
    offset = -2 if "before" in m[0] else -1 if m[0].startswith(("yesterday", "last")) else 1
    return day(anchor + dt.timedelta(days=offset))


@rule(r"(?:(?P<which>last|next|this|on|coming|past)\s+)?" + _WEEKDAY + _PART_OF_DAY)
def _weekday(m, anchor, direction):
    if anchor is None:
        return None
    wanted = next(i for i, w in enumerate(_WEEKDAYS) if w.startswith(m["wd"][:3]))
    delta = wanted - anchor.weekday()
    spans = [day(anchor + dt.timedelta(days=delta + 7 * k)) for k in (-1, 0, 1)]
    which = m["which"]
    if which in ("last", "past"):
        return max((s for s in spans if s[0] and s[0] < anchor), key=lambda s: s[0] or anchor)
    if which in ("next", "coming"):
        return min((s for s in spans if s[0] and s[0] > anchor), key=lambda s: s[0] or anchor)
    return nearest(spans, anchor, direction)


@rule(r"(?:" + _WEEKDAY + r",?\s+)?(?:(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH
      + r"|" + _MONTH.replace("mon>", "mon2>") + r"\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?)")  # fmt: skip
def _day_month(m, anchor, direction):
    month, number = _month(m["mon"] or m["mon2"]), int(m["d"] or m["d2"])

    def make(year: int) -> Span:
        return day(dt.date(year, month, min(number, days_in(year, month))))

    return _recurring(make, anchor, None, direction) if number <= 31 else None


@rule(r"(?P<d>\d{1,2})\s*(?:-|\u2013|to)\s*(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH)
def _days_of_month(m, anchor, direction):
    """``16-18 December``: the days of one month, in the occurrence the tense points to."""
    month, first, last = _month(m["mon"]), int(m["d"]), int(m["d2"])
    if not 1 <= first <= last <= 31:
        return None

    def make(year: int) -> Span:
        end = min(last, days_in(year, month))
        return dt.date(year, month, min(first, end)), dt.date(year, month, end)

    return _recurring(make, anchor, None, direction)


@rule(r"(?:(?P<which>last|next|this)\s+)?" + _PART + _MONTH + r"(?:\s+(?:of\s+)?(?P<rel>this|last|next)\s+year)?")
def _month_alone(m, anchor, direction):
    if anchor is None:
        return None
    month = _month(m["mon"])
    if m["rel"]:
        year = anchor.year + {"this": 0, "last": -1, "next": 1}[m["rel"]]
        return _part(month_span(year, month), m)
    found = _recurring(lambda year: month_span(year, month), anchor, m["which"], direction)
    return _part(found, m) if found else None


@rule(r"(?:(?P<which>last|next|this)\s+)?(?P<s>spring|summer|autumn|fall|winter)")
def _season(m, anchor, direction):
    return _recurring(lambda year: season_span(year, m["s"]), anchor, m["which"], direction)


_HOLIDAYS: dict[str, Callable[[int], dt.date]] = {
    "christmas": lambda y: dt.date(y, 12, 25),
    "christmas day": lambda y: dt.date(y, 12, 25),
    "christmas eve": lambda y: dt.date(y, 12, 24),
    "boxing day": lambda y: dt.date(y, 12, 26),
    "new year's day": lambda y: dt.date(y, 1, 1),
    "new year's eve": lambda y: dt.date(y, 12, 31),
    "new year": lambda y: dt.date(y, 1, 1),
    "easter": easter,
    "easter sunday": easter,
    "valentine's day": lambda y: dt.date(y, 2, 14),
    "halloween": lambda y: dt.date(y, 10, 31),
}


@rule(r"(?:(?P<which>last|next|this)\s+)?(?P<h>" + "|".join(map(re.escape, _HOLIDAYS)) + r")(?:\s+(?P<y>\d{4}))?")
def _holiday(m, anchor, direction):
    make = _HOLIDAYS[m["h"]]
    if m["y"]:
        return day(make(int(m["y"])))
    return _recurring(lambda year: day(make(year)), anchor, m["which"], direction)


def unit_span(anchor: dt.date, unit: str) -> Span:
    """The calendar week, month, year or decade holding ``anchor``."""
    if unit == "week":
        return week_span(anchor)
    if unit == "weekend":
        saturday = anchor + dt.timedelta(days=5 - anchor.weekday())
        return saturday, saturday + dt.timedelta(days=1)
    if unit == "month":
        return month_span(anchor.year, anchor.month)
    if unit == "decade":
        return year_span(anchor.year // 10 * 10, anchor.year // 10 * 10 + 9)
    return year_span(anchor.year)


def moved(anchor: dt.date, unit: str, count: int) -> dt.date:
    """``anchor`` moved by ``count`` days, weeks, months, years or decades."""
    if unit in ("day", "week", "weekend"):
        return anchor + dt.timedelta(days=count * (1 if unit == "day" else 7))
    return shift_months(anchor, count * {"month": 1, "year": 12, "decade": 120}[unit])


@rule(r"(?=earlier\s|later\s|.*\b(?:this|last|next|coming|previous|current)\s+\w+$)"  # says which one
      r"(?:(?P<side>earlier|later)\s+(?:in\s+(?:the\s+)?)?)?" + _PART
      + r"(?:(?P<which>this|last|next|coming|previous|current)\s+)?"
      + r"(?P<unit>week|weekend|month|year|decade)")  # fmt: skip
def _calendar_unit(m, anchor, direction):
    """``last week``, ``early next month``, ``later this year``, ``earlier in the year`` (the
    unit holding the document's date, as ``this`` does)."""
    if anchor is None:
        return None
    unit = m["unit"]
    step = {"last": -1, "previous": -1, "next": 1, "coming": 1}.get(m["which"], 0)
    start, end = _part(unit_span(moved(anchor, unit, step), unit), m)
    if m["side"] == "earlier":
        return start, min(end or anchor, anchor)
    if m["side"] == "later":
        return max(start or anchor, anchor), end
    return start, end


@rule(r"(?:week-?end|weekend)")
def _weekend(m, anchor, direction):
    """``the weekend``: the one before the anchor, after it, or the nearest, by the tense."""
    if anchor is None:
        return None
    spans = [unit_span(anchor + dt.timedelta(days=7 * k), "weekend") for k in (-1, 0, 1)]
    return nearest(spans, anchor, direction)


@rule(r"(?P<which>past|last|next|coming|previous|following)\s+(?:" + _NUMBER + r"\s+)?" + _UNIT)
def _rolling(m, anchor, direction):
    """``the past year``, ``the next three months``: a period ending or starting at the anchor."""
    if anchor is None or m["which"] == "following":
        return None  # "the following week" follows another time in the text
    count = NUMBERS.get(m["n"] or "a") or int(m["n"])
    if m["which"] in ("next", "coming"):
        return anchor, moved(anchor, m["unit"], count)
    return moved(anchor, m["unit"], -count), anchor


_HEDGE = r"(?:(?:almost|nearly|about|around|some|only|just|exactly|more than|over|barely)\s+)*"


@rule(_HEDGE + r"(?:" + _NUMBER + r"\s+)?" + _UNIT + r"\s+(?P<post>ago|from now|hence|time)")
def _ago(m, anchor, direction):
    """``four years ago``, ``nearly 20 years ago``, ``a year ago`` (read without its ``a``)."""
    if anchor is None or (m["n"] is None and m["post"] == "time"):
        return None  # "year time" is no date
    count = NUMBERS.get(m["n"] or "a") or int(m["n"])
    then = moved(anchor, m["unit"], -count if m["post"] == "ago" else count)
    return day(then) if m["unit"] == "day" else unit_span(then, m["unit"])
