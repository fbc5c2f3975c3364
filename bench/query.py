"""kg's store against rdflib's in-memory Dataset on a graph of 1M+ triples: load and named queries, in one run.

    .venv/bin/python bench/query.py [--triples 1000000] [--cap 120] [--entity Peskov] [--document ID]
                                    [--unique-names]

The seed graph (``kg.build`` over ``seeds/``) is replicated with IRI renaming per copy
(``store_choice.Replicator``) until it has ``--triples`` quads, and written as N-Quads (with
``--unique-names`` the names and document ids of the copies are renamed too, so that the
parameters match one entity and one document, not one per copy). Each
store then runs in a fresh ``spawn`` process, one after the other:

- kg: ``kg.store.store.Store.writing(path).replace(quads parsed from the file)`` (kg's own write
  path: pyoxigraph ``bulk_extend`` on disk, flush, optimize, atomic switch), reopened with
  ``Store.open`` and queried with ``Store.query(text, bindings=...)``;
- rdflib: ``Dataset(default_union=True).parse(file, format="nquads")``, queried with
  ``query(text, initNs=PREFIXES, initBindings=...)``;
- pyoxigraph ``bulk_load``: the file straight into ``pyoxigraph.Store(path)``, load only, for
  reference.

Every named query of ontology/queries is timed (median of up to 5 runs), ``entity`` and
``document`` bound as plain literals; a run longer than ``--cap`` seconds is stopped
("> 120 s") and a new process reloads the store for the queries left. See bench/README.md.
"""

from __future__ import annotations

import argparse
import math
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import store_choice as sc

DEFAULT_TRIPLES = 1_000_000
DEFAULT_ENTITY = "Peskov"
LOAD_GOAL = 100_000  # triples/s
QUERY_GOAL = 10.0  # times faster than rdflib's memory store
IDENTIFIER = "http://purl.org/dc/terms/identifier"
NAMES = {"http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#altLabel", IDENTIFIER}


# --------------------------------------------------------------------------- the stores (in the workers)
class KgStore:
    """kg's ``Store``: written as a build writes it, reopened and queried as ``kg query`` does."""

    title = "kg Store (pyoxigraph, disk)"
    on_disk = True
    queries = True

    def __init__(self, prefixes: dict[str, str]):
        import kg.store.store  # noqa: F401 - imported before the memory baseline is read

        self.store = None

    def load(self, data: str, path: str) -> None:
        """Parse the N-Quads file and replace the (new, empty) store's graph with it."""
        import pyoxigraph as ox

        from kg.store.store import Store

        with Store.writing(path, create=True) as store:
            store.replace(ox.parse(path=data, format=ox.RdfFormat.N_QUADS))

    def close(self) -> None:
        """Release the store."""
        self.store = None

    def reopen(self, path: str) -> None:
        """Open the store again and answer a first ASK."""
        from kg.store.store import Store

        self.store = Store.open(path)
        self.store.query("ASK { ?s ?p ?o }")

    def rows(self, query: sc.Query) -> int:
        """Run ``query`` with its bindings (kg binds them as plain literals); the number of rows."""
        return len(self.store.query(query.text, bindings=query.bindings).rows)


class RdflibMemory(sc.RdflibMemory):
    """rdflib's in-memory ``Dataset`` (the baseline), exactly as in store_choice."""

    title = "rdflib Dataset (memory)"
    queries = True


class PyoxigraphBulkLoad(sc.PyoxigraphDisk):
    """pyoxigraph ``Store(path).bulk_load`` from the file: the fastest load kg could use (reference)."""

    title = "pyoxigraph bulk_load from file (disk, reference)"
    queries = False


STORES = {"kg": KgStore, "rdflib": RdflibMemory, "bulk_load": PyoxigraphBulkLoad}  # "kg" first, "rdflib" the baseline


def worker(conn, key: str, data: str, path: str, queries: list[sc.Query], prefixes: dict[str, str]) -> None:
    """Measure one store in this fresh process, sending ``(kind, value, peak RSS KiB)`` messages."""

    def send(kind: str, value: object = None) -> None:
        conn.send((kind, value, sc.peak_rss_kb()))

    try:
        store = STORES[key](prefixes)
        send("ready")  # the peak RSS after imports: the baseline of the growth
        send("load", sc.timed(store.load, data, path)[0])
        if store.on_disk:
            store.close()
            send("disk", sc.disk_bytes(path))
            if store.queries:
                send("reopen", sc.timed(store.reopen, path)[0])
        for query in queries if store.queries else []:
            send("start", query.label)
            spent = 0.0
            for _ in range(sc.REPEATS):
                seconds, rows = sc.timed(store.rows, query)
                send("run", (seconds, rows))
                spent += seconds
                if spent > sc.REPEAT_BUDGET:
                    break
        send("done")
    except Exception as exc:
        send("error", f"{type(exc).__name__}: {exc}")
    finally:
        conn.close()


