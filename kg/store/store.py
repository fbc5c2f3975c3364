"""The on-disk store: a pyoxigraph database per build, switched atomically, one writer at a time.

Layout of a store directory ``PATH``::

    PATH/meta.json   {"format": "kg-store", "version": 1, "kg_version": ...}
    PATH/current     symlink (or one-line file) naming the active data directory
    PATH/data-<n>/   the pyoxigraph (RocksDB) database; ``data-<n>/kg-complete`` once fully written
    PATH/.lock       PID of the writer, while one is writing

No operation deletes the last good graph: when ``current`` is missing or names no data directory,
readers use the newest complete data directory and the next writer points ``current`` back at it.
A reader that opens data a writer is switching away from (and deleting) opens the new data.

Errors: KG301 not a kg store, KG302 store format version differs, KG303 locked by another
writer, KG304 store data missing or unreadable, KG305 could not write. Queries: KG401 syntax,
KG402 update refused, KG403 SERVICE/FROM refused, KG404 timeout, KG405 bad parameter,
KG407 evaluation failed.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox

from kg.errors import QueryError, StoreError
from kg.graph.namespaces import PREFIXES
from kg.ingest.clean import one_line
from kg.store.loading import BULK_CHUNK, bulk_load
from kg.store.queries import check_query, declared_params, evaluation_error, run_with_timeout, substitutions
from kg.store.results import QueryResult, collect
from kg.store.writing import write_atomic, write_rdf

__all__ = ["STORE_FORMAT", "STORE_VERSION", "GraphPatch", "Store"]

STORE_FORMAT = "kg-store"
STORE_VERSION = 1
_DATA = re.compile(r"data-(\d+)")
COMPLETE = "kg-complete"  # written into a data directory once its data is flushed
_OPEN_TRIES = 5  # opens retried when a writer switched ``current`` meanwhile
_FRESH_LOCK_SECONDS = 10.0
_HELD: set[str] = set()  # lock files this process holds
Warn = Callable[[str], None]


def _in_chunks(quads: Iterable[ox.Quad], add: Callable[[list[ox.Quad]], None]) -> None:
    quads = iter(quads)
    while chunk := list(itertools.islice(quads, BULK_CHUNK)):
        add(chunk)


@dataclass
class GraphPatch:
    """A change to part of a graph: named graphs to drop, quads to remove, then quads to add."""

    drop_graphs: list[ox.NamedNode] = field(default_factory=list)
    remove: list[ox.Quad] = field(default_factory=list)
    add: Iterable[ox.Quad] = ()


def _kg_version() -> str:
    try:
        from importlib.metadata import version

        return version("kg")
    except Exception:
        return "0+unknown"


def _not_a_store(path: Path, why: str = "no meta.json") -> StoreError:
    return StoreError(f"{path}: not a kg store ({why}); build one with `kg build SOURCES --store {path}`", "KG301")


def _check_meta(path: Path) -> None:
    try:
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise _not_a_store(path) from None
    except (OSError, ValueError) as exc:
        raise _not_a_store(path, f"unreadable meta.json: {exc}") from None
    if not isinstance(meta, dict) or meta.get("format") != STORE_FORMAT:
        raise _not_a_store(path, "meta.json is not a kg-store's")
    if meta.get("version") != STORE_VERSION:
        raise StoreError(
            f"{path}: store format version {meta.get('version')!r}, this kg reads version "
            f"{STORE_VERSION}; rebuild it with `kg build SOURCES --store {path}`",
            "KG302",
        )


def _check_creatable(path: Path) -> None:
    """A new store goes in a missing or empty directory (a lock file aside): never over user files."""
    if path.exists() and (not path.is_dir() or any(p.name != ".lock" for p in path.iterdir())):
        raise _not_a_store(path, "it exists, is not empty and has no meta.json")


def _mark_complete(data: Path) -> None:
    """Mark a data directory as fully written (what :meth:`Store.newest_complete` looks for)."""
    with open(data / COMPLETE, "wb") as marker:
        marker.write(b"complete\n")
        marker.flush()
        os.fsync(marker.fileno())


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class _Lock:
    """``PATH/.lock`` holding the writer's PID, created with O_EXCL; stale locks are reclaimed."""

    def __init__(self, path: Path, on_warning: Warn | None = None):
        self.file = Path(os.path.abspath(path)) / ".lock"
        self.on_warning = on_warning or (lambda msg: warnings.warn(msg, RuntimeWarning, stacklevel=4))

    def _read_pid(self, file: Path) -> int | None:
        try:
            return int(file.read_text().strip())
        except (OSError, ValueError):
            return None

    def _age(self) -> float:
        try:
            return time.time() - self.file.stat().st_mtime
        except OSError:
            return _FRESH_LOCK_SECONDS

    def acquire(self) -> None:
        for _ in range(3):
            try:
                fd = os.open(self.file, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                self._reclaim_if_stale()
                continue
            with os.fdopen(fd, "w") as handle:
                handle.write(str(os.getpid()))
            _HELD.add(str(self.file))
            return
        raise StoreError(f"{self.file.parent}: could not take the store lock", "KG303")

    def _reclaim_if_stale(self) -> None:
        pid = self._read_pid(self.file)
        ours = pid == os.getpid() and str(self.file) not in _HELD  # a PID reused after a crash
        if pid is not None and _pid_alive(pid) and not ours:
            raise StoreError(f"{self.file.parent}: store is locked by process {pid}", "KG303")
        if pid is None and self._age() < _FRESH_LOCK_SECONDS:  # its writer may still be writing it
            raise StoreError(f"{self.file.parent}: store is locked ({self.file} has no PID yet)", "KG303")
        aside = self.file.with_name(f".lock.stale.{os.getpid()}")
        try:
            os.rename(self.file, aside)  # atomic: one reclaimer wins
        except FileNotFoundError:
            return
        if self._read_pid(aside) != pid:  # a live writer's fresh lock: put it back
            try:
                os.link(aside, self.file)
            except FileExistsError:
                pass
            finally:
                aside.unlink(missing_ok=True)
            raise StoreError(f"{self.file.parent}: store is locked by another process", "KG303")
        aside.unlink(missing_ok=True)
        owner = f"process {pid}, which is not running" if pid else "no process"
        self.on_warning(f"{self.file.parent}: removed a stale lock of {owner}")

    def release(self) -> None:
        _HELD.discard(str(self.file))
        if self._read_pid(self.file) == os.getpid():
            self.file.unlink(missing_ok=True)


class Store:
    """A kg store directory; open with :meth:`open`, write with :meth:`writing` + :meth:`replace`."""

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        self._db: ox.Store | None = None
        self._opened: Path | None = None
        self._lock: _Lock | None = None
        #: seconds the last write took: "write" (filling the new data directory) and "switch"
        self.timings: dict[str, float] = {}

    # ------------------------------------------------------------------ opening
    @classmethod
    def create(cls, path: str | os.PathLike[str]) -> Store:
        """Make ``path`` a kg store (empty graph); an existing kg store is opened as it is."""
        root = Path(path)
        if (root / "meta.json").exists():
            return cls.open(root)
        _check_creatable(root)
        root.mkdir(parents=True, exist_ok=True)
        meta = {"format": STORE_FORMAT, "version": STORE_VERSION, "kg_version": _kg_version()}
        write_atomic(root / "meta.json", (json.dumps(meta, indent=2) + "\n").encode("utf-8"))
        store = cls(root)
        if store.data_dir is None:
            store._switch(store._new_data_dir([]))
        return store

    @classmethod
    def viewing(cls, db: ox.Store, path: str | os.PathLike[str]) -> Store:
        """A store that reads ``db`` (an in-memory part of the graph at ``path``, such as
        ``kg.views.drawn`` copies) instead of the data on disk; for reading only."""
        store = cls(path)
        store._db = db
        return store

    @classmethod
    def open(cls, path: str | os.PathLike[str], create: bool = False) -> Store:
        """Open the kg store at ``path`` (KG301 if it is not one, KG302 if its version differs)."""
        root = Path(path)
        if create and not (root / "meta.json").exists():
            return cls.create(root)
        _check_meta(root)
        return cls(root)

    @classmethod
    @contextmanager
    def writing(
        cls, path: str | os.PathLike[str], *, create: bool = True, on_warning: Warn | None = None
    ) -> Iterator[Store]:
        """Hold the store's write lock (KG303 if another live process holds it) while in the block."""
        root = Path(path)
        if create and not (root / "meta.json").exists():
            _check_creatable(root)
            root.mkdir(parents=True, exist_ok=True)
        else:
            _check_meta(root)
        lock = _Lock(root, on_warning)
        lock.acquire()
        store = None
        try:
            store = cls.open(root, create=create)
            store._lock = lock
            store._remove_leftovers()
            yield store
        finally:
            if store is not None:
                store._lock = None
            lock.release()

    @property
    def data_dir(self) -> Path | None:
        """The active pyoxigraph directory: the one ``PATH/current`` names or, when that link is
        missing or broken, the newest complete one (see :meth:`newest_complete`)."""
        linked = self._linked_dir()
        return linked if linked is not None else self.newest_complete()

    def _linked_dir(self) -> Path | None:
        current = self.path / "current"
        try:
            name = os.readlink(current) if current.is_symlink() else current.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeError):
            return None
        target = self.path / name
        return target if _DATA.fullmatch(name) and target.is_dir() else None

    def newest_complete(self) -> Path | None:
        """The newest data directory a writer finished (it holds ``kg-complete``); in a store
        written before that marker, the newest that holds a RocksDB database."""
        try:
            found = [(int(m[1]), p) for p in self.path.iterdir() if (m := _DATA.fullmatch(p.name)) and p.is_dir()]
        except OSError:
            return None
        found.sort(reverse=True)
        for marker in (COMPLETE, "CURRENT"):
            for _, path in found:
                if (path / marker).is_file():
                    return path
        return None

    @property
    def opened_dir(self) -> Path | None:
        """The data directory the open handle reads (None before the first use)."""
        return self._opened if self._db is not None else None

    @property
    def db(self) -> ox.Store:
        """The pyoxigraph store, opened read-only on first use (KG304 if there is no data, or it
        cannot be read); an open that raced a writer's switch is tried again on the new data."""
        if self._db is None:
            for _ in range(_OPEN_TRIES):
                data = self.data_dir
                if data is None:
                    raise StoreError(f"{self.path}: store has no data (no current data directory)", "KG304")
                try:
                    self._db, self._opened = ox.Store.read_only(str(data)), data
                    break
                except (OSError, RuntimeError) as exc:  # RuntimeError: RocksDB found corruption
                    if self.data_dir != data:
                        continue  # switched (and deleted) while we opened it
                    raise StoreError(
                        f"{self.path}: cannot open the store data: {one_line(str(exc))}; it may be corrupt: rebuild it",
                        "KG304",
                    ) from None
            else:
                raise StoreError(f"{self.path}: the store data kept changing while it was opened", "KG304")
        return self._db

    def close(self) -> None:
        """Drop the pyoxigraph handle (reopened on next use)."""
        self._db = None

    def __len__(self) -> int:
        try:
            return len(self.db)
        except RuntimeError as exc:
            raise self.unreadable(exc) from None

    def unreadable(self, exc: Exception) -> StoreError:
        """A read that RocksDB refused (a checksum mismatch in a data block ...), as one line."""
        text = one_line(str(exc))
        return StoreError(f"{self.path}: cannot read the store data: {text}; it may be corrupt: rebuild it", "KG304")

    # ------------------------------------------------------------------ writing
    @contextmanager
    def _new_data(self) -> Iterator[Path]:
        """The next ``data-<n>`` directory, to fill in the block; removed if filling it fails."""
        numbers = [int(m[1]) for p in self.path.iterdir() if (m := _DATA.fullmatch(p.name))]
        target = self.path / f"data-{max(numbers, default=0) + 1}"
        try:
            yield target
        except BaseException as exc:
            shutil.rmtree(target, ignore_errors=True)
            if isinstance(exc, OSError):
                raise StoreError(f"{self.path}: could not write the store: {exc}", "KG305") from exc
            raise

    def _new_data_dir(self, quads: Iterable[ox.Quad | bytes]) -> Path:
        with self._new_data() as target:
            db = ox.Store(str(target))
            bulk_load(db, quads)
            db.flush()
            db.optimize()
            del db
            _mark_complete(target)
        return target

    def _patched_data_dir(self, patch: GraphPatch) -> Path:
        """A copy of the active data directory (a RocksDB checkpoint: hard links, not a copy of
        the data) with ``patch`` applied; the active directory is not touched."""
        source = self.data_dir
        if source is None:
            raise StoreError(f"{self.path}: store has no data to patch", "KG304")
        with self._new_data() as target:
            ox.Store.read_only(str(source)).backup(str(target))
            db = ox.Store(str(target))
            for graph in patch.drop_graphs:
                db.remove_graph(graph)
            for quad in patch.remove:
                db.remove(quad)
            _in_chunks(patch.add, db.extend)
            db.flush()
            del db
            _mark_complete(target)
        return target

    def _remove_leftovers(self) -> None:
        """Data directories and link files that a killed writer left (we hold the lock now); a
        missing or broken ``current`` is first pointed back at the newest complete data."""
        current = self.data_dir
        if current is not None and current != self._linked_dir():
            self._link(current)
            self._warn(f"{self.path}: `current` was missing or broken; restored it to {current.name}")
        for path in self.path.iterdir():
            if _DATA.fullmatch(path.name) and path != current:
                shutil.rmtree(path, ignore_errors=True)
            elif path.name.startswith(".current.") and path.name.endswith(".tmp"):
                path.unlink(missing_ok=True)

    def _warn(self, message: str) -> None:
        if self._lock is not None:
            self._lock.on_warning(message)

    def _link(self, target: Path) -> None:
        """Point ``current`` at ``target`` atomically (a symlink, or a one-line file)."""
        tmp = self.path / f".current.{os.getpid()}.tmp"
        tmp.unlink(missing_ok=True)
        try:
            os.symlink(target.name, tmp)
        except OSError:
            tmp.write_text(target.name + "\n", encoding="utf-8")
        os.replace(tmp, self.path / "current")

    def _switch(self, target: Path) -> None:
        self._link(target)
        self._db = None
        for old in self.path.iterdir():
            if _DATA.fullmatch(old.name) and old.name != target.name:
                shutil.rmtree(old, ignore_errors=True)

    def patch(self, patch: GraphPatch) -> None:
        """Atomically change part of the graph: the patch is applied to a checkpoint of the
        active data and switched to, so on any failure the previous graph stays."""
        self._write(lambda: self._patched_data_dir(patch))

    def replace(self, quads: Iterable[ox.Quad | bytes]) -> None:
        """Atomically replace the whole graph with ``quads`` (``Quad`` objects, or N-Quads
        ``bytes`` chunks loaded as they are); on any failure the previous graph stays."""
        self._write(lambda: self._new_data_dir(quads))

    def _write(self, make_data_dir: Callable[[], Path]) -> None:
        """Switch to the data directory ``make_data_dir`` writes, holding the write lock."""
        if self._lock is not None:
            self._timed_switch(make_data_dir)
            return
        with Store.writing(self.path, create=False) as locked:
            locked._timed_switch(make_data_dir)
            self.timings = locked.timings
        self._db = None

    def _timed_switch(self, make_data_dir: Callable[[], Path]) -> None:
        started = time.perf_counter()
        target = make_data_dir()
        written = time.perf_counter()
        self._switch(target)
        self.timings = {"write": written - started, "switch": time.perf_counter() - written}

    # ------------------------------------------------------------------ reading
    def query(
        self,
        sparql: str,
        *,
        bindings: dict[str, Any] | None = None,
        timeout: float | None = None,
        limit: int | None = None,
        max_bytes: int | None = None,
        base_iri: str | None = None,
    ) -> QueryResult:
        """Run a read-only SPARQL query over the union of all graphs; PREFIXES are predeclared.

        ``bindings`` values are bound with pyoxigraph substitutions (strings as plain literals),
        never pasted into the text. A bound variable must be in the SELECT clause (pyoxigraph's
        rule); bound variables and those declared by ``# param:`` lines are not result columns.
        ``limit`` rows and ``max_bytes`` of terms at most are kept (``truncated`` says so);
        relative IRIs resolve against ``base_iri``. ``timeout`` runs the query in a thread that
        is waited for that long (it cannot be stopped: ``kg.store.isolation`` can).
        """
        check_query(sparql)
        subs = substitutions(bindings or {})
        hidden = {name.lstrip("?$") for name in bindings or {}} | set(declared_params(sparql))
        db = self.db

        def run() -> QueryResult:
            answer = None
            try:
                answer = db.query(
                    sparql, prefixes=PREFIXES, use_default_graph_as_union=True, substitutions=subs, base_iri=base_iri
                )
                return collect(answer, limit, hidden, max_bytes=max_bytes)
            except SyntaxError as exc:
                raise QueryError(" ".join(str(exc).split()), "KG401") from None
            except (RuntimeError, OSError, ValueError) as exc:
                raise evaluation_error(exc) from None
            finally:
                del answer  # dropped in this thread: pyoxigraph's iterators may not leave it

        return run() if timeout is None else run_with_timeout(run, timeout)

    def export(self, fmt: str, out: BinaryIO) -> None:
        """Write the graph as ttl, nt, trig, nquads or jsonld (deterministic bytes); KG304 when
        the data cannot be read."""
        try:
            write_rdf(self.db, fmt, out)
        except RuntimeError as exc:  # RocksDB's Corruption errors
            raise self.unreadable(exc) from None

    def rdflib_graph(self) -> Any:
        """An rdflib ``Dataset`` (default graph = union) over this store through oxrdflib (read-only)."""
        from oxrdflib import OxigraphStore
        from rdflib import Dataset

        dataset = Dataset(store=OxigraphStore(store=self.db), default_union=True)
        for prefix, namespace in PREFIXES.items():
            dataset.bind(prefix, namespace, override=True)
        return dataset
