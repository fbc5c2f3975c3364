"""Timings that used to be assertions in tests (a test asserts behaviour, not speed):

    .venv/bin/python bench/timings.py

- mint: an entity IRI for a 100,000-character name (``kg.graph.iri.mint``), against hashing the
  same text with SHA-256 (the least any IRI that covers the whole text must cost);
- render cap: ``kg.views.render.render_html`` of a 6,000-entity chain capped at 500 nodes, against
  the render of a 500-entity chain (no cap: the page the cap leaves).

It prints seconds and the ratio of each to its baseline, measured in the same run.
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from kg.graph.iri import mint
from kg.graph.namespaces import ENTITY_NS
from kg.views.render import render_html


def best_of(step, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        step()
        times.append(time.perf_counter() - started)
    return min(times)


def chain(size: int) -> nx.MultiDiGraph:
    """Entities e0 -> e1 -> ... linked by one fact each, as the render tests draw them."""
    graph = nx.MultiDiGraph()
    for i in range(size):
        graph.add_node(f"e{i}", label=f"Entity {i}", type="Person", mentions=i % 7, aliases=[], documents=["d"])
        if i:
            graph.add_edge(f"e{i - 1}", f"e{i}", key=f"f{i}", relation="follow", negated=False, attributed_to="",
                           attributed_id="", extra_ids="", document="d", sentence="s", start=0, end=1,
                           confidence=0.9)  # fmt: skip
    return graph


def main() -> None:
    text = "word " * 20_000
    minted = best_of(lambda: mint(ENTITY_NS, text))
    hashed = best_of(lambda: hashlib.sha256(text.encode("utf-8")).hexdigest())
    print(f"mint of a 100,000-character name: {minted * 1000:.2f} ms; sha256 {hashed * 1000:.2f} ms; "
          f"ratio {minted / hashed:.1f}")  # fmt: skip
    big, small = chain(6000), chain(500)
    with tempfile.TemporaryDirectory() as folder:
        capped = best_of(lambda: render_html(big, Path(folder) / "big.html", max_nodes=500), repeat=3)
        plain = best_of(lambda: render_html(small, Path(folder) / "small.html", max_nodes=500), repeat=3)
    print(f"render of 6,000 entities capped at 500: {capped:.2f} s; 500 entities: {plain:.2f} s; "
          f"ratio {capped / plain:.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
