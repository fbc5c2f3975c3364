"""Exports: every RDF syntax re-parses, CSV columns are exact, output is byte-stable."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys

import networkx as nx
import pytest
from rdflib import Dataset, Graph

from kg.errors import ExportError
from kg.store.store import Store
from kg.views.export import export
from kg.views.network import EDGE_ATTRIBUTES, to_networkx
from kg.views.tables import ENTITY_COLUMNS, FACT_COLUMNS, FACT_COLUMNS_EXTRA, entity_rows, fact_rows
from tests.records import S1, sample_store

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib.*")

FACT_HEADER = (
    "subject,relation,object,negated,attributed_to,document,sentence,start,end,confidence,"
    "subject_id,subject_type,object_id,object_type,relation_class,time"
)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    return sample_store(tmp_path_factory.mktemp("store") / "store")


def _bytes(store: Store, fmt: str, what: str = "facts") -> bytes:
    out = io.BytesIO()
    export(store, fmt, out, what=what)
    return out.getvalue()


def _union_size(store: Store) -> int:
    return int(store.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }").rows[0][0])


@pytest.mark.parametrize("fmt,parser", [("ttl", "turtle"), ("nt", "nt")])
def test_triple_formats_reparse(store, fmt, parser):
    graph = Graph().parse(data=_bytes(store, fmt).decode("utf-8"), format=parser)
    assert len(graph) == _union_size(store)


@pytest.mark.parametrize("fmt,parser", [("trig", "trig"), ("nquads", "nquads"), ("jsonld", "json-ld")])
def test_dataset_formats_reparse(store, fmt, parser):
    dataset = Dataset()
    dataset.parse(data=_bytes(store, fmt).decode("utf-8"), format=parser)
    assert len(list(dataset.quads((None, None, None, None)))) == len(store)
    graphs = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert "https://w3id.org/kg-news/graph/entities" in graphs


def test_turtle_has_prefixes(store):
    text = _bytes(store, "ttl").decode("utf-8")
    assert "@prefix kg: <https://w3id.org/kg-news/ontology#> ." in text
    assert "ent:dmitry_peskov-" in text


@pytest.mark.parametrize("fmt", ["ttl", "nt", "trig", "nquads", "jsonld", "graphml", "gexf", "csv"])
def test_output_is_byte_identical(store, fmt):
    assert _bytes(store, fmt) == _bytes(store, fmt)


@pytest.mark.slow  # exports in subprocesses
@pytest.mark.parametrize("fmt", ["ttl", "jsonld", "graphml", "gexf"])
def test_output_is_identical_across_processes(store, fmt):
    code = ("import sys; from kg.store.store import Store; from kg.views.export import export; "
            "export(Store.open(sys.argv[1]), sys.argv[2], sys.stdout.buffer)")  # fmt: skip
    outputs = set()
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        done = subprocess.run(
            [sys.executable, "-c", code, str(store.path), fmt], env=env, capture_output=True, check=True
        )
        outputs.add(done.stdout)
    assert outputs == {_bytes(store, fmt)}


def test_facts_csv(store):
    text = _bytes(store, "csv").decode("utf-8")
    assert text.splitlines()[0] == FACT_HEADER
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 5
    say = next(r for r in rows if r["relation"] == "say")
    peskov = say.pop("subject_id")
    assert peskov.startswith("https://w3id.org/kg-news/entity/dmitry_peskov-")
    assert say == {
        "subject": "Dmitry Peskov", "relation": "say", "object": "the Kremlin would not comment",
        "negated": "false", "attributed_to": "", "document": "d1", "sentence": S1,
        "start": "0", "end": str(len(S1)), "confidence": "0.900", "subject_type": "Person",
        "object_id": "", "object_type": "Statement", "relation_class": "statement", "time": "",
    }  # fmt: skip
    talks = next(r for r in rows if r["subject"] == "The talks")
    assert (talks["subject_id"], talks["subject_type"], talks["object_type"]) == ("", "Literal", "Place")
    negated = next(r for r in rows if r["negated"] == "true")
    assert (negated["subject"], negated["relation"], negated["attributed_to"]) == (
        "Kremlin",
        "comment",
        "Dmitry Peskov",
    )
    assert negated["relation_class"] == "statement"  # not comment: the class it denies
    assert any(r["subject"] == "The talks" and r["object"] == "Moscow" for r in rows)
    assert [r["document"] for r in rows] == sorted(r["document"] for r in rows)


def test_fact_rows_have_exact_columns(store):
    rows = fact_rows(store)
    assert all(list(r) == FACT_COLUMNS + FACT_COLUMNS_EXTRA for r in rows)
    assert {type(r["start"]) for r in rows} == {int} and {type(r["negated"]) for r in rows} == {bool}


def test_entities_csv(store):
    text = _bytes(store, "csv", what="entities").decode("utf-8")
    assert text.splitlines()[0] == "id,label,type,aliases,documents,mentions"
    rows = {r["label"]: r for r in csv.DictReader(io.StringIO(text))}
    assert set(rows) == {"Dmitry Peskov", "Kremlin", "Vladimir Putin", "Moscow"}
    peskov = rows["Dmitry Peskov"]
    assert peskov["type"] == "Person" and peskov["aliases"] == "Peskov"
    assert peskov["documents"] == "d1|d2" and peskov["mentions"] == "4"
    assert peskov["id"].startswith("https://w3id.org/kg-news/entity/dmitry_peskov-")
    assert rows["Moscow"]["type"] == "Place"
    assert all(list(r) == ENTITY_COLUMNS for r in entity_rows(store))


def _same_network(read: nx.MultiDiGraph, graph: nx.MultiDiGraph, renamed: dict[str, str]) -> None:
    """``read`` has the nodes, edges (by key) and attribute values of ``graph``."""
    assert (read.number_of_nodes(), read.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())
    for node, data in graph.nodes(data=True):
        assert {k: read.nodes[node][k] for k in data} == data
    by_key = {k: (u, v, d) for u, v, k, d in read.edges(keys=True, data=True)} if read.is_multigraph() else \
        {d["id"]: (u, v, d) for u, v, d in read.edges(data=True)}  # fmt: skip
    for u, v, key, data in graph.edges(keys=True, data=True):
        got_u, got_v, got = by_key[key]
        assert (got_u, got_v) == (u, v) and {k: got[renamed.get(k, k)] for k in data} == data


def test_graphml_reads_back_the_same_network(store):
    graph = to_networkx(store)
    read = nx.read_graphml(io.BytesIO(_bytes(store, "graphml")), force_multigraph=True)
    assert isinstance(read, nx.MultiDiGraph)
    _same_network(read, graph, {})


def test_gexf_reads_back_the_same_network(store):
    graph = to_networkx(store)
    data = _bytes(store, "gexf")
    read = nx.read_gexf(io.BytesIO(data))
    _same_network(read, graph, {"start": "char_start", "end": "char_end"})
    text = data.decode("utf-8")
    assert 'mode="static"' in text and "lastmodifieddate" not in text  # no time spells, no date
    types = set(re.findall(r'<attribute id="\d+" title="(\w+)" type="(\w+)"', text))
    assert {
        ("negated", "boolean"),
        ("confidence", "double"),
        ("char_start", "long"),
        ("mentions", "long"),
        ("sentence", "string"),
    } <= types  # types Gephi reads
    for _, _, attrs in read.edges(data=True):
        assert (
            attrs["id"].startswith("https://w3id.org/kg-news/fact/")
            and attrs["label"] == attrs["relation"]
            and attrs["weight"] == attrs["confidence"]
        )


def test_to_networkx(store):
    graph = to_networkx(store)
    assert isinstance(graph, nx.MultiDiGraph)
    literal = [n for n, d in graph.nodes(data=True) if d["label"] == "The talks"]
    assert len(literal) == 1 and literal[0].startswith("literal:")
    edges = list(graph.edges(keys=True, data=True))
    assert len(edges) == 5
    for _, _, key, data in edges:
        assert key.startswith("https://w3id.org/kg-news/fact/")
        assert set(data) == set(EDGE_ATTRIBUTES)
        assert all(isinstance(v, (str, int, float, bool)) for v in data.values())
    negated = next(d for *_, d in edges if d["negated"])  # said by Peskov, "with: Vladimir Putin"
    peskov, putin = (n for n, d in graph.nodes(data=True) if d["label"] in ("Dmitry Peskov", "Vladimir Putin"))
    assert negated["attributed_id"] == peskov and negated["extra_ids"] == putin
    meet = next(d for *_, d in edges if d["relation"] == "meet")
    assert meet["extra_ids"].startswith("https://w3id.org/kg-news/entity/moscow-")


def test_unknown_format_and_content(store):
    with pytest.raises(ExportError) as err:
        export(store, "xlsx", io.BytesIO())
    assert err.value.code == "KG501"
    with pytest.raises(ExportError) as err:
        export(store, "csv", io.BytesIO(), what="everything")
    assert err.value.code == "KG502"


def test_jsonld_reparses_to_exactly_the_stored_quads(store):
    """Every term as stored: IRIs compacted with the context's prefixes expand back, literals keep
    their datatype or language."""
    import pyoxigraph as ox

    back = {str(q) for q in ox.parse(_bytes(store, "jsonld"), format=ox.RdfFormat.JSON_LD)}
    assert back == {str(q) for q in store.db}
