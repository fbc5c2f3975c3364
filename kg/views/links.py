"""Which entities each edge links, for analytics over entities alone.

Literal values ("the space sector", "Monday") and concepts ("talks", "government") are not
nodes here: a literal shared by two facts says nothing about their subjects, and a concept
named by a thousand facts would link everything to everything. The links are the graph's own
edges between two entities (``kg.views.edges``), each with how it links them (``via``, its
kind): ``object`` (a fact's subject and object), ``addressee`` (whom it was said to),
``role`` (a person and the organisation of a title), ``argument`` (an entity of a
prepositional part: ``Moscow -terminate support for-> Nicolás Maduro``), ``place``, and
``statement`` (a speaker and an entity named in what they said). Nothing is found by looking
for names inside strings.
"""

from __future__ import annotations

import networkx as nx

from kg.views.nodes import entity_nodes, is_entity_node

__all__ = ["VIAS", "link_graph"]

VIAS = ("object", "addressee", "role", "argument", "place", "statement")  # strongest first


def _label(graph: nx.MultiDiGraph, node) -> str:
    return graph.nodes[node].get("label") or str(node)


def _note(graph: nx.MultiDiGraph, u, v, data: dict) -> str:
    """Why an edge links two entities, in words ("" for a fact's own subject and object)."""
    via = data.get("kind") or "object"
    target = _label(graph, v)
    if via == "statement":
        return f"{target} named in what {_label(graph, u)} said"
    if via == "addressee":
        return f"{target} the addressee"
    if via == "argument":
        return f"{target} in an argument ({data.get('relation', '')})"
    if via == "place":
        return f"{target} the place"
    return ""


def link_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Entities as nodes (with their attributes); each edge of ``graph`` between two entities,
    keyed as there, with its attributes plus ``via`` (its kind), ``note`` (why, in words),
    ``subject`` and ``object`` (the labels of its ends). Self-links are dropped."""
    links = nx.MultiDiGraph()
    links.add_nodes_from((n, graph.nodes[n]) for n in entity_nodes(graph))
    edges = sorted(graph.edges(keys=True, data=True), key=lambda e: str(e[2]))
    for u, v, key, data in edges:
        if u == v or not (is_entity_node(graph, u) and is_entity_node(graph, v)):
            continue
        via = data.get("kind") or "object"
        ends = {"subject": _label(graph, u), "object": _label(graph, v)}
        links.add_edge(
            u, v, key=key, **data, **ends, via=via if via in VIAS else "object", note=_note(graph, u, v, data)
        )
    return links
