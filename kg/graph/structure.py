"""The structure of a fact beyond its subject-relation-object triple: the entities named inside
its ends (``kg:names``), its addressee, a role's title, the words of an end that became a node,
and its links (``kg:Link``): the other edges it gives between graph nodes, each with a direct
triple where the edge reads as a relation (``ent:moscow rel:terminate_support_for
ent:nicolas_maduro``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import NamedTuple

import pyoxigraph as ox

from kg.graph.iri import link_iri, relation_iri, relation_label
from kg.graph.namespaces import KG, RDF, node
from kg.model import GraphFact, Node

__all__ = ["LINK_KINDS", "Link", "fact_links", "link_relations", "structure_quads"]

#: The kinds of edges a fact gives, besides its own (``object``, or ``role`` for a role fact).
LINK_KINDS = ("addressee", "argument", "place", "statement")
#: Link kinds whose edge is also a direct triple: a statement names an entity, it does not
#: relate the speaker to it by the speech verb.
DIRECT_KINDS = frozenset({"addressee", "argument", "place"})

A = node(RDF + "type")
Term = ox.NamedNode | ox.Literal


class Link(NamedTuple):
    """One edge of a fact from its subject to another node: which kind, by which relation."""

    kind: str
    relation: str  # a relation label: the fact's, or the fact's with a path (``terminate support for``)
    target: Node


def fact_links(fact: GraphFact) -> list[Link]:
    """The edges a fact gives besides subject -> object: to its addressee, to the entity of a
    prepositional part of its object or extra arguments (the relation takes the part's path),
    to a place, and from a speaker to each entity the statement names. An edge joins two
    graph nodes: a subject left as words (a name resolution did not make an entity) has none."""
    links: list[Link] = []
    if not fact.subject.is_node:
        return links
    if fact.addressee is not None and fact.addressee.is_node and fact.addressee != fact.object:
        links.append(Link("addressee", fact.relation, fact.addressee))
    for part in fact.parts:
        target = Node(entity=part.entity)
        if part.where == "object" and part.path and fact.kind == "role":  # "member for" a constituency
            links.append(Link("argument", part.path, target))
        elif part.where == "object" and part.path:
            links.append(Link("argument", f"{fact.relation} {part.path}", target))
        elif part.where == "object" and fact.kind == "speech":
            links.append(Link("statement", fact.relation, target))
        elif part.where == "extra" and part.path:
            kind = "place" if part.role == "place" else "argument"
            links.append(Link(kind, f"{fact.relation} {part.path}", target))
    return [link for link in dict.fromkeys(links) if link.target != fact.subject]


def link_relations(fact: GraphFact) -> set[str]:
    """The relation labels a fact's links use (``not`` prefixed when the fact is negated)."""
    return {relation_label(link.relation, fact.negated) for link in fact_links(fact)}


def structure_quads(
    f: ox.NamedNode,
    fact: GraphFact,
    subject: Term,
    term: Callable[[Node], Term],
    label: Callable[[Node], str],
    text: Callable[[str], ox.Literal],
    graph: ox.NamedNode,
) -> Iterator[ox.Quad]:
    """The fact node's names, addressee, title and end words, and its links with their
    direct triples; ``term`` and ``label`` give an end's RDF term and display label, ``text``
    a string literal."""
    for entity in sorted({part.entity for part in fact.parts}):
        yield ox.Quad(f, KG.names, term(Node(entity=entity)), graph)
    if fact.addressee is not None:
        yield ox.Quad(f, KG.addressee, term(fact.addressee), graph)
    if fact.title:
        yield ox.Quad(f, KG.title, text(fact.title), graph)
    for prop, end in (("subjectText", fact.subject), ("objectText", fact.object)):
        if end.is_node and end.literal and end.literal != end.concept:
            yield ox.Quad(f, node(KG + prop), text(end.literal), graph)
    for link in fact_links(fact):
        target = term(link.target)
        relation = ox.NamedNode(relation_iri(link.relation, fact.negated))
        words = f"{label(fact.subject)[:60]} {relation_label(link.relation, fact.negated)} {label(link.target)[:60]}"
        iri = ox.NamedNode(link_iri(f.value, link.kind, relation.value, str(target), text=words))
        yield ox.Quad(f, KG.link, iri, graph)
        yield ox.Quad(iri, A, KG.Link, graph)
        yield ox.Quad(iri, KG.linkKind, ox.Literal(link.kind), graph)
        yield ox.Quad(iri, KG.source, subject, graph)
        yield ox.Quad(iri, KG.relation, relation, graph)
        yield ox.Quad(iri, KG.target, target, graph)
        if link.kind in DIRECT_KINDS and isinstance(subject, ox.NamedNode):
            yield ox.Quad(subject, relation, target, graph)
