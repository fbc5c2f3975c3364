"""Queries in worker processes that can be killed: an enforced deadline and a memory budget.

pyoxigraph's Python API cannot cancel a running query (oxigraph#1926: its cancellation token is
Rust-only), so a thread that timed out would evaluate on and hold a core. Here each query runs in
a worker process: past its deadline the worker is killed (SIGKILL) and a fresh one takes its
slot; its address space is capped (``RLIMIT_AS`` = what the open store needs + the budget), so a
query that needs more fails there (Rust aborts, Python raises MemoryError) and never in the
caller. Workers fork from a forkserver (a clean, single-threaded process), never from a threaded
server.

``QueryPool`` keeps ``size`` workers for a server; ``run_isolated`` runs one query in one forked
worker, for ``kg query``.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import resource
import signal
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from kg.errors import KGError, QueryError, StoreError
from kg.store.queries import QUERY_STACK_BYTES
from kg.store.results import QueryResult

__all__ = ["DEFAULT_MEMORY", "Job", "QueryPool", "QueryWorker", "run_isolated"]

DEFAULT_MEMORY = 1 << 30  # bytes a query may allocate beyond what the open store needs
_START_SECONDS = 60.0  # a worker opens the store within this or is given up
_MAX_REPLY = 1 << 31  # bytes: a reply larger than this is not read back


@dataclass(frozen=True)
class Job:
    """One query for a worker: what ``Store.query`` takes, all picklable."""

    sparql: str
    bindings: dict[str, Any] = field(default_factory=dict)
    limit: int | None = None
    max_bytes: int | None = None
    base_iri: str | None = None


def _vm_size() -> int:
    """This process's address space in bytes (VmSize)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _cap_memory(budget: int | None) -> None:
    """Soft-limit the address space to what is mapped now plus ``budget`` (None: no limit)."""
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    soft = hard if budget is None else _vm_size() + budget
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


class _Worker:
    """The worker's side: open the store, then answer jobs until the pipe closes."""

    def __init__(self, conn: Connection, path: str, budget: int | None):
        from kg.store.store import Store

        self.conn, self.budget = conn, budget
        self.store = Store.open(path)
        self.opened: Path | None = None

    def open(self) -> None:
        """(Re)open the store's current data, uncapped while opening (RocksDB maps a lot)."""
        resource.setrlimit(resource.RLIMIT_AS, (resource.getrlimit(resource.RLIMIT_AS)[1],) * 2)
        self.store.close()
        self.store.db  # noqa: B018 - open now, before the cap
        self.opened = self.store.opened_dir
        _cap_memory(self.budget)

    def answer(self, job: Job) -> tuple[str, Any]:
        try:
            if self.store.data_dir != self.opened:  # a rebuild switched ``current``
                self.open()
            result = self.store.query(
                job.sparql, bindings=job.bindings, limit=job.limit, max_bytes=job.max_bytes, base_iri=job.base_iri
            )
            return "ok", result
        except KGError as exc:
            return "error", exc
        except MemoryError:
            return "error", _memory_error(self.budget)
        except BaseException as exc:  # pyo3's PanicException is a BaseException
            return "error", QueryError(f"query failed: {type(exc).__name__}: {exc}", "KG407")

    def loop(self) -> None:
        try:
            self.open()
        except KGError as exc:
            self.conn.send(("error", exc))
            return
        self.conn.send(("ready", str(self.opened)))
        while True:
            try:
                job = self.conn.recv()
            except (EOFError, OSError):
                return
            if job is None:  # asked to stop
                return
            reply = self.answer(job)
            try:
                self.conn.send(reply)
            except MemoryError:
                self.conn.send(("error", _memory_error(self.budget)))


