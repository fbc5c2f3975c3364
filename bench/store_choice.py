"""Which store for kg's graph? Load, memory, disk, reopen and query times of the candidates, in one run.

    .venv/bin/python bench/store_choice.py [--replicas N] [--store-dir DIR] [--cap SECONDS]

The seed graph (``kg.build`` over ``seeds/``) is replicated N times into one N-Quads file;
each candidate store is then measured in a fresh ``spawn`` process, one after the other, and
a markdown table is printed with ratios against rdflib's in-memory ``Dataset`` (the baseline).
See bench/README.md for what each column means.
"""

from __future__ import annotations

import argparse
import math
import multiprocessing
import os
import platform
import resource
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUERY_DIR = ROOT / "ontology" / "queries"
TARGET_QUADS = 200_000
REPEATS = 5
REPEAT_BUDGET = 30.0  # seconds: a query is not run again once its runs took this long in all
LOAD_CAP = 600.0  # seconds a worker may take to load and reopen before it is stopped
COUNT_BY_PREDICATE = "SELECT ?p (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?p"


@dataclass(frozen=True)
class Query:
    """A query to time: its column label, SPARQL text and parameters (bound as plain literals)."""

    label: str
    name: str
    text: str
    bindings: dict[str, str] = field(default_factory=dict)


def benchmark_queries() -> list[Query]:
    """q1 entities-by-mentions, q2 facts-about Peskov, q3 triples counted by predicate."""
    return [
        Query("q1", "entities-by-mentions", (QUERY_DIR / "entities-by-mentions.rq").read_text(encoding="utf-8")),
        Query(
            "q2",
            "facts-about entity=Peskov",
            (QUERY_DIR / "facts-about.rq").read_text(encoding="utf-8"),
            {"entity": "Peskov"},
        ),
        Query("q3", "count by predicate", COUNT_BY_PREDICATE),
    ]


# --------------------------------------------------------------------------- the candidates
class RdflibMemory:
    """rdflib ``Dataset(default_union=True)`` in memory, parsing N-Quads: the baseline."""

    title = "rdflib Dataset, memory"
    on_disk = False

    def __init__(self, prefixes: dict[str, str]):
        import rdflib  # noqa: F401 - imported before the memory baseline is read

        self.prefixes = prefixes
        self.dataset = None

    def load(self, data: str, path: str) -> None:
        """Parse the N-Quads file ``data`` (``path`` is unused: the store is in memory)."""
        from rdflib import Dataset

        self.dataset = Dataset(default_union=True)
        self.dataset.parse(data, format="nquads")

    def rows(self, query: Query) -> int:
        """Run ``query`` over the union of the graphs; the number of result rows."""
        from rdflib import Literal

        bindings = {name: Literal(value) for name, value in query.bindings.items()}
        return sum(1 for _ in self.dataset.query(query.text, initNs=self.prefixes, initBindings=bindings))


class RdflibOxigraphDisk(RdflibMemory):
    """rdflib ``Dataset(store="Oxigraph")`` (oxrdflib) opened on a directory, parsing N-Quads."""

    title = "rdflib over oxrdflib, disk"
    on_disk = True

    def __init__(self, prefixes: dict[str, str]):
        super().__init__(prefixes)
        import oxrdflib  # noqa: F401 - imported before the memory baseline is read

    @staticmethod
    def _open(path: str, create: bool = False):
        from rdflib import Dataset

        dataset = Dataset(store="Oxigraph", default_union=True)
        dataset.open(path, create=create)
        return dataset

    def load(self, data: str, path: str) -> None:
        """Create the store in the directory ``path`` and parse ``data`` into it."""
        self.dataset = self._open(path, create=True)
        self.dataset.parse(data, format="nquads")

    def close(self) -> None:
        """Release the on-disk store."""
        self.dataset.close()
        self.dataset = None

    def reopen(self, path: str) -> None:
        """Open the store at ``path`` again and answer a first ASK."""
        self.dataset = self._open(path)
        bool(self.dataset.query("ASK { ?s ?p ?o }"))


