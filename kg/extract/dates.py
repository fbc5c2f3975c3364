"""Calendar arithmetic for time expressions: weeks, months, years, seasons, holidays, and the
choice between the occurrences of a recurring date (``Monday``, ``in March``) around an anchor."""

from __future__ import annotations

import calendar
import datetime as dt

__all__ = [
    "Span",
    "day",
    "days_in",
    "easter",
    "month_span",
    "nearest",
    "season_span",
    "shift_months",
    "week_span",
    "year_span",
]

#: A period as (first day, last day); either may be None for an open end.
Span = tuple[dt.date | None, dt.date | None]

#: Meteorological seasons of the northern hemisphere: (first month, months long).
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


def day(value: dt.date) -> Span:
    return value, value


def days_in(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def week_span(value: dt.date) -> Span:
    """The ISO week (Monday to Sunday) holding ``value``."""
    monday = value - dt.timedelta(days=value.weekday())
    return monday, monday + dt.timedelta(days=6)


def month_span(year: int, month: int) -> Span:
    return dt.date(year, month, 1), dt.date(year, month, days_in(year, month))


def year_span(year: int, last: int | None = None) -> Span:
    return dt.date(year, 1, 1), dt.date(last or year, 12, 31)


def season_span(year: int, season: str) -> Span:
    """A season of ``year`` (winter runs into the next year)."""
    first = SEASONS[season]
    start = dt.date(year, first, 1)
    end_year, end_month = (year + 1, 2) if first == 12 else (year, first + 2)
    return start, month_span(end_year, end_month)[1]


def shift_months(value: dt.date, months: int) -> dt.date:
    """``value`` moved by whole months, the day clipped to the month's length."""
    index = value.year * 12 + value.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(value.day, days_in(year, month + 1)))


def easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m + 90) // 25
    return dt.date(year, n, (h + m - 7 * n + 114) % 31 + 1)


def nearest(candidates: list[Span], anchor: dt.date, direction: int) -> Span:
    """Of the occurrences of a recurring period, the one the text means: with ``direction`` -1
    the latest that has begun by ``anchor``, +1 the first that has not ended before it, 0 the
    one closest to it."""

    def start(span: Span) -> dt.date:
        return span[0] or anchor

    def end(span: Span) -> dt.date:
        return span[1] or anchor

    if direction < 0:
        begun = [s for s in candidates if start(s) <= anchor]
        return max(begun, key=start) if begun else min(candidates, key=start)
    if direction > 0:
        coming = [s for s in candidates if end(s) >= anchor]
        return min(coming, key=start) if coming else max(candidates, key=start)
    return min(
        candidates,
        key=lambda s: (
            0 if start(s) <= anchor <= end(s) else min(abs((start(s) - anchor).days), abs((end(s) - anchor).days))
        ),
    )