# --------------------------------------------------------------------------- the parent
def measure(
    key: str, data: Path, workdir: Path, queries: list[sc.Query], prefixes: dict[str, str], cap: float
) -> sc.Measurement:
    """Measure one store with store_choice's reloading worker loop, run by this module's worker."""
    return sc.measure(key, data, workdir, queries, prefixes, cap, candidates=STORES, target=worker)


# --------------------------------------------------------------------------- the data and the queries
class UniqueNames(sc.Replicator):
    """Copies whose entities and documents also have names of their own: in every copy but the
    first (``r0-``), the labels, aliases and document ids of renamed nodes get `` r<i>``
    appended, so ``entity=Peskov`` and ``document=<id>`` match one node, as in a real corpus."""

    def quad(self, quad, prefix: str):
        """``quad`` in the replica ``prefix``, with its name literal renamed too."""
        copy = super().quad(quad, prefix)
        term = copy.object
        if (
            prefix == "r0-"
            or copy.subject == quad.subject
            or copy.predicate.value not in NAMES
            or not isinstance(term, self.ox.Literal)
        ):
            return copy
        value = f"{term.value} {prefix.rstrip('-')}"
        renamed = (
            self.ox.Literal(value, language=term.language)
            if term.language
            else self.ox.Literal(value, datatype=term.datatype)
        )
        return self.ox.Quad(copy.subject, copy.predicate, renamed, copy.graph_name)


def write_data(workdir: Path, target: int, unique_names: bool) -> tuple[Path, int, list, str]:
    """The seed graph replicated to at least ``target`` quads, as N-Quads: (path, quads, seed, description)."""
    import pyoxigraph as ox

    started = time.perf_counter()
    seed = sc.seed_quads(workdir)
    replicator = UniqueNames() if unique_names else sc.Replicator()
    shared = replicator.shared_count(seed)
    replicas = max(1, math.ceil((target - shared) / (len(seed) - shared)))
    quads = replicator.replicate(seed, replicas)
    path = workdir / "graph.nq"
    ox.serialize(quads, output=str(path), format=ox.RdfFormat.N_QUADS)
    line = (
        f"data: {len(quads):,} quads = {len(seed):,}-quad seed graph x {replicas} replicas "
        f"({shared:,} shared quads once; {'names renamed per copy' if unique_names else 'literals unchanged'}), "
        f"{path.stat().st_size / 2**20:.0f} MB of N-Quads, "
        f"made in {time.perf_counter() - started:.1f} s"
    )
    return path, len(quads), seed, line


def first_document(seed: list) -> str:
    """The smallest document id (``dcterms:identifier``) of the seed graph."""
    return min(q.object.value for q in seed if q.predicate.value == IDENTIFIER)


def named_queries(entity: str, document: str) -> list[sc.Query]:
    """Every named query, its ``entity`` and ``document`` parameters bound when it declares them."""
    from kg.store.queries import named_queries as shipped

    values = {"entity": entity, "document": document}
    return [
        sc.Query(name, name, q.text, {p: values[p] for p in q.params if p in values}) for name, q in shipped().items()
    ]


