"""networkx analytics over the graph view built by ``kg.netx``.

The input is a ``networkx.MultiDiGraph``: nodes are entity IRIs (or ``literal:<hash>`` for
literal objects) with ``label``, ``type``, ``mentions`` and ``documents`` attributes; edges are
facts keyed by fact IRI with ``relation``, ``negated``, ``attributed_to``, ``document``,
``sentence``, ``start``, ``end`` and ``confidence``. Every result here is deterministic: the same
graph gives the same answer, in the same order, whatever the order it was built in.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

from .errors import QueryError

__all__ = [
    "LITERAL_TYPE",
    "sort_key",
    "Centrality",
    "PathStep",
    "GraphStats",
    "UnknownEntityError",
    "NoPathError",
    "is_entity",
    "node_label",
    "normalise_name",
    "resolve_entity",
    "central_entities",
    "communities",
    "find_path",
    "graph_stats",
]

LITERAL_TYPE = "Literal"


class UnknownEntityError(QueryError):
    """A name given on the command line matches no entity in the graph."""

    code = "KG440"


class NoPathError(QueryError):
    """Two entities exist but no chain of facts connects them."""

    code = "KG441"


@dataclass(frozen=True)
class Centrality:
    """An entity's place in the graph: its degree (facts touching it) and PageRank."""

    label: str
    type: str
    degree: int
    pagerank: float
    id: str = ""


@dataclass(frozen=True)
class PathStep:
    """One fact on a path between two entities, in the direction it was stated."""

    subject: str
    relation: str
    object: str
    document: str
    sentence: str
    negated: bool = False
    fact: str = ""  # the fact's IRI (the edge key)


@dataclass(frozen=True)
class GraphStats:
    nodes: int
    edges: int
    entities: int
    literals: int
    documents: int
    by_type: dict[str, int] = field(default_factory=dict)
    by_relation: dict[str, int] = field(default_factory=dict)


# --------------------------------------------------------------------------- helpers


def is_entity(graph: nx.MultiDiGraph, node) -> bool:
    """True for entity nodes, False for literal objects."""
    data = graph.nodes[node]
    return data.get("type") != LITERAL_TYPE and not str(node).startswith("literal:")


def node_label(graph: nx.MultiDiGraph, node) -> str:
    label = graph.nodes[node].get("label")
    return str(label) if label not in (None, "") else str(node)


def normalise_name(name: str) -> str:
    """Case- and space-insensitive form of a name, for matching labels and aliases."""
    return " ".join(str(name).split()).casefold()


def _aliases(data: dict) -> list[str]:
    aliases = data.get("aliases")
    if not aliases:
        return []
    if isinstance(aliases, str):
        return [a for a in aliases.split("|") if a]
    return [str(a) for a in aliases]


def resolve_entity(graph: nx.MultiDiGraph, name: str) -> list[str]:
    """The entity nodes whose IRI, label or alias is ``name`` (case-insensitive), sorted.

    Raises :class:`UnknownEntityError` when nothing matches.
    """
    if name in graph and is_entity(graph, name):
        return [name]
    wanted = normalise_name(name)
    by_label, by_alias = [], []
    if wanted:
        for node, data in graph.nodes(data=True):
            if not is_entity(graph, node):
                continue
            if normalise_name(data.get("label") or "") == wanted:
                by_label.append(node)
            elif any(normalise_name(a) == wanted for a in _aliases(data)):
                by_alias.append(node)
    found = by_label or by_alias  # an exact label wins over an alias of another entity
    if not found:
        raise UnknownEntityError(f"no entity named {name!r} in the graph")
    return sorted(found, key=str)


def _entity_nodes(graph: nx.MultiDiGraph) -> list:
    return sorted((n for n in graph.nodes if is_entity(graph, n)), key=str)


def sort_key(graph: nx.MultiDiGraph, node) -> tuple[str, str, str]:
    label = node_label(graph, node)
    return (label.casefold(), label, str(node))


def _pagerank(graph: nx.DiGraph, alpha: float = 0.85, max_iter: int = 200, tol: float = 1e-10):
    """Weighted PageRank by power iteration (networkx's own needs scipy, which kg does not)."""
    nodes = list(graph.nodes)
    n = len(nodes)
    if n == 0:
        return {}
    out_weight = {u: sum(d.get("weight", 1) for _, _, d in graph.out_edges(u, data=True)) for u in nodes}
    dangling = [u for u in nodes if out_weight[u] == 0]
    rank = dict.fromkeys(nodes, 1.0 / n)
    for _ in range(max_iter):
        previous = rank
        dangling_sum = alpha * sum(previous[u] for u in dangling) / n
        base = (1.0 - alpha) / n + dangling_sum
        rank = dict.fromkeys(nodes, base)
        for u in nodes:
            if out_weight[u] == 0:
                continue
            share = alpha * previous[u] / out_weight[u]
            for _, v, d in graph.out_edges(u, data=True):
                rank[v] += share * d.get("weight", 1)
        if sum(abs(rank[u] - previous[u]) for u in nodes) < n * tol:
            break
    return rank


