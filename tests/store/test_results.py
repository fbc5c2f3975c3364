"""QueryResult.to_dataframe: columns, typed values, ASK and CONSTRUCT, and pandas missing."""

from __future__ import annotations

import sys

import pytest

from kg.errors import KGError
from kg.store.results import typed_value
from kg.store.store import Store
from tests.records import sample_store

pd = pytest.importorskip("pandas")


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    return sample_store(tmp_path_factory.mktemp("store") / "store")


def test_select_becomes_a_typed_dataframe(store):
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
    frame = store.query("SELECT ?d ?date WHERE { ?d dcterms:identifier ?id OPTIONAL { ?d dcterms:date ?date } }"
                        ).to_dataframe()  # fmt: skip
    assert frame["date"].isna().sum() == 1 and frame["date"].notna().sum() == 1


def test_ask_and_construct(store):
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
