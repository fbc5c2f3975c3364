"""Query results: to_dataframe (columns, typed values, ASK and CONSTRUCT, pandas missing) and the
one set of serialisers (table, SPARQL CSV, TSV, JSON, XML, RDF for graph results)."""

from __future__ import annotations

import json
import sys
from xml.etree import ElementTree

import pytest

from kg.errors import ExportError, KGError
from kg.store.formats import text_table
from kg.store.results import (
    RESULT_FORMATS,
    render,
    serialize,
    to_csv,
    to_sparql_json,
    to_sparql_xml,
    to_table,
    to_tsv,
    typed_value,
)
from kg.store.store import Store
from tests.records import sample_store


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    return sample_store(tmp_path_factory.mktemp("store") / "store")


def test_select_becomes_a_typed_dataframe(store):
    pytest.importorskip("pandas")
    result = store.query("""SELECT ?label ?mentions ?negated ?confidence WHERE {
        ?f rdf:subject ?e ; kg:negated ?negated ; kg:confidence ?confidence .
        ?e rdfs:label ?label ; kg:mentions ?mentions } ORDER BY ?label ?confidence""")
    frame = result.to_dataframe()
    assert list(frame.columns) == ["label", "mentions", "negated", "confidence"]
    assert len(frame) == len(result.rows) and len(frame) >= 3
    assert str(frame["mentions"].dtype) == "int64" and frame["negated"].dtype == bool
    assert frame["confidence"].dtype == float
    kremlin = frame[frame["label"] == "Kremlin"].iloc[0]
    assert bool(kremlin["negated"]) is True and kremlin["confidence"] == pytest.approx(0.612, abs=1e-3)
    assert frame.groupby("label")["mentions"].first().to_dict()["Dmitry Peskov"] == 4


def test_unbound_cells_are_missing(store):
    pytest.importorskip("pandas")
    frame = store.query("SELECT ?d ?date WHERE { ?d dcterms:identifier ?id OPTIONAL { ?d dcterms:date ?date } }"
                        ).to_dataframe()  # fmt: skip
    assert frame["date"].isna().sum() == 1 and frame["date"].notna().sum() == 1


def test_ask_and_construct(store):
    pytest.importorskip("pandas")
    assert store.query("ASK { ?s a kg:Person }").to_dataframe().to_dict("list") == {"boolean": [True]}
    frame = store.query("CONSTRUCT { ?e rdfs:label ?l } WHERE { ?e a kg:Person ; rdfs:label ?l }").to_dataframe()
    assert list(frame.columns) == ["subject", "predicate", "object"]
    assert set(frame["object"]) == {"Dmitry Peskov", "Vladimir Putin"}


def test_typed_value():
    xsd = "http://www.w3.org/2001/XMLSchema#"
    assert typed_value({"type": "literal", "value": "3", "datatype": xsd + "integer"}) == 3
    assert typed_value({"type": "literal", "value": "x3", "datatype": xsd + "integer"}) == "x3"
    assert typed_value({"type": "literal", "value": "false", "datatype": xsd + "boolean"}) is False
    assert typed_value({"type": "uri", "value": "https://example.org/3"}) == "https://example.org/3"
    assert typed_value(None) is None


