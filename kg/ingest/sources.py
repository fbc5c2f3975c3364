"""Reading sources into cleaned ``Document``s, one at a time.

A source is a file, a folder (searched recursively), a glob pattern, an ``http(s)://`` URL or
``-`` for standard input. Plain text files give one document each (metadata read from their
header lines), web pages (``.html``, ``.htm``, or any file that starts as HTML) one each
through trafilatura, ``.jsonl`` files one a line, and web crawls (``.warc``, ``.warc.gz``) one
per HTML response record. Ids follow ``kg.ingest.ids``.
"""

from __future__ import annotations

import glob
import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from kg.errors import InputError
from kg.ingest.decode import (
    MAX_DOCUMENT_BYTES,
    check_encoding,
    decode_html,
    decode_text,
    open_error,
    read_bytes,
    read_text,
    too_large,
)
from kg.ingest.fetch import FetchLimits, is_url, url_documents
from kg.ingest.html import html_document, looks_like_html
from kg.ingest.ids import UniqueIds, path_id
from kg.ingest.jsonl import jsonl_document, read_jsonl_file
from kg.ingest.text import text_document
from kg.ingest.warc import WARC_SUFFIXES, is_warc, read_warc
from kg.model import Document

__all__ = [
    "HTML_SUFFIXES",
    "JSONL_SUFFIXES",
    "MAX_DOCUMENT_BYTES",
    "TEXT_SUFFIXES",
    "iter_documents",
    "read_text",
    "text_document",
]

#: Files taken from folders: plain text, web pages, one-article-a-line JSON and web crawls.
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl"})
STDIN = "-"
STDIN_NAME = "<stdin>"
_GLOB_CHARS = frozenset("*?[")

log = logging.getLogger(__name__)
Warn = Callable[[str], None]
Report = Callable[[InputError], None]


@dataclass(frozen=True)
class _Reader:
    """How this run reads: where warnings go, a forced encoding, the limits of a fetch."""

    warn: Warn
    encoding: str | None
    fetch: FetchLimits


def iter_documents(
    sources: Iterable[str],
    *,
    stdin: IO | None = None,
    on_warning: Warn | None = None,
    errors: str = "raise",
    on_error: Report | None = None,
    encoding: str | None = None,
    fetch: FetchLimits | None = None,
) -> Iterator[Document]:
    """Yield a cleaned ``Document`` for each article in ``sources``, as soon as it is read.

    Warnings (an empty file, a bad JSONL line, a file read in a detected encoding) go to
    ``on_warning`` (default: logging). ``errors="raise"`` raises the first ``InputError``;
    ``errors="warn"`` reports each one (to ``on_error`` if given, else as ``"KG1xx: message"``
    to ``on_warning``) and goes on. ``encoding`` forces the encoding of text and HTML files;
    ``fetch`` bounds what a URL may take.
    """
    if errors not in ("raise", "warn"):
        raise ValueError(f"errors must be 'raise' or 'warn', not {errors!r}")
    warn = on_warning or log.warning
    report = _raise if errors == "raise" else (on_error or (lambda err: warn(str(err))))
    reader = _Reader(warn, check_encoding(encoding) if encoding else None, fetch or FetchLimits())
    ids = UniqueIds()
    seen: set[str] = set()
    sources = list(sources)
    files_base = _files_base(sources)
    for source in sources:
        try:
            if source == STDIN or is_url(source):
                yield from _unique(_read_stream(source, stdin, reader), ids, reader, report)
                continue
            paths = _expand(source, warn, report, files_base)
        except InputError as err:
            report(err)
            continue
        for path, base in paths:
            if os.path.realpath(path) in seen:
                continue
            seen.add(os.path.realpath(path))
            try:
                yield from _unique(_read_path(path, path_id(path, base), reader), ids, reader, report)
            except InputError as err:
                report(err)


def _unique(documents: Iterable[Document], ids: UniqueIds, reader: _Reader, report: Report) -> Iterator[Document]:
    """``documents`` whose ids are new in this build (see ``UniqueIds``)."""
    for doc in documents:
        try:
            repeat = ids.check(doc)
        except InputError as err:
            report(err)
            continue
        if repeat:
            reader.warn(repeat)
        else:
            yield doc


def _read_stream(source: str, stdin: IO | None, reader: _Reader) -> Iterator[Document]:
    if source == STDIN:
        return _read_stdin(stdin, reader)
    return url_documents(source, reader.fetch, encoding=reader.encoding, warn=reader.warn)


def _raise(err: InputError) -> None:
    raise err


# --- sources -> paths ----------------------------------------------------------------------


def _files_base(sources: list[str]) -> str | None:
    """The folder the ids of files named directly are relative to: none (their stems) unless
    two share a stem (``kg build bbc/*/*.txt`` expanded by the shell), then their common folder,
    so they are ``sport/001`` as ``kg build bbc/`` names them."""
    files = [s for s in sources if s != STDIN and not is_url(s) and os.path.isfile(s)]
    stems = [Path(f).stem for f in files]
    if len(set(stems)) == len(stems):
        return None
    return os.path.commonpath([os.path.dirname(os.path.abspath(f)) for f in files])


