"""How canonical and how dated is a built graph? The issue-11 figures for relations and time.

    .venv/bin/python bench/relations_time.py [--corpus ../shared/corpora/bbc/politics]
                                             [--scratch-dir DIR] [--store STORE ...]

Relations: the corpus folder is built into a scratch store, then counted there: facts whose
relation property has a class in the taxonomy (``rdfs:subPropertyOf`` or ``kg:negationOf``),
the share of facts the 50 most used relations cover, facts by quadrant, and the most used
relations with no class.

Time: the BBC articles carry no date, so the same files are also written as a JSON-lines
corpus with a synthetic publication date each (article number ``n`` of the sorted files is
dated 2004-06-01 plus ``7 n mod 365`` days: the BBC set is from 2004-05; which day does not
matter for the measure, only that each document has one) and built into a second store. There,
of the facts with a time expression (kg:time) in a dated document, the share normalised to
dates (kg:startDate or kg:endDate), and the most frequent expressions that were not.

With ``--store`` it only counts existing stores (relations and time both, no build).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: ../shared next to the main worktree (/work/main), or two levels up from another (/work/wt/11b)
DEFAULT_CORPUS = (
    next((p for p in (ROOT.parent / "shared", ROOT.parents[1] / "shared") if p.is_dir()), ROOT.parent / "shared")
    / "corpora/bbc/politics"
)
FIRST_DAY = dt.date(2004, 6, 1)

FACTS = "SELECT (COUNT(?f) AS ?n) WHERE { ?f a kg:Fact }"
CLASSED = """SELECT (COUNT(?f) AS ?n) WHERE { ?f a kg:Fact ; rdf:predicate ?p .
  FILTER EXISTS { ?p rdfs:subPropertyOf|kg:negationOf ?c } }"""
BY_RELATION = """SELECT ?label (COUNT(?f) AS ?n) WHERE { ?f a kg:Fact ; rdf:predicate ?p .
  ?p rdfs:label ?label } GROUP BY ?label ORDER BY DESC(?n)"""
UNCLASSED = """SELECT ?label (COUNT(?f) AS ?n) WHERE { ?f a kg:Fact ; rdf:predicate ?p . ?p rdfs:label ?label
  FILTER NOT EXISTS { ?p rdfs:subPropertyOf|kg:negationOf ?c } } GROUP BY ?label ORDER BY DESC(?n) LIMIT 15"""
QUADRANTS = """SELECT ?q (COUNT(?f) AS ?n) WHERE { ?f a kg:Fact ; rdf:predicate ?p .
  ?p rdfs:subPropertyOf+ ?c . ?c a kg:Quadrant ; rdfs:label ?q } GROUP BY ?q ORDER BY DESC(?n)"""
DATED_TIMES = """SELECT ?f ?text ?normalised WHERE {
  ?f kg:time ?t ; kg:sentence/kg:document ?d . ?d dcterms:date ?date .
  OPTIONAL { ?t rdfs:label ?label } BIND(COALESCE(?label, STR(?t)) AS ?text)
  BIND(EXISTS { ?f kg:startDate|kg:endDate ?day } AS ?normalised) }"""


def dated_corpus(corpus: Path, out: Path) -> Path:
    """The corpus's .txt files as JSON lines, each with a synthetic date (see the docstring)."""
    with out.open("w", encoding="utf-8") as lines:
        for number, path in enumerate(sorted(corpus.glob("*.txt"))):
            date = FIRST_DAY + dt.timedelta(days=7 * number % 365)
            record = {"id": path.stem, "text": path.read_text(encoding="utf-8", errors="replace"), "date": str(date)}
            lines.write(json.dumps(record, ensure_ascii=False) + "\n")
    return out


def _count(graph, sparql: str) -> int:
    return int(graph.query(sparql).rows[0][0] or 0)


def relation_counts(graph) -> dict:
    """Facts, distinct relations, facts whose relation has a class, facts the top 50 cover."""
    by_relation = [(label, int(n)) for label, n in graph.query(BY_RELATION, limit=None).rows]
    return {
        "facts": _count(graph, FACTS),
        "relations": len(by_relation),
        "classed": _count(graph, CLASSED),
        "top50": sum(n for _, n in by_relation[:50]),
    }


def relation_figures(graph) -> dict:
    counts = relation_counts(graph)
    facts, classed, top = counts["facts"], counts["classed"], counts["top50"]
    print(f"facts: {facts}; relations: {counts['relations']}")
    print(f"facts whose relation has a class: {classed} ({100 * classed / max(facts, 1):.1f}%)")
    print(f"facts the top 50 relations cover: {top} ({100 * top / max(facts, 1):.1f}%)")
    print("facts by quadrant:", ", ".join(f"{q} {n}" for q, n in graph.query(QUADRANTS).rows))
    print("most used relations with no class:", ", ".join(f"{r} {n}" for r, n in graph.query(UNCLASSED).rows))
    return counts