def _worker_main(conn: Connection, path: str, budget: int | None) -> None:
    """A worker process: quiet stderr (a Rust abort message is reported by the parent), the
    default SIGINT (the parent handles Ctrl-C), and a thread with a deep stack for the queries."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with open(os.devnull, "wb") as devnull:
        os.dup2(devnull.fileno(), 2)
    worker = _Worker(conn, path, budget)
    threading.stack_size(QUERY_STACK_BYTES)  # this process runs no other threads of ours
    thread = threading.Thread(target=worker.loop, name="kg-query")
    thread.start()
    thread.join()


def _memory_error(budget: int | None) -> QueryError:
    size = f"{budget / (1 << 20):,.0f} MB" if budget else "the memory available"
    return QueryError(f"query stopped: it needed more than its memory budget of {size}", "KG409")


def _context() -> Any:
    """forkserver: workers fork from a clean process with kg.store loaded, not from ours."""
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" not in methods:  # pragma: no cover - not Linux
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    # __main__ too: imported once in the forkserver, not again in every worker
    context.set_forkserver_preload(["__main__", "kg.store.isolation", "kg.store.store"])
    return context


class QueryWorker:
    """One worker process over a store; :meth:`call` runs a job under a deadline."""

    def __init__(self, path: str | os.PathLike[str], budget: int | None = DEFAULT_MEMORY, context: Any = None):
        self.path, self.budget = str(path), budget
        self.conn, child = multiprocessing.Pipe()
        self.process = (context or _context()).Process(
            target=_worker_main, args=(child, self.path, budget), name="kg-query-worker", daemon=True
        )
        self.process.start()
        child.close()
        self.opened = self._ready()

    def _ready(self) -> str:
        if not self.conn.poll(_START_SECONDS):
            self.kill()
            raise StoreError(f"{self.path}: a query worker did not open the store in {_START_SECONDS:g} s", "KG304")
        try:
            kind, value = self.conn.recv()
        except EOFError:
            self.kill()
            raise StoreError(f"{self.path}: a query worker could not open the store", "KG304") from None
        if kind == "error":
            self.kill()
            raise value
        return value

    @property
    def alive(self) -> bool:
        return self.process.is_alive()

    def call(self, job: Job, timeout: float | None) -> QueryResult:
        """The job's result; KG404 (worker killed) past ``timeout`` s, KG409 when the worker ran
        out of its memory budget, KG407 when it died otherwise."""
        started = time.monotonic()
        try:
            self.conn.send(job)
            ready = self.conn.poll(timeout)
        except (OSError, EOFError):
            ready = True  # it died: reported below
        if not ready:
            self.kill()
            raise QueryError(f"query timed out after {timeout:g} s and was stopped", "KG404")
        try:
            kind, value = self.conn.recv()
        except (EOFError, OSError):
            raise self._death(time.monotonic() - started) from None
        if kind == "error":
            raise value
        return value

    def _death(self, seconds: float) -> KGError:
        self.process.join(5)
        code = self.process.exitcode
        if code in (-signal.SIGABRT, -signal.SIGKILL, -signal.SIGSEGV, -signal.SIGBUS):
            # Rust aborts when an allocation fails; the kernel's OOM killer sends SIGKILL
            return _memory_error(self.budget)
        return QueryError(f"query failed: its worker process ended (exit code {code}) after {seconds:.1f} s", "KG407")

    def kill(self) -> None:
        """End the worker at once (SIGKILL: a query in Rust code cannot be interrupted)."""
        with contextlib.suppress(OSError, ValueError, AttributeError):
            self.process.kill()
        self.process.join(5)
        self.conn.close()

    def close(self) -> None:
        """Let the worker finish (it exits when asked or when its pipe closes)."""
        with contextlib.suppress(OSError, ValueError):
            self.conn.send(None)
        self.process.join(1)
        self.conn.close()
        if self.process.is_alive():
            self.kill()


class QueryPool:
    """``size`` workers over one store, each running one query at a time (thread-safe).

    A job waits up to ``wait`` seconds for a free worker (else KG404 busy). A worker killed at
    its deadline, or dead, is replaced before its slot is freed; a worker whose store was
    switched by a rebuild reopens the new data itself.
    """

    def __init__(self, path: str | os.PathLike[str], size: int, budget: int | None = DEFAULT_MEMORY):
        if size < 1:
            raise ValueError("a pool needs at least one worker")
        self.path, self.size, self.budget = str(path), size, budget
        self.context = _context()
        self._idle: queue.Queue[QueryWorker | None] = queue.Queue()
        self._closed = False
        self._busy: set[QueryWorker] = set()
        first = QueryWorker(self.path, budget, self.context)  # KG304 here if the store is unusable
        self._idle.put(first)
        for _ in range(size - 1):
            self._idle.put(None)  # started on first use, so the server is up at once

    def run(self, job: Job, timeout: float | None, wait: float) -> QueryResult:
        """Run ``job`` on a free worker under ``timeout``."""
        try:
            worker = self._idle.get(timeout=wait)
        except queue.Empty:
            raise QueryError(f"busy: no query worker free within {wait:g} s; retry later", "KG404") from None
        try:
            if worker is None or not worker.alive:
                worker = QueryWorker(self.path, self.budget, self.context)
            self._busy.add(worker)
            return worker.call(job, timeout)
        finally:
            if worker is not None:
                self._busy.discard(worker)
            self._release(worker)

    def _release(self, worker: QueryWorker | None) -> None:
        if self._closed:
            if worker is not None:
                worker.close()
            return
        if worker is not None and not worker.alive:
            worker.kill()  # reap it
            worker = None
            with contextlib.suppress(KGError, OSError):  # start the replacement now, not on next use
                worker = QueryWorker(self.path, self.budget, self.context)
        self._idle.put(worker)

    def close(self) -> None:
        """End every worker: idle ones are asked to, busy ones are killed (their queries fail)."""
        self._closed = True
        for busy in list(self._busy):
            busy.kill()
        while True:
            try:
                idle = self._idle.get_nowait()
            except queue.Empty:
                return
            if idle is not None:
                idle.close()


def run_isolated(
    path: str | os.PathLike[str], job: Job, timeout: float | None, budget: int | None = DEFAULT_MEMORY
) -> QueryResult:
    """Run one job in one worker process (``kg query``), ended when it returns or at ``timeout``.
    A process with one thread forks it directly (fast); one with more threads (RocksDB's, a
    server's) uses the forkserver, since a fork copies no other thread and none of their locks."""
    single = len(os.listdir("/proc/self/task")) == 1 if os.path.isdir("/proc/self/task") else False
    worker = QueryWorker(path, budget, multiprocessing.get_context("fork") if single else _context())
    try:
        return worker.call(job, timeout)
    finally:
        worker.close()