class PyoxigraphMemory:
    """pyoxigraph ``Store()`` in memory, filled with ``bulk_load``."""

    title = "pyoxigraph Store(), memory"
    on_disk = False

    def __init__(self, prefixes: dict[str, str]):
        import pyoxigraph  # noqa: F401 - imported before the memory baseline is read

        self.prefixes = prefixes
        self.store = None

    def load(self, data: str, path: str) -> None:
        """Bulk-load the N-Quads file ``data`` (``path`` is unused: the store is in memory)."""
        import pyoxigraph as ox

        self.store = ox.Store()
        self.store.bulk_load(path=data, format=ox.RdfFormat.N_QUADS)

    def rows(self, query: Query) -> int:
        """Run ``query`` over the union of the graphs, as kg.store.store does; the number of result rows."""
        import pyoxigraph as ox

        substitutions = {ox.Variable(name): ox.Literal(value) for name, value in query.bindings.items()}
        solutions = self.store.query(
            query.text, prefixes=self.prefixes, use_default_graph_as_union=True, substitutions=substitutions
        )
        return sum(1 for _ in solutions)


class PyoxigraphDisk(PyoxigraphMemory):
    """pyoxigraph ``Store(path)`` on disk, filled with ``bulk_load``, reopened read-only as kg does."""

    title = "pyoxigraph Store(path), disk"
    on_disk = True

    def load(self, data: str, path: str) -> None:
        """Bulk-load ``data`` into a new store at ``path``, then flush and optimize (as kg.store.store does)."""
        import pyoxigraph as ox

        self.store = ox.Store(path)
        self.store.bulk_load(path=data, format=ox.RdfFormat.N_QUADS)
        self.store.flush()
        self.store.optimize()

    def close(self) -> None:
        """Release the on-disk store."""
        self.store = None

    def reopen(self, path: str) -> None:
        """Open the store at ``path`` read-only and answer a first ASK."""
        import pyoxigraph as ox

        self.store = ox.Store.read_only(path)
        bool(self.store.query("ASK { ?s ?p ?o }"))


CANDIDATES = {  # the first one is the baseline of the ratios
    "rdflib-memory": RdflibMemory,
    "pyoxigraph-disk": PyoxigraphDisk,
    "rdflib-oxrdflib-disk": RdflibOxigraphDisk,
    "pyoxigraph-memory": PyoxigraphMemory,
}


