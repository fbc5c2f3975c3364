"""Is the graph a graph? The issue-11 figures of a built corpus, each printed with its goal.

    .venv/bin/python bench/graph_structure.py [--corpus ../shared/corpora/bbc/politics]
                                              [--scratch-dir DIR] [--workers 2] [--no-carb]
    .venv/bin/python bench/graph_structure.py --store STORE [--dated-store STORE]

- **ends are graph nodes**: facts whose subject and object are both nodes (an entity, a concept)
  or a date, of all facts (the facts CSV's ``subject_type`` and ``object_type`` are neither
  ``Literal`` nor ``Statement``). What a speaker said stays a literal by design (the issue: "the
  one place where a clause is the value"), so the share without speech facts is printed too.
- **relations with a class**, **top 50 relations' coverage**: ``bench/relations_time.py``'s counts
  (relation properties under a class of ``ontology/relations.ttl``; facts of the 50 most used).
- **time normalised**: ``bench/relations_time.py``'s counts on the dated copy of the corpus (the
  BBC files carry no date; that script says how each is given a synthetic one), for the time
  expressions naming a date or period, and for all of them.
- **CaRB dev F1**: kg's facts on ``eval/carb/dev.txt`` scored against ``dev_gold.tsv`` (the
  score of ``kg eval carb``, without its textacy baseline).

The corpus is built into ``--scratch-dir`` (``folder/`` and ``dated/``), or the stores there are
reused when they exist: build once, count as often as needed. ``--store`` counts a given store.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import relations_time as rt

ROOT = Path(__file__).resolve().parents[1]
CARB = ROOT / "eval" / "carb"
VALUES = {"Literal", "Statement", ""}

#: (figure, goal in percent); CaRB's F1 is in points.
GOALS = {
    "facts whose two ends are graph nodes": 60.0,
    "facts whose relation has a class": 90.0,
    "facts the 50 most used relations cover": 75.0,
    "time expressions naming a date normalised (dated documents)": 90.0,
    "CaRB dev F1 (kg eval carb)": 56.5,
}


def end_counts(graph) -> dict[str, int]:
    """Facts, facts with graph nodes (or a date) at both ends, and the same without speech."""
    facts = graph.facts()
    nodes = [f for f in facts if f["subject_type"] not in VALUES and f["object_type"] not in VALUES]
    speech = [f for f in facts if f["object_type"] == "Statement"]
    return {
        "facts": len(facts),
        "nodes": len(nodes),
        "speech": len(speech),
        "literal subject": sum(f["subject_type"] in VALUES for f in facts),
        "literal object": sum(f["object_type"] == "Literal" for f in facts),
        "no object": sum(f["object_type"] == "Literal" and not f["object"].strip() for f in facts),
    }


def carb_f1() -> float:
    """kg's F1 on CaRB dev, in points (as ``kg eval carb`` prints it)."""
    from kg.evaluate.carb import read_gold, score_against_gold, sentence_key
    from kg.evaluate.systems import kg_lines, kg_predictions, read_sentences

    sentences = read_sentences(CARB / "dev.txt")
    keys = {sentence_key(s.strip()) for s in sentences}
    gold = [t for t in read_gold(CARB / "dev_gold.tsv") if sentence_key(t.sentence) in keys]
    return 100 * score_against_gold(kg_predictions(kg_lines(sentences)), gold).f1


def _share(part: int, whole: int) -> float:
    return 100 * part / max(whole, 1)


def verdict(value: float, goal: float) -> str:
    return "met" if value >= goal else f"missed by {goal - value:.1f} points"


def figures(graph, dated, carb: bool) -> dict[str, tuple[float, str]]:
    """Each figure of GOALS: (value, how it was counted)."""
    ends, relations = end_counts(graph), rt.relation_counts(graph)
    facts = ends["facts"]
    out = {
        "facts whose two ends are graph nodes": (_share(ends["nodes"], facts), f"{ends['nodes']} of {facts}"),
        "facts whose relation has a class": (
            _share(relations["classed"], relations["facts"]),
            f"{relations['classed']} of {relations['facts']}",
        ),
        "facts the 50 most used relations cover": (
            _share(relations["top50"], relations["facts"]),
            f"{relations['top50']} of {relations['facts']}; {relations['relations']} relations",
        ),
    }
    times = rt.time_counts(dated)
    if not times["dates"]:
        print("time: no fact with a time expression in a dated document (give --dated-store)")
    else:
        out["time expressions naming a date normalised (dated documents)"] = (
            _share(times["dates normalised"], times["dates"]),
            f"{times['dates normalised']} of {times['dates']}; all time expressions: {times['normalised']} "
            f"of {times['facts']} ({_share(times['normalised'], times['facts']):.1f}%)",
        )
    if carb:
        f1 = carb_f1()  # compared as kg eval carb prints it, to one decimal
        out["CaRB dev F1 (kg eval carb)"] = (round(f1, 1), f"eval/carb/dev.txt; {f1:.2f} unrounded")
    not_speech = facts - ends["speech"]
    two_ends = not_speech - ends["no object"]
    print(
        f"ends: {ends['literal subject']} facts have a literal subject, {ends['literal object']} a literal object "
        f"({ends['no object']} of them none: an event, 'Blair resigned'), {ends['speech']} a statement; "
        f"without speech facts {_share(ends['nodes'], not_speech):.1f}% ({ends['nodes']} of {not_speech}), "
        f"without speech and events {_share(ends['nodes'], two_ends):.1f}% ({ends['nodes']} of {two_ends}) "
        "have graph nodes at both ends"
    )
    return out


def report(results: dict[str, tuple[float, str]]) -> None:
    width = max(map(len, results))
    for name, (value, how) in results.items():
        goal = GOALS[name]
        print(f"{name:<{width}}  {value:5.1f}  goal >= {goal:g}: {verdict(value, goal)}  ({how})")


def _store(path: Path, sources: list[str], workers: int):
    import kg

    if path.exists():
        print(f"reusing {path}", file=sys.stderr)
        return kg.open_graph(path)
    print(f"building {path} from {sources[0]}", file=sys.stderr)
    return kg.build(sources, path, quiet=True, workers=workers)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=rt.DEFAULT_CORPUS)
    parser.add_argument("--scratch-dir", type=Path, default=None)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--store", type=Path, help="count this store instead of building the corpus")
    parser.add_argument("--dated-store", type=Path, help="count time normalisation in this store")
    parser.add_argument("--no-carb", action="store_true", help="leave out CaRB dev (about a minute)")
    args = parser.parse_args(argv)
    import kg

    if args.store:
        graph = kg.open_graph(args.store)
        dated = kg.open_graph(args.dated_store) if args.dated_store else graph
        print(f"== {args.store}" + (f", times from {args.dated_store}" if args.dated_store else ""))
    else:
        if not args.corpus.is_dir():
            sys.exit(f"no corpus at {args.corpus} (give --corpus)")
        scratch = Path(args.scratch_dir or tempfile.mkdtemp(prefix="kg-graph-structure-"))
        scratch.mkdir(parents=True, exist_ok=True)
        print(f"== {args.corpus} ({len(list(args.corpus.glob('*.txt')))} files), stores in {scratch}")
        graph = _store(scratch / "folder", [str(args.corpus)], args.workers)
        jsonl = scratch / "dated.jsonl"
        if not jsonl.exists():
            rt.dated_corpus(args.corpus, jsonl)
        dated = _store(scratch / "dated", [str(jsonl)], args.workers)
    report(figures(graph, dated, carb=not args.no_carb))


if __name__ == "__main__":
    main()
