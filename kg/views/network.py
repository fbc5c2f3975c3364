"""The knowledge graph as a networkx MultiDiGraph, and its GraphML and GEXF files.

Nodes are entities and concepts (by IRI) and the literal values at the end of facts
(``literal:<hash>``); edges are the graph's edges as ``kg.views.edges`` reads them: one per
fact from its subject to its object (keyed by the fact IRI), and one per link of a fact
(``kg:Link``: addressee, argument, place, statement; keyed by the link IRI). Every edge
carries its kind and its fact's provenance."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, BinaryIO

import networkx as nx

from kg.graph.iri import short_hash
from kg.store.formats import Formats
from kg.views.edges import link_records
from kg.views.tables import Names, concept_rows, entity_rows, fact_records

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
    "document", "sentence", "start", "end", "confidence", "kind", "relation_class", "time", "fact",
)  # fmt: skip


def literal_node_id(text: str) -> str:
    """The node id of a literal end of a fact: ``literal:<hash>``."""
    return f"literal:{short_hash(text, 16)}"


def _end(graph: nx.MultiDiGraph, node_id: str | None, label: str) -> str:
    """The node for one end of a fact: its IRI, or a literal node (added when new)."""
    if node_id is not None:
        if node_id not in graph:  # an IRI with no record: keep the edge anyway
            graph.add_node(node_id, label=label, type="Entity", mentions=0, aliases="", documents="")
        return node_id
    literal = literal_node_id(label)
    if literal not in graph:
        graph.add_node(literal, label=label, type="Literal", mentions=0)
    return literal


def _kind(fact: dict[str, Any]) -> str:
    """The kind of a fact's own edge: a role, whom it was said to, or its object."""
    if fact["kind"] == "role":
        return "role"
    return "addressee" if fact["addressee_id"] and fact["addressee_id"] == fact["object_id"] else "object"


def _edge_attributes(fact: dict[str, Any], **override: Any) -> dict[str, Any]:
    attrs = {k: fact[k] for k in ("relation", "negated", "attributed_to", "document", "sentence", "start", "end")}
    attrs.update(
        confidence=fact["confidence"], attributed_id=fact["attributed_id"] or "", extra_ids="|".join(fact["extra_ids"]),
        kind=_kind(fact), relation_class=fact["relation_class"], time=fact["time"], fact=fact["fact"],
    )  # fmt: skip
    attrs.update(override)
    return attrs


def to_networkx(store: Store) -> nx.MultiDiGraph:
    """Nodes: entity and concept IRIs (``label``, ``type``, ``mentions``, ``aliases`` and
    ``documents`` joined by ``|``) and literals; edges keyed by fact or link IRI with
    EDGE_ATTRIBUTES (``kind``: object, role, addressee, argument, place or statement; ``fact``:
    the fact IRI; ``attributed_id``: the speaker's IRI or ""; ``extra_ids``: the entities of
    the fact's extra arguments joined by ``|``)."""
    graph = nx.MultiDiGraph()
    for row in [*entity_rows(store), *concept_rows(store)]:
        graph.add_node(
            row["id"], label=row["label"], type=row["type"], mentions=row["mentions"],
            aliases="|".join(row["aliases"]), documents="|".join(row["documents"]),
        )  # fmt: skip
    facts: dict[str, dict[str, Any]] = {}
    for fact in fact_records(store):
        facts[fact["fact"]] = fact
        if fact["object_id"] is None and not fact["object"]:
            continue  # an event without an object is no edge
        source = _end(graph, fact["subject_id"], fact["subject"])
        target = _end(graph, fact["object_id"], fact["object"])
        graph.add_edge(source, target, key=fact["fact"], **_edge_attributes(fact))
    names = Names(store)
    for link in link_records(store, names):
        owner = facts.get(link["fact"])
        if owner is None or not link["source_id"] or not link["target_id"]:
            continue
        source = _end(graph, link["source_id"], names.end_label(link["source_id"]))
        target = _end(graph, link["target_id"], names.end_label(link["target_id"]))
        attrs = _edge_attributes(owner, relation=link["relation"], kind=link["kind"])
        graph.add_edge(source, target, key=link["link"], **attrs)
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
