"""Draw a random sample of entity-to-entity edges from a store's edges export, to judge each
against its sentence (docs/edges-sample.md), and score a judged sample.

    .venv/bin/python bench/edge_sample.py --store STORE [--n 50] [--seed 11] > sample.md
    .venv/bin/python bench/edge_sample.py --score docs/edges-sample.md

The sample is drawn from ``kg export --what edges`` rows whose two ends are entities (not
concepts), with Python's ``random.Random(seed).sample`` over the rows in the export's order, so
the same store and seed give the same sample. Each row is printed as a Markdown table row with
an empty judgement column; write ``yes`` or ``no`` (and why) there, then ``--score`` counts them.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import re
import sys
from pathlib import Path

ENTITY = "/entity/"
COLUMNS = ("#", "source", "relation", "target", "kind", "document", "sentence", "correct")


def entity_edges(store: str) -> list[dict[str, str]]:
    """The rows of the edges export whose two ends are entities."""
    import kg

    text = kg.open_graph(store).export("csv", what="edges").decode("utf-8")
    return [r for r in csv.DictReader(io.StringIO(text)) if ENTITY in r["source_id"] and ENTITY in r["target_id"]]


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def sample_table(rows: list[dict[str, str]], n: int, seed: int) -> str:
    picked = random.Random(seed).sample(rows, min(n, len(rows)))
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for number, row in enumerate(picked, 1):
        cells = [str(number), row["source"], row["relation"], row["target"], row["kind"], row["document"]]
        lines.append("| " + " | ".join(_cell(c) for c in [*cells, row["sentence"], ""]) + " |")
    return "\n".join(lines) + "\n"


def score(path: Path) -> tuple[int, int]:
    """(correct, judged) over the table rows of a judged sample."""
    judged = correct = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        if len(cells) != len(COLUMNS) or not cells[0].isdigit():
            continue
        verdict = cells[-1].lower()
        if verdict.startswith(("yes", "no")):
            judged += 1
            correct += verdict.startswith("yes")
    return correct, judged


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="the store to draw from")
    parser.add_argument("--n", type=int, default=50)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--score", type=Path, help="a judged sample to score instead")
    args = parser.parse_args(argv)
    if args.score:
        correct, judged = score(args.score)
        print(f"{correct} of {judged} correct ({100 * correct / max(judged, 1):.0f}%)")
        return 0
    if not args.store:
        parser.error("--store is required to draw a sample")
    rows = entity_edges(args.store)
    print(f"<!-- {len(rows)} entity-to-entity edges; seed {args.seed} -->")
    sys.stdout.write(sample_table(rows, args.n, args.seed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
