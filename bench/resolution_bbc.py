"""Issue 12's Done-when checks of entity resolution on BBC politics, printed so they can be run again.

    .venv/bin/python bench/resolution_bbc.py [--corpus ../shared/corpora/bbc/politics]
        [--store /tmp/kg-bbc-politics] [--workers 2] [--seeds seeds]

Builds the corpus into ``--store`` when no store is there (a few minutes on two cores), else
reads the store as it is; then asks the graph (SPARQL, through ``kg.open_graph``):

- which entities carry ``Tony Blair``, ``Mr Blair``, ``Blair`` (one: Tony Blair);
- which carry each form of the three parties (one entity a party) and whether ``Labour`` is the
  alias of anything but the Labour Party; whether an entity is a courtesy title alone (``Mr``);
- the names several entities share (``kg stats``' ambiguous names).

Descriptions (``the prime minister``, ``the chancellor``) become their holder's entity in the
graph, so they are checked on the resolution itself: the store's cached extractions resolved
again exactly as the build resolves them, counting in the documents where Tony Blair (Gordon
Brown) is given the role how many of the descriptions went to him, to someone else, or stayed
literals. Then the seeds are built into a temporary store and the types issue 12 names are read
back (COVID-19, Twitter, Elbe are no Person; Xinhua no Place). Each check prints PASS or FAIL.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "bbc" / "politics"
PARTIES = {
    "Conservative Party": ("Tory", "Tories", "Conservatives", "Conservative Party"),
    "Liberal Democrats": ("Lib Dem", "Lib Dems", "Liberal Democrats"),
    "Labour Party": ("Labour", "Labour Party"),
}
DESCRIPTIONS = {"prime minister": "Tony Blair", "chancellor": "Gordon Brown"}
SEED_TYPES = {"COVID-19": "Person", "Twitter": "Person", "Elbe": "Person", "Xinhua": "Place"}  # must not be
COURTESY = ("Mr", "Mr.", "Mrs", "Ms", "Sir", "Lord")
_CARRYING = """
SELECT ?e ?label (SAMPLE(?kind) AS ?type) (SAMPLE(?n) AS ?mentions) WHERE {
  { ?e rdfs:label ?name } UNION { ?e skos:altLabel ?name }
  FILTER(STR(?name) = ?wanted)
  ?e a kg:Entity ; rdfs:label ?label ; a ?kind FILTER(?kind != kg:Entity)
  OPTIONAL { ?e kg:mentions ?n }
} GROUP BY ?e ?label ORDER BY DESC(?mentions)"""
_ALIASES = "SELECT ?alias WHERE { ?e skos:altLabel ?alias } ORDER BY ?alias"


def _say(ok: bool, text: str) -> bool:
    print(f"{'PASS' if ok else 'FAIL'}  {text}")
    return ok


def carrying(graph, name: str) -> list[tuple[str, str, str, int]]:
    """(iri, label, type, mentions) of each entity with ``name`` as its label or an alias."""
    rows = graph.query(_CARRYING.replace("?wanted", _literal(name))).rows
    return [(iri, label, kind.rsplit("#", 1)[-1].rsplit("/", 1)[-1], int(n or 0)) for iri, label, kind, n in rows]


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _show(rows) -> str:
    return "; ".join(f"{label} ({kind}, {n} mentions)" for _, label, kind, n in rows) or "none"


def check_names(graph) -> list[bool]:
    results = []
    for name in ("Tony Blair", "Mr Blair", "Blair"):
        rows = carrying(graph, name)
        results.append(_say([r[1] for r in rows] == ["Tony Blair"], f"{name!r} is carried by: {_show(rows)}"))
    for party, forms in PARTIES.items():
        owners = {form: carrying(graph, form) for form in forms}
        ids = {r[0] for rows in owners.values() for r in rows}
        listing = ", ".join(f"{form!r} -> {_show(rows)}" for form, rows in owners.items())
        results.append(_say(len(ids) == 1, f"{party}: {len(ids)} entity for {listing}"))
    labour = [r for r in carrying(graph, "Labour") if r[1] != "Labour Party"]
    results.append(_say(not labour, f"'Labour' is an alias of no other entity ({_show(labour)})"))
    titles = [r for name in COURTESY for r in graph.query(_exact_label(name)).rows]
    results.append(_say(not titles, f"entities that are a courtesy title alone ({', '.join(COURTESY)}): {titles}"))
    ambiguous = graph.stats().get("ambiguous names (one name, several entities)", {})
    print(f"INFO  names several entities share (kg stats): {len(ambiguous)}; " + ", ".join(list(ambiguous)[:15]))
    return results


def _exact_label(name: str) -> str:
    return f"SELECT ?e WHERE {{ ?e a kg:Entity ; rdfs:label ?l FILTER(STR(?l) = {_literal(name)}) }}"


def resolved(graph, store_path: Path):
    """The store's cached extractions and their resolution, made again as ``kg build`` makes it."""
    from kg.builder.cache import ExtractionCache
    from kg.builder.incremental import stored_hashes
    from kg.resolve.entities import resolve

    cache = ExtractionCache(store_path / "cache")
    extractions = [cache.load(key, doc_id) for doc_id, key in sorted(stored_hashes(graph.store).items())]
    return extractions, resolve(extractions)


