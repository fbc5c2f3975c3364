"""Where the nodes of a focus view go: the focus in the middle, the nodes one hop away on a ring
around it, two hops on the next ring, and so on, each ring wide enough for its nodes' labels.

A force layout put the long grey boxes of literal values on top of the focus node and of each
other (``kg render --focus Peskov --hops 1``: 16 quotes around one person). Here rings are
ellipses as wide as the page is (``ASPECT``); along a ring, two neighbours are apart by their
boxes' extents along the ring plus a gap (a wide box needs its width at the top and its height
at the sides), on the smallest ellipse they fit on; each ring starts outside the one inside it
by half the widest node of each plus a gap. So no two nodes' boxes overlap, and nodes of an
outer ring sit in the order of the inner nodes they hang from.
"""

from __future__ import annotations

import math
from collections import deque

import networkx as nx

from kg.ingest.clean import clip
from kg.views.nodes import is_entity_node, node_label

__all__ = ["GAP", "PRECOMPUTED_LAYOUT_LIMIT", "node_width", "radial_layout", "spring_layout"]

PRECOMPUTED_LAYOUT_LIMIT = 2000  # physics off: positions from networkx up to this many nodes
GAP = 24.0  # pixels between two nodes' boxes, along a ring and between rings
ASPECT = 1.8  # rings are ellipses this much wider than tall, as the page is
_BOX_CHAR, _DOT_CHAR = 6.2, 8.0  # width of a character at the box (10 px) and dot (14 px) fonts


def node_width(graph: nx.MultiDiGraph, node, literal_chars: int, size: float = 10.0) -> float:
    """How wide a node is drawn: a box as wide as its clipped text, a dot as its label below it."""
    label = node_label(graph, node)
    if not is_entity_node(graph, node):
        return len(clip(label, literal_chars)) * _BOX_CHAR + 2 * 4 + 6
    return max(2 * size, len(label) * _DOT_CHAR)


def _rings(graph: nx.MultiDiGraph, selected: set, centres: list) -> tuple[list[list], dict]:
    """Nodes by distance from the centres (ignoring direction; literal values are leaves), and
    each node's parent on the ring inside it."""
    parent: dict = {c: None for c in centres}
    rings: list[list] = [list(centres)]
    queue = deque((c, 0) for c in centres)
    while queue:
        node, depth = queue.popleft()
        if not is_entity_node(graph, node):
            continue
        neighbours = sorted({*graph.successors(node), *graph.predecessors(node)} & selected, key=str)
        for nb in neighbours:
            if nb not in parent:
                parent[nb] = node
                if len(rings) <= depth + 1:
                    rings.append([])
                rings[depth + 1].append(nb)
                queue.append((nb, depth + 1))
    rest = sorted(selected - set(parent), key=str)  # not connected to the focus within the view
    if rest:
        rings.append(rest)
        parent.update(dict.fromkeys(rest))
    return rings, parent


class _Ellipse:
    """An ellipse of half-width ``a`` and half-height ``a / ASPECT`` sampled finely, so nodes can
    be walked along it by arc length."""

    def __init__(self, a: float, samples: int = 4000):
        self.a, self.b = a, a / ASPECT
        self.points = [
            (
                self.a * math.cos(2 * math.pi * k / samples - math.pi / 2),
                self.b * math.sin(2 * math.pi * k / samples - math.pi / 2),
            )
            for k in range(samples)
        ]
        self.length = [0.0]
        for (x0, y0), (x1, y1) in zip(self.points, self.points[1:] + self.points[:1]):
            self.length.append(self.length[-1] + math.hypot(x1 - x0, y1 - y0))

    def tangent(self, k: int) -> tuple[float, float]:
        (x0, y0), (x1, y1) = self.points[k - 1], self.points[(k + 1) % len(self.points)]
        norm = math.hypot(x1 - x0, y1 - y0) or 1.0
        return abs(x1 - x0) / norm, abs(y1 - y0) / norm

    def place(self, sizes: list[tuple[float, float]]) -> list[tuple[float, float]] | None:
        """Points for boxes of ``sizes`` (width, height) in order, each apart from the next by
        their extents along the curve plus GAP; None when they do not fit around it once."""

        def extent(k: int, size: tuple[float, float]) -> float:
            tx, ty = self.tangent(k)
            return size[0] * tx + size[1] * ty

        k, out, total = 0, [], self.length[-1]
        walked = 0.0
        for index, size in enumerate(sizes):
            out.append(self.points[k])
            if index + 1 == len(sizes):
                back = extent(k, size) / 2 + extent(0, sizes[0]) / 2 + GAP
                return out if walked + back <= total else None
            need = walked + extent(k, size) / 2 + GAP
            while k < len(self.points) - 1 and (self.length[k] < need + extent(k, sizes[index + 1]) / 2):
                k += 1
            if k >= len(self.points) - 1:
                return None
            walked = self.length[k]
        return out


