"""Document ids: what a document is called in the store, in IRIs and in ``kg remove``.

A file named directly is its stem (``seeds/000_ae2d.txt`` -> ``000_ae2d``); a file found in a
folder or by a glob is its path relative to that folder (or the glob's fixed leading folder),
without the suffix, so the BBC layout's ``sport/001.txt`` and ``business/001.txt`` are
``sport/001`` and ``business/001``, and a flat folder's ids are the stems, as before. A web page
is its URL without the scheme (``example.com/news/story``), a web-crawl record that plus its
payload digest. Control characters in a name are escaped (``\\n``), so an id prints on one
line. Within one build two sources may not give one id to different texts (KG115).
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from kg.errors import InputError
from kg.ingest.clean import printable
from kg.model import Document

__all__ = ["UniqueIds", "path_id", "url_id"]


def path_id(path: str, base: str | None = None) -> str:
    """The id of the file at ``path``: its stem, or its path relative to the folder ``base``
    (POSIX separators) without the suffix."""
    stem = Path(path).stem
    if base is None:
        return printable(stem)
    folder = Path(os.path.relpath(Path(path).parent, base))
    parts = [part for part in folder.parts if part not in (".", "")]
    return printable(str(PurePosixPath(*parts, stem)))


def url_id(url: str, digest: str | None = None) -> str:
    """``host/path?query`` of ``url`` (no scheme, fragment or trailing slash), then
    ``@digest`` when given (the first 8 characters of a crawl record's payload digest)."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if parts.port is not None:
        host += f":{parts.port}"
    path = parts.path.rstrip("/")
    name = host + path + (f"?{parts.query}" if parts.query else "")
    name = printable(name)
    return f"{name}@{digest.split(':')[-1][:8].lower()}" if digest else name


class UniqueIds:
    """Checks that the documents of one build have distinct ids.

    The same id with the same text again (a page crawled twice) is skipped with a warning; with
    a different text it is an error naming both sources (KG115), and the later one is left out:
    nothing is replaced silently."""

    def __init__(self) -> None:
        # id -> hash of the text << 32 | index of its source: one int a document, as a build
        # streams thousands of them
        self.seen: dict[str, int] = {}
        self.sources: list[str] = []
        self._source_index: dict[str, int] = {}

    def check(self, doc: Document) -> str | None:
        """None when ``doc`` is new; the warning to give for an exact repeat (leave it out);
        KG115 for a clash."""
        where = doc.path or doc.url or "?"
        digest = hash(doc.text) & 0xFFFF_FFFF_FFFF_FFFF
        earlier = self.seen.get(doc.id)
        if earlier is None:
            index = self._source_index.setdefault(where, len(self.sources))
            if index == len(self.sources):
                self.sources.append(where)
            self.seen[doc.id] = digest << 32 | index
            return None
        first = self.sources[earlier & 0xFFFF_FFFF]
        if earlier >> 32 == digest:
            return f"{where}: the same text as {first} (document {doc.id!r}); read once"
        raise InputError(
            f"{where}: document id {doc.id!r} is already taken by {first} in this build; "
            "build their common folder (ids are then paths relative to it) or rename one",
            code="KG115",
        )
