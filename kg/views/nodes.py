"""The nodes of the networkx view: entity or literal value, their labels, and finding an
entity by a name a person types (label, alias or IRI; case and accents do not matter)."""

from __future__ import annotations

import difflib
import unicodedata

import networkx as nx

from kg.errors import QueryError

__all__ = [
    "CONCEPT_TYPE",
    "LITERAL_TYPE",
    "AmbiguousEntityError",
    "UnknownEntityError",
    "entity_nodes",
    "is_concept",
    "is_entity_node",
    "node_label",
    "normalise_name",
    "resolve_entity",
    "resolve_one",
    "sort_key",
]


LITERAL_TYPE = "Literal"
CONCEPT_TYPE = "Concept"


_TITLES = {"mr", "mrs", "ms", "dr", "the", "of", "and", "president", "minister"}  # shared, say nothing


class UnknownEntityError(QueryError):
    """A name matches no entity in the graph."""

    code = "KG440"


class AmbiguousEntityError(QueryError):
    """A name matches more than one entity."""

    code = "KG442"


def is_entity_node(graph: nx.MultiDiGraph, node) -> bool:
    """True for entity nodes, False for concepts and literal ends."""
    data = graph.nodes[node]
    return data.get("type") not in (LITERAL_TYPE, CONCEPT_TYPE) and not str(node).startswith("literal:")


def is_concept(graph: nx.MultiDiGraph, node) -> bool:
    """True for concept nodes (``peace talks``): graph nodes, but not entities."""
    return graph.nodes[node].get("type") == CONCEPT_TYPE


def node_label(graph: nx.MultiDiGraph, node) -> str:
    label = graph.nodes[node].get("label")
    return str(label) if label not in (None, "") else str(node)


def normalise_name(name: str) -> str:
    """Case-, accent- and space-insensitive form of a name (``Nicolas`` finds ``Nicolás``)."""
    decomposed = unicodedata.normalize("NFKD", " ".join(str(name).split()).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def sort_key(graph: nx.MultiDiGraph, node) -> tuple[str, str, str]:
    label = node_label(graph, node)
    return (label.casefold(), label, str(node))


def _names(graph: nx.MultiDiGraph, node) -> list[str]:
    data = graph.nodes[node]
    return [node_label(graph, node)] + [a for a in str(data.get("aliases") or "").split("|") if a]


def _candidates(graph: nx.MultiDiGraph, name: str, limit: int = 5) -> list[str]:
    """Entity labels close to ``name``: a shared word, or a similar spelling."""
    wanted = normalise_name(name)
    words = {w for w in wanted.split() if len(w) > 1} - _TITLES
    scored = []
    for node in entity_nodes(graph):
        best = 0.0
        for alias in map(normalise_name, _names(graph, node)):
            shared = 1.0 if words & set(alias.split()) else 0.0
            best = max(best, shared, difflib.SequenceMatcher(None, wanted, alias).ratio())
        if best >= 0.75:
            scored.append((-best, *sort_key(graph, node)))
    return list(dict.fromkeys(label for _, _, label, _ in sorted(scored)))[:limit]


def resolve_entity(graph: nx.MultiDiGraph, name: str) -> list:
    """The entity nodes whose IRI, label or alias is ``name`` (case- and accent-insensitive),
    sorted; an exact label wins over another entity's alias. Raises UnknownEntityError, with
    close names, when nothing matches."""
    if name in graph and is_entity_node(graph, name):
        return [name]
    wanted = normalise_name(name)
    by_label, by_alias = [], []
    for node in entity_nodes(graph) if wanted else []:
        names = [normalise_name(n) for n in _names(graph, node)]
        if names[0] == wanted:
            by_label.append(node)
        elif wanted in names[1:]:
            by_alias.append(node)
    if not (by_label or by_alias):
        close = _candidates(graph, name)
        hint = f"; close: {', '.join(close)}" if close else ""
        raise UnknownEntityError(f"no entity named {name!r} in the graph{hint}")
    return sorted(by_label or by_alias, key=str)


def resolve_one(graph: nx.MultiDiGraph, name: str):
    """The one entity ``name`` names; AmbiguousEntityError lists them when it names several."""
    found = resolve_entity(graph, name)
    if len(found) > 1:
        listed = ", ".join(f"{node_label(graph, n)} ({graph.nodes[n].get('type')}, {n})" for n in found)
        raise AmbiguousEntityError(f"{name!r} names {len(found)} entities: {listed}; give one IRI")
    return found[0]


def entity_nodes(graph: nx.MultiDiGraph) -> list:
    """The entity nodes of a graph view, sorted by id."""
    return sorted((n for n in graph.nodes if is_entity_node(graph, n)), key=str)