# --------------------------------------------------------------------------- the report
def load_table(results: list[sc.Measurement], quads: int) -> str:
    """Load time, rate, memory and disk of each store."""
    header = ["store", "load s", "triples/s", "peak MB (growth)", "disk MB", "reopen s"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for m in results:
        cells = [
            m.title,
            f"{m.load_s:.1f}" if m.load_s else "-",
            f"{quads / m.load_s:,.0f}" if m.load_s else "-",
            f"{m.peak_kb / 1024:,.0f}",
            f"{m.disk_bytes / 2**20:,.0f}" if m.disk_bytes is not None else "-",
            f"{m.reopen_s:.3f}" if m.reopen_s is not None else "-",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def query_table(kg: sc.Measurement, base: sc.Measurement, queries: list[sc.Query], cap: float) -> str:
    """Median ms of each named query on kg and on rdflib, rows returned and the speed-up."""
    header = ["query", "parameters", "rows", "kg ms", "rdflib ms", "rdflib / kg"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for q in queries:
        params = ", ".join(f"{k}={v}" for k, v in q.bindings.items()) or "-"
        rows = kg.rows.get(q.label, base.rows.get(q.label))
        ratio = sc.query_ratio(base, kg, q.label, cap).split(" ", 1)[1]
        cells = [
            q.name,
            params,
            f"{rows:,}" if rows is not None else "-",
            sc.fmt_ms(kg, q.label, cap),
            sc.fmt_ms(base, q.label, cap),
            ratio,
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def speedup(kg: sc.Measurement, base: sc.Measurement, label: str, cap: float) -> tuple[float | None, bool]:
    """(rdflib time / kg time, whether it is a lower bound because rdflib passed the cap)."""
    kg_ms = kg.median_ms(label)
    if kg_ms is None:
        return None, False
    if label in base.timed_out:
        return cap * 1000 / kg_ms, True
    base_ms = base.median_ms(label)
    return (base_ms / kg_ms, False) if base_ms is not None else (None, False)


def goals(results: list[sc.Measurement], quads: int, queries: list[sc.Query], cap: float) -> str:
    """The issue's goals, met or missed and by how much."""
    kg, base = results[0], results[1]
    lines = []
    if kg.load_s:
        rate = quads / kg.load_s
        verdict = "met" if rate >= LOAD_GOAL else f"MISSED by {LOAD_GOAL / rate:.2f}x"
        lines.append(
            f"load: kg {rate:,.0f} triples/s (goal >= {LOAD_GOAL:,}): {verdict}; "
            f"{sc.factor(base.load_s or 0, kg.load_s, 'faster', 'slower')} than rdflib"
        )
    for q in queries:
        ratio, bound = speedup(kg, base, q.label, cap)
        if ratio is None:
            lines.append(f"{q.name}: n/a")
            continue
        verdict = "met" if ratio >= QUERY_GOAL else f"MISSED by {QUERY_GOAL / ratio:.1f}x"
        lines.append(
            f"{q.name}: kg {'> ' if bound else ''}{ratio:,.1f}x faster than rdflib (goal >= {QUERY_GOAL:g}x): {verdict}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Make the data, measure each store in turn, print the tables and the goals."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--triples", type=int, default=DEFAULT_TRIPLES, help=f"at least this many quads (default {DEFAULT_TRIPLES:,})"
    )
    parser.add_argument("--cap", type=float, default=120.0, help="seconds after which a query run is stopped")
    parser.add_argument("--entity", default=DEFAULT_ENTITY, help="the entity parameter (default Peskov)")
    parser.add_argument("--document", help="the document parameter (default: the seed's first document id)")
    parser.add_argument(
        "--unique-names",
        action="store_true",
        help="also rename labels, aliases and document ids per copy, so the parameters "
        "match one entity and one document (default: only IRIs, as store_choice)",
    )
    parser.add_argument("--store-dir", type=Path, help="parent of the temporary work directory")
    args = parser.parse_args(argv)
    if args.triples < 1:
        parser.error("--triples must be at least 1")
    started = time.perf_counter()
    if args.store_dir:
        args.store_dir.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="kg-bench-query-", dir=args.store_dir))
    try:
        from kg.graph.namespaces import PREFIXES

        print(sc.machine(workdir), flush=True)
        data, quads, seed, line = write_data(workdir, args.triples, args.unique_names)
        print(line, flush=True)
        queries = named_queries(args.entity, args.document or first_document(seed))
        results = []
        for key in STORES:
            print(f"measuring {STORES[key].title} ...", file=sys.stderr, flush=True)
            results.append(measure(key, data, workdir, queries, dict(PREFIXES), args.cap))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print()
    print(load_table(results, quads))
    print()
    print(query_table(results[0], results[1], queries, args.cap))
    print()
    print(goals(results, quads, queries, args.cap))
    print(sc.checks(results, queries))
    print(
        f"query times: median of up to {sc.REPEATS} runs (fewer once a query's runs pass {sc.REPEAT_BUDGET:g} s; "
        f"stopped after {args.cap:g} s); peak MB: VmHWM while loading and querying minus after imports; "
        f"total {time.perf_counter() - started:.0f} s"
    )


if __name__ == "__main__":
    main()