#: Expressions that name no date or period, as TIMEX3 would type them (durations, sets, vague
#: references to the past or future, times pointing to another time in the text), and numbers
#: or ages the parser took for dates: counted apart so the figure for dates is not diluted.
_COUNT = r"(?:\d[\d,.]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|a couple of|several|many)"
_ABOUT = r"(?:(?:almost|nearly|about|around|over|more than|less than|up to|just|some|a further)\s+)?"
NOT_A_DATE = {
    "set": re.compile(r"^(?:each|every)\b"),
    "anaphoric": re.compile(r"\b(?:later|earlier|afterwards)$|^(?:that|the same|the day|the following|the previous)\b"),
    "vague": re.compile(r"^(?:(?:recent|many|some|several|the|past|coming)\s+)?(?:days|weeks|months|years|decades)$"),
    "duration": re.compile(
        r"^(?:(?:his|her|their|its)\s+)?" + _ABOUT + _COUNT + r"\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?"
        r"|years?|decades?)\b(?!\s+ago)"
    ),
    "not a time": re.compile(r"^(?:around\s+)?\d{1,3}$|\bage of\b|year-old|\bseconds of\b"),
}


def kind_of(text: str) -> str:
    """``date`` for an expression naming a date or period, else which kind of non-date it is."""
    lowered = " ".join(text.lower().split())
    return next((kind for kind, pattern in NOT_A_DATE.items() if pattern.search(lowered)), "date")


def time_counts(graph) -> dict:
    """Of the facts with a time in a dated document: how many, how many normalised, and the same
    for those whose time names a date or period; the facts by kind of non-date; the misses."""
    rows = graph.query(DATED_TIMES, limit=None).rows
    facts = {f for f, _, _ in rows}
    normalised = {f for f, _, done in rows if done == "true"}
    kinds: dict[str, set] = {}
    for fact, text, _ in rows:
        kinds.setdefault(kind_of(text or ""), set()).add(fact)
    others = set().union(*(s for k, s in kinds.items() if k != "date"))
    dated = kinds.get("date", set()) - others
    missed: dict[str, int] = {}
    for fact, text, _ in rows:
        if fact not in normalised:
            missed[text or ""] = missed.get(text or "", 0) + 1
    return {
        "facts": len(facts),
        "normalised": len(normalised),
        "dates": len(dated),
        "dates normalised": len(dated & normalised),
        "not dates": {k: len(s) for k, s in sorted(kinds.items()) if k != "date"},
        "missed": sorted(missed.items(), key=lambda kv: (-kv[1], kv[0])),
    }


def time_figures(graph) -> dict:
    counts = time_counts(graph)
    facts, normalised = counts["facts"], counts["normalised"]
    print(f"facts with a time expression in a dated document: {facts}; normalised: {normalised} "
          f"({100 * normalised / max(facts, 1):.1f}%)")  # fmt: skip
    dated, done = counts["dates"], counts["dates normalised"]
    print(f"of them naming a date or period: {dated}; normalised: {done} ({100 * done / max(dated, 1):.1f}%)")
    print("facts whose time is not a date:", ", ".join(f"{k} {n}" for k, n in counts["not dates"].items()))
    top = counts["missed"][:20]
    print("most frequent expressions not normalised:", "; ".join(f"{t} {n}" for t, n in top))
    return counts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--scratch-dir", type=Path, default=None)
    parser.add_argument("--store", action="append", type=Path, help="count this store instead of building")
    args = parser.parse_args(argv)
    import kg

    if args.store:
        for store in args.store:
            print(f"== {store}")
            graph = kg.open_graph(store)
            relation_figures(graph)
            time_figures(graph)
        return
    if not args.corpus.is_dir():
        sys.exit(f"no corpus at {args.corpus} (give --corpus)")
    scratch = Path(args.scratch_dir or tempfile.mkdtemp(prefix="kg-relations-time-"))
    scratch.mkdir(parents=True, exist_ok=True)
    print(f"== {args.corpus} ({len(list(args.corpus.glob('*.txt')))} files), stores in {scratch}")
    relation_figures(kg.build([str(args.corpus)], scratch / "folder", quiet=True))
    dated = dated_corpus(args.corpus, scratch / "dated.jsonl")
    print(f"== {dated} (synthetic dates)")
    time_figures(kg.build([str(dated)], scratch / "dated", quiet=True))


if __name__ == "__main__":
    main()
