"""The knowledge graph as a networkx MultiDiGraph (entities and literals as nodes, facts as
edges), and its GraphML and GEXF files."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, BinaryIO

import networkx as nx

from kg.graph.iri import short_hash
from kg.store.formats import Formats
from kg.views.tables import entity_rows, fact_records

if TYPE_CHECKING:
    from kg.store.store import Store

__all__ = [
    "EDGE_ATTRIBUTES",
    "NETWORK_FORMATS",
    "gexf_view",
    "literal_node_id",
    "to_networkx",
    "write_gexf",
    "write_graphml",
    "write_network",
]

# every edge carries these: the fact's relation and provenance, all str, int, float or bool
EDGE_ATTRIBUTES = (
    "relation", "negated", "attributed_to", "attributed_id", "extra_ids",
    "document", "sentence", "start", "end", "confidence",
)  # fmt: skip


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


def _edge_attributes(fact: dict[str, Any]) -> dict[str, Any]:
    attrs = {k: fact[k] for k in EDGE_ATTRIBUTES if k not in ("attributed_id", "extra_ids")}
    attrs["attributed_id"] = fact["attributed_id"] or ""
    attrs["extra_ids"] = "|".join(fact["extra_ids"])
    return attrs


def to_networkx(store: Store) -> nx.MultiDiGraph:
    """Nodes: entity IRIs (label, type, mentions, aliases and documents joined by ``|``) and
    literals; edges keyed by fact IRI with EDGE_ATTRIBUTES (``attributed_id``: the speaker's
    IRI or ""; ``extra_ids``: the entities of the fact's extra arguments joined by ``|``)."""
    graph = nx.MultiDiGraph()
    for row in entity_rows(store):
        graph.add_node(
            row["id"],
            label=row["label"],
            type=row["type"],
            mentions=row["mentions"],
            aliases="|".join(row["aliases"]),
            documents="|".join(row["documents"]),
        )
    for fact in fact_records(store):
        if fact["object_id"] is None and not fact["object"]:
            continue  # an event without an object is no edge
        source = _end(graph, fact["subject_id"], fact["subject"])
        target = _end(graph, fact["object_id"], fact["object"])
        graph.add_edge(source, target, key=fact["fact"], **_edge_attributes(fact))
    return graph


def gexf_view(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy for GEXF: the fact IRI as edge id, the relation as edge label, the confidence as
    weight, and the character offsets as ``char_start``/``char_end`` (GEXF's ``start``/``end``
    are time spells)."""
    view = nx.MultiDiGraph()
    view.add_nodes_from(graph.nodes(data=True))
    for u, v, key, data in graph.edges(keys=True, data=True):
        attrs = {k: val for k, val in data.items() if k not in ("start", "end")}
        attrs.update(
            id=key, label=data["relation"], weight=data["confidence"], char_start=data["start"], char_end=data["end"]
        )
        view.add_edge(u, v, key=key, **attrs)
    return view


#: Network file formats: name -> writer(networkx graph, out).
NETWORK_FORMATS: Formats[Callable[[nx.MultiDiGraph, BinaryIO], None]] = Formats("network format")


@NETWORK_FORMATS.register("graphml")
def write_graphml(graph: nx.MultiDiGraph, out: BinaryIO) -> None:
    """GraphML (UTF-8, indented)."""
    nx.write_graphml(graph, out, encoding="utf-8", prettyprint=True)


@NETWORK_FORMATS.register("gexf")
def write_gexf(graph: nx.MultiDiGraph, out: BinaryIO) -> None:
    """GEXF 1.2 (UTF-8, indented) of the graph's :func:`gexf_view`, without a modification date."""
    writer = nx.readwrite.gexf.GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.add_graph(gexf_view(graph))
    meta = writer.xml.find("meta")
    if meta is not None:  # today's date would make the bytes differ from one day to the next
        meta.attrib.pop("lastmodifieddate", None)
    writer.write(out)


def write_network(store: Store, fmt: str, out: BinaryIO) -> None:
    """The store's graph as ``graphml`` or ``gexf`` (UTF-8), in a deterministic order."""
    NETWORK_FORMATS[fmt](to_networkx(store), out)
