"""A fact's time in the graph: kg:startDate, kg:endDate and kg:date, typed xsd:date; on the seeds,
document 000 (dated 2020.04.27 in its header) says Peskov spoke on Monday, 2020-04-27."""

from __future__ import annotations

import pyoxigraph as ox

from kg.graph.namespaces import KG, XSD
from kg.graph.quads import document_quads
from kg.model import Document, GraphFact, Node, TimeSpan

SENTENCE = "The minister spoke last week."
XSD_DATE = ox.NamedNode(XSD + "date")


def _values(time: TimeSpan) -> dict[str, list[ox.Literal]]:
    fact = GraphFact(Node(literal="The minister"), "speak", Node(literal="x"), "d", 0, SENTENCE, 0, 9, time=time)
    out: dict[str, list[ox.Literal]] = {}
    for q in document_quads(Document("d", SENTENCE), [fact], {}):
        if q.predicate in (KG.startDate, KG.endDate, KG.date):
            out.setdefault(q.predicate.value.rsplit("#", 1)[1], []).append(q.object)
    return out


def test_a_period_has_a_start_and_an_end_and_no_day():
    values = _values(TimeSpan("last week", "2005-02-07", "2005-02-13"))
    assert values == {
        "startDate": [ox.Literal("2005-02-07", datatype=XSD_DATE)],
        "endDate": [ox.Literal("2005-02-13", datatype=XSD_DATE)],
    }


def test_one_day_is_also_the_facts_date_and_an_open_end_is_left_out():
    assert _values(TimeSpan("Monday", "2020-04-27", "2020-04-27"))["date"] == [
        ox.Literal("2020-04-27", datatype=XSD_DATE)
    ]
    assert set(_values(TimeSpan("before 2005", None, "2004-12-31"))) == {"endDate"}


def test_time_span_in_iso_8601():
    assert TimeSpan("Monday", "2020-04-27", "2020-04-27").iso == "2020-04-27"
    assert TimeSpan("last week", "2005-02-07", "2005-02-13").iso == "2005-02-07/2005-02-13"
    assert TimeSpan("since 1997", "1997-01-01", None).iso == "1997-01-01/.."


MONDAY = """
SELECT DISTINCT ?day WHERE {
  ?d dcterms:identifier ?id FILTER(STRSTARTS(?id, "000_"))
  ?f kg:sentence/kg:document ?d ; kg:time "Monday" ; kg:date ?day .
}"""


def test_seed_document_000_dates_monday_2020_04_27(seed_graph):
    assert seed_graph.query(MONDAY).rows == [("2020-04-27",)]
    rows = seed_graph.query("timeline", bindings={"entity": "Peskov"}).rows
    assert ("2020-04-27", "2020-04-27", "Monday") in {row[:3] for row in rows}
