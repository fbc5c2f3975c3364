"""The knowledge graph as a networkx MultiDiGraph (entities and literals as nodes, facts as edges)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, BinaryIO

import networkx as nx

from .export import entity_rows, fact_records
from .iri import short_hash

if TYPE_CHECKING:
    from .store import Store

__all__ = ["to_networkx", "write_graphml", "literal_node_id"]


def literal_node_id(text: str) -> str:
    """The node id of a literal end of a fact: ``literal:<hash>``."""
    return f"literal:{short_hash(text, 16)}"


def _end(graph: nx.MultiDiGraph, node_id: str | None, label: str) -> str:
    """The node for one end of a fact: its entity IRI, or a literal node (added when new)."""
    if node_id is not None:
        if node_id not in graph:  # an IRI with no entity record: keep the edge anyway
            graph.add_node(node_id, label=label, type="Entity", mentions=0)
        return node_id
    literal = literal_node_id(label)
    if literal not in graph:
        graph.add_node(literal, label=label, type="Literal", mentions=0)
    return literal


def to_networkx(store: Store) -> nx.MultiDiGraph:
    """Nodes: entity IRIs (label, type, mentions, aliases and documents joined by ``|``) and
    literals; edges keyed by fact IRI."""
    graph = nx.MultiDiGraph()
    for row in entity_rows(store):
        graph.add_node(row["id"], label=row["label"], type=row["type"], mentions=row["mentions"],
                       aliases="|".join(row["aliases"]), documents="|".join(row["documents"]))
    for fact in fact_records(store):
        source = _end(graph, fact["subject_id"], fact["subject"])
        target = _end(graph, fact["object_id"], fact["object"])
        attrs: dict[str, Any] = {k: fact[k] for k in (
            "relation", "negated", "attributed_to", "document", "sentence", "start", "end", "confidence",
        )}  # fmt: skip
        graph.add_edge(source, target, key=fact["fact"], **attrs)
    return graph


def write_graphml(store: Store, out: BinaryIO) -> None:
    """The store's facts as GraphML (UTF-8), nodes and edges in a deterministic order."""
    nx.write_graphml(to_networkx(store), out, encoding="utf-8", prettyprint=True)
