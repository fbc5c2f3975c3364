"""What does adding 10 documents to a built corpus cost, and does it grow with the corpus?

    .venv/bin/python bench/incremental.py [--corpus ../shared/corpora/bbc] [--fractions 0.25,1]
                                          [--new 10] [--scratch-dir DIR]

For each fraction of the corpus (evenly spaced files, as bench/build.py), ``--new`` evenly
spaced files are held back and the rest is built into a store. Then, one after the other, in
this process (spaCy loaded once):

- add: ``kg.build`` of the held-back files into that store (parse, resolve all, patch);
- re-add: the same call again (nothing changed: a no-op);
- alone: the held-back files built into an empty store (the cost of the 10 by themselves);
- full rewrite: the add again on a copy of the store made before it, with patching turned
  off (``kg.builder.incremental.PATCH_SHARE = -1``): what every add cost before incremental builds;
- resolve: ``kg.resolve.entities`` over every document's cached mentions, the one step that reads the
  whole corpus on each add.

It prints seconds and the ratios add / alone (1.0 = proportional to the new documents) and
add / full rewrite. See bench/README.md.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import DEFAULT_CORPUS, read_corpus


def timed(step):
    started = time.perf_counter()
    result = step()
    return result, time.perf_counter() - started


def held_back(paths: list[str], new: int) -> tuple[list[str], list[str]]:
    """``new`` evenly spaced paths, and the others."""
    chosen = {paths[i * len(paths) // new] for i in range(new)}
    return [p for p in paths if p not in chosen], sorted(chosen)


def resolve_seconds(store: Path) -> float:
    """Seconds to resolve the whole store's corpus from its cached mentions."""
    from kg.builder.cache import ExtractionCache
    from kg.builder.pipeline import _mentions_only, stored_hashes
    from kg.resolve.entities import resolve
    from kg.store.store import Store

    keys = dict(sorted(stored_hashes(Store.open(store)).items()))
    cache = ExtractionCache(store / "cache")
    return timed(lambda: resolve(_mentions_only(keys, cache)))[1]


def measure(nlp, paths: list[str], new: int, scratch: Path) -> dict:
    import kg
    import kg.builder.incremental

    base, added = held_back(paths, new)

    def build(sources, store):
        return kg.build(
            sources, store, nlp=nlp, quiet=True, workers=1, on_error=lambda e: None, on_warning=lambda message: None
        ).summary

    _, first_s = timed(lambda: build(base, scratch / "store"))
    shutil.copytree(scratch / "store", scratch / "before-add", symlinks=True)
    add, add_s = timed(lambda: build(added, scratch / "store"))
    _, readd_s = timed(lambda: build(added, scratch / "store"))
    alone, alone_s = timed(lambda: build(added, scratch / "alone"))
    share, kg.builder.incremental.PATCH_SHARE = kg.builder.incremental.PATCH_SHARE, -1.0
    try:
        _, full_s = timed(lambda: build(added, scratch / "before-add"))
    finally:
        kg.builder.incremental.PATCH_SHARE = share
    return {
        "docs": len(paths),
        "first_s": first_s,
        "add_s": add_s,
        "readd_s": readd_s,
        "alone_s": alone_s,
        "full_s": full_s,
        "rewritten": add.rewritten,
        "triples": add.triples,
        "entities": add.entities,
        "resolve_s": resolve_seconds(scratch / "store"),
        "alone_triples": alone.triples,
        "same": _nquads(scratch / "store") == _nquads(scratch / "before-add"),
    }


def _nquads(store: Path) -> bytes:
    import kg

    return kg.open_graph(store).export("nquads")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--fractions", default="0.25,1")
    parser.add_argument("--new", type=int, default=10)
    parser.add_argument("--scratch-dir", default=None)
    args = parser.parse_args(argv)

    from kg.parse.nlp import load_pipeline

    corpus = read_corpus(args.corpus)
    nlp = load_pipeline()
    print(f"corpus {args.corpus}: {len(corpus.paths):,} readable files; adding {args.new} documents")
    rows = []
    for fraction in (float(f) for f in args.fractions.split(",")):
        with tempfile.TemporaryDirectory(prefix="kg-incr-", dir=args.scratch_dir) as scratch:
            row = measure(nlp, corpus.subset(fraction), args.new, Path(scratch))
        row["fraction"] = fraction
        rows.append(row)
        print(
            f"fraction {fraction:g}: {row['docs']:,} documents, first build {row['first_s']:.1f} s; "
            f"add {args.new}: {row['add_s']:.2f} s ({row['rewritten']} documents rewritten), "
            f"re-add {row['readd_s']:.2f} s, alone {row['alone_s']:.2f} s, "
            f"full rewrite {row['full_s']:.2f} s, resolve {row['resolve_s']:.2f} s",
            flush=True,
        )
    print()
    print(
        "| fraction | docs | triples | entities | add 10 s | rewritten docs | re-add s | 10 alone s "
        "| add / alone | full rewrite s | add / full | resolve all s |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['fraction']:g} | {r['docs']:,} | {r['triples']:,} | {r['entities']:,} | {r['add_s']:.2f} "
            f"| {r['rewritten']} | {r['readd_s']:.2f} | {r['alone_s']:.2f} | {r['add_s'] / r['alone_s']:.2f} "
            f"| {r['full_s']:.2f} | {r['add_s'] / r['full_s']:.2f} | {r['resolve_s']:.2f} |"
        )
    if not all(r["same"] for r in rows):
        print("WARNING: the patched store and the full rewrite differ")
    else:
        print("the patched store and the full rewrite are byte-identical N-Quads in every row")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
