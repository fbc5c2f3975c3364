"""Metadata read from the raw header of a scraped news file: title, date and outlet.

Scraped articles often open with a few header lines before the body: a category label
("Politics"), a timestamp, the headline, an "Updated ..." line, the outlet ("CGTN"). The
heuristics here are general; they read the raw text, before cleaning removes copyright lines.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from dataclasses import dataclass

__all__ = [
    "MONTH_NAMES",
    "Header",
    "document_date",
    "is_date_line",
    "parse_date",
    "parse_datetime",
    "read_header",
    "strip_header",
]

# --- dates ---------------------------------------------------------------------------------

MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_WEEKDAYS = (
    r"mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?"
    r"|sat(?:urday)?|sun(?:day)?"
)
#: A date or time anchor: a month name, 2020-04-27 / 27.04.2020, 20:51, or "3 hours ago".
_DATE_ANCHOR = re.compile(
    rf"\b(?:{_MONTHS})\b|\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}}|\b\d{{1,2}}:\d{{2}}"
    r"|\b\d+\s+(?:minutes?|hours?|days?|weeks?)\s+ago\b",
    re.IGNORECASE,
)
#: Everything a date-only line may contain; a line made only of these tokens is a timestamp.
_DATE_TOKEN = re.compile(
    rf"\b(?:{_MONTHS}|{_WEEKDAYS})\b\.?|\b(?:last\s+)?(?:updated|modified|published|posted)\b"
    r"|\bfirst published\b|\b(?:on|at|ago|today|yesterday|minutes?|hours?|days?|weeks?)\b"
    r"|\b(?:[ap]\.?m\.?|gmt|utc|[a-z]{1,3}[sd]t|cest|cet|msk|hkt|sgt|et|pt|ct)\b"
    r"|\d{4}-\d{2}-\d{2}t[\d:.]+z?|\d{1,4}(?:st|nd|rd|th)?\b|[\s.,:;/|+\-\u2013\u2014()]",
    re.IGNORECASE,
)
_DATE_LINE_MAX = 80

#: Dates with a year, each giving (year, month, day) groups by name.
_DATE_FORMATS = (
    re.compile(r"(?<!\d)(?P<y>\d{4})([./-])(?P<m>\d{1,2})\2(?P<d>\d{1,2})(?!\d)"),
    re.compile(r"(?<![\d.])(?P<d>\d{1,2})([.-])(?P<m>\d{1,2})\2(?P<y>\d{4})(?!\d)"),
    re.compile(
        rf"\b(?P<mon>{_MONTHS})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTHS})\.?,?\s+"
        r"(?P<y>\d{4})\b",
        re.IGNORECASE,
    ),
)


def is_date_line(line: str) -> bool:
    """True when ``line`` is only a date or timestamp ("Updated 2020.04.27 20:51 GMT+8")."""
    line = line.strip()
    if not line or len(line) > _DATE_LINE_MAX or not _DATE_ANCHOR.search(line):
        return False
    return not _DATE_TOKEN.sub("", line).strip()


def _iso(match: re.Match) -> str | None:
    groups = match.groupdict()
    if groups.get("mon"):
        prefix = groups["mon"][:3].lower()
        month = next(i for i, name in enumerate(MONTH_NAMES, 1) if name.startswith(prefix))
    else:
        month = int(groups["m"])
    try:
        return _dt.date(int(groups["y"]), month, int(groups["d"])).isoformat()
    except ValueError:
        return None


def parse_date(text: str) -> str | None:
    """The first readable date with a year in ``text``, as ISO ``YYYY-MM-DD``; else None."""
    found = [m for fmt in _DATE_FORMATS for m in fmt.finditer(text)]
    for match in sorted(found, key=lambda m: m.start()):
        iso = _iso(match)
        if iso:
            return iso
    return None


def parse_datetime(text: str) -> str | None:
    """A timestamp as ISO 8601, keeping its time of day and offset when it has them
    (``2020-04-27T20:51:00+08:00``; ISO 8601 or e-mail style, ``Mon, 27 Apr 2020 20:51:00
    GMT``); else the first date in ``text`` (:func:`parse_date`); else None."""
    value = text.strip()
    stamp: _dt.datetime | None
    try:
        stamp = _dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        stamp = _email_datetime(value)
    if stamp is not None and (len(value) > 10 or stamp.time() != _dt.time()):
        return stamp.isoformat(timespec="microseconds" if stamp.microsecond else "seconds")
    return stamp.date().isoformat() if stamp is not None else parse_date(value)


def _email_datetime(value: str) -> _dt.datetime | None:
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None


def document_date(value: str | None, warn: Callable[[str], None] | None = None, where: str = "") -> str | None:
    """A document's ``date`` field as ISO 8601 (time of day kept), or None with a warning when
    it is not a date (``yesterday``): a value that is not a date never becomes one."""
    if not value or not value.strip():
        return None
    found = parse_datetime(value)
    if found is None and warn is not None:
        warn(f"{where + ': ' if where else ''}date {value.strip()[:40]!r} is not a date; left out")
    return found


# --- dates in bylines, datelines and publication lines ---------------------------------------

#: Lines that state when the article was published: "By Jane Doe, 27 April 2020", "Published
#: 5 March 2021 · 3 min read", "Last updated: ...", "WASHINGTON, April 27, 2020 (Reuters) -".
_PUBLICATION_LINE = re.compile(
    r"^(?:(?i:by)\s+[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*)+"
    r"|(?i:(?:first\s+|last\s+)?(?:published|updated|posted|modified))\b"
    r"|[A-Z][A-Z .'-]{2,40}(?:,|\s[-–—]))"
)
_PUBLICATION_LINE_MAX = 160
_BODY_LINES = 15


def _body_date(lines: list[str]) -> str | None:
    """A full date in a byline, publication line or dateline among the first lines (never in a
    copyright line: its year is not a publication date)."""
    for line in [x for x in lines if x][:_BODY_LINES]:
        if len(line) > _PUBLICATION_LINE_MAX or _COPYRIGHT.match(line) or not _PUBLICATION_LINE.match(line):
            continue
        found = parse_date(line)
        if found:
            return found
    return None


# --- outlets -------------------------------------------------------------------------------

#: An outlet line in the header: a short all-caps token ("CGTN", "BBC", "AP").
_OUTLET_LINE = re.compile(r"^[A-Z][A-Z0-9&]{1,5}$")
#: All-caps lines that are sections, places or page furniture, not outlets.
_NOT_OUTLETS = frozenset(
    "NEWS WORLD LIVE VIDEO VIDEOS PHOTO PHOTOS SPORT SPORTS ASIA AFRICA EUROPE US USA UK EU "
    "UN TECH OPINION LOGO MENU HOME SHARE ALERT UPDATE UPDATED LATEST TOP MORE".split()
)
#: "Source: Xinhua" in the header.
_SOURCE_LINE = re.compile(r"^source\s*:\s*(?P<name>[^.!?]{2,40})$", re.IGNORECASE)
#: "Copyright The Financial Times Limited 2024. All rights reserved.", "© 2024 Reuters".
_COPYRIGHT = re.compile(
    r"^(?:(?i:copyright)\s*(?:©|\((?i:c)\))?|©)\s*(?:\d{4}(?:\s*[-\u2013]\s*\d{4})?\s*)?"
    r"(?P<name>[A-Z][^.,;|\d]{1,60}?)\s*(?:\d{4})?\s*(?:[.,;|]|$)"
)
_COMPANY_SUFFIX = re.compile(
    r"\s+(?:or|and) its .*$|\s+(?:limited|ltd\.?|inc\.?|llc|plc|corp(?:oration)?\.?|gmbh"
    r"|co\.|s\.a\.)$",
    re.IGNORECASE,
)
#: A wire dateline in the first lines: "MOSCOW (Reuters) -", "WASHINGTON, April 27 (AP) --".
_DATELINE = re.compile(r"^[A-Z][\w.,' -]{0,60}?\((?P<name>[A-Z][\w&.]*(?:\s[A-Z][\w&.]*){0,2})\)\s*[-\u2013\u2014]")
#: An all-caps agency sign-off after the last sentence: '... faster." REUTERS'.
_SIGN_OFF = re.compile(r"[.!?\"'\u201d\u2019]\s+(?P<name>[A-Z]{2,})(?:\s*[,/]\s*[A-Z]{2,})*\s*$")


def _outlet_name(name: str) -> str:
    """ "REUTERS" -> "Reuters"; short acronyms ("CGTN", "BBC") stay as they are."""
    name = name.strip()
    return name.title() if name.isupper() and len(name) > 4 else name


def _header_outlet(line: str) -> str | None:
    if _OUTLET_LINE.match(line) and line not in _NOT_OUTLETS:
        return line
    match = _SOURCE_LINE.match(line)
    return match["name"].strip() if match else None


def _copyright_outlet(lines: list[str]) -> str | None:
    for line in reversed(lines):
        match = _COPYRIGHT.match(line)
        if match and not match["name"].lower().startswith("all rights"):
            name = _COMPANY_SUFFIX.sub("", match["name"].strip())
            return _COMPANY_SUFFIX.sub("", name).strip() or None
    return None


def _body_outlet(lines: list[str]) -> str | None:
    """A dateline agency in the first lines, or a sign-off on the last line."""
    for line in lines[:15]:
        match = _DATELINE.match(line)
        if match:
            return match["name"]
    match = _SIGN_OFF.search(lines[-1]) if lines else None
    return match["name"] if match else None


# --- the header ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Header:
    """What the header lines said, and which raw lines (``splitlines`` indices) to drop."""

    title: str | None = None
    date: str | None = None
    source: str | None = None
    drop: frozenset[int] = frozenset()


_HEADER_LINES = 10  # non-blank lines looked at


def _norm(line: str) -> str:
    return re.sub(r"\s+", " ", line.replace("\ufeff", "")).strip()


def _is_title(line: str) -> bool:
    """A headline: 3-25 words, no full stop, comma or colon at the end."""
    return 3 <= len(line.split()) <= 25 and not re.search(r"[.,;:\u2026]$", line)


def _is_label(line: str) -> bool:
    """A category label: one or two short words ("Politics", "World news"); not a sentence of
    a language written without spaces (Japanese, Chinese)."""
    return len(line.split()) <= 2 and len(line) <= 40 and not re.search(r"[.!?\u3002\uff01\uff1f]$", line)


def _kind(line: str, title: str | None, is_furniture: Callable[[str], bool] | None) -> str:
    """What a header line is: date, outlet, repeat, furniture, label, title or body."""
    if is_date_line(line):
        return "date"
    if _header_outlet(line):
        return "outlet"
    if title and line.casefold() == title.casefold():
        return "repeat"
    if is_furniture and is_furniture(line):
        return "furniture"
    if title is None and _is_label(line):
        return "label"
    if title is None and _is_title(line):
        return "title"
    return "body"


def read_header(text: str, *, is_furniture: Callable[[str], bool] | None = None) -> Header:
    """Read title, date and outlet from the header lines of raw ``text``.

    ``is_furniture`` tells page-furniture lines (newsletter prompts, captions) to skip over.
    Date, outlet and category-label lines before the body are listed in ``Header.drop``.
    """
    lines = [_norm(line) for line in text.splitlines()]
    title = date = source = None
    drop: set[int] = set()
    header = [(i, line) for i, line in enumerate(lines) if line][:_HEADER_LINES]
    for i, line in header:
        kind = _kind(line, title, is_furniture)
        if kind == "body":
            break
        if kind in ("date", "outlet", "label"):
            drop.add(i)
        if kind == "title":
            title = line
        elif kind == "outlet":
            source = source or _header_outlet(line)
        elif kind == "date" or (kind == "furniture" and len(line.split()) < 15):
            date = date or parse_date(line)
    date = date or _body_date(lines)
    source = source or _copyright_outlet(lines) or _body_outlet([x for x in lines if x])
    return Header(title, date, _outlet_name(source) if source else None, frozenset(drop))


def strip_header(text: str, header: Header) -> str:
    """``text`` without the raw lines listed in ``header.drop``."""
    lines = text.splitlines()
    return "\n".join(line for i, line in enumerate(lines) if i not in header.drop)
