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
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import networkx as nx
import pyoxigraph as ox

from kg.graph.namespaces import CONCEPT_NS, DCTERMS, ENTITY_NS, KG_NS, ONTOLOGY_GRAPH, OWL, RDF, RDFS, REL_NS, SKOS
from kg.views.network import literal_node_id, to_networkx

if TYPE_CHECKING:
    from kg.store.store import Store

__all__ = ["DRAWN_FROM", "drawn_graph"]

#: graph attribute: how many nodes the whole graph had in facts, before the cut
DRAWN_FROM = "drawn_from"

_RDFS_LABEL = ox.NamedNode(RDFS + "label")
_DOC_IDS = "CONSTRUCT { ?d dcterms:identifier ?id } WHERE { ?d dcterms:identifier ?id }"
_LINK = ox.NamedNode(KG_NS + "link")
_SENTENCE = ox.NamedNode(KG_NS + "sentence")
_IDENTIFIER = ox.NamedNode(DCTERMS + "identifier")
#: what a node of the drawn graph shows: ``kg.views.tables.entity_rows`` and ``concept_rows``
_NODE_PROPERTIES = tuple(
    ox.NamedNode(iri)
    for iri in (RDF + "type", RDFS + "label", KG_NS + "mentions", SKOS + "altLabel", KG_NS + "mentionedIn")
)


def _node(term) -> str | None:
    """The networkx node of a fact's end: its IRI, or the literal node of its words. (Only an
    entity or concept end has words as written apart from its term, ``kg:subjectText``; a
    literal end's words are the literal, so the texts need not be read for the ranking.)"""
    if isinstance(term, ox.NamedNode):
        return term.value
    return literal_node_id(term.value) if term.value else None


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
    for fact, o in objects.items():
        s = subjects.get(fact)
        if s is None:
            continue
        source, target = _node(s), _node(o)
        if source is None or target is None:
            continue
        for term, node in ((s, source), (o, target)):
            if not isinstance(term, ox.NamedNode):
                literals[node] = term.value
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


def _about(db: ox.Store, iris: Iterable[str], predicates: Iterable[ox.NamedNode] | None = None) -> Iterator[ox.Quad]:
    """The quads whose subject is one of ``iris`` (only those with one of ``predicates``, when given)."""
    for iri in sorted(iris):
        subject = ox.NamedNode(iri)
        if predicates is None:
            yield from db.quads_for_pattern(subject, None, None, None)
        else:
            for predicate in predicates:
                yield from db.quads_for_pattern(subject, predicate, None, None)


def _named(quads: Iterable[ox.Quad]) -> set[str]:
    return {q.object.value for q in quads if isinstance(q.object, ox.NamedNode)}


def _copy(db: ox.Store, facts: set[str]) -> ox.Store:
    """An in-memory store with what ``to_networkx`` reads of the ``facts``: their quads, their
    links and sentences; of the entities and concepts they name, the properties a node shows
    (an entity's own relation triples and name keys are left: 40% of those quads on BBC); the
    relations they use, with their classes; every document's id; and the ontology graph."""
    quads = list(_about(db, facts))
    quads.extend(_about(db, [_value(q.object) for q in quads if q.predicate == _LINK]))
    sentences = {_value(q.object) for q in quads if q.predicate == _SENTENCE and isinstance(q.object, ox.NamedNode)}
    quads.extend(_about(db, sentences))
    hops = _named(quads)
    quads.extend(_about(db, {i for i in hops if i.startswith((ENTITY_NS, CONCEPT_NS))}, _NODE_PROPERTIES))
    relations = list(_about(db, {i for i in hops if i.startswith(REL_NS)}))
    quads.extend(relations)
    quads.extend(_about(db, {i for i in _named(relations) if not i.startswith(OWL)} - hops))  # their classes
    quads.extend(db.quads_for_pattern(None, None, None, ox.NamedNode(ONTOLOGY_GRAPH)))
    quads.extend(db.quads_for_pattern(None, _IDENTIFIER, None, None))
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
