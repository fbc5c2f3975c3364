"""SHACL validation (kg validate): a built graph passes ontology/shapes.ttl, a graph that breaks a
shape is reported node by node, and the command exits 1 with KG307."""

from __future__ import annotations

import pyoxigraph as ox
from typer.testing import CliRunner

from kg.cli import app
from kg.graph.namespaces import DCTERMS, KG, RDF, RDFS, XSD
from kg.store.store import GraphPatch, Store
from kg.store.validate import constrained_predicates, data_graph, shapes_graph, validate_store
from tests.records import sample_store

BAD_FACT = ox.NamedNode("https://w3id.org/kg-news/fact/broken")
NAMELESS = ox.NamedNode("https://w3id.org/kg-news/entity/nameless")
LOST_SENTENCE = ox.NamedNode("https://w3id.org/kg-news/doc/lost#sentence-0")
INTEGER = ox.NamedNode(XSD + "integer")


_OFFSETS = (("sentenceIndex", "0"), ("start", "0"), ("end", "33"))


def broken_store(path) -> Store:
    """The sample graph plus a fact with only a type and a confidence of 1.5 (no sentence), an
    entity with no label, no mentions and no document, and a sentence with no document."""
    store = sample_store(path)
    graph = ox.NamedNode("https://w3id.org/kg-news/graph/broken")
    quads = [
        ox.Quad(BAD_FACT, ox.NamedNode(RDF + "type"), KG.Fact, graph),
        ox.Quad(BAD_FACT, KG.confidence, ox.Literal("1.5", datatype=ox.NamedNode(XSD + "decimal")), graph),
        ox.Quad(NAMELESS, ox.NamedNode(RDF + "type"), KG.Entity, graph),
        ox.Quad(NAMELESS, ox.NamedNode(RDF + "type"), KG.Person, graph),
        ox.Quad(LOST_SENTENCE, ox.NamedNode(RDF + "type"), KG.Sentence, graph),
        ox.Quad(LOST_SENTENCE, KG.text, ox.Literal("Nobody knows where this was read."), graph),
        *(ox.Quad(LOST_SENTENCE, KG[p], ox.Literal(n, datatype=INTEGER), graph) for p, n in _OFFSETS),
    ]
    with Store.writing(path) as writer:
        writer.patch(GraphPatch(add=quads))
    return Store.open(store.path)


def test_the_sample_and_seed_graphs_conform(tmp_path, seed_graph):
    for store in (sample_store(tmp_path / "sample"), seed_graph.store):
        report = validate_store(store)
        assert report.conforms and report.triples > 100


def test_each_broken_shape_is_reported_with_its_node_and_path(tmp_path):
    report = validate_store(broken_store(tmp_path / "store"))
    found = {(v.focus.rsplit("/", 1)[1], v.path.rsplit("#", 1)[1]) for v in report.violations}
    broken_fact = {"rdf:subject", "rdf:predicate", "sentence", "negated", "kind", "confidence"}
    expected = {("broken", p.removeprefix("rdf:")) for p in broken_fact} | {
        ("nameless", p) for p in ("label", "mentions", "mentionedIn")
    }
    expected.add(("lost#sentence-0", "document"))
    assert found == expected  # rdf:object is optional: an event (Blair resigned) has none
    confidence = next(v for v in report.violations if v.path.endswith("#confidence"))
    assert confidence.value == "1.5" and confidence.severity == "Violation"


def test_only_the_triples_a_shape_looks_at_are_validated(tmp_path):
    store = sample_store(tmp_path / "store")
    predicates = constrained_predicates(shapes_graph())
    assert {RDF + "type", KG + "confidence", RDFS + "label"} <= predicates and RDFS + "comment" not in predicates
    data = data_graph(store, predicates)
    assert 0 < len(data) < len(store) and {str(p) for p in data.predicates()} <= predicates


