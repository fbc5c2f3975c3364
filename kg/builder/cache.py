"""A content-addressed cache of extractions, so unchanged documents are never parsed twice.

Each entry is three files, each written atomically and flushed to disk (fsync: about 5 ms a file
here, 15 ms a document, a tenth of a one-process build's parse when done in line). A build writes
them through a :class:`CacheWriter`, a thread that does the writes and the waiting while the
parse goes on; the build waits for it before the store refers to any entry.
"""

from __future__ import annotations

import hashlib
import json
import os
import queue
import threading
from dataclasses import asdict
from pathlib import Path

from kg.errors import StoreError
from kg.extract.serialise import EXTRACTOR_VERSION, extraction_from_json, extraction_to_json
from kg.model import ConceptMention, Document, Extraction, Mention
from kg.store.writing import write_atomic

__all__ = ["CacheWriter", "ExtractionCache", "content_hash"]


_LATER = frozenset({"author"})  # Document fields added after stores were built


def content_hash(document: Document) -> str:
    """A hash of everything extraction depends on: the rules' version, the text, the metadata.
    A field added to Document later (``author``) counts only when set, so caches built before
    it keep their keys."""
    fields = {key: value for key, value in asdict(document).items() if key not in _LATER or value is not None}
    payload = json.dumps([EXTRACTOR_VERSION, fields | {"path": None}], sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()[:32]


class ExtractionCache:
    """Extractions stored as JSON files named by the document's content hash."""

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)

    def _path(self, key: str, part: str = "") -> Path:
        return self.folder / key[:2] / f"{key}{part}.json"

    def has(self, key: str) -> bool:
        return self._path(key).is_file()

    def intact(self, key: str) -> bool:
        """The entry is there and whole: both files are JSON of the right kind from their first
        byte to their last (a truncated, emptied or overwritten entry is not). Reads two bytes a
        file, so checking every document of a rebuild costs about what ``has`` does."""
        return _bracketed(self._path(key), b"{", b"}") and _bracketed(self._path(key, ".mentions"), b"[", b"]")

    def get(self, key: str) -> Extraction | None:
        try:
            return extraction_from_json(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing or damaged: extract again

    def load(self, key: str, doc_id: str) -> Extraction:
        """The extraction of document ``doc_id``; a missing or damaged entry is one line (KG306)."""
        extraction = self.get(key)
        if extraction is None:
            raise StoreError(
                f"document {doc_id!r}: its cached extraction is missing or damaged; build it again from its source",
                code="KG306",
            )
        return extraction

    def json(self, key: str) -> str:
        """The extraction as stored (JSON text), for another process to read."""
        return self._path(key).read_text(encoding="utf-8")

    def mentions(self, key: str, doc_id: str = "") -> list[Mention]:
        """Only the mentions of an extraction (what entity resolution reads), from a small
        file beside it (else from the extraction; KG306 naming ``doc_id`` when both are damaged)."""
        try:
            data = json.loads(self._path(key, ".mentions").read_text(encoding="utf-8"))
            return [Mention(**m) for m in data]
        except (OSError, ValueError, KeyError, TypeError):
            return self.load(key, doc_id).mentions

    def concepts(self, key: str) -> list[ConceptMention] | None:
        """Only the concept mentions of an extraction (what concept records are made from),
        from a small file beside it."""
        try:
            data = json.loads(self._path(key, ".concepts").read_text(encoding="utf-8"))
            return [ConceptMention(**c) for c in data]
        except (OSError, ValueError, KeyError, TypeError):
            extraction = self.get(key)
            return extraction.concepts if extraction is not None else None

    def remove(self, key: str) -> None:
        """Drop an entry (``kg remove``): the extraction, its mentions and its concepts."""
        for part in ("", ".mentions", ".concepts"):
            self._path(key, part).unlink(missing_ok=True)

    def put(self, key: str, extraction: Extraction) -> None:
        """Write atomically: a temporary file renamed into place (the small files first); a
        failed write (a full disk) is one line naming the file (KG305), and leaves no partial entry."""
        self.write(self.encoded(key, extraction), extraction.document.id)

    def encoded(self, key: str, extraction: Extraction) -> list[tuple[Path, bytes]]:
        """The entry's files and their bytes, in the order they are written (the small files first)."""
        mentions = [vars(m) for m in extraction.mentions]
        concepts = [vars(c) for c in extraction.concepts]
        return [
            (self._path(key, ".mentions"), json.dumps(mentions, ensure_ascii=False).encode("utf-8")),
            (self._path(key, ".concepts"), json.dumps(concepts, ensure_ascii=False).encode("utf-8")),
            (self._path(key), extraction_to_json(extraction).encode("utf-8")),
        ]

    def write(self, files: list[tuple[Path, bytes]], doc_id: str) -> None:
        """Write an entry's ``files`` (from :meth:`encoded`); KG305 naming the file that failed."""
        target = files[0][0]
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            for target, data in files:
                write_atomic(target, data)
        except OSError as exc:
            raise StoreError(
                f"{target}: could not cache the extraction of {doc_id!r}: {exc.strerror or exc}", code="KG305"
            ) from None


class CacheWriter:
    """Writes cache entries on a thread of its own, in order: the file writes and fsyncs release
    the GIL, so they overlap the parse instead of adding to it. At most ``depth`` entries wait;
    a failed write is raised (KG305) at the next :meth:`put` or at :meth:`close`, after which
    nothing more is written. The thread starts at the first entry: by then spaCy has forked its
    parsing processes, so none of them is forked beside a running thread."""

    def __init__(self, cache: ExtractionCache, depth: int = 64):
        self.cache = cache
        self.error: StoreError | None = None
        self._entries: queue.Queue[tuple[list[tuple[Path, bytes]], str] | None] = queue.Queue(maxsize=depth)
        self._thread: threading.Thread | None = None

    def _run(self) -> None:
        while (entry := self._entries.get()) is not None:
            if self.error is None:  # after a failure, drain: the feeder never blocks
                try:
                    self.cache.write(*entry)
                except StoreError as exc:
                    self.error = exc

    def put(self, key: str, extraction: Extraction) -> None:
        self._raise()
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="kg-cache-writer", daemon=True)
            self._thread.start()
        self._entries.put((self.cache.encoded(key, extraction), extraction.document.id))

    def close(self) -> None:
        """Wait until every entry given is on disk; raise the first failure."""
        self._stop()
        self._raise()

    def _stop(self) -> None:
        if self._thread is not None:
            self._entries.put(None)
            self._thread.join()
            self._thread = None

    def _raise(self) -> None:
        if self.error is not None:
            raise self.error

    def __enter__(self) -> CacheWriter:
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if kind is None:
            self.close()
        else:  # the build failed already: stop the thread, report that failure
            self._stop()


def _bracketed(path: Path, first: bytes, last: bytes) -> bool:
    try:
        with path.open("rb") as handle:
            if handle.read(1) != first:
                return False
            handle.seek(-1, os.SEEK_END)
            return handle.read(1) == last
    except OSError:
        return False
