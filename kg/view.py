"""Which nodes a view of the graph shows: a focus and its neighbourhood, entity types, and a
cap on the number of nodes by centrality."""

from __future__ import annotations

from collections import deque

import networkx as nx

from .analyze import LITERAL_TYPE, is_entity, resolve_entity, sort_key

__all__ = ["LITERAL_TYPE", "select_nodes", "sort_key"]


def _matches_type(graph: nx.MultiDiGraph, node, wanted: set[str]) -> bool:
    return str(graph.nodes[node].get("type") or "").casefold() in wanted


def _neighbours(graph: nx.MultiDiGraph, node):
    yield from graph.successors(node)
    yield from graph.predecessors(node)


def _ego(graph: nx.MultiDiGraph, centres: list, hops: int) -> set:
    """Nodes within ``hops`` of any centre, ignoring edge direction. Literal values are leaves:
    two facts with the same literal object ("Monday") do not make their subjects neighbours."""
    seen = set(centres)
    frontier = deque((c, 0) for c in centres)
    while frontier:
        node, depth = frontier.popleft()
        if depth >= hops or not is_entity(graph, node):
            continue
        for nb in _neighbours(graph, node):
            if nb not in seen:
                seen.add(nb)
                frontier.append((nb, depth + 1))
    return seen


def select_nodes(graph, focus, hops, types, max_nodes) -> tuple[list, list, bool, list[str]]:
    """Apply focus, types and the cap. Returns (nodes sorted, focus nodes, capped, warnings)."""
    warnings: list[str] = []
    centres: list = []
    if focus is not None:
        centres = resolve_entity(graph, focus)
        selected = _ego(graph, centres, hops)
    else:
        # an entity in no fact adds nothing to a graph of facts
        selected = {n for n in graph.nodes if graph.degree(n)} or set(graph.nodes)

    if types is not None:
        wanted = {str(t).casefold() for t in types}
        entities = {
            n for n in selected
            if is_entity(graph, n) and (_matches_type(graph, n, wanted) or n in centres)
        }
        literals = {
            n for n in selected
            if not is_entity(graph, n) and any(nb in entities for nb in _neighbours(graph, n))
        }
        selected = entities | literals

    capped = False
    if len(selected) > max_nodes:
        total = len(selected)
        sub = graph.subgraph(selected)
        centrality = nx.degree_centrality(sub)
        ranked = sorted(selected, key=lambda n: (n not in centres, -centrality[n], *sort_key(graph, n)))
        selected = set(ranked[:max_nodes])
        # a literal only means something beside the entity it describes
        selected = {
            n for n in selected
            if is_entity(graph, n) or any(nb in selected for nb in _neighbours(graph, n))
        }
        capped = True
        warnings.append(
            f"showing {len(selected)} of {total} nodes (the highest degree first); "
            "narrow the view with a focus entity or types"
        )
    ordered = sorted(selected, key=str)
    return ordered, centres, capped, warnings
