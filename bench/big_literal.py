"""Does one huge literal (a whole 5 MB article in ``kg:text``) slow down every read of the store?

    .venv/bin/python bench/big_literal.py --store out/kg-store   # the quads of a built store
    .venv/bin/python bench/big_literal.py [--size 5000000] [--quads 20000]   # synthetic quads

Writes three stores through ``Store.replace`` (kg's loader) in one run: the quads alone (the
baseline: a built store's, or ``--quads`` synthetic ones), the same quads with one literal of
``--size`` characters bulk-loaded among them (as kg did before: ``BIG_LINE`` out of reach), and
the same written as kg writes it now (a line of ``BIG_LINE`` bytes or more goes in a
transaction after the bulk load). It prints the time of an
N-Quads export of each, and each one's ratio to the baseline.
"""

from __future__ import annotations

import argparse
import io
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from kg.store import loading
from kg.store.store import Store

G = ox.NamedNode("https://example.org/graph")


def quads(count: int) -> list[ox.Quad]:
    predicate = ox.NamedNode("https://example.org/p")
    return [
        ox.Quad(ox.NamedNode(f"https://example.org/s{n}"), predicate, ox.Literal(f"value {n}"), G) for n in range(count)
    ]


def write(path: Path, items: list[ox.Quad], big_line: int) -> float:
    """Write ``items`` into a new store with that ``BIG_LINE``; the seconds an export takes."""
    loading.BIG_LINE = big_line
    with Store.writing(path) as writer:
        writer.replace(items)
    store = Store.open(path)
    started = time.perf_counter()
    store.export("nquads", io.BytesIO())
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=5_000_000, help="characters of the huge literal")
    parser.add_argument("--quads", type=int, default=20_000, help="other quads in the store")
    parser.add_argument("--store", type=Path, help="take the other quads from this built store")
    args = parser.parse_args()
    small = list(Store.open(args.store).db) if args.store else quads(args.quads)
    graph = small[len(small) // 2].graph_name if args.store else G
    text = ox.Quad(ox.NamedNode("https://example.org/doc"), ox.NamedNode("https://w3id.org/kg-news/ontology#text"),
                   ox.Literal("word " * (args.size // 5)), graph)  # fmt: skip
    mixed = small[: len(small) // 2] + [text] + small[len(small) // 2 :]
    default = loading.BIG_LINE
    with tempfile.TemporaryDirectory() as tmp:
        base = write(Path(tmp) / "base", small, default)
        bulk = write(Path(tmp) / "bulk", mixed, 2**62)
        apart = write(Path(tmp) / "apart", mixed, default)
    print(f"export of {len(small):,} quads ({args.store or 'synthetic'}), N-Quads, one run")
    print(f"{'store':46} {'seconds':>8} {'ratio':>6}")
    for name, seconds in (
        ("the quads alone (baseline)", base),
        (f"+ one {args.size:,}-char literal, bulk-loaded", bulk),
        ("+ the same literal written apart (kg now)", apart),
    ):
        print(f"{name:46} {seconds:8.2f} {seconds / base:6.1f}")


if __name__ == "__main__":
    main()
