"""Requests per second and latency of `kg serve` under a mixed load: light ASK/SELECT queries
alone (the baseline, measured in the same run), then the same light load while heavy queries
run (cross products killed at --timeout, the nested-CONCAT memory bomb), on loopback only; and
the slowest of 200 connects at once, against a bare socket listening in the same run (a short
listen backlog showed as one-second stalls: the kernel's SYN retransmit).

    .venv/bin/python bench/serve_load.py                  # seed graph, 4 light clients, 2 x 20 s
    .venv/bin/python bench/serve_load.py --store S --seconds 30 --light 8 --heavy 2
"""

from __future__ import annotations

import argparse
import http.client
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHT = [
    "ASK { ?s ?p ?o }",
    "SELECT ?e ?l WHERE { ?e a kg:Person ; rdfs:label ?l } LIMIT 20",
    "SELECT (COUNT(*) AS ?n) WHERE { ?f a kg:Fact }",
]
CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
CONCAT = (
    'SELECT (STRLEN(?x29) AS ?n) WHERE { BIND("ab" AS ?x0) '
    + " ".join(f"BIND(CONCAT(?x{i},?x{i}) AS ?x{i + 1})" for i in range(29))
    + " }"
)


class Client(threading.Thread):
    """One keep-alive connection sending its queries in turn until ``stop``; records latencies."""

    def __init__(self, host: str, port: int, queries: list[str], stop: threading.Event):
        super().__init__(daemon=True)
        self.host, self.port, self.queries, self.stop = host, port, queries, stop
        self.latencies: list[float] = []
        self.statuses: dict[int, int] = {}

    def run(self) -> None:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
        n = 0
        while not self.stop.is_set():
            query = self.queries[n % len(self.queries)]
            n += 1
            started = time.perf_counter()
            try:
                conn.request("GET", "/sparql?" + urllib.parse.urlencode({"query": query}))
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
                status = 0
            self.latencies.append(time.perf_counter() - started)
            self.statuses[status] = self.statuses.get(status, 0) + 1
        conn.close()


def phase(host: str, port: int, seconds: float, light: int, heavy: int) -> dict:
    stop = threading.Event()
    lights = [Client(host, port, LIGHT[i % 3 :] + LIGHT[: i % 3], stop) for i in range(light)]
    heavies = [Client(host, port, [CROSS, CONCAT] if i == 0 else [CROSS], stop) for i in range(heavy)]
    for client in heavies:
        client.start()
    time.sleep(0.5 if heavy else 0)  # the heavy ones are evaluating when the light ones start
    for client in lights:
        client.start()
    time.sleep(seconds)
    stop.set()
    for client in lights + heavies:
        client.join(180)
    latencies = sorted(x for c in lights for x in c.latencies)
    statuses: dict[int, int] = {}
    for client in lights:
        for status, count in client.statuses.items():
            statuses[status] = statuses.get(status, 0) + count
    heavy_statuses: dict[int, int] = {}
    for client in heavies:
        for status, count in client.statuses.items():
            heavy_statuses[status] = heavy_statuses.get(status, 0) + count
    cut = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [latencies[0]] * 99
    return {
        "rps": len(latencies) / seconds,
        "p50": cut[49] * 1000,
        "p95": cut[94] * 1000,
        "p99": cut[98] * 1000,
        "max": latencies[-1] * 1000,
        "light": statuses,
        "heavy": heavy_statuses,
    }


def connect_burst(host: str, port: int, count: int = 200) -> float:
    """The slowest of ``count`` connections opened at once and held, in milliseconds."""
    socks, slowest = [], 0.0
    try:
        for _ in range(count):
            started = time.perf_counter()
            socks.append(socket.create_connection((host, port), timeout=10))
            slowest = max(slowest, time.perf_counter() - started)
    finally:
        for sock in socks:
            sock.close()
    return slowest * 1000


def bare_listener() -> tuple[socket.socket, int]:
    """A socket listening with a long backlog and never accepting: the connect baseline."""
    sock = socket.create_server(("127.0.0.1", 0), backlog=1024)
    return sock, sock.getsockname()[1]


def seed_store(folder: Path) -> Path:
    import kg

    store = folder / "seed-store"
    kg.build([str(ROOT / "seeds")], store)
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, help="a built store (default: the seed graph, built now)")
    parser.add_argument("--seconds", type=float, default=20.0, help="length of each phase")
    parser.add_argument("--light", type=int, default=4, help="clients sending light queries")
    parser.add_argument("--heavy", type=int, default=2, help="clients sending heavy queries")
    parser.add_argument("--timeout", type=float, default=5.0, help="kg serve --timeout")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store or seed_store(Path(tmp))
        command = [sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", "0"]
        server = subprocess.Popen([*command, "--timeout", str(args.timeout)], stderr=subprocess.PIPE, text=True)
        try:
            line = server.stderr.readline()
            netloc = urllib.parse.urlsplit(line.split(" at ", 1)[1].split()[0]).netloc
            host, port = netloc.rsplit(":", 1)
            base = phase(host, int(port), args.seconds, args.light, 0)
            mixed = phase(host, int(port), args.seconds, args.light, args.heavy)
            bare, bare_port = bare_listener()
            with bare:
                connect_base = connect_burst("127.0.0.1", bare_port)
            connect_kg = connect_burst(host, int(port))
        finally:
            server.terminate()
            server.wait(30)
    print(f"kg serve --timeout {args.timeout:g}: {args.light} light clients, {args.seconds:g} s a phase")
    print(f"{'phase':34} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}  statuses")
    for name, row in (("light alone", base), (f"light + {args.heavy} heavy clients", mixed)):
        print(
            f"{name:34} {row['rps']:7.1f} {row['p50']:8.1f} {row['p95']:8.1f} {row['p99']:8.1f} {row['max']:8.0f}"
            f"  light {row['light']}" + (f", heavy {row['heavy']}" if row["heavy"] else "")
        )
    print(f"ratio (mixed / alone): req/s {mixed['rps'] / base['rps']:.2f}, p95 {mixed['p95'] / base['p95']:.2f}")
    print(
        f"200 connects at once: slowest {connect_kg:.1f} ms (a bare listening socket: {connect_base:.1f} ms; "
        f"ratio {connect_kg / max(connect_base, 0.001):.1f})"
    )


if __name__ == "__main__":
    main()