def test_kg_validate_prints_violations_and_exits_1(tmp_path, seed_graph):
    runner = CliRunner()
    ok = runner.invoke(app, ["validate", "--store", str(seed_graph.path)])
    assert ok.exit_code == 0 and ok.stdout == "" and ok.stderr.rstrip().endswith(": 0 violations")
    broken = broken_store(tmp_path / "store")
    bad = runner.invoke(app, ["validate", "--store", str(broken.path)])
    assert bad.exit_code == 1 and len(bad.stdout.splitlines()) == 10
    assert bad.stderr.splitlines()[-1] == f"error: KG307: {broken.path}: 10 SHACL violation(s) of ontology/shapes.ttl"
    focus = ("/broken", "/nameless", "/lost#sentence-0")
    assert all(line.split("\t")[0].endswith(focus) for line in bad.stdout.splitlines())


def test_a_fact_must_point_to_one_sentence_node(tmp_path):
    """A fact whose kg:sentence is its sentence's text (the shape before sentence nodes), or
    that points to two sentences, is reported on kg:sentence; its sentence node is untouched."""
    store = sample_store(tmp_path / "store")
    facts = sorted({q.subject for q in store.db.quads_for_pattern(None, KG.sentence, None)}, key=str)
    old_shape, doubled = facts[0], facts[1]
    (link,) = store.db.quads_for_pattern(old_shape, KG.sentence, None)
    (own,) = (q.object for q in store.db.quads_for_pattern(doubled, KG.sentence, None))
    sentences = store.db.quads_for_pattern(None, ox.NamedNode(RDF + "type"), KG.Sentence)
    other = next(q.subject for q in sentences if q.subject != own)
    with Store.writing(store.path) as writer:
        text = ox.Quad(old_shape, KG.sentence, ox.Literal("The text."), link.graph_name)
        writer.patch(GraphPatch(remove=[link], add=[text]))
        writer.patch(GraphPatch(add=[ox.Quad(doubled, KG.sentence, other, link.graph_name)]))
    report = validate_store(Store.open(store.path))
    found = {(v.focus, v.path.rsplit("#", 1)[-1]) for v in report.violations}
    assert found == {(old_shape.value, "sentence"), (doubled.value, "sentence")}


def _any(store: Store, predicate: str) -> ox.NamedNode:
    return next(q.subject for q in store.db.quads_for_pattern(None, ox.NamedNode(predicate), None))


def test_the_shapes_of_issue_11s_terms_catch_a_bad_value(tmp_path):
    """A fact's time and extra entity, a document's date, the identifier registry: one bad value
    each is one violation on that node and path."""
    store = sample_store(tmp_path / "store")
    fact, doc = _any(store, KG + "confidence"), _any(store, DCTERMS + "identifier")
    entity = _any(store, KG + "mentions")
    first, second = (ox.NamedNode(f"https://w3id.org/kg-news/entity/retired-{n}") for n in (1, 2))
    graph, replaced = ox.NamedNode("https://w3id.org/kg-news/graph/identifiers"), ox.NamedNode(DCTERMS + "isReplacedBy")
    bad = [
        ox.Quad(fact, KG.time, ox.Literal("5", datatype=ox.NamedNode(XSD + "integer")), graph),
        ox.Quad(fact, KG.extraEntity, doc, graph),  # a document, not an entity
        ox.Quad(fact, KG.extra, ox.Literal("no role given"), graph),
        ox.Quad(doc, ox.NamedNode(DCTERMS + "date"), ox.Literal("yesterday"), graph),
        ox.Quad(entity, KG.nameKey, ox.Literal(""), graph),
        ox.Quad(first, replaced, second, graph),  # a chain: the successor is retired too
        ox.Quad(second, replaced, entity, graph),
    ]
    with Store.writing(store.path) as writer:
        writer.patch(GraphPatch(add=bad))
    report = validate_store(Store.open(store.path))
    found = {(v.focus, v.path.rsplit("#", 1)[-1].rsplit("/", 1)[-1]) for v in report.violations}
    chained = {v for v in found if v[0] == first.value}  # a sequence path is reported as a blank node
    assert len(chained) == 1
    assert found - chained == {
        (fact.value, "time"),
        (fact.value, "extraEntity"),
        (fact.value, "extra"),
        (doc.value, "date"),
        (entity.value, "nameKey"),
    }
