"""Which nodes and facts a view of the graph shows: facts seen in enough documents, a focus and
its neighbourhood, entity types, and a cap on the number of nodes by centrality."""

from __future__ import annotations

from collections import defaultdict, deque

import networkx as nx

from kg.views.drawn import DRAWN_FROM
from kg.views.nodes import LITERAL_TYPE, is_entity_node, resolve_entity, sort_key

__all__ = ["LITERAL_TYPE", "fact_key", "select_nodes", "sort_key", "supported"]


def fact_key(u, v, data: dict) -> tuple:
    """What makes two facts the same statement: subject, object, relation and negation."""
    return (u, v, str(data.get("relation") or ""), bool(data.get("negated")))


def supported(graph: nx.MultiDiGraph, min_support: int) -> nx.MultiDiGraph:
    """``graph`` with only the facts whose statement is found in ``min_support`` documents or
    more (all nodes are kept, so a focus still resolves)."""
    if min_support <= 1:
        return graph
    documents: dict[tuple, set] = defaultdict(set)
    for u, v, data in graph.edges(data=True):
        documents[fact_key(u, v, data)].add(str(data.get("document") or ""))
    kept = nx.MultiDiGraph()
    kept.add_nodes_from(graph.nodes(data=True))
    kept.add_edges_from(
        (u, v, key, data)
        for u, v, key, data in graph.edges(keys=True, data=True)
        if len(documents[fact_key(u, v, data)] - {""}) >= min_support
    )
    return kept


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
        if depth >= hops or not is_entity_node(graph, node):
            continue
        for nb in _neighbours(graph, node):
            if nb not in seen:
                seen.add(nb)
                frontier.append((nb, depth + 1))
    return seen


def _cap_warning(shown: int, total: int) -> str:
    return f"showing {shown} of {total} nodes (the highest degree first); narrow the view with a focus entity or types"


def select_nodes(graph, focus, hops, types, max_nodes, *, isolated: bool = True) -> tuple[list, list, bool, list[str]]:
    """Apply focus, types and the cap. Returns (nodes sorted, focus nodes, capped, warnings).
    Without a focus, only nodes in some fact are shown, or with ``isolated`` all nodes of a
    graph that has no fact."""
    warnings: list[str] = []
    centres: list = []
    if focus is not None:
        centres = resolve_entity(graph, focus)
        selected = _ego(graph, centres, hops)
    else:
        # an entity in no fact adds nothing to a graph of facts
        selected = {n for n in graph.nodes if graph.degree(n)} or (set(graph.nodes) if isolated else set())

    if types is not None:
        wanted = {str(t).casefold() for t in types}
        entities = {
            n for n in selected if is_entity_node(graph, n) and (_matches_type(graph, n, wanted) or n in centres)
        }
        literals = {
            n for n in selected if not is_entity_node(graph, n) and any(nb in entities for nb in _neighbours(graph, n))
        }
        selected = entities | literals

    capped = False
    drawn_from = graph.graph.get(DRAWN_FROM) if focus is None and types is None else None
    if drawn_from and drawn_from > len(selected) <= max_nodes:  # cut in SPARQL (kg.views.drawn)
        capped = True
        warnings.append(_cap_warning(len(selected), drawn_from))
    if len(selected) > max_nodes:
        total = len(selected)
        sub = graph.subgraph(selected)
        centrality = nx.degree_centrality(sub)
        ranked = sorted(selected, key=lambda n: (n not in centres, -centrality[n], *sort_key(graph, n)))
        selected = set(ranked[:max_nodes])
        # a node whose facts were all cut away (a literal, or an entity whose neighbours were
        # less central) would stand alone on the page, saying nothing
        kept = set(selected)
        selected = {n for n in kept if n in centres or any(nb in kept for nb in _neighbours(graph, n) if nb != n)}
        capped = True
        warnings.append(_cap_warning(len(selected), total))
    ordered = sorted(selected, key=str)
    return ordered, centres, capped, warnings
