"""networkx analytics over the graph view built by ``kg.views.network``: central entities, communities,
the chain of facts between two entities, counts.

The input is a ``networkx.MultiDiGraph``: nodes are entity IRIs (or ``literal:<hash>`` for
literal ends) with ``label``, ``type``, ``mentions``, ``aliases`` and ``documents``; edges are
facts keyed by fact IRI (see ``kg.views.network``). The analytics run over entities only, linked by the
facts that involve them (``kg.views.links``). Every result is deterministic: the same graph gives the
same answer in the same order, whatever the order it was built in.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import networkx as nx

from kg.errors import QueryError
from kg.views.links import VIAS, link_graph
from kg.views.nodes import is_concept, is_entity_node, node_label, resolve_one, sort_key

__all__ = [
    "Analysis",
    "Centrality",
    "Community",
    "GraphStats",
    "NoPathError",
    "PathStep",
    "analyze",
    "central_entities",
    "communities",
    "find_path",
    "network_stats",
]  # fmt: skip


class NoPathError(QueryError):
    """Two entities exist but no chain of facts (short enough) connects them."""

    code = "KG441"


@dataclass(frozen=True)
class Centrality:
    """An entity's place in the graph: PageRank over the entity links, degree (entities it is
    linked to), facts (facts it takes part in) and mentions (in the text)."""

    label: str
    type: str
    degree: int
    pagerank: float
    id: str = ""
    facts: int = 0
    mentions: int = 0


@dataclass(frozen=True)
class Community:
    """A group of entities linked more among themselves than to the rest, named by its most
    central members; ``ids`` in the same order as ``members``."""

    name: str
    members: list[str]
    ids: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PathStep:
    """One hop of a chain: from entity ``source`` to ``target`` by one fact, stated as
    ``subject -relation-> object``; ``forward`` when the fact points from source to target;
    ``via`` says how the fact links them (see ``kg.views.links``), ``note`` the same in words."""

    source: str
    target: str
    subject: str
    relation: str
    object: str
    via: str
    note: str
    forward: bool
    document: str
    sentence: str
    attributed_to: str = ""
    negated: bool = False
    fact: str = ""


@dataclass(frozen=True)
class GraphStats:
    nodes: int
    edges: int
    entities: int
    literals: int
    documents: int
    by_type: dict[str, int] = field(default_factory=dict)
    by_relation: dict[str, int] = field(default_factory=dict)
    links: int = 0  # pairs of entities linked by at least one fact
    linked: int = 0  # entities linked to at least one other
    components: int = 0  # connected groups of linked entities
    largest: int = 0  # entities in the largest group
    facts: int = 0  # facts the edges come from (a fact gives one edge or more)
    concepts: int = 0  # concept nodes (``literals`` counts the literal values apart)


@dataclass(frozen=True)
class Analysis:
    """What ``kg analyze`` prints."""

    stats: GraphStats
    central: list[Centrality]
    communities: list[Community]


# --------------------------------------------------------------------------- names


# --------------------------------------------------------------------------- ranking


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
        base = (1.0 - alpha) / n + alpha * sum(previous[u] for u in dangling) / n
        rank = dict.fromkeys(nodes, base)
        for u in nodes:
            if out_weight[u]:
                share = alpha * previous[u] / out_weight[u]
                for _, v, d in graph.out_edges(u, data=True):
                    rank[v] += share * d.get("weight", 1)
        if sum(abs(rank[u] - previous[u]) for u in nodes) < n * tol:
            break
    return rank


def _weighted(links: nx.MultiDiGraph) -> nx.Graph:
    """The undirected simple graph of entity links; ``weight`` counts the facts of a pair."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(links.nodes, key=str))
    weights: Counter = Counter()
    for u, v in links.edges():
        weights[tuple(sorted((u, v), key=str))] += 1
    simple.add_weighted_edges_from((u, v, w) for (u, v), w in sorted(weights.items()))
    return simple


