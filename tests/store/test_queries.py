"""Named queries: headers, parameters, and expected rows on a small hand-built graph."""

from __future__ import annotations

import pytest

from kg.errors import QueryError
from kg.store.queries import check_query, load_query, named_queries, query_form
from kg.store.results import render, to_sparql_json
from kg.store.store import Store
from tests.records import S1, S2, S3, sample_store

PARAMS = {"entity": "peskov", "document": "d1", "other": "putin"}
EXPECTED = {
    "facts-about": [
        ("Dmitry Peskov", "say", "the Kremlin would not comment", "d1", S1),
        ("Dmitry Peskov", "role", "spokesman", "d1", S2),
        ("Vladimir Putin", "meet", "Dmitry Peskov", "d2", S3),
    ],
    "who-said-what": [("Dmitry Peskov", "say", "the Kremlin would not comment", "d1")],
    "roles": [("Dmitry Peskov", "spokesman", "d1")],
    "entities-by-mentions": [
        ("Dmitry Peskov", "Person", "4", "2"),
        ("Kremlin", "Organization", "2", "1"),
        ("Moscow", "Place", "1", "1"),
        ("Vladimir Putin", "Person", "1", "1"),
    ],
    "document-facts": [
        ("Dmitry Peskov", "say", "the Kremlin would not comment", "false", S1, "0", str(len(S1)), "0.9"),
        ("Kremlin", "not comment", "on Monday", "true", S1, "0", str(len(S1)), "0.612"),
        ("Dmitry Peskov", "role", "spokesman", "false", S2, str(len(S1) + 1), str(len(S1) + 1 + len(S2)), "0.8"),
        ("The talks", "cooperate in", "Moscow", "false", S2, str(len(S1) + 1), str(len(S1) + 1 + len(S2)), "0.5"),
    ],
    "documents-mentioning": [("d1", "Kremlin silent", "2024-01-02", "CGTN"), ("d2", "Putin meets aide", None, None)],
    "timeline": [  # no fact has a normalised time here: the document's date orders them; d2 has none
        ("2024-01-02", "2024-01-02", "(published)", "Dmitry Peskov", "say", "the Kremlin would not comment", "d1"),
        ("2024-01-02", "2024-01-02", "(published)", "Kremlin", "not comment", "on Monday", "d1"),
        ("2024-01-02", "2024-01-02", "(published)", "Dmitry Peskov", "role", "spokesman", "d1"),
    ],
}  # fmt: skip


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    return sample_store(tmp_path_factory.mktemp("store") / "store")


def test_every_named_query_has_a_title_and_known_params():
    queries = named_queries()
    assert set(EXPECTED) <= set(queries)
    for name, query in queries.items():
        assert query.title and query.title != name, name
        assert set(query.params) <= set(PARAMS), name
        assert all(query.params.values()), name  # every parameter is described
        assert query_form(query.text) == "SELECT"
    assert named_queries()["facts-about"].params == {"entity": named_queries()["facts-about"].params["entity"]}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_named_query_rows(store, name):
    query = named_queries()[name]
    bindings = {p: PARAMS[p] for p in query.params}
    result = store.query(query.text, bindings=bindings)
    assert not set(bindings) & set(result.variables)
    assert result.rows == EXPECTED[name]


def test_facts_about_matches_label_or_alias_case_insensitively(store):
    text, params = load_query("facts-about")
    assert params == {"entity": params["entity"]}
    by_label = store.query(text, bindings={"entity": "DMITRY PESKOV"}).rows
    by_alias = store.query(text, bindings={"entity": "Peskov"}).rows
    assert by_label == by_alias == EXPECTED["facts-about"]
    assert store.query(text, bindings={"entity": "the kremlin"}).rows[0][0] == "Kremlin"
    assert store.query(text, bindings={"entity": 'x") } #'}).rows == []


@pytest.mark.parametrize("name", ["who-said-what", "roles"])
def test_optional_entity_parameter(store, name):
    text, params = load_query(name)
    assert set(params) == {"entity"}
    assert store.query(text, bindings={"entity": "PESKOV"}).rows == EXPECTED[name]
    assert store.query(text, bindings={"entity": "Vladimir Putin"}).rows == []
    assert store.query(text).variables == store.query(text, bindings={"entity": "x"}).variables


def test_document_facts_of_other_document(store):
    text, _ = load_query("document-facts")
    rows = store.query(text, bindings={"document": "d2"}).rows
    assert [r[:3] for r in rows] == [("Vladimir Putin", "meet", "Dmitry Peskov")]


def test_load_query_forms(tmp_path):
    named = named_queries()["roles"]
    assert load_query("roles") == (named.text, named.params)
    path = tmp_path / "mine.rq"
    path.write_text("# title: Mine\n# param: who - a name\nSELECT ?who WHERE { ?s rdfs:label ?who }\n")
    assert load_query(str(path)) == (path.read_text(), {"who": "a name"})
    assert load_query("SELECT * WHERE { ?s ?p ?o }") == ("SELECT * WHERE { ?s ?p ?o }", {})
    for bad in ("no-such-query", "rolez", str(tmp_path / "missing.rq")):
        with pytest.raises(QueryError) as err:
            load_query(bad)
        assert err.value.code == "KG406"


def test_check_query():
    check_query("PREFIX ex: <http://e/> SELECT ?insert WHERE { ?insert ex:from 'SERVICE' }")
    for text, code in [("INSERT DATA {}", "KG402"), ("SELECT * { SERVICE <http://x> {} }", "KG403"),
                       ("SELECT * FROM <http://x> {}", "KG403")]:  # fmt: skip
        with pytest.raises(QueryError) as err:
            check_query(text)
        assert err.value.code == code


def test_renderers(store):
    result = store.query(named_queries()["roles"].text)
    assert render(result, "csv") == "person,role,document\r\nDmitry Peskov,spokesman,d1\r\n"
    table = render(result, "table").splitlines()
    assert table[0].split() == ["person", "role", "document"] and "spokesman" in table[2]
    import json

    data = json.loads(to_sparql_json(result))
    assert data["head"]["vars"] == ["person", "role", "document"]
    assert data["results"]["bindings"][0]["role"] == {"type": "literal", "value": "spokesman"}
    ask = store.query("ASK { ?s a kg:Fact }")
    assert json.loads(render(ask, "json")) == {"head": {}, "boolean": True}
