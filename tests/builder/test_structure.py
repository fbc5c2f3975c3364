"""On the seeds, SPARQL answers structurally: who met whom, who told whom, who holds which
office, how two countries relate (cooperation or conflict); entities at the ends of facts; the
edges and facts exports."""

from __future__ import annotations

import csv
import io

from kg.views.edges import EDGE_COLUMNS
from kg.views.tables import FACT_COLUMNS, FACT_COLUMNS_EXTRA


def test_tillerson_met_putin_and_lavrov(seed_graph):
    rows = seed_graph.query("meetings", bindings={"entity": "Tillerson"}).rows
    pairs = {(row[0], row[1]) for row in rows}
    assert {("Rex Tillerson", "Vladimir Putin"), ("Rex Tillerson", "Sergey Lavrov")} <= pairs


def test_pompeo_told_lavrov(seed_graph):
    rows = seed_graph.query("told-whom", bindings={"entity": "Pompeo"}).rows
    assert any(row[0] == "Pompeo" and row[1] == "tell" and row[2] == "Sergey Lavrov" for row in rows)
    assert any(row[2] == "reporters" for row in seed_graph.query("told-whom").rows)  # Peskov told reporters


def test_peskov_is_the_kremlins_spokesman(seed_graph):
    rows = seed_graph.query("offices", bindings={"entity": "Peskov"}).rows
    assert {(row[0], row[1], row[2]) for row in rows} == {("Dmitry Peskov", "spokesman", "Kremlin")}
    assert all(row[3] for row in rows)
    secretaries = {row[0] for row in seed_graph.query("offices").rows if row[1] == "secretary of state"}
    assert {"Rex Tillerson", "Marco Rubio"} <= secretaries  # a title, not an organisation named State


def test_the_us_and_russia_split_into_cooperation_and_conflict(seed_graph):
    rows = seed_graph.query("relations-between", bindings={"entity": "United States", "other": "Russia"}).rows
    by_class = {(row[0], row[1]): (int(row[2]), row[3]) for row in rows}
    assert by_class[("material cooperation", "cooperation")] == (2, "work with")  # twice in document 003
    assert by_class[("verbal conflict", "opposition")] == (1, "confront")  # "moved to confront Russia"
    assert ("verbal cooperation", "appeal") in by_class  # the United States asked Russia
    # the two entities either way, by alias: the same facts
    swapped = seed_graph.query("relations-between", bindings={"entity": "Russian Federation", "other": "US"}).rows
    assert sorted(swapped) == sorted(rows)


def test_an_entity_inside_an_object_is_a_direct_triple(seed_graph):
    rows = seed_graph.query(
        """SELECT ?p WHERE { ?m rdfs:label "Moscow" . ?n rdfs:label "Nicolás Maduro" . ?m ?p ?n }"""
    ).rows
    assert [row[0] for row in rows] == ["https://w3id.org/kg-news/rel/terminate_support_for"]


def test_most_facts_have_graph_nodes_at_both_ends(seed_graph):
    facts = seed_graph.facts()
    nodes = [f for f in facts if f["subject_id"] and f["object_id"]]
    assert len(nodes) / len(facts) >= 0.5
    assert {f["object_type"] for f in facts if f["relation"] == "say"} == {"Statement"}


def test_edges_export(seed_graph):
    text = seed_graph.export("csv", what="edges").decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == EDGE_COLUMNS
    kinds = {row["kind"] for row in rows}
    assert {"object", "role", "addressee", "argument", "statement"} <= kinds
    assert all(row["source_id"] and row["target_id"] for row in rows)
    spokesman = [r for r in rows if r["kind"] == "role" and r["source"] == "Dmitry Peskov"]
    assert {(r["relation"], r["target"]) for r in spokesman} == {("spokesman", "Kremlin")}
    assert seed_graph.export("json", what="edges").startswith(b"[")
    assert b"<graphml" in seed_graph.export("graphml", what="edges")


def test_facts_csv_keeps_its_ten_columns_first(seed_graph):
    text = seed_graph.export("csv", what="facts").decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == FACT_COLUMNS + FACT_COLUMNS_EXTRA
    peskov = [r for r in rows if r["subject"] == "Dmitry Peskov" and r["relation"] == "say"]
    assert peskov and all(r["subject_type"] == "Person" and r["subject_id"].startswith("https://") for r in peskov)
    assert all(r["object_id"] == "" and r["object_type"] == "Statement" for r in peskov)
    concepts = [r for r in rows if r["object_type"] == "Concept"]
    assert concepts and all(r["object_id"] for r in concepts)