# --------------------------------------------------------------------------- the worker process
def vm_hwm_kb(pid: int | str = "self") -> int | None:
    """Peak RSS of a process in KiB from /proc (None where there is no /proc)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    return next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")), None)


def peak_rss_kb() -> int:
    """This process's peak RSS so far, in KiB.

    ``ru_maxrss`` where /proc is missing; on Linux it is not usable here: it survives the
    fork+exec of a spawned worker, so each worker would start at the parent's peak (spaCy
    included) and show no growth. VmHWM is the same high-water mark, reset by exec.
    """
    return vm_hwm_kb() or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def disk_bytes(path: str) -> int:
    """Total size of the files under ``path``."""
    return sum(entry.stat().st_size for entry in Path(path).rglob("*") if entry.is_file())


def timed(run, *args) -> tuple[float, object]:
    """(seconds, result) of ``run(*args)``."""
    started = time.perf_counter()
    result = run(*args)
    return time.perf_counter() - started, result


def worker(conn, key: str, data: str, path: str, queries: list[Query], prefixes: dict[str, str]) -> None:
    """Measure one candidate in this fresh process, sending ``(kind, value, peak RSS KiB)`` messages."""

    def send(kind: str, value: object = None) -> None:
        conn.send((kind, value, peak_rss_kb()))

    try:
        candidate = CANDIDATES[key](prefixes)
        send("ready")  # the peak RSS after imports: the baseline of the delta
        send("load", timed(candidate.load, data, path)[0])
        if candidate.on_disk:
            candidate.close()
            send("disk", disk_bytes(path))
            send("reopen", timed(candidate.reopen, path)[0])
        for query in queries:
            send("start", query.label)
            spent = 0.0
            for _ in range(REPEATS):
                seconds, rows = timed(candidate.rows, query)
                send("run", (seconds, rows))
                spent += seconds
                if spent > REPEAT_BUDGET:
                    break
        send("done")
    except Exception as exc:
        send("error", f"{type(exc).__name__}: {exc}")
    finally:
        conn.close()


# --------------------------------------------------------------------------- the parent process
@dataclass
class Measurement:
    """What was measured for one candidate (times in seconds, sizes in bytes or KiB)."""

    key: str
    title: str
    load_s: float | None = None
    disk_bytes: int | None = None
    reopen_s: float | None = None
    peak_kb: int = 0
    times: dict[str, list[float]] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    timed_out: set[str] = field(default_factory=set)
    error: str | None = None

    def median_ms(self, label: str) -> float | None:
        """Median time of a query in ms; None when it timed out or was not run."""
        if label in self.timed_out or not self.times.get(label):
            return None
        return statistics.median(self.times[label]) * 1000


def run_worker(
    m: Measurement,
    data: Path,
    path: Path,
    queries: list[Query],
    prefixes: dict[str, str],
    cap: float,
    first: bool,
    target=None,
) -> list[Query]:
    """Run one worker process for ``m`` (``target``, by default this module's ``worker``);
    return the queries still to run when one passed the cap."""
    ctx = multiprocessing.get_context("spawn")
    receiver, sender = ctx.Pipe(duplex=False)
    process = ctx.Process(
        target=target or worker, args=(sender, m.key, str(data), str(path), queries, prefixes), daemon=True
    )
    process.start()
    sender.close()
    base_kb, current = 0, None
    try:
        while True:
            if not receiver.poll(cap if current else LOAD_CAP):
                m.peak_kb = max(m.peak_kb, (vm_hwm_kb(process.pid) or base_kb) - base_kb)
                if current is None:
                    m.error = f"load and reopen took more than {LOAD_CAP:g} s"
                    return []
                m.timed_out.add(current.label)
                return queries[queries.index(current) + 1 :]
            kind, value, peak_kb = receiver.recv()
            if kind == "ready":
                base_kb = peak_kb
            m.peak_kb = max(m.peak_kb, peak_kb - base_kb)
            if kind == "load" and first:
                m.load_s = value
            elif kind == "disk" and first:
                m.disk_bytes = value
            elif kind == "reopen" and first:
                m.reopen_s = value
            elif kind == "start":
                current = next(q for q in queries if q.label == value)
            elif kind == "run":
                m.times.setdefault(current.label, []).append(value[0])
                m.rows[current.label] = value[1]
            elif kind == "error":
                m.error = value
                return []
            elif kind == "done":
                return []
    except EOFError:
        process.join()
        m.error = f"worker exited with code {process.exitcode}"
        return []
    finally:
        if process.is_alive():
            process.kill()
        process.join()


def measure(
    key: str,
    data: Path,
    workdir: Path,
    queries: list[Query],
    prefixes: dict[str, str],
    cap: float,
    candidates: dict | None = None,
    target=None,
) -> Measurement:
    """Measure one candidate (of ``candidates``, by default this module's, run by ``target``);
    after a query passes the cap, a new worker reloads and runs the rest."""
    m = Measurement(key, (candidates or CANDIDATES)[key].title)
    pending, attempt = queries, 0
    while True:
        path = workdir / f"{key}-{attempt}"
        pending = run_worker(m, data, path, pending, prefixes, cap, first=attempt == 0, target=target)
        shutil.rmtree(path, ignore_errors=True)
        if not pending:
            return m
        attempt += 1
        print(
            f"  {key}: {m.title} passed {cap:g} s on a query; reloading for the {len(pending)} left",
            file=sys.stderr,
            flush=True,
        )


# --------------------------------------------------------------------------- the data
def seed_quads(workdir: Path) -> list:
    """The quads of the seed graph: ``kg.build`` over seeds/, exported as N-Quads and parsed back."""
    import pyoxigraph as ox

    import kg

    graph = kg.build([str(ROOT / "seeds")], workdir / "seed-store", quiet=True)
    return list(ox.parse(graph.export("nquads"), format=ox.RdfFormat.N_QUADS))


class Replicator:
    """Copies of the seed graph: document, entity, fact and document-graph IRIs get a prefix
    (``r0-``, ``r1-`` ...) before their local name; ontology and relation IRIs and the shared
    graphs (entities, ontology, schema) stay as they are, as they would in a larger corpus."""

    def __init__(self) -> None:
        import pyoxigraph as ox

        from kg.graph.namespaces import (
            DOC_NS,
            ENTITIES_GRAPH,
            ENTITY_NS,
            FACT_NS,
            GRAPH_NS,
            ONTOLOGY_GRAPH,
            SCHEMA_GRAPH,
        )

        self.ox = ox
        self.namespaces = (DOC_NS, ENTITY_NS, FACT_NS, GRAPH_NS)
        self.shared = {ENTITIES_GRAPH, ONTOLOGY_GRAPH, SCHEMA_GRAPH}

    def term(self, term, prefix: str):
        """``term`` in the replica ``prefix``."""
        if not isinstance(term, self.ox.NamedNode) or term.value in self.shared:
            return term
        for namespace in self.namespaces:
            if term.value.startswith(namespace):
                return self.ox.NamedNode(namespace + prefix + term.value[len(namespace) :])
        return term

    def quad(self, quad, prefix: str):
        """``quad`` in the replica ``prefix``."""
        return self.ox.Quad(*(self.term(term, prefix) for term in quad))

    def replicate(self, seed: list, replicas: int) -> list:
        """``replicas`` copies of ``seed``; the quads that no copy changes appear once."""
        quads = []
        for i in range(replicas):
            for quad in seed:
                copy = self.quad(quad, f"r{i}-")
                if i == 0 or copy != quad:
                    quads.append(copy)
        return quads

    def shared_count(self, seed: list) -> int:
        """How many quads of ``seed`` every replica shares."""
        return sum(1 for quad in seed if self.quad(quad, "r-") == quad)

    def default_replicas(self, seed: list) -> int:
        """The fewest replicas giving at least TARGET_QUADS quads."""
        shared = self.shared_count(seed)
        return max(1, math.ceil((TARGET_QUADS - shared) / (len(seed) - shared)))


def write_data(workdir: Path, replicas: int | None) -> tuple[Path, int, str]:
    """Write the replicated N-Quads file; return (path, number of quads, a line describing it)."""
    import pyoxigraph as ox

    started = time.perf_counter()
    seed = seed_quads(workdir)
    replicator = Replicator()
    replicas = replicas or replicator.default_replicas(seed)
    quads = replicator.replicate(seed, replicas)
    path = workdir / "graph.nq"
    ox.serialize(quads, output=str(path), format=ox.RdfFormat.N_QUADS)
    line = (
        f"data: {len(quads):,} quads = {len(seed):,}-quad seed graph x {replicas} replicas "
        f"(shared vocabulary once), {path.stat().st_size / 2**20:.1f} MB of N-Quads, "
        f"made in {time.perf_counter() - started:.1f} s"
    )
    return path, len(quads), line


# --------------------------------------------------------------------------- the report
def first_line(path: str, prefix: str) -> str | None:
    """The rest of the first line of a text file starting with ``prefix`` (None if none or unreadable)."""
    try:
        lines = Path(path).read_text().splitlines()
    except OSError:
        return None
    return next((line[len(prefix) :].strip(" :\t") for line in lines if line.startswith(prefix)), None)


def filesystem(path: Path) -> str:
    """The type of the filesystem holding ``path`` (from /proc/mounts), or "?"."""
    try:
        mounts = [line.split()[1:3] for line in Path("/proc/mounts").read_text().splitlines()]
    except OSError:
        return "?"
    here = str(path.resolve())
    matching = [(point, kind) for point, kind in mounts if here == point or here.startswith(point.rstrip("/") + "/")]
    return max(matching, key=lambda m: len(m[0]))[1] if matching else "?"


def machine(workdir: Path) -> str:
    """CPU count and model, memory, OS, Python and library versions, and where the stores live."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    memory = first_line("/proc/meminfo", "MemTotal")
    gib = f"{int(memory.split()[0]) / 2**20:.0f} GiB RAM" if memory else "RAM ?"
    versions = ", ".join(f"{name} {version(name)}" for name in ("rdflib", "pyoxigraph", "oxrdflib"))
    return (
        f"machine: nproc {usable} ({os.cpu_count()} CPUs), {first_line('/proc/cpuinfo', 'model name') or '?'}, "
        f"{gib}, {platform.system()} {platform.release()}\n"
        f"python {platform.python_version()}, {versions}\n"
        f"stores in {workdir} ({filesystem(workdir)})"
    )


def fmt_ms(m: Measurement, label: str, cap: float) -> str:
    """A query cell: median ms, "> cap s" after a timeout, the run count when fewer than REPEATS."""
    ms = m.median_ms(label)
    if label in m.timed_out:
        return f"> {cap:g} s"
    if ms is None:
        return "-"
    runs = len(m.times[label])
    return (f"{ms:,.1f}" if ms < 100 else f"{ms:,.0f}") + (f" ({runs} run{'s' * (runs > 1)})" if runs < REPEATS else "")


def table(results: list[Measurement], quads: int, queries: list[Query], cap: float) -> str:
    """The markdown table of every candidate."""
    header = ["store", "load s", "triples/s", "peak MB", "disk MB", "reopen s"] + [f"{q.label} ms" for q in queries]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for m in results:
        cells = [
            m.title,
            f"{m.load_s:.2f}" if m.load_s else "-",
            f"{quads / m.load_s:,.0f}" if m.load_s else "-",
            f"{m.peak_kb / 1024:,.0f}",
            f"{m.disk_bytes / 2**20:.1f}" if m.disk_bytes is not None else "-",
            f"{m.reopen_s:.3f}" if m.reopen_s is not None else "-",
        ] + [fmt_ms(m, q.label, cap) for q in queries]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def factor(base: float, other: float, better: str, worse: str, bound: str = "") -> str:
    """``base / other`` in words, "7.1x faster" (``better``) or "1.3x slower" (``worse``), after ``bound``."""
    if base <= 0 or other <= 0:
        return "n/a"
    ratio = base / other
    word = better if ratio >= 1 else worse
    ratio = max(ratio, 1 / ratio)
    return f"{bound}{ratio:,.0f}x {word}" if ratio >= 100 else f"{bound}{ratio:.1f}x {word}"


def query_ratio(base: Measurement, m: Measurement, label: str, cap: float) -> str:
    """How much faster ``m`` answers a query than the baseline; a bound when one of them timed out."""
    base_ms, ms, cap_ms = base.median_ms(label), m.median_ms(label), cap * 1000
    if label in base.timed_out and label in m.timed_out:
        return f"{label} both > {cap:g} s"
    if label in base.timed_out and ms is not None:
        return f"{label} {factor(cap_ms, ms, 'faster', 'slower', '> ')}"
    if label in m.timed_out and base_ms is not None:
        return f"{label} {factor(base_ms, cap_ms, 'faster', 'slower', '> ')}"
    if base_ms is None or ms is None:
        return f"{label} n/a"
    return f"{label} {factor(base_ms, ms, 'faster', 'slower')}"


def ratios(results: list[Measurement], queries: list[Query], cap: float) -> str:
    """One line per candidate comparing it with the baseline."""
    base = results[0]
    lines = [f"ratios vs {base.title} (the baseline):"]
    for m in results[1:]:
        if m.error or not (base.load_s and m.load_s):
            lines.append(f"- {m.title}: not comparable ({m.error or base.error})")
            continue
        parts = [
            f"load {factor(base.load_s, m.load_s, 'faster', 'slower')}",
            f"peak memory {factor(base.peak_kb, m.peak_kb, 'smaller', 'larger')}",
        ]
        parts += [query_ratio(base, m, q.label, cap) for q in queries]
        if m.reopen_s is not None:
            parts.append(
                f"reopen {m.reopen_s:.3f} s vs {base.load_s:.1f} s to re-parse "
                f"({factor(base.load_s, m.reopen_s, 'faster', 'slower')})"
            )
        lines.append(f"- {m.title}: " + ", ".join(parts))
    return "\n".join(lines)


def checks(results: list[Measurement], queries: list[Query]) -> str:
    """Rows returned per query (they must agree between stores) and any candidate's error."""
    lines = []
    for q in queries:
        counts = {m.title: m.rows[q.label] for m in results if q.label in m.rows}
        if len(set(counts.values())) > 1:
            lines.append(f"WARNING {q.label} rows differ: " + ", ".join(f"{t} {n:,}" for t, n in counts.items()))
        elif counts:
            lines.append(f"{q.label} = {q.name}: {next(iter(counts.values())):,} rows in every store that answered")
    lines += [f"ERROR {m.title}: {m.error}" for m in results if m.error]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Build the data, measure every candidate in turn, print the table and the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--replicas", type=int, help=f"copies of the seed graph (default: enough for {TARGET_QUADS:,} quads)"
    )
    parser.add_argument(
        "--store-dir",
        type=Path,
        help="parent directory of the temporary work directory (data file and on-disk stores; default: system temp)",
    )
    parser.add_argument(
        "--cap", type=float, default=120.0, help="seconds after which a query run is stopped (default 120)"
    )
    args = parser.parse_args(argv)
    if args.replicas is not None and args.replicas < 1:
        parser.error("--replicas must be at least 1")
    if args.store_dir:
        args.store_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="kg-store-choice-", dir=args.store_dir))
    try:
        from kg.graph.namespaces import PREFIXES

        print(machine(workdir), flush=True)
        data, quads, line = write_data(workdir, args.replicas)
        print(line, flush=True)
        queries = benchmark_queries()
        results = []
        for key in CANDIDATES:
            print(f"measuring {CANDIDATES[key].title} ...", file=sys.stderr, flush=True)
            results.append(measure(key, data, workdir, queries, dict(PREFIXES), args.cap))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print()
    print(table(results, quads, queries, args.cap))
    print()
    print(ratios(results, queries, args.cap))
    print(checks(results, queries))
    print(
        f"query times: median of {REPEATS} runs (fewer once a query's runs pass {REPEAT_BUDGET:g} s, "
        f"stopped after {args.cap:g} s); peak MB: peak RSS (VmHWM) while loading and querying minus "
        f"after imports; total {time.perf_counter() - started:.0f} s"
    )


if __name__ == "__main__":
    main()
