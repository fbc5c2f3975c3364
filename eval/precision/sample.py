"""Draw a random sample of a graph's facts to judge each against its sentence, and score a
judged sample (issue 13's precision check on news).

    .venv/bin/python eval/precision/sample.py --store STORE [--n 200] [--seed 13] > sample.tsv
    .venv/bin/python eval/precision/sample.py --score eval/precision/bbc-politics-200.tsv

The facts are the rows of ``kg export --what facts`` (what the graph holds: the default
``--min-confidence``, pronouns resolved or their facts dropped), sorted by document, sentence
offset, subject, relation and object so the order does not depend on the store, then drawn
with ``random.Random(seed).sample``: the same store and seed give the same sample. Each is
shown as its fact node holds it: beside the facts CSV's columns, the relation as written
(``kg:surface``), its qualifiers (``kg:modality``, ``kg:aspect``: ``want`` of ``wanted to
grant``) and its extra arguments (``kg:extra``). Each row is written with empty
``judgement`` and ``reason`` columns; write ``correct`` or ``wrong`` and why, then
``--score`` counts them.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

COLUMNS = (
    "n", "document", "subject", "relation", "object", "negated", "attributed_to",
    "written", "qualifiers", "extras", "sentence",
)  # fmt: skip
#: What a fact node holds beyond the facts CSV: the words as written, qualifiers, extra arguments.
_NODE = """SELECT ?fact ?what ?value WHERE {
  { ?fact kg:surface ?value BIND("written" AS ?what) }
  UNION { ?fact kg:modality|kg:aspect ?value BIND("qualifiers" AS ?what) }
  UNION { ?fact kg:extra ?value BIND("extras" AS ?what) }
}"""
JUDGED = (*COLUMNS, "judgement", "reason")
VERDICTS = ("correct", "wrong")


def fact_rows(graph) -> list[dict]:
    """The graph's facts (the facts CSV's rows, with each fact's IRI) in an order that does not
    depend on the store."""
    from kg.views.tables import fact_records

    rows = fact_records(graph.store)
    return sorted(rows, key=lambda r: (r["document"], r["start"], r["subject"], r["relation"], r["object"]))


def node_values(graph, fact: str) -> dict[str, str]:
    """The written relation, qualifiers and extra arguments of one fact node, each joined by ``; ``."""
    import pyoxigraph as ox

    found: dict[str, list[str]] = {}
    for *_, what, value in graph.query(_NODE, bindings={"fact": ox.NamedNode(fact)}).rows:
        found.setdefault(what, []).append(value)
    return {what: "; ".join(sorted(values)) for what, values in found.items()}


def write_sample(graph, n: int, seed: int, out) -> None:
    rows = fact_rows(graph)
    picked = random.Random(seed).sample(rows, min(n, len(rows)))
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(JUDGED)
    for number, row in enumerate(picked, 1):
        row = {**row, "negated": str(row["negated"]).lower(), **node_values(graph, row["fact"])}
        values = [str(number), *(" ".join(str(row.get(c) or "").split()) for c in COLUMNS[1:])]
        writer.writerow([*values, "", ""])


def score(path: Path) -> tuple[int, int]:
    """(correct, judged) over the rows of a judged sample."""
    with path.open(encoding="utf-8", newline="") as handle:
        verdicts = [row["judgement"].strip().lower() for row in csv.DictReader(handle, delimiter="\t")]
    judged = [v for v in verdicts if v in VERDICTS]
    return judged.count("correct"), len(judged)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="the graph store to sample")
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--score", type=Path, help="a judged sample to count")
    args = parser.parse_args(argv)
    if args.score is not None:
        correct, judged = score(args.score)
        print(f"{correct}/{judged} correct ({100 * correct / judged:.1f}%)" if judged else "nothing judged")
        return 0
    if not args.store:
        parser.error("--store or --score is required")
    import kg

    write_sample(kg.open_graph(args.store), args.n, args.seed, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
