"""The on-disk store: layout, atomic replace, read-only queries, locking, errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pyoxigraph as ox
import pytest

from kg.errors import QueryError, StoreError
from kg.graph.quads import build_quads
from kg.store.store import Store
from tests.records import sample_records

LABELS = "SELECT ?label WHERE { ?e a kg:Person ; rdfs:label ?label } ORDER BY ?label"


@pytest.fixture
def store(tmp_path) -> Store:
    path = tmp_path / "store"
    with Store.writing(path) as writer:
        writer.replace(build_quads(*sample_records()))
    return Store.open(path)


def _quad(n: int) -> ox.Quad:
    return ox.Quad(ox.NamedNode(f"https://example.org/{n}"), ox.NamedNode("https://example.org/p"),
                   ox.Literal(str(n)), ox.NamedNode("https://example.org/g"))  # fmt: skip


def test_create_layout(tmp_path):
    path = tmp_path / "new"
    store = Store.create(path)
    meta = json.loads((path / "meta.json").read_text())
    assert meta["format"] == "kg-store" and meta["version"] == 1 and "kg_version" in meta
    assert store.data_dir is not None and store.data_dir.name == "data-1"
    assert len(store) == 0
    assert store.query("SELECT * WHERE { ?s ?p ?o }").rows == []
    assert Store.create(path).data_dir == store.data_dir  # an existing store is kept


def test_replace_and_query(store):
    assert store.query(LABELS).rows == [("Dmitry Peskov",), ("Vladimir Putin",)]
    first = store.data_dir
    store.replace([_quad(1), _quad(2)])
    assert store.data_dir != first and not first.exists()
    assert [p.name for p in store.path.iterdir() if p.name.startswith("data-")] == [store.data_dir.name]
    assert store.query("SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o").rows == [("1",), ("2",)]
    assert Store.open(store.path).query(LABELS).rows == []
    assert not (store.path / ".lock").exists()


def test_replace_is_atomic_when_quads_fail(store):
    def broken():
        yield _quad(1)
        raise RuntimeError("extraction crashed")

    before = store.data_dir
    with pytest.raises(RuntimeError, match="extraction crashed"):
        store.replace(broken())
    assert store.data_dir == before
    assert [p.name for p in store.path.iterdir() if p.name.startswith("data-")] == [before.name]
    assert Store.open(store.path).query(LABELS).rows == [("Dmitry Peskov",), ("Vladimir Putin",)]
    assert not (store.path / ".lock").exists()


@pytest.mark.parametrize("update", [
    "INSERT DATA { <http://a> <http://b> <http://c> }",
    "PREFIX ex: <http://e/>\n# comment SELECT\nDELETE WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/data.ttl>",
    "CLEAR ALL", "DROP GRAPH <http://g>", "CREATE GRAPH <http://g>",
    "WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "BASE <http://x/> ADD <a> TO <b>", "  copy default to <http://g>",
])  # fmt: skip
def test_updates_are_refused(store, update):
    with pytest.raises(QueryError) as err:
        store.query(update)
    assert err.value.code == "KG402"
    assert store.query(LABELS).rows  # nothing changed


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { service silent <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }",
])  # fmt: skip
def test_service_and_from_are_refused(store, query):
    with pytest.raises(QueryError) as err:
        store.query(query)
    assert err.value.code == "KG403"


def test_keywords_inside_strings_iris_and_variables_are_fine(store):
    sparql = """# INSERT SERVICE FROM in a comment
    SELECT ?from ?service WHERE {
      ?from rdfs:label ?service FILTER(?service != "INSERT FROM SERVICE" && ?from != <http://x/FROM>)
    } LIMIT 1"""
    assert len(store.query(sparql).rows) == 1


def test_syntax_error(store):
    with pytest.raises(QueryError) as err:
        store.query("SELECT ?s WHERE { ?s ?p }")
    assert err.value.code == "KG401"
    assert "\n" not in err.value.message and err.value.message


def test_bindings_are_values_not_text(store):
    sparql = "SELECT ?e ?name WHERE { ?e rdfs:label ?name }"
    assert len(store.query(sparql, bindings={"name": "Moscow"}).rows) == 1
    hostile = 'Bob" . ?s ?p ?o . ?s ?p "x'
    assert store.query(sparql, bindings={"name": hostile}).rows == []
    result = store.query("SELECT ?e ?name WHERE { ?e rdfs:label ?name }", bindings={"?name": "Moscow"})
    assert result.variables == ["e"]  # bound parameters are not result columns


def test_binding_must_be_projected(store):
    with pytest.raises(QueryError) as err:
        store.query("SELECT ?e WHERE { ?e rdfs:label ?name }", bindings={"name": "Moscow"})
    assert err.value.code == "KG405"
    with pytest.raises(QueryError) as err:
        store.query("SELECT ?e WHERE { ?e ?p ?o }", bindings={"bad name": "x"})
    assert err.value.code == "KG405"


def test_result_kinds_limit_and_timeout(store):
    assert store.query("ASK { ?e a kg:Person }").boolean is True
    graph = store.query("CONSTRUCT { ?e a kg:Person } WHERE { ?e a kg:Person }")
    assert graph.kind == "graph" and len(graph.triples) == 2
    limited = store.query("SELECT ?s WHERE { ?s ?p ?o }", limit=3)
    assert len(limited.rows) == 3 and limited.truncated
    assert store.query("SELECT ?s WHERE { ?s a kg:Person }", timeout=10).rows
    with pytest.raises(QueryError) as err:
        store.query("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", timeout=0.05)
    assert err.value.code == "KG404"


def test_default_prefixes_can_be_redeclared(store):
    sparql = "PREFIX kg: <http://example.org/other#> SELECT ?e WHERE { ?e a kg:Person }"
    assert store.query(sparql).rows == []


def test_second_writer_is_refused(tmp_path):
    path = tmp_path / "store"
    with Store.writing(path):
        with pytest.raises(StoreError) as err:
            with Store.writing(path):
                pass
        assert err.value.code == "KG303"
        assert f"locked by process {os.getpid()}" in err.value.message
        assert Store.open(path).query("ASK { ?s ?p ?o }").boolean is False  # readers still read
    with Store.writing(path) as store:  # released
        store.replace([_quad(1)])


def test_stale_lock_is_reclaimed(tmp_path):
    path = tmp_path / "store"
    Store.create(path)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    (path / ".lock").write_text(dead.stdout.strip())
    warnings: list[str] = []
    with Store.writing(path, on_warning=warnings.append) as store:
        assert (path / ".lock").read_text() == str(os.getpid())
        store.replace([_quad(1)])
    assert len(warnings) == 1 and "stale lock" in warnings[0]
    assert not (path / ".lock").exists()


def test_lock_of_this_pid_not_held_here_is_stale(tmp_path):
    path = tmp_path / "store"
    Store.create(path)
    (path / ".lock").write_text(str(os.getpid()))  # left by a crashed run that had our PID
    warnings: list[str] = []
    with Store.writing(path, on_warning=warnings.append):
        pass
    assert warnings and not (path / ".lock").exists()


def test_lock_without_pid(tmp_path):
    path = tmp_path / "store"
    Store.create(path)
    (path / ".lock").write_text("")
    with pytest.raises(StoreError) as err:  # fresh: its writer may be writing the PID
        with Store.writing(path):
            pass
    assert err.value.code == "KG303"
    old = (path / ".lock").stat().st_mtime - 60
    os.utime(path / ".lock", (old, old))
    with Store.writing(path, on_warning=lambda message: None):
        pass
    assert not (path / ".lock").exists()


def test_not_a_store(tmp_path):
    with pytest.raises(StoreError) as err:
        Store.open(tmp_path / "missing")
    assert err.value.code == "KG301"
    assert "not a kg store" in err.value.message and "kg build" in err.value.message
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("mine")
    for attempt in (lambda: Store.open(tmp_path / "other", create=True),
                    lambda: Store.writing(tmp_path / "other").__enter__()):  # fmt: skip
        with pytest.raises(StoreError) as err:
            attempt()
        assert err.value.code == "KG301"
    assert [p.name for p in (tmp_path / "other").iterdir()] == ["notes.txt"]
    with pytest.raises(StoreError) as err:
        Store.writing(tmp_path / "missing", create=False).__enter__()
    assert err.value.code == "KG301" and not (tmp_path / "missing").exists()


def test_other_version_is_refused(tmp_path):
    path = tmp_path / "store"
    Store.create(path)
    (path / "meta.json").write_text(json.dumps({"format": "kg-store", "version": 99}))
    with pytest.raises(StoreError) as err:
        Store.open(path)
    assert err.value.code == "KG302"


@pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")
def test_rdflib_graph_over_the_store(store):
    from rdflib import Literal

    graph = store.rdflib_graph()
    rows = graph.query("SELECT ?label WHERE { ?e a kg:Person ; rdfs:label ?label } ORDER BY ?label")
    assert [str(r[0]) for r in rows] == ["Dmitry Peskov", "Vladimir Putin"]
    assert len(graph) > 100
    assert any(True for _ in graph.triples((None, None, Literal("Moscow"))))
