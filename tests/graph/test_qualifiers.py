"""Fact nodes keep the relation as written and the verb chain's qualifiers."""

from __future__ import annotations

import pyoxigraph as ox

from kg.graph.namespaces import KG, KG_NS, RDF
from kg.graph.quads import document_quads
from kg.model import Document, GraphFact, Node

SENTENCE = "The Tories continued to share data."


def _fact_node_values(fact: GraphFact) -> dict[str, list[str]]:
    quads = list(document_quads(Document("d", SENTENCE), [fact], {}))
    node = next(q.subject for q in quads if q.predicate == ox.NamedNode(RDF + "type") and q.object.value == KG + "Fact")
    values: dict[str, list[str]] = {}
    for q in quads:
        if q.subject == node:
            values.setdefault(q.predicate.value.removeprefix(KG_NS), []).append(q.object.value)
    return values


def test_fact_node_has_surface_and_qualifiers():
    fact = GraphFact(
        Node(literal="The Tories"), "share", Node(literal="data"), "d", 0, SENTENCE, 0, len(SENTENCE),
        surface="continued to share", qualifiers=(("aspect", "continue"), ("modality", "likely")),
    )  # fmt: skip
    values = _fact_node_values(fact)
    assert values["surface"] == ["continued to share"]
    assert (values["aspect"], values["modality"]) == (["continue"], ["likely"])


def test_unknown_qualifier_kinds_make_no_property():
    fact = GraphFact(
        Node(literal="The Tories"), "share", Node(literal="data"), "d", 0, SENTENCE, 0, len(SENTENCE),
        qualifiers=(("colour", "blue"),),
    )  # fmt: skip
    values = _fact_node_values(fact)
    assert "colour" not in values and "surface" not in values
