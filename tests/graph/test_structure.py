"""The structure of a fact in RDF: names, links and their direct triples, addressees, roles and
concepts, on hand-made records."""

from __future__ import annotations

import pyoxigraph as ox

from kg.graph.iri import concept_iri, relation_iri
from kg.graph.quads import build_quads, concept_quads
from kg.graph.structure import fact_links
from kg.model import Concept, Document, Entity, GraphFact, Node, Part

KG = "https://w3id.org/kg-news/ontology#"
S = "Moscow may terminate its support for Nicolás Maduro, Sergey Lavrov told Mike Pompeo."
ENTITIES = {
    "moscow": Entity("moscow", "Moscow", "Place", [], ["d1"], 1),
    "maduro": Entity("maduro", "Nicolás Maduro", "Person", [], ["d1"], 1),
    "lavrov": Entity("lavrov", "Sergey Lavrov", "Person", [], ["d1"], 1),
    "pompeo": Entity("pompeo", "Mike Pompeo", "Person", [], ["d1"], 1),
}


def graph_fact(subject, relation, obj, **more) -> GraphFact:
    return GraphFact(subject, relation, obj, "d1", 0, S, 0, len(S), **more)


TERMINATE = graph_fact(
    Node("moscow"),
    "terminate",
    Node(literal="its support for Nicolás Maduro", concept="support"),
    parts=(Part("object", "support for", "maduro"),),
)
TELL = graph_fact(
    Node("lavrov"),
    "tell",
    Node(literal="Moscow may terminate its support for Nicolás Maduro"),
    kind="speech",
    addressee=Node("pompeo"),
    parts=(Part("object", "", "moscow"), Part("object", "support for", "maduro")),
)


def _store(*facts: GraphFact) -> ox.Store:
    store = ox.Store()
    store.extend(build_quads([Document("d1", S)], list(facts), ENTITIES))
    return store


def _iri(store: ox.Store, label: str) -> ox.NamedNode:
    (quad,) = store.quads_for_pattern(
        None, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal(label)
    )
    assert isinstance(quad.subject, ox.NamedNode)
    return quad.subject


def test_links_of_a_fact():
    assert [(link.kind, link.relation, link.target) for link in fact_links(TERMINATE)] == [
        ("argument", "terminate support for", Node("maduro"))
    ]
    kinds = [(link.kind, link.relation, link.target.entity) for link in fact_links(TELL)]
    assert kinds == [
        ("addressee", "tell", "pompeo"),
        ("statement", "tell", "moscow"),
        ("argument", "tell support for", "maduro"),
    ]


def test_an_argument_gives_a_direct_triple_and_the_concept_end_keeps_its_words():
    store = _store(TERMINATE)
    moscow, maduro = _iri(store, "Moscow"), _iri(store, "Nicolás Maduro")
    composed = ox.NamedNode(relation_iri("terminate support for"))
    assert list(store.quads_for_pattern(moscow, composed, maduro))
    support = ox.NamedNode(concept_iri("support"))
    assert list(store.quads_for_pattern(moscow, ox.NamedNode(relation_iri("terminate")), support))
    (written,) = store.quads_for_pattern(None, ox.NamedNode(KG + "objectText"), None)
    assert written.object == ox.Literal("its support for Nicolás Maduro")
    (names,) = store.quads_for_pattern(None, ox.NamedNode(KG + "names"), None)
    assert names.object == maduro
    declared = ox.NamedNode(KG + "Relation")
    assert list(store.quads_for_pattern(composed, None, declared))  # the composed relation is declared


def test_who_told_whom_is_structural_and_a_statement_is_no_direct_triple():
    store = _store(TELL)
    lavrov, pompeo, moscow = _iri(store, "Sergey Lavrov"), _iri(store, "Mike Pompeo"), _iri(store, "Moscow")
    tell = ox.NamedNode(relation_iri("tell"))
    assert list(store.quads_for_pattern(None, ox.NamedNode(KG + "addressee"), pompeo))
    assert list(store.quads_for_pattern(lavrov, tell, pompeo))  # "Lavrov told Pompeo"
    assert not list(store.quads_for_pattern(lavrov, tell, moscow))  # he told of Moscow, not Moscow
    kinds = {q.object.value for q in store.quads_for_pattern(None, ox.NamedNode(KG + "linkKind"), None)}
    assert kinds == {"addressee", "statement", "argument"}


def test_a_role_fact_has_its_title_and_organisation():
    role = graph_fact(Node("lavrov"), "role", Node("moscow", literal="Moscow's foreign minister"), kind="role",
                      title="foreign minister")  # fmt: skip
    store = _store(role)
    (title,) = store.quads_for_pattern(None, ox.NamedNode(KG + "title"), None)
    assert title.object == ox.Literal("foreign minister")
    assert list(
        store.quads_for_pattern(_iri(store, "Sergey Lavrov"), ox.NamedNode(relation_iri("role")), _iri(store, "Moscow"))
    )


def test_concept_records():
    concepts = [
        Concept("peace talks", "peace talks", ["Peace talks"], ["d1"], 2, broader="talks"),
        Concept("talks", "talks"),
    ]
    store = ox.Store()
    store.extend(concept_quads(concepts))
    peace = ox.NamedNode(concept_iri("peace talks"))
    broader = ox.NamedNode("http://www.w3.org/2004/02/skos/core#broader")
    assert list(store.quads_for_pattern(peace, broader, ox.NamedNode(concept_iri("talks"))))
    assert list(store.quads_for_pattern(peace, ox.NamedNode(KG + "key"), ox.Literal("peace talks")))