def _ranks(simple: nx.Graph) -> dict:
    """PageRank over links, both ways: a news fact's direction is grammar, not endorsement."""
    return {n: round(r, 10) for n, r in _pagerank(simple.to_directed()).items()}


def _facts_of(graph: nx.MultiDiGraph, links: nx.MultiDiGraph, node) -> int:
    keys = {k for *_, k in graph.in_edges(node, keys=True)} | {k for *_, k in graph.out_edges(node, keys=True)}
    keys |= {k for *_, k in links.in_edges(node, keys=True)} | {k for *_, k in links.out_edges(node, keys=True)}
    return len(keys)


def _centrality(graph, links, simple, ranks) -> list[Centrality]:
    results = [
        Centrality(label=node_label(graph, n), type=str(graph.nodes[n].get("type") or ""),
                   degree=simple.degree(n), pagerank=ranks[n], id=str(n),
                   facts=_facts_of(graph, links, n), mentions=int(graph.nodes[n].get("mentions") or 0))
        for n in simple.nodes
    ]  # fmt: skip
    results.sort(key=lambda c: (-c.pagerank, -c.degree, c.label.casefold(), c.label, c.id))
    return results


def central_entities(graph: nx.MultiDiGraph, top: int = 10) -> list[Centrality]:
    """The ``top`` entities by PageRank over entity links (ties: degree, then label)."""
    links = link_graph(graph)
    simple = _weighted(links)
    return _centrality(graph, links, simple, _ranks(simple))[: max(top, 0)]


def _communities(graph, simple: nx.Graph, ranks: dict, min_size: int) -> list[Community]:
    if simple.number_of_edges() == 0:
        groups = [{n} for n in simple.nodes]
    else:
        groups = nx.community.louvain_communities(simple, weight="weight", seed=0)
    found = []
    for group in groups:
        if len(group) >= max(min_size, 1):
            ids = sorted(group, key=lambda n: (-ranks[n], *sort_key(graph, n)))
            labels = [node_label(graph, n) for n in ids]
            found.append(Community(" / ".join(labels[:3]), labels, [str(n) for n in ids]))
    found.sort(key=lambda c: (-len(c.members), c.name.casefold(), c.ids))
    return found


def communities(graph: nx.MultiDiGraph, min_size: int = 2) -> list[Community]:
    """Communities of linked entities (Louvain, weighted by facts, seeded so the same graph
    gives the same groups), largest first; members by PageRank. Groups smaller than
    ``min_size`` are left out."""
    simple = _weighted(link_graph(graph))
    return _communities(graph, simple, _ranks(simple), min_size)


# --------------------------------------------------------------------------- paths


def _link_rank(key: str, data: dict) -> tuple:
    return (VIAS.index(data["via"]), -float(data.get("confidence") or 0.0),
            str(data.get("document") or ""), int(data.get("start") or 0), key)  # fmt: skip


def _best_links(links: nx.MultiDiGraph) -> nx.Graph:
    """One undirected edge per linked pair, carrying its strongest fact as ``link``; ``cost``
    is 1 a hop plus a little for weaker links, so the fewest hops win, then the strongest."""
    best: dict[tuple, tuple] = {}
    for u, v, key, data in links.edges(keys=True, data=True):
        pair = tuple(sorted((u, v), key=str))
        candidate = (_link_rank(str(key), data), u, v, key, data)
        if pair not in best or candidate[0] < best[pair][0]:
            best[pair] = candidate
    simple = nx.Graph()
    simple.add_nodes_from(sorted(links.nodes, key=str))
    for pair in sorted(best):
        rank, u, v, key, data = best[pair]
        cost = 1 + (rank[0] + 1 + rank[1]) / 100
        simple.add_edge(*pair, cost=cost, link=(u, v, key, data))
    return simple