def _fit(sizes: list[tuple[float, float]], smallest: float) -> list[tuple[float, float]]:
    """Positions on the smallest ellipse (half-width at least ``smallest``) the boxes fit on."""
    if len(sizes) == 1:
        return [(0.0, -smallest / ASPECT)]
    placed = _Ellipse(smallest).place(sizes)
    if placed is not None:
        return placed
    low, high = smallest, smallest + sum(w + h + GAP for w, h in sizes)
    placed = _Ellipse(high).place(sizes)
    for _ in range(16):  # bisect the half-width to within a few pixels
        middle = (low + high) / 2
        found = _Ellipse(middle).place(sizes)
        if found is None:
            low = middle
        else:
            high, placed = middle, found
    return placed or []


def radial_layout(
    graph: nx.MultiDiGraph, selected: list, centres: list, *, literal_chars: int = 40, sizes: dict | None = None
) -> dict:
    """{node: (x, y)} with the centres in the middle and every other node on the ring of its
    distance from them (see the module's docstring)."""
    chosen = set(selected)
    centres = [c for c in centres if c in chosen] or sorted(chosen, key=str)[:1]
    if not centres:
        return {}
    rings, parent = _rings(graph, chosen, centres)
    dots = sizes or {}
    box = {
        n: (node_width(graph, n, literal_chars, dots.get(n, 10.0)), _height(graph, n, dots.get(n, 10.0)))
        for n in chosen
    }
    out: dict = {}
    order: dict = {}
    reach = 0.0  # the half-width the previous ring takes
    for depth, ring in enumerate(rings):
        if depth == 0 and len(ring) == 1:  # one focus: the middle
            out[ring[0]], order[ring[0]], reach = (0.0, 0.0), 0.0, box[ring[0]][0] / 2
            continue
        ring = sorted(ring, key=lambda n: (order.get(parent.get(n), 0.0), not is_entity_node(graph, n), str(n)))
        widest = max(box[n][0] for n in ring)
        points = _fit([box[n] for n in ring], reach + widest / 2 + GAP)
        for rank, (node, (x, y)) in enumerate(zip(ring, points)):
            out[node], order[node] = (round(x), round(y)), rank / len(ring)
        reach = max(abs(x) for x, _ in points) + widest / 2
    return out


def _height(graph: nx.MultiDiGraph, node, size: float) -> float:
    """How tall a node is drawn: a box one line high, a dot with its label below."""
    return 22.0 if not is_entity_node(graph, node) else 2 * size + 20.0


def spring_layout(graph: nx.MultiDiGraph, selected: list) -> dict | None:
    """Positions from networkx's spring layout (for a page without physics), or None if too big."""
    if not 0 < len(selected) <= PRECOMPUTED_LAYOUT_LIMIT:
        return None
    simple = nx.Graph()
    simple.add_nodes_from(selected)
    edges = ((u, v) for u, v in graph.subgraph(selected).edges() if u != v)
    simple.add_edges_from(sorted(edges, key=lambda e: (str(e[0]), str(e[1]))))
    return nx.spring_layout(simple, seed=0, scale=60.0 * math.sqrt(len(selected)), iterations=60)
