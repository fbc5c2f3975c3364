"""Time expressions normalised to days (kg.extract.times, kg.extract.time_rules), against a
document dated Wednesday 16 February 2005, and through extraction on real sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extract import extract_text
from kg.extract.times import anchor_of, direction_of, fact_time, normalise_time
from kg.model import Document

WEDNESDAY = dt.date(2005, 2, 16)


def _iso(span):
    return None if span is None else tuple(d.isoformat() if d else None for d in span)


@pytest.mark.parametrize(
    "text, direction, expected",
    [
        ("Dec 19, 2024", 0, ("2024-12-19", "2024-12-19")),
        ("7 March 2003", 0, ("2003-03-07", "2003-03-07")),
        ("September 11th 2001", 0, ("2001-09-11", "2001-09-11")),
        ("September 2004", 0, ("2004-09-01", "2004-09-30")),
        ("1997", 0, ("1997-01-01", "1997-12-31")),
        ("2003/2004", 0, ("2003-01-01", "2004-12-31")),
        ("the 1960s", 0, ("1960-01-01", "1969-12-31")),
        ("the 19th century", 0, ("1801-01-01", "1900-12-31")),
        ("spring 2006", 0, ("2006-03-01", "2006-05-31")),
        ("the end of March 2005", 0, ("2005-03-21", "2005-03-31")),
        ("today", 0, ("2005-02-16", "2005-02-16")),
        ("yesterday", 0, ("2005-02-15", "2005-02-15")),
        ("last night", 0, ("2005-02-15", "2005-02-15")),
        ("tomorrow", 0, ("2005-02-17", "2005-02-17")),
        ("Monday", -1, ("2005-02-14", "2005-02-14")),
        ("on Monday", 0, ("2005-02-14", "2005-02-14")),  # nearest: two days back, five ahead
        ("Friday", 1, ("2005-02-18", "2005-02-18")),
        ("Friday", -1, ("2005-02-11", "2005-02-11")),
        ("Wednesday", -1, ("2005-02-16", "2005-02-16")),  # the document's own day
        ("next Monday", 0, ("2005-02-21", "2005-02-21")),
        ("last Thursday", 0, ("2005-02-10", "2005-02-10")),
        ("Tuesday afternoon", -1, ("2005-02-15", "2005-02-15")),
        ("Saturday 12 February", 0, ("2005-02-12", "2005-02-12")),
        ("5 May", 1, ("2005-05-05", "2005-05-05")),
        ("5 May", -1, ("2004-05-05", "2004-05-05")),
        ("last week", 0, ("2005-02-07", "2005-02-13")),
        ("this week", 0, ("2005-02-14", "2005-02-20")),
        ("earlier this week", 0, ("2005-02-14", "2005-02-16")),
        ("next month", 0, ("2005-03-01", "2005-03-31")),
        ("last month", 0, ("2005-01-01", "2005-01-31")),
        ("earlier this month", 0, ("2005-02-01", "2005-02-16")),
        ("last year", 0, ("2004-01-01", "2004-12-31")),
        ("next year", 0, ("2006-01-01", "2006-12-31")),
        ("later this year", 0, ("2005-02-16", "2005-12-31")),
        ("February this year", 0, ("2005-02-01", "2005-02-28")),
        ("in February this year", 0, ("2005-02-01", "2005-02-28")),
        ("November", -1, ("2004-11-01", "2004-11-30")),
        ("November", 1, ("2005-11-01", "2005-11-30")),
        ("last October", 0, ("2004-10-01", "2004-10-31")),
        ("the summer", -1, ("2004-06-01", "2004-08-31")),
        ("last summer", 0, ("2004-06-01", "2004-08-31")),
        ("this weekend", 0, ("2005-02-19", "2005-02-20")),
        ("the weekend", -1, ("2005-02-12", "2005-02-13")),
        ("the weekend", 1, ("2005-02-19", "2005-02-20")),
        ("Christmas", -1, ("2004-12-25", "2004-12-25")),
        ("four years ago", 0, ("2001-01-01", "2001-12-31")),
        ("two weeks ago", 0, ("2005-01-31", "2005-02-06")),
        ("the past year", 0, ("2004-02-16", "2005-02-16")),
        ("the next five years", 0, ("2005-02-16", "2010-02-16")),
        ("the first quarter", 0, ("2005-01-01", "2005-03-31")),
        ("a year ago", 0, ("2004-01-01", "2004-12-31")),  # "a" is read as the number it is
        ("nearly 20 years ago", 0, ("1985-01-01", "1985-12-31")),  # a hedge before the number
        ("early next week", 0, ("2005-02-21", "2005-02-22")),  # a part of a calendar unit
        ("later in the year", 0, ("2005-02-16", "2005-12-31")),
        ("earlier in the year", 0, ("2005-01-01", "2005-02-16")),
        ("January of this year", 0, ("2005-01-01", "2005-01-31")),
        ("16-18 December", -1, ("2004-12-16", "2004-12-18")),  # days of one month
    ],
)
def test_expressions_become_first_and_last_days(text, direction, expected):
    assert _iso(normalise_time(text, WEDNESDAY, direction=direction)) == expected


@pytest.mark.parametrize(
    "text, preposition, direction, expected",
    [
        ("1997", "since", 0, ("1997-01-01", "2005-02-16")),
        ("2007", "by", 1, ("2005-02-16", "2007-12-31")),
        ("May", "until", 1, ("2005-02-16", "2005-05-31")),
        ("2005", "before", 0, (None, "2004-12-31")),
        ("the election", "after", 0, None),
        ("four years", "for", -1, ("2001-02-16", "2005-02-16")),
        ("two years", "within", 1, ("2005-02-16", "2007-02-16")),
        ("three weeks", "in", 1, ("2005-03-07", "2005-03-13")),
        ("1983 and 1992", "between", -1, ("1983-01-01", "1992-12-31")),
        ("May and June", "between", 1, ("2005-05-01", "2005-06-30")),
        ("1992 and 1983", "between", 0, None),  # backwards: no period
    ],
)
def test_the_preposition_before_an_expression_bounds_it(text, preposition, direction, expected):
    span = normalise_time(text, WEDNESDAY, direction=direction, preposition=preposition)
    assert _iso(span) == expected


@pytest.mark.parametrize(
    "text",
    ["four years", "each year", "every week", "that Wednesday", "the day", "34", "the age of 40",
     "two years later", "recent years", "decades", "the following week", "seconds of each other", "the year",
     "a week"],
)  # fmt: skip
def test_durations_sets_and_pointers_to_other_times_are_no_dates(text):
    assert normalise_time(text, WEDNESDAY) is None


def test_relative_expressions_need_the_documents_date():
    assert normalise_time("Monday", None) is None and normalise_time("last week", None) is None
    assert _iso(normalise_time("Dec 19, 2024", None)) == ("2024-12-19", "2024-12-19")


@pytest.mark.parametrize(
    "surface, direction",
    [("will meet", 1), ("is due to visit", 1), ("met", -1), ("was elected", -1), ("said", -1),
     ("has hoped", -1), ("meets", 0), ("is", 0)],
)  # fmt: skip
def test_the_tense_comes_from_the_relation_as_written(surface, direction):
    assert direction_of(surface) == direction


def test_a_documents_date_with_a_time_of_day_anchors_on_its_day():
    assert anchor_of(Document("d", "x", date="2020-04-27T20:51:00+08:00")) == dt.date(2020, 4, 27)
    assert anchor_of(Document("d", "x", date="yesterday")) is None


def test_facts_carry_their_time_normalised(nlp):
    text = "Kremlin spokesman Dmitry Peskov said on Monday that talks would resume next month."
    extraction = extract_text(text, nlp=nlp)
    document = Document("d", text, date="2020-04-29")  # a Wednesday
    times = {f.relation: fact_time(f, document) for f in extraction.facts if fact_time(f, document)}
    said = times["say"]
    assert (said.text, said.start, said.end) == ("Monday", "2020-04-27", "2020-04-27")
