"""Loading a new data directory: quads and N-Quads chunks into pyoxigraph's bulk loader, on a
second thread, so the store is written while the build makes the next quads."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable

import pyoxigraph as ox

__all__ = ["BIG_LINE", "BULK_BYTES", "BULK_CHUNK", "bulk_load"]

BULK_CHUNK = 100_000  # quads per bulk load
BULK_BYTES = 16 * 2**20  # N-Quads bytes per bulk load (about 100k of kg's quads)
#: A quad whose N-Quads line is this long (a whole article's text in ``kg:text``) is written in
#: a transaction after the bulk load: bulk-loaded beside other data, one 5 MB literal made every
#: read of the store slow (exporting 2,000 quads took 23-29 s), written apart it costs nothing.
BIG_LINE = 2**20


def bulk_load(db: ox.Store, items: Iterable[ox.Quad | bytes]) -> None:
    """Load quads and N-Quads chunks (``bytes``, as worker processes return documents' quads)
    with pyoxigraph's bulk loader, from a second thread: ``Quad`` objects are serialised here in
    chunks of ``BULK_CHUNK`` (Rust, fast), and each chunk of at most ``BULK_BYTES`` is parsed and
    written by pyoxigraph without the GIL, so the load runs on another core while this thread
    makes the next quads. A call holds its chunk in memory (600k quads: 444 MB in one call,
    144 MB in chunks of 100k), and at most two chunks wait for the loader."""
    loader = _Loader(db)
    try:
        _feed(loader, items)
    except BaseException:
        loader.close(abandon=True)  # the caller removes the half-written data directory
        raise
    loader.close()


def _feed(loader: _Loader, items: Iterable[ox.Quad | bytes]) -> None:
    """Give ``loader`` the items as N-Quads chunks of about ``BULK_BYTES`` or ``BULK_CHUNK`` quads."""
    quads: list[ox.Quad] = []
    data: list[bytes] = []
    size = 0
    for item in items:
        if isinstance(item, bytes):
            data.append(item)
            size += len(item)
        else:
            quads.append(item)
            if len(quads) >= BULK_CHUNK:
                data.append(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"")
                size += len(data[-1])
                quads = []
        if size >= BULK_BYTES:
            loader.put(b"".join(data))
            data, size = [], 0
    if quads:
        data.append(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"")
    if data:
        loader.put(b"".join(data))


class _Loader:
    """A thread that bulk-loads N-Quads chunks into ``db`` in order; its error is raised in the
    thread that feeds it (at the next ``put`` or at ``close``)."""

    def __init__(self, db: ox.Store):
        self.db = db
        self.chunks: queue.Queue[bytes | None] = queue.Queue(maxsize=2)
        self.error: BaseException | None = None
        self.abandoned = False
        self.big: list[bytes] = []  # N-Quads lines of at least BIG_LINE bytes, kept for a transaction
        self.thread = threading.Thread(target=self._run, name="kg-store-loader", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while (chunk := self.chunks.get()) is not None:
            if self.error is None and not self.abandoned:  # else drain: the feeder never blocks
                try:
                    self.db.bulk_load(chunk, ox.RdfFormat.N_QUADS)
                except BaseException as exc:
                    self.error = exc

    def put(self, chunk: bytes) -> None:
        self._raise()
        chunk, big = _big_lines_apart(chunk)
        self.big.extend(big)
        self.chunks.put(chunk)

    def close(self, abandon: bool = False) -> None:
        """Wait for the chunks already given (``abandon``: skip them); raise the loader's error,
        if any, unless abandoning (the feeder's own error is the one to report)."""
        self.abandoned = abandon
        self.chunks.put(None)
        self.thread.join()
        if not abandon:
            self._raise()
            if self.big:  # after the bulk load, in a transaction of their own
                self.db.extend(ox.parse(b"\n".join(self.big) + b"\n", format=ox.RdfFormat.N_QUADS))

    def _raise(self) -> None:
        if self.error is not None:
            raise self.error


def _big_lines_apart(chunk: bytes) -> tuple[bytes, list[bytes]]:
    """``chunk`` without its lines of ``BIG_LINE`` bytes or more, and those lines (N-Quads
    escapes a newline inside a literal, so a raw newline always ends a quad)."""
    if len(chunk) < BIG_LINE:
        return chunk, []
    lines = chunk.split(b"\n")
    if max(map(len, lines)) < BIG_LINE:
        return chunk, []
    return b"\n".join(line for line in lines if len(line) < BIG_LINE), [line for line in lines if len(line) >= BIG_LINE]
