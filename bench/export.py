"""How fast and in how much memory does kg write a built store out: RDF exports and the HTML graph?

    .venv/bin/python bench/export.py --store PATH [--formats nquads,jsonld,ttl] [--max-nodes 300]

Each step runs in a fresh ``spawn`` process on the store as it is (build it first, e.g.
``kg build ../shared/corpora/bbc/politics --store /tmp/politics``): ``kg.open_graph(store).export(fmt)``
into a file, and ``render(max_nodes=...)`` of the whole graph. It prints seconds, peak RSS growth
(VmHWM minus VmHWM after imports and opening the store) and output size, each format's time over
N-Quads' (the plainest writer, measured in the same run) and over pyoxigraph's own N-Quads
dump (``Store.dump`` in Rust, unsorted: what reading every quad of the store costs, a floor no
writer that reads the store goes under), and the goals of issue 16 (JSON-LD under 5 s and
300 MB; render under 5 s) as met or missed.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import load_average
from store_choice import vm_hwm_kb

GOALS = {"jsonld": (5.0, 300.0), "render": (5.0, None)}  # seconds, MB


def worker(conn, store: str, step: str, max_nodes: int, out: str) -> None:
    """One export or render of ``store`` in this fresh process; sends (seconds, growth MB, bytes)."""
    try:
        import kg

        graph = kg.open_graph(store)
        len(graph)  # the store opened before the baseline
        base = vm_hwm_kb()
        started = time.perf_counter()
        if step == "render":
            graph.render(out, max_nodes=max_nodes)
        elif step == "dump":
            import pyoxigraph as ox

            graph.store.db.dump(out, format=ox.RdfFormat.N_QUADS)
        else:
            graph.export(step, out)
        seconds = time.perf_counter() - started
        conn.send(("done", (seconds, (vm_hwm_kb() - base) / 1024, Path(out).stat().st_size)))
    except Exception as exc:
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def measure(store: str, step: str, max_nodes: int) -> tuple[float, float, int] | str:
    ctx = multiprocessing.get_context("spawn")
    receiver, sender = ctx.Pipe(duplex=False)
    with tempfile.TemporaryDirectory(prefix="kg-bench-export-") as folder:
        out = str(Path(folder) / ("graph.html" if step == "render" else f"graph.{step.replace('dump', 'nq')}"))
        process = ctx.Process(target=worker, args=(sender, store, step, max_nodes, out))
        process.start()
        sender.close()
        try:
            kind, value = receiver.recv()
        except EOFError:
            kind, value = "error", "worker died"
        process.join()
    return value if kind == "done" else str(value)


def _ratio(seconds: float, base: tuple[float, float, int] | str | None) -> str:
    return f"{seconds / base[0]:.2f}" if isinstance(base, tuple) and base[0] else "-"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", required=True, help="a built kg store")
    parser.add_argument("--formats", default="nquads,jsonld,ttl", help="comma-separated export formats")
    parser.add_argument("--max-nodes", type=int, default=300, help="render's node cap (default 300)")
    args = parser.parse_args(argv)
    import kg

    print(f"store {args.store}: {len(kg.open_graph(args.store)):,} quads; {load_average()}")
    results: dict[str, tuple[float, float, int] | str] = {}
    for step in ["dump", *args.formats.split(","), "render"]:
        results[step] = measure(args.store, step, args.max_nodes)
        print(f"  {step}: {results[step]}", file=sys.stderr, flush=True)
    print("| step | seconds | x nquads | x dump | peak growth MB | output MB |\n|---|---|---|---|---|---|")
    for step, result in results.items():
        if isinstance(result, str):
            print(f"| {step} | {result} | | | | |")
            continue
        seconds, growth, size = result
        ratios = " | ".join(_ratio(seconds, results.get(name)) for name in ("nquads", "dump"))
        print(f"| {step} | {seconds:.2f} | {ratios} | {growth:,.0f} | {size / 2**20:,.1f} |")
    for step, (max_seconds, max_mb) in GOALS.items():
        result = results.get(step)
        if not isinstance(result, tuple):
            continue
        seconds, growth, _ = result
        verdict = "met" if seconds < max_seconds and (max_mb is None or growth < max_mb) else "MISSED"
        limits = f"< {max_seconds:g} s" + (f" and < {max_mb:g} MB" if max_mb else "")
        print(f"goal {step} {limits}: {seconds:.2f} s, +{growth:,.0f} MB: {verdict}")
    print(f"{load_average()} at the end")


if __name__ == "__main__":
    main()