def test_without_pandas_the_error_says_what_to_install(store, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now raises ImportError
    with pytest.raises(KGError) as info:
        store.query("ASK { ?s ?p ?o }").to_dataframe()
    assert info.value.code == "KG504" and "kg[notebook]" in str(info.value)


# ---------------------------------------------------------------- the one set of serialisers
MIXED = """SELECT ?s ?o WHERE {
  VALUES (?s ?o) { (<http://e/a> "plain") (<http://e/b> "hallo"@de) (<http://e/c> 3) (<http://e/d> UNDEF) }
}"""


def test_every_result_format_has_one_writer_and_unknown_ones_are_kg501(store):
    assert RESULT_FORMATS.names == ("table", "csv", "tsv", "json", "xml", "ttl", "nt", "rdfxml", "jsonld")
    result = store.query(MIXED)
    with pytest.raises(ExportError) as err:
        serialize(result, "yaml")
    assert err.value.code == "KG501" and "table, csv, tsv, json, xml, ttl" in err.value.message
    with pytest.raises(ExportError, match="CONSTRUCT and DESCRIBE") as err:
        serialize(result, "ttl")  # RDF is for graph results only
    assert err.value.code == "KG501"


def test_csv_and_tsv_are_the_sparql_1_1_formats(store):
    result = store.query(MIXED)
    assert to_csv(result) == "s,o\r\nhttp://e/a,plain\r\nhttp://e/b,hallo\r\nhttp://e/c,3\r\nhttp://e/d,\r\n"
    assert to_tsv(result).splitlines() == [
        "?s\t?o",
        '<http://e/a>\t"plain"',
        '<http://e/b>\t"hallo"@de',
        '<http://e/c>\t"3"^^<http://www.w3.org/2001/XMLSchema#integer>',
        "<http://e/d>\t",
    ]


def test_json_and_xml_keep_datatypes_languages_and_leave_unbound_cells_out(store):
    result = store.query(MIXED)
    bindings = json.loads(to_sparql_json(result))["results"]["bindings"]
    assert bindings[1]["o"] == {"type": "literal", "value": "hallo", "xml:lang": "de"}
    assert bindings[2]["o"]["datatype"].endswith("#integer") and "o" not in bindings[3]
    root = ElementTree.fromstring(to_sparql_xml(result))
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    assert [v.get("name") for v in root.findall("r:head/r:variable", ns)] == ["s", "o"]
    literals = root.findall("r:results/r:result/r:binding/r:literal", ns)
    assert [(x.text, x.get("{http://www.w3.org/XML/1998/namespace}lang")) for x in literals][:2] == [
        ("plain", None),
        ("hallo", "de"),
    ]
    assert len(root.findall("r:results/r:result", ns)[3]) == 1  # the unbound ?o has no binding


def test_ask_and_graph_results_in_every_format(store):
    ask = store.query("ASK { ?s a kg:Person }")
    assert [render(ask, f) for f in ("table", "csv", "tsv")] == ["true\n", "boolean\r\ntrue\r\n", "boolean\ntrue\n"]
    assert json.loads(render(ask, "json")) == {"head": {}, "boolean": True}
    assert "<boolean>true</boolean>" in render(ask, "xml")
    graph = store.query("CONSTRUCT { ?e rdfs:label ?l } WHERE { ?e a kg:Person ; rdfs:label ?l }")
    people = {'"Dmitry Peskov"', '"Vladimir Putin"'}
    assert {line.split(" ", 2)[2].removesuffix(" .") for line in render(graph, "nt").splitlines()} == people
    assert render(graph, "table") == render(graph, "nt")
    assert len(ox_parse(serialize(graph, "ttl"), "text/turtle")) == 2
    assert len(ox_parse(serialize(graph, "jsonld"), "application/ld+json")) == 2
    assert len(ox_parse(serialize(graph, "rdfxml"), "application/rdf+xml")) == 2
    assert to_csv(graph).splitlines()[0] == "subject,predicate,object"
    assert json.loads(to_sparql_json(graph))["head"]["vars"] == ["subject", "predicate", "object"]


def test_a_character_xml_cannot_hold_is_replaced(store):
    result = store.query('SELECT ?x WHERE { BIND("a\\u0001b" AS ?x) }')
    root = ElementTree.fromstring(to_sparql_xml(result))
    assert root.find(".//{http://www.w3.org/2005/sparql-results#}literal").text == "a\ufffdb"


def test_the_table_is_the_one_text_table(store):
    result = store.query(MIXED)
    assert to_table(result) == text_table(result.rows, result.variables)
    assert to_table(result).splitlines()[:3] == ["s           o", "----------  -----", "http://e/a  plain"]


def ox_parse(data: bytes, mime: str) -> list:
    import pyoxigraph as ox

    return list(ox.parse(data, format=ox.RdfFormat.from_media_type(mime)))
