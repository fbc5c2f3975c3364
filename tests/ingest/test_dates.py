"""Publication dates (kg.ingest.metadata): timestamps keep their time of day, bylines,
publication lines and datelines give the date, a copyright year never does, and a JSON-lines
``date`` that is not a date is a warning, not a string."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from kg.graph.namespaces import DCTERMS, XSD
from kg.graph.quads import document_quads
from kg.ingest.metadata import document_date, parse_datetime, read_header
from kg.ingest.sources import iter_documents


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2020-04-27", "2020-04-27"),
        ("2020-04-27T20:51:00+08:00", "2020-04-27T20:51:00+08:00"),
        ("2020-04-27 20:51", "2020-04-27T20:51:00"),
        ("2020-04-27T20:51:00Z", "2020-04-27T20:51:00+00:00"),
        ("Mon, 27 Apr 2020 20:51:00 GMT", "2020-04-27T20:51:00+00:00"),
        ("April 27, 2020", "2020-04-27"),
        ("Updated 2020.04.27 20:51 GMT+8", "2020-04-27"),
        ("yesterday", None),
        ("spring 2020", None),
    ],
)
def test_timestamps_keep_their_time_of_day(value, expected):
    assert parse_datetime(value) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("A headline of several words\n\nBy Jane Doe, 27 April 2020\n\nThe minister spoke.", "2020-04-27"),
        ("A headline of several words\n\nPublished 5 March 2021 \u00b7 3 min read\n\nText.", "2021-03-05"),
        ("A headline of several words\n\nLast updated: 12 June 2019\n\nText.", "2019-06-12"),
        ("A headline of several words\n\nWASHINGTON, April 27, 2020 (Reuters) - The US said so.", "2020-04-27"),
        # a sentence that starts like a byline is not one; nor is a copyright line
        ("A headline of several words\n\nBy 2007, leave would rise, as said on 7 March 2003.\n", None),
        ("A headline of several words\n\nThe text.\n\n\u00a9 2024 Reuters. 1 January 2024", None),
        ("A headline of several words\n\nThe text.\n\nCopyright The Financial Times Limited 2024.", None),
    ],
)
def test_publication_dates_from_bylines_and_datelines(text, expected):
    assert read_header(text).date == expected


def test_a_jsonl_date_that_is_not_a_date_is_a_warning(tmp_path):
    path = tmp_path / "feed.jsonl"
    records = [
        {"id": "a", "text": "One story.", "date": "yesterday"},
        {"id": "b", "text": "Two.", "date": "2020-04-27"},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    warnings: list[str] = []
    docs = list(iter_documents([str(path)], on_warning=warnings.append))
    assert [d.date for d in docs] == [None, "2020-04-27"]
    assert len(warnings) == 1 and "feed.jsonl:1" in warnings[0] and "'yesterday' is not a date" in warnings[0]


def test_document_date_without_a_warner_just_refuses():
    assert document_date("next Tuesday") is None and document_date("  ") is None


def test_a_date_with_a_time_of_day_is_an_xsd_datetime_in_the_graph():
    from kg.model import Document

    quads = list(document_quads(Document("d", "Text.", date="2020-04-27T20:51:00+08:00"), [], {}))
    dates = [q.object for q in quads if q.predicate == ox.NamedNode(DCTERMS + "date")]
    assert dates == [ox.Literal("2020-04-27T20:51:00+08:00", datatype=ox.NamedNode(XSD + "dateTime"))]