def check_descriptions(graph, store_path: Path) -> list[bool]:
    """Where the descriptions of the two roles went, in the resolution the build made."""
    extractions, resolution = resolved(graph, store_path)
    results = []
    for role, holder in DESCRIPTIONS.items():
        held, outcome = description_outcomes(extractions, resolution, role, holder)
        inside = {e: n for (w, e), n in outcome.items() if w == "holds it"}
        total, right = sum(inside.values()), inside.get(holder, 0)
        text = f"'the {role}' in the {len(held)} documents where {holder} holds it: {right} of {total} to {holder}"
        others = ", ".join(f"{e} {n}" for e, n in sorted(inside.items(), key=lambda kv: -kv[1]) if e != holder)
        results.append(_say(total > 0 and right / total >= 0.9, text + (f" (else: {others})" if others else "")))
        rest = Counter({e: n for (w, e), n in outcome.items() if w == "elsewhere"})
        print(f"INFO  'the {role}' in the other documents: " + ", ".join(f"{e} {n}" for e, n in rest.most_common(6)))
    return results


def description_outcomes(extractions, resolution, role: str, holder: str) -> tuple[set[str], Counter]:
    """The documents that give ``holder`` the ``role`` by name, and a count of where the
    descriptions ``the <role>`` went: (``holds it`` or ``elsewhere``, the entity's label)."""
    from kg.resolve.descriptions import role_words

    wanted = role_words(role)
    label = {eid: e.label for eid, e in resolution.entities.items()}
    held: set[str] = set()
    found: list[tuple[str, str]] = []
    for ex in extractions:
        doc = ex.document.id
        for m in ex.mentions:
            entity = label.get(resolution.mention_entity.get((doc, m.id), ""), "")
            if m.kind == "name" and m.role and role_words(m.role) == wanted and entity == holder:
                held.add(doc)
            elif m.kind == "nominal" and m.text.lower() == f"the {role}":
                found.append((doc, entity or "(literal)"))
    return held, Counter(("holds it" if doc in held else "elsewhere", entity) for doc, entity in found)


def check_seed_types(seeds: Path) -> list[bool]:
    """The types of the seeds' entities, in the graph and (for names no fact takes, which are no
    node of it) in the resolution."""
    import kg

    with tempfile.TemporaryDirectory() as tmp:
        graph = kg.build([str(seeds)], Path(tmp) / "store")
        _, resolution = resolved(graph, Path(tmp) / "store")
        results = []
        for name, wrong in SEED_TYPES.items():
            rows = carrying(graph, name)
            kinds = sorted({e.type for e in resolution.entities.values() if name in (e.label, *e.aliases)})
            ok = wrong not in kinds and all(r[2] != wrong for r in rows)
            kind = "/".join(kinds) or "no entity (the parse of the build tags no name there)"
            text = f"seeds: {name!r} is {kind} (graph: {_show(rows)}); not {wrong}"
            results.append(_say(ok, text))
        return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--store", type=Path, default=Path(tempfile.gettempdir()) / "kg-bbc-politics")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    args = parser.parse_args(argv)
    import kg

    if not (args.store / "current").exists():
        if not args.corpus.is_dir():
            print(f"error: no corpus at {args.corpus} (see --corpus)", file=sys.stderr)
            return 2
        print(f"building {args.corpus} into {args.store} ...", file=sys.stderr)
        kg.build([str(args.corpus)], args.store, workers=args.workers)
    graph = kg.open_graph(args.store)
    print(f"store {args.store}: {len(graph)} triples")
    results = check_names(graph) + check_descriptions(graph, args.store) + check_seed_types(args.seeds)
    print(f"{sum(results)} of {len(results)} checks pass")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
