"""Mapping records to quads: direct triples, fact nodes, negation, entities, no blank nodes."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.graph.iri import doc_graph_iri, doc_iri, entity_iri, relation_iri, sentence_iri
from kg.graph.namespaces import ENTITIES_GRAPH, KG, ONTOLOGY_GRAPH, OWL, RDF, RDFS, SKOS, XSD
from kg.graph.quads import (
    build_quads,
    document_quads,
    entity_quads,
    ontology_quads,
    relation_quads,
    relations_of,
)
from kg.ingest.clean import replace_unsafe
from kg.model import ENTITY_TYPES, Document, GraphFact, Node
from tests.records import S1, S2, TEXT1, sample_records


def _quads() -> list[ox.Quad]:
    return list(build_quads(*sample_records()))


def _ent(key: str) -> ox.NamedNode:
    entities = sample_records()[2]
    return ox.NamedNode(entity_iri(entities[key].label, key))


def _objects(quads, subject, predicate) -> list:
    return [q.object for q in quads if q.subject == subject and q.predicate == ox.NamedNode(predicate)]


def _facts(quads) -> list[ox.NamedNode]:
    kg_fact = ox.NamedNode(KG + "Fact")
    return [q.subject for q in quads if q.predicate == ox.NamedNode(RDF + "type") and q.object == kg_fact]


def test_direct_triples_in_document_graph():
    quads = _quads()
    graph = ox.NamedNode(doc_graph_iri("d1"))
    say = ox.Quad(_ent("peskov"), ox.NamedNode(relation_iri("say")), ox.Literal("the Kremlin would not comment"), graph)
    assert say in quads
    meet = ox.Quad(_ent("putin"), ox.NamedNode(relation_iri("meet")), _ent("peskov"), ox.NamedNode(doc_graph_iri("d2")))
    assert meet in quads


def test_literal_subject_has_fact_node_but_no_direct_triple():
    quads = _quads()
    cooperate = ox.NamedNode(relation_iri("cooperate in"))
    assert not [q for q in quads if q.predicate == cooperate]
    nodes = [f for f in _facts(quads) if cooperate in _objects(quads, f, RDF + "predicate")]
    assert len(nodes) == 1
    assert _objects(quads, nodes[0], RDF + "subject") == [ox.Literal("The talks")]


def test_fact_node_provenance():
    quads = _quads()
    say = ox.NamedNode(relation_iri("say"))
    (fact,) = [f for f in _facts(quads) if say in _objects(quads, f, RDF + "predicate")]
    assert _objects(quads, fact, RDF + "subject") == [_ent("peskov")]
    assert _objects(quads, fact, RDF + "object") == [ox.Literal("the Kremlin would not comment")]
    assert _objects(quads, fact, KG + "sentence") == [ox.NamedNode(sentence_iri("d1", 0))]
    for moved in ("document", "sentenceIndex", "start", "end", "text"):  # on the sentence node, once
        assert _objects(quads, fact, KG + moved) == []
    assert _objects(quads, fact, KG + "confidence") == [ox.Literal("0.900", datatype=ox.NamedNode(XSD + "decimal"))]
    assert _objects(quads, fact, KG + "kind") == [ox.Literal("speech")]
    assert _objects(quads, fact, KG + "negated") == [ox.Literal("false", datatype=ox.NamedNode(XSD + "boolean"))]
    assert {q.graph_name for q in quads if q.subject == fact} == {ox.NamedNode(doc_graph_iri("d1"))}
    assert TEXT1[0 : len(S1)] == S1  # offsets point into the document text


def _sentences(quads) -> list[ox.NamedNode]:
    kg_sentence = ox.NamedNode(KG + "Sentence")
    return [q.subject for q in quads if q.predicate == ox.NamedNode(RDF + "type") and q.object == kg_sentence]


def test_sentence_node_holds_the_provenance_of_its_facts_once():
    quads = _quads()
    sentence = ox.NamedNode(sentence_iri("d1", 0))
    assert sentence.value == doc_iri("d1") + "#sentence-0"
    integer = ox.NamedNode(XSD + "integer")
    own = sorted((q.predicate.value, str(q.object)) for q in quads if q.subject == sentence)
    assert own == sorted([
        (RDF + "type", str(ox.NamedNode(KG + "Sentence"))),
        (KG + "document", str(ox.NamedNode(doc_iri("d1")))),
        (KG + "sentenceIndex", str(ox.Literal("0", datatype=integer))),
        (KG + "start", str(ox.Literal("0", datatype=integer))),
        (KG + "end", str(ox.Literal(str(len(S1)), datatype=integer))),
        (KG + "text", str(ox.Literal(S1))),
    ])  # fmt: skip
    assert {q.graph_name for q in quads if q.subject == sentence} == {ox.NamedNode(doc_graph_iri("d1"))}
    # "said" and "would not comment" are both read from sentence 0: one node, its text once
    facts = [q.subject for q in quads if q.predicate == KG.sentence and q.object == sentence]
    assert len(facts) == 2 and len(set(facts)) == 2
    assert sum(1 for q in quads if q.object == ox.Literal(S1)) == 1


def test_one_sentence_node_per_sentence_with_facts():
    quads = _quads()
    # d1 has two sentences, each with facts; d2 one sentence, its fact given twice
    assert sorted(s.value for s in _sentences(quads)) == sorted(
        sentence_iri(doc, index) for doc, index in (("d1", 0), ("d1", 1), ("d2", 0))
    )
    pointed = {q.object for q in quads if q.predicate == KG.sentence}
    assert pointed == set(_sentences(quads))
    second = ox.NamedNode(sentence_iri("d1", 1))
    (start,) = [q.object for q in quads if q.subject == second and q.predicate == KG.start]
    assert TEXT1[int(start.value) :].startswith(S2)


def test_negated_fact_uses_not_property():
    quads = _quads()
    not_comment = ox.NamedNode(relation_iri("comment", negated=True))
    assert not_comment.value.endswith("/rel/not_comment")
    assert [q.subject for q in quads if q.predicate == not_comment] == [_ent("kremlin")]
    (fact,) = [f for f in _facts(quads) if not_comment in _objects(quads, f, RDF + "predicate")]
    assert _objects(quads, fact, KG + "negated") == [ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean"))]
    assert _objects(quads, fact, KG + "attributedTo") == [_ent("peskov")]
    assert _objects(quads, fact, KG + "confidence")[0].value == "0.612"
    assert _objects(quads, fact, KG + "time") == [ox.Literal("Monday")]
    assert _objects(quads, fact, KG + "extra") == [ox.Literal("with: Vladimir Putin")]
    assert _objects(quads, fact, KG + "extraEntity") == [_ent("putin")]
    labels = {
        q.object.value for q in relation_quads(relations_of(sample_records()[1])) if q.predicate.value == RDFS + "label"
    }
    assert labels == {"say", "not comment", "role", "cooperate in", "meet"}


def test_identical_facts_make_one_fact_node():
    quads = _quads()
    assert len(_facts(quads)) == 5
    meet = ox.NamedNode(relation_iri("meet"))
    (fact,) = [f for f in _facts(quads) if meet in _objects(quads, f, RDF + "predicate")]
    assert _objects(quads, fact, KG + "place") == [_ent("moscow")]
    assert len(quads) == len(set(quads))


def test_no_blank_nodes_anywhere():
    for q in _quads():
        for term in (q.subject, q.predicate, q.object, q.graph_name):
            assert not isinstance(term, ox.BlankNode)


def test_document_node():
    docs, facts, entities = sample_records()
    quads = list(document_quads(docs[0], facts[:1], entities))
    subject = ox.NamedNode(doc_iri("d1"))
    assert _objects(quads, subject, "http://purl.org/dc/terms/identifier") == [ox.Literal("d1")]
    assert _objects(quads, subject, "http://purl.org/dc/terms/date") == [
        ox.Literal("2024-01-02", datatype=ox.NamedNode(XSD + "date"))
    ]
    assert _objects(quads, subject, KG + "text") == [ox.Literal(TEXT1)]
    assert _objects(quads, subject, "https://schema.org/url")[0].value == "https://example.org/a?x=1&y=<2>"
    assert {q.graph_name.value for q in quads} == {doc_graph_iri("d1")}


def test_entity_quads():
    entities = sample_records()[2]
    quads = list(entity_quads(entities.values()))
    peskov = _ent("peskov")
    assert set(_objects(quads, peskov, RDF + "type")) == {ox.NamedNode(KG + "Entity"), ox.NamedNode(KG + "Person")}
    assert _objects(quads, peskov, RDFS + "label") == [ox.Literal("Dmitry Peskov")]
    assert _objects(quads, peskov, SKOS + "prefLabel") == [ox.Literal("Dmitry Peskov")]
    assert _objects(quads, peskov, SKOS + "altLabel") == [ox.Literal("Peskov")]
    assert _objects(quads, peskov, KG + "mentions")[0].value == "4"
    assert set(_objects(quads, peskov, KG + "mentionedIn")) == {
        ox.NamedNode(doc_iri("d1")),
        ox.NamedNode(doc_iri("d2")),
    }
    assert {q.graph_name.value for q in quads} == {ENTITIES_GRAPH}


def test_ontology_declares_every_entity_type():
    quads = list(ontology_quads())
    assert {q.graph_name.value for q in quads} == {ONTOLOGY_GRAPH}
    for name in set(ENTITY_TYPES.values()) | {"Entity", "Fact", "Document", "Relation"}:
        cls = ox.NamedNode(KG + name)
        assert ox.NamedNode(OWL + "Class") in _objects(quads, cls, RDF + "type"), name
        assert _objects(quads, cls, RDFS + "label") and _objects(quads, cls, RDFS + "comment"), name
    assert ox.NamedNode(RDF + "Statement") in _objects(quads, ox.NamedNode(KG + "Fact"), RDFS + "subClassOf")
    for prop in ("negated", "attributedTo", "confidence", "sentence", "start", "end", "document", "kind", "mentions"):
        assert _objects(quads, ox.NamedNode(KG + prop), RDFS + "comment"), prop


def test_hostile_text_is_cleaned_and_serializes():
    bad = "a\x00b\x1bc\ud800d\ufffe\n\tend"
    assert replace_unsafe(bad) == "a b c\ufffdd\ufffd\n\tend"
    assert len(replace_unsafe(bad)) == len(bad)  # offsets stay valid
    doc = Document("d\x00", bad, title=bad)
    fact = GraphFact(Node(literal=bad), "say", Node(literal=bad), "d\x00", 0, bad, 0, len(bad))
    quads = list(document_quads(doc, [fact], {}))
    for fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
        assert ox.serialize(quads, format=fmt)
    triples = [q.triple for q in quads]
    for fmt in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML):
        data = ox.serialize(triples, format=fmt)
        data.decode("utf-8")
    Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.RDF_XML), format="xml")


@pytest.mark.slow  # over a second of CPU: left out of make check
@pytest.mark.parametrize("fmt,rdflib_fmt", [(ox.RdfFormat.TURTLE, "turtle"), (ox.RdfFormat.N_TRIPLES, "nt")])
def test_round_trip_is_isomorphic(fmt, rdflib_fmt):
    from kg.graph.namespaces import PREFIXES
    from kg.store.writing import rdflib_term

    triples = list({q.triple for q in _quads()})
    expected = Graph()
    for t in triples:
        expected.add((rdflib_term(t.subject), rdflib_term(t.predicate), rdflib_term(t.object)))
    data = ox.serialize(triples, format=fmt, prefixes=PREFIXES).decode("utf-8")
    assert isomorphic(Graph().parse(data=data, format=rdflib_fmt), expected)
    assert len(expected) == len(triples)