def _entity_projection(graph: nx.MultiDiGraph, directed: bool) -> nx.Graph:
    """A simple (Di)Graph over entities only; ``weight`` counts the facts between two ends."""
    projected = nx.DiGraph() if directed else nx.Graph()
    projected.add_nodes_from(_entity_nodes(graph))
    weights: Counter = Counter()
    for u, v in graph.edges():
        if u == v or u not in projected or v not in projected:
            continue
        key = (u, v) if directed else tuple(sorted((u, v), key=str))
        weights[key] += 1
    for (u, v), weight in sorted(weights.items(), key=lambda kv: (str(kv[0][0]), str(kv[0][1]))):
        projected.add_edge(u, v, weight=weight)
    return projected


# --------------------------------------------------------------------------- analytics


def central_entities(graph: nx.MultiDiGraph, top: int = 10) -> list[Centrality]:
    """The ``top`` entities by PageRank over entity-to-entity facts (collapsed to a simple
    DiGraph weighted by the number of facts), ties broken by degree then label."""
    projected = _entity_projection(graph, directed=True)
    rank = _pagerank(projected)
    results = [
        Centrality(
            label=node_label(graph, node),
            type=str(graph.nodes[node].get("type") or ""),
            degree=int(graph.degree(node)),
            pagerank=round(rank[node], 10),
            id=str(node),
        )
        for node in projected.nodes
    ]
    results.sort(key=lambda c: (-c.pagerank, -c.degree, c.label.casefold(), c.label, c.id))
    return results[: max(top, 0)]


def communities(graph: nx.MultiDiGraph, min_size: int = 1) -> list[list[str]]:
    """Communities of entities (greedy modularity on the undirected entity projection), each a
    sorted list of labels; largest first, then by first label. Literals are left out."""
    projected = _entity_projection(graph, directed=False)
    if projected.number_of_nodes() == 0:
        return []
    if projected.number_of_edges() == 0:
        groups: Iterable[set] = [{node} for node in projected.nodes]
    else:
        groups = nx.community.greedy_modularity_communities(projected, weight="weight")
    result = []
    for group in groups:
        if len(group) < min_size:
            continue
        labels = sorted((node_label(graph, n) for n in group), key=lambda s: (s.casefold(), s))
        result.append(labels)
    result.sort(key=lambda labels: (-len(labels), [s.casefold() for s in labels], labels))
    return result


def _best_fact(graph: nx.MultiDiGraph, u, v) -> tuple:
    """The fact to show for the hop u—v: highest confidence, then earliest document/offset."""
    candidates = []
    for a, b in ((u, v), (v, u)):
        if graph.has_edge(a, b):
            for key, data in graph[a][b].items():
                candidates.append((
                    -float(data.get("confidence") or 0.0),
                    str(data.get("document") or ""),
                    int(data.get("start") or 0),
                    str(key),
                    a,
                    b,
                    data,
                ))
    candidates.sort(key=lambda c: c[:4])
    return candidates[0]


def find_path(graph: nx.MultiDiGraph, source_label: str, target_label: str) -> list[PathStep]:
    """The shortest chain of facts between two entities, ignoring the facts' direction.

    Names match labels or aliases, case-insensitively. The path goes through entities only
    (literal objects are not links between entities). Raises :class:`UnknownEntityError` or
    :class:`NoPathError`.
    """
    sources = resolve_entity(graph, source_label)
    targets = set(resolve_entity(graph, target_label))
    if targets.intersection(sources):
        return []
    parent: dict = {s: None for s in sources}
    queue = deque(sources)
    found = None
    while queue and found is None:
        node = queue.popleft()
        neighbours = {n for n in graph.successors(node)} | {n for n in graph.predecessors(node)}
        for nb in sorted(neighbours, key=lambda n: sort_key(graph, n)):
            if nb in parent or not is_entity(graph, nb):
                continue
            parent[nb] = node
            if nb in targets:
                found = nb
                break
            queue.append(nb)
    if found is None:
        raise NoPathError(f"no chain of facts connects {source_label!r} and {target_label!r}")
    hops = []
    node = found
    while parent[node] is not None:
        hops.append((parent[node], node))
        node = parent[node]
    hops.reverse()
    steps = []
    for u, v in hops:
        *_, key, a, b, data = _best_fact(graph, u, v)
        steps.append(PathStep(
            subject=node_label(graph, a),
            relation=str(data.get("relation") or ""),
            object=node_label(graph, b),
            document=str(data.get("document") or ""),
            sentence=str(data.get("sentence") or ""),
            negated=bool(data.get("negated")),
            fact=key,
        ))
    return steps


def graph_stats(graph: nx.MultiDiGraph) -> GraphStats:
    """Counts of nodes, facts, entities by type, relations and documents."""
    by_type: Counter = Counter()
    documents: set[str] = set()
    entities = literals = 0
    for node, data in graph.nodes(data=True):
        if is_entity(graph, node):
            entities += 1
            by_type[str(data.get("type") or "")] += 1
        else:
            literals += 1
        documents.update(d for d in str(data.get("documents") or "").split("|") if d)
    by_relation: Counter = Counter()
    for _, _, data in graph.edges(data=True):
        by_relation[str(data.get("relation") or "")] += 1
        if data.get("document"):
            documents.add(str(data["document"]))

    def ordered(counter: Counter) -> dict[str, int]:
        return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))

    return GraphStats(
        nodes=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
        entities=entities,
        literals=literals,
        documents=len(documents),
        by_type=ordered(by_type),
        by_relation=ordered(by_relation),
    )