def _step(graph: nx.MultiDiGraph, source, target, link) -> PathStep:
    u, _, key, data = link
    return PathStep(
        source=node_label(graph, source), target=node_label(graph, target), subject=data["subject"],
        relation=str(data.get("relation") or ""), object=data["object"], via=data["via"],
        note=data["note"], forward=(u == source), document=str(data.get("document") or ""),
        sentence=str(data.get("sentence") or ""), attributed_to=str(data.get("attributed_to") or ""),
        negated=bool(data.get("negated")), fact=str(data.get("fact") or key),
    )  # fmt: skip


def find_path(graph: nx.MultiDiGraph, source_name: str, target_name: str, max_hops: int = 6) -> list[PathStep]:
    """The shortest chain of facts between two entities (fewest facts, then the strongest: a
    fact between the two before an entity named in a quote), ignoring the facts' direction.

    Names match labels or aliases (case- and accent-insensitive). Raises UnknownEntityError,
    AmbiguousEntityError, or NoPathError when no chain of at most ``max_hops`` facts exists."""
    source, target = resolve_one(graph, source_name), resolve_one(graph, target_name)
    if source == target:
        return []
    best = _best_links(link_graph(graph))
    try:
        nodes = nx.dijkstra_path(best, source, target, weight="cost")
    except nx.NetworkXNoPath:
        raise NoPathError(f"no chain of facts connects {source_name!r} and {target_name!r}") from None
    if len(nodes) - 1 > max_hops:
        raise NoPathError(f"the shortest chain between {source_name!r} and {target_name!r} has "
                          f"{len(nodes) - 1} facts, more than --max-hops {max_hops}")  # fmt: skip
    return [_step(graph, a, b, best.edges[a, b]["link"]) for a, b in zip(nodes, nodes[1:])]


# --------------------------------------------------------------------------- counts


def _ordered(counter: Counter) -> dict[str, int]:
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def _stats(graph: nx.MultiDiGraph, simple: nx.Graph) -> GraphStats:
    by_type: Counter[str] = Counter()
    by_relation: Counter[str] = Counter()
    documents: set[str] = set()
    entities = concepts = 0
    for node, data in graph.nodes(data=True):
        if is_entity_node(graph, node):
            entities += 1
            by_type[str(data.get("type") or "")] += 1
        concepts += is_concept(graph, node)
        documents.update(d for d in str(data.get("documents") or "").split("|") if d)
    facts: set[str] = set()
    for _, _, key, data in graph.edges(keys=True, data=True):
        fact = str(data.get("fact") or key)
        if fact not in facts:  # a fact's links are not facts of their own
            by_relation[str(data.get("relation") or "")] += 1
        facts.add(fact)
        documents.update([str(data["document"])] if data.get("document") else [])
    linked = simple.subgraph(n for n in simple.nodes if simple.degree(n))
    groups = [len(c) for c in nx.connected_components(linked)]
    return GraphStats(
        nodes=graph.number_of_nodes(), edges=graph.number_of_edges(), entities=entities,
        literals=graph.number_of_nodes() - entities - concepts, documents=len(documents),
        by_type=_ordered(by_type), by_relation=_ordered(by_relation), links=simple.number_of_edges(),
        linked=linked.number_of_nodes(), components=len(groups), largest=max(groups, default=0),
        facts=len(facts), concepts=concepts,
    )  # fmt: skip


def network_stats(graph: nx.MultiDiGraph) -> GraphStats:
    """Counts of nodes, facts, entities by type, relations, documents and entity links."""
    return _stats(graph, _weighted(link_graph(graph)))


def analyze(graph: nx.MultiDiGraph, top: int = 10, min_size: int = 2) -> Analysis:
    """Counts, the ``top`` central entities and the communities, from one link graph."""
    links = link_graph(graph)
    simple = _weighted(links)
    ranks = _ranks(simple)
    central = _centrality(graph, links, simple, ranks)[: max(top, 0)]
    return Analysis(_stats(graph, simple), central, _communities(graph, simple, ranks, min_size))
