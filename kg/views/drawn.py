"""The part of the graph a capped page draws, chosen in SPARQL before any networkx graph is made.

``kg render --max-nodes N`` without a focus keeps the N nodes of highest degree. Building the
whole graph in networkx first reads every fact with its sentence, labels and provenance (BBC:
21-28 s, 800 MB). Here one light query reads the two ends of every fact and link, the degrees
and the cut are computed from those (the same ranking as ``kg.views.select``: degree, then
label), and only the facts between the kept nodes, with the entities, documents' ids and schema
they use, are copied into an in-memory store that ``to_networkx`` reads as it reads the store.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import networkx as nx
import pyoxigraph as ox

from kg.graph.namespaces import CONCEPT_NS, DCTERMS, ENTITY_NS, KG_NS, ONTOLOGY_GRAPH, RDF, RDFS, SCHEMA_GRAPH
from kg.views.network import literal_node_id, to_networkx

if TYPE_CHECKING:
    from kg.store.store import Store

__all__ = ["DRAWN_FROM", "drawn_graph"]

#: graph attribute: how many nodes the whole graph had in facts, before the cut
DRAWN_FROM = "drawn_from"

_RDFS_LABEL = ox.NamedNode(RDFS + "label")
_DOC_IDS = "CONSTRUCT { ?d dcterms:identifier ?id } WHERE { ?d dcterms:identifier ?id }"
_LINK = ox.NamedNode(KG_NS + "link")


def _words(term, written) -> str:
    return written.value if written is not None else term.value


def _node(term, written) -> str | None:
    """The networkx node of a fact's end: its IRI, or the literal node of its words as written."""
    if isinstance(term, ox.NamedNode):
        return term.value
    text = _words(term, written)
    return literal_node_id(text) if text else None


def _value(term: Any) -> str:
    """The IRI or words of a term (kg's graphs have no RDF-star triples)."""
    return term.value


def _objects(db: ox.Store, predicate: str) -> dict[str, Any]:
    """Subject IRI -> object of every ``predicate`` triple (an index scan, faster than a SPARQL join)."""
    return {_value(q.subject): q.object for q in db.quads_for_pattern(None, ox.NamedNode(predicate), None, None)}


def _edges(db: ox.Store, literals: dict[str, str]) -> Iterator[tuple[str, str, str]]:
    """(fact IRI, source node, target node) of every edge ``to_networkx`` would draw: a fact's
    subject to its object, and each of its links; the words of literal nodes go into ``literals``."""
    subjects, objects = _objects(db, RDF + "subject"), _objects(db, RDF + "object")
    subject_texts, object_texts = _objects(db, KG_NS + "subjectText"), _objects(db, KG_NS + "objectText")
    for fact, o in objects.items():
        s = subjects.get(fact)
        if s is None:
            continue
        ends = ((s, subject_texts.get(fact)), (o, object_texts.get(fact)))
        source, target = (_node(term, written) for term, written in ends)
        if source is None or target is None:
            continue
        for (term, written), node in zip(ends, (source, target)):
            if not isinstance(term, ox.NamedNode):
                literals[node] = _words(term, written)
        yield fact, source, target
    sources, targets = _objects(db, KG_NS + "source"), _objects(db, KG_NS + "target")
    for q in db.quads_for_pattern(None, _LINK, None, None):
        link = _value(q.object)
        if link in sources and link in targets:
            yield _value(q.subject), _value(sources[link]), _value(targets[link])


def _label(db: ox.Store, node: str, literals: dict[str, str]) -> str:
    if node in literals:
        return literals[node]
    quads = db.quads_for_pattern(ox.NamedNode(node), _RDFS_LABEL, None, None)
    return min((_value(q.object) for q in quads), default=node)


def _kept(db: ox.Store, degree: Counter, literals: dict[str, str], max_nodes: int) -> list[str]:
    """The ``max_nodes`` nodes of highest degree, ties by label (``kg.views.nodes.sort_key``):
    only the nodes tied with the last one need their labels."""
    ranked = sorted(degree, key=lambda n: -degree[n])
    cut = degree[ranked[max_nodes - 1]]
    sure = [n for n in ranked if degree[n] > cut]
    tied = [n for n in ranked if degree[n] == cut]
    labels = {n: _label(db, n, literals) for n in tied}
    tied.sort(key=lambda n: (labels[n].casefold(), labels[n], n))
    return sure + tied[: max_nodes - len(sure)]


def _copy(db: ox.Store, facts: set[str]) -> ox.Store:
    """An in-memory store with the ``facts``, their links, the entities and concepts they name,
    every document's id, and the ontology and schema graphs."""
    quads: list[ox.Quad] = []
    for fact in sorted(facts):
        quads.extend(db.quads_for_pattern(ox.NamedNode(fact), None, None, None))
    links = [_value(q.object) for q in quads if q.predicate == _LINK]
    for link in links:
        quads.extend(db.quads_for_pattern(ox.NamedNode(link), None, None, None))
    hops = {q.object.value for q in quads if isinstance(q.object, ox.NamedNode)}
    for iri in sorted(hops):
        if iri.startswith((ENTITY_NS, CONCEPT_NS)):
            quads.extend(db.quads_for_pattern(ox.NamedNode(iri), None, None, None))
    for graph in (ONTOLOGY_GRAPH, SCHEMA_GRAPH):
        quads.extend(db.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
    quads.extend(db.quads_for_pattern(None, ox.NamedNode(DCTERMS + "identifier"), None, None))
    part = ox.Store()
    part.bulk_extend(quads)
    return part


def drawn_graph(store: Store, max_nodes: int) -> nx.MultiDiGraph | None:
    """The graph of the ``max_nodes`` highest-degree nodes and the facts between them, as
    ``to_networkx`` makes it, with the number of nodes in facts before the cut in
    ``graph.graph[DRAWN_FROM]``; None when no more than ``max_nodes`` nodes are in facts (the
    whole graph is drawn)."""
    from kg.store.store import Store

    db = store.db
    literals: dict[str, str] = {}
    edges = list(_edges(db, literals))
    degree: Counter = Counter()
    for _, source, target in edges:
        degree[source] += 1
        degree[target] += 1
    if len(degree) <= max_nodes:
        return None
    kept = set(_kept(db, degree, literals, max_nodes))
    neighbours: dict[str, set[str]] = {}
    for _, source, target in edges:
        if source in kept and target in kept and source != target:
            neighbours.setdefault(source, set()).add(target)
            neighbours.setdefault(target, set()).add(source)
    drawn = {n for n in kept if n in neighbours}  # a node whose facts were all cut says nothing
    facts = {f for f, source, target in edges if source in drawn and target in drawn}
    graph = to_networkx(Store.viewing(_copy(db, facts), store.path)).subgraph(drawn).copy()
    graph.graph[DRAWN_FROM] = len(degree)
    return graph
