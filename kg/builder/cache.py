"""A content-addressed cache of extractions, so unchanged documents are never parsed twice."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from pathlib import Path

from kg.errors import StoreError
from kg.extract.serialise import EXTRACTOR_VERSION, extraction_from_json, extraction_to_json
from kg.model import ConceptMention, Document, Extraction, Mention
from kg.store.writing import write_atomic

__all__ = ["ExtractionCache", "content_hash"]


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
        path = self._path(key)
        mentions = [vars(m) for m in extraction.mentions]
        target = self._path(key, ".mentions")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, json.dumps(mentions, ensure_ascii=False).encode("utf-8"))
            target = self._path(key, ".concepts")
            concepts = [vars(c) for c in extraction.concepts]
            write_atomic(target, json.dumps(concepts, ensure_ascii=False).encode("utf-8"))
            target = path
            write_atomic(path, extraction_to_json(extraction).encode("utf-8"))
        except OSError as exc:
            raise StoreError(
                f"{target}: could not cache the extraction of {extraction.document.id!r}: {exc.strerror or exc}",
                code="KG305",
            ) from None


def _bracketed(path: Path, first: bytes, last: bytes) -> bool:
    try:
        with path.open("rb") as handle:
            if handle.read(1) != first:
                return False
            handle.seek(-1, os.SEEK_END)
            return handle.read(1) == last
    except OSError:
        return False