def _expand(source: str, warn: Warn, report: Report, files_base: str | None) -> list[tuple[str, str | None]]:
    """The files a source names, each with the folder its id is relative to: a file itself
    (``files_base``), a folder's files, or a glob's matches (relative to its fixed leading folder)."""
    if _GLOB_CHARS & set(source) and not os.path.lexists(source):
        matches = sorted(glob.glob(source, recursive=True))
        if not matches:
            raise InputError(f"{source}: no files match", code="KG104")
        base = _glob_base(source)
        files = [f for m in matches for f in (_walk(m, report) if os.path.isdir(m) else [m])]
        found: list[tuple[str, str | None]] = [(f, base) for f in files]
    elif os.path.isdir(source):
        found = [(f, source) for f in _walk(source, report)]
    elif os.path.lexists(source):
        return [(source, files_base)]
    else:
        raise InputError(f"{source}: no such file or folder", code="KG103")
    if not found:
        warn(f"{source}: no documents found")
    return found


def _glob_base(pattern: str) -> str:
    """The folder before the first part with a glob character: ``bbc`` for ``bbc/*/*.txt``."""
    parts = Path(pattern).parts
    fixed = [part for part in parts[: next(i for i, p in enumerate(parts) if _GLOB_CHARS & set(p))]]
    return str(Path(*fixed)) if fixed else "."


def _walk(folder: str, report: Report) -> list[str]:
    """Readable files under ``folder``, sorted; hidden names skipped, symlink loops cut."""

    def on_error(err: OSError) -> None:
        report(InputError(f"{err.filename}: cannot read folder ({err.strerror})", "KG105"))

    found: list[str] = []
    visited: set[str] = set()
    for root, dirs, files in os.walk(folder, followlinks=True, onerror=on_error):
        real = os.path.realpath(root)
        if real in visited:
            dirs[:] = []
            continue
        visited.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [os.path.join(root, f) for f in files if _wanted(f)]
    return sorted(found, key=lambda p: Path(os.path.relpath(p, folder)).parts)


def _wanted(name: str) -> bool:
    suffix = Path(name).suffix.lower()
    readable = suffix in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES or name.lower().endswith(WARC_SUFFIXES)
    return not name.startswith(".") and readable


# --- paths -> documents --------------------------------------------------------------------


def _read_path(path: str, doc_id: str, reader: _Reader) -> Iterator[Document]:
    """The documents of one file, by its kind: JSONL, a web crawl, a web page or text."""
    if Path(path).suffix.lower() in JSONL_SUFFIXES:
        yield from read_jsonl_file(path, doc_id, reader.warn)
        return
    if is_warc(path):
        yield from read_warc(path, reader.warn, encoding=reader.encoding)
        return
    try:
        size = os.path.getsize(path)
    except OSError as err:
        raise open_error(path, err) from err
    if size > MAX_DOCUMENT_BYTES:
        raise too_large(path, size)
    doc = _one_document(read_bytes(path), path, doc_id, reader)
    if doc is not None:
        yield doc


def _one_document(data: bytes, name: str, doc_id: str, reader: _Reader) -> Document | None:
    """The one document of a text or HTML file, or None with a warning."""
    if Path(name).suffix.lower() in HTML_SUFFIXES or looks_like_html(data[:4096].decode("latin-1")):
        return _text_or_page(decode_html(data, name, encoding=reader.encoding, warn=reader.warn), name, doc_id, reader)
    return _text_or_page(decode_text(data, name, encoding=reader.encoding, warn=reader.warn), name, doc_id, reader)


def _text_or_page(raw: str, name: str, doc_id: str, reader: _Reader) -> Document | None:
    """The document of a web page (if ``raw`` starts as one) or of plain text; None with a warning."""
    if looks_like_html(raw):
        doc = html_document(raw, id=doc_id, path=name)
        if doc is None:
            reader.warn(f"{name}: no article text in the page")
        return doc
    doc = text_document(raw, id=doc_id, path=name) if raw.strip() else None
    if doc is None:
        reader.warn(f"{name}: no text")
    return doc


def _read_stdin(stream: IO | None, reader: _Reader) -> Iterator[Document]:
    """Standard input: JSONL when every non-empty line starts with ``{``, else one text or page."""
    stream = stream if stream is not None else sys.stdin
    data = getattr(stream, "buffer", stream).read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise InputError(
            f"{STDIN_NAME}: over the limit of {MAX_DOCUMENT_BYTES:,} bytes for one document; split it", code="KG107"
        )
    raw = decode_text(data, STDIN_NAME, encoding=reader.encoding, warn=reader.warn) if isinstance(data, bytes) else data
    lines = raw.split("\n")
    if any(line.strip() for line in lines) and all(line.lstrip().startswith("{") for line in lines if line.strip()):
        for number, line in enumerate(lines, 1):
            doc = jsonl_document(line, number, STDIN_NAME, "stdin", reader.warn)
            if doc:
                yield doc
        return
    doc = _text_or_page(raw, STDIN_NAME, "stdin", reader)
    if doc is not None:
        yield doc
