"""Which entities each fact links, for analytics over entities alone.

Literal values ("the space sector", "Monday") are not nodes here: a literal shared by two facts
says nothing about their subjects, and thousands of one-off quotes would swamp any ranking.
Instead a fact links every pair of entities it involves, and says how (``via``):

- ``fact``: its subject and object are both entities;
- ``argument``: an entity of an extra argument (time, place, ``with`` ...), linked to the subject;
- ``named``: an entity named inside a literal end (label or alias, whole words, case-sensitive),
  linked to the entity at the other end: ``Moscow -terminate-> "its support for Nicolás Maduro"``
  links Moscow and Nicolás Maduro;
- ``speaker``: the speaker of a reported fact, linked to the fact's entities.
"""

from __future__ import annotations

import re
from collections import defaultdict

import networkx as nx

from kg.views.nodes import entity_nodes, is_entity_node

__all__ = ["VIAS", "NameFinder", "link_graph"]

VIAS = ("fact", "argument", "named", "speaker")  # strongest first
_MIN_NAME = 2


_TOKEN = re.compile(r"\w+|[^\w\s]")


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(text))


class NameFinder:
    """Finds the entities named in a text by their labels and aliases: whole tokens, case-sensitive,
    the longest name first; a name shared by two entities names neither. Linear in the text."""

    def __init__(self, graph: nx.MultiDiGraph):
        owners: dict[tuple[str, ...], set] = defaultdict(set)
        for node in entity_nodes(graph):
            data = graph.nodes[node]
            for name in [data.get("label") or ""] + str(data.get("aliases") or "").split("|"):
                if len(name.strip()) >= _MIN_NAME:
                    owners[_tokens(name)].add(node)
        self._owner = {name: next(iter(ids)) for name, ids in owners.items() if len(ids) == 1}
        self._longest = max(map(len, self._owner), default=0)

    def _match(self, tokens: tuple[str, ...], i: int) -> tuple[int, object]:
        for n in range(min(self._longest, len(tokens) - i), 0, -1):
            owner = self._owner.get(tokens[i : i + n])
            if owner is not None:
                return n, owner
        return 1, None

    def find(self, text: str) -> list:
        """The entities named in ``text``, in order of first appearance."""
        tokens, found, i = _tokens(text or ""), [], 0
        while i < len(tokens):
            step, owner = self._match(tokens, i)
            found += [owner] if owner is not None else []
            i += step
        return list(dict.fromkeys(found))


def _side(graph: nx.MultiDiGraph, node, finder: NameFinder) -> tuple[list, str]:
    """The entities at one end of a fact, and how they got there."""
    if is_entity_node(graph, node):
        return [node], "fact"
    return finder.find(graph.nodes[node].get("label") or ""), "named"


def _label(graph: nx.MultiDiGraph, node) -> str:
    return graph.nodes[node].get("label") or str(node)


def _named_note(graph, a, b, how_s: str, how_o: str) -> str:
    parts = [f"{_label(graph, a)} named in the subject"] if how_s == "named" else []
    parts += [f"{_label(graph, b)} named in the object"] if how_o == "named" else []
    return "; ".join(parts)


def _fact_links(graph: nx.MultiDiGraph, u, v, data: dict, finder: NameFinder):
    """(a, b, via, note) for every pair of entities one fact links, strongest reason first;
    the note says why, unless the two are the fact's subject and object."""
    subjects, how_s = _side(graph, u, finder)
    objects, how_o = _side(graph, v, finder)
    for a in subjects:
        for b in objects:
            if how_s == how_o == "fact":
                yield a, b, "fact", ""
            else:
                yield a, b, "named", _named_note(graph, a, b, how_s, how_o)
    extras = [e for e in str(data.get("extra_ids") or "").split("|") if e in graph]
    for a in subjects:
        for b in extras:
            yield a, b, "argument", f"{_label(graph, b)} in an extra argument"
    speaker = data.get("attributed_id")
    if speaker and speaker in graph:
        for b in subjects + objects + extras:
            yield speaker, b, "speaker", f"{_label(graph, speaker)} the speaker"


def link_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Entities as nodes (with their attributes); an edge per (fact, pair of entities), keyed by
    the fact IRI, with the fact's attributes plus ``via``, ``note`` (why, in words), ``subject``
    and ``object`` (the labels of the fact's ends as stated). Self-links are dropped."""
    links = nx.MultiDiGraph()
    links.add_nodes_from((n, graph.nodes[n]) for n in entity_nodes(graph))
    finder = NameFinder(graph)
    edges = sorted(graph.edges(keys=True, data=True), key=lambda e: str(e[2]))
    for u, v, key, data in edges:
        ends = {"subject": _label(graph, u), "object": _label(graph, v)}
        for a, b, via, note in _fact_links(graph, u, v, data, finder):
            if a == b or links.has_edge(a, b, key) or links.has_edge(b, a, key):
                continue
            links.add_edge(a, b, key=key, **data, **ends, via=via, note=note)
    return links
