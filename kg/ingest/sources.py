"""Reading sources into cleaned ``Document``s, one at a time.

A source is a file, a folder (searched recursively), a glob pattern or ``-`` for standard
input. Plain text files give one document each (metadata read from their header lines);
``.jsonl`` files give one document per line.
"""

from __future__ import annotations

import codecs
import dataclasses
import glob
import json
import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from kg.errors import InputError
from kg.ingest.clean import clean_text, clean_title, is_furniture_line
from kg.ingest.decode import (
    MAX_DOCUMENT_BYTES,
    SNIFF_BYTES,
    decode_text,
    looks_binary,
    open_error,
    read_bytes,
    read_text,
    too_large,
)
from kg.ingest.metadata import document_date, read_header, strip_header
from kg.model import Document

__all__ = ["JSONL_SUFFIXES", "MAX_DOCUMENT_BYTES", "TEXT_SUFFIXES", "iter_documents", "read_text", "text_document"]

#: Files taken from folders: plain text and one-article-a-line JSON.
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
JSONL_SUFFIXES = frozenset({".jsonl"})
STDIN = "-"
STDIN_NAME = "<stdin>"
_GLOB_CHARS = frozenset("*?[")
_JSONL_FIELDS = ("title", "date", "url", "source")

log = logging.getLogger(__name__)
Warn = Callable[[str], None]
Report = Callable[[InputError], None]


def iter_documents(
    sources: Iterable[str],
    *,
    stdin: IO | None = None,
    on_warning: Warn | None = None,
    errors: str = "raise",
    on_error: Report | None = None,
) -> Iterator[Document]:
    """Yield a cleaned ``Document`` for each article in ``sources``, as soon as it is read.

    Warnings (an empty file, a bad JSONL line) go to ``on_warning`` (default: logging).
    ``errors="raise"`` raises the first ``InputError``; ``errors="warn"`` reports each one
    (to ``on_error`` if given, else as ``"KG1xx: message"`` to ``on_warning``) and goes on.
    """
    if errors not in ("raise", "warn"):
        raise ValueError(f"errors must be 'raise' or 'warn', not {errors!r}")
    warn = on_warning or log.warning
    report = _raise if errors == "raise" else (on_error or (lambda err: warn(str(err))))
    ids = _UniqueIds(warn)
    seen: set[str] = set()
    for source in sources:
        try:
            if source == STDIN:
                yield from map(ids, _read_stdin(stdin, warn))
                continue
            paths = _expand(source, warn, report)
        except InputError as err:
            report(err)
            continue
        for path in paths:
            if os.path.realpath(path) in seen:
                continue
            seen.add(os.path.realpath(path))
            try:
                yield from map(ids, _read_path(path, warn))
            except InputError as err:
                report(err)


def text_document(raw: str, *, id: str, path: str | None = None) -> Document | None:
    """A document from raw scraped text: header metadata read, text cleaned; None if empty."""
    header = read_header(raw, is_furniture=is_furniture_line)
    text = clean_text(strip_header(raw, header))
    if not text:
        return None
    title = clean_title(header.title) if header.title else None
    first, _, rest = text.partition("\n")
    if title and first == title and rest and not rest.startswith("\n"):
        text = f"{first}\n\n{rest}"  # the headline is a paragraph of its own
    return Document(id, text, title, header.date, None, header.source, path)


# --- sources -> paths ----------------------------------------------------------------------


def _raise(err: InputError) -> None:
    raise err


def _expand(source: str, warn: Warn, report: Report) -> list[str]:
    """The files a source names: itself, a folder's files, or a glob's matches (sorted)."""
    if _GLOB_CHARS & set(source) and not os.path.lexists(source):
        matches = sorted(glob.glob(source, recursive=True))
        if not matches:
            raise InputError(f"{source}: no files match", code="KG104")
        files = [f for m in matches for f in (_walk(m, report) if os.path.isdir(m) else [m])]
    elif os.path.isdir(source):
        files = _walk(source, report)
    elif os.path.lexists(source):
        return [source]
    else:
        raise InputError(f"{source}: no such file or folder", code="KG103")
    if not files:
        warn(f"{source}: no documents found")
    return files


def _walk(folder: str, report: Report) -> list[str]:
    """Text and JSONL files under ``folder``, sorted; hidden names skipped, symlink loops cut."""

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
    return not name.startswith(".") and suffix in TEXT_SUFFIXES | JSONL_SUFFIXES


# --- paths -> documents --------------------------------------------------------------------


def _read_path(path: str, warn: Warn) -> Iterator[Document]:
    if Path(path).suffix.lower() in JSONL_SUFFIXES:
        yield from _read_jsonl_file(path, warn)
        return
    try:
        size = os.path.getsize(path)
    except OSError as err:
        raise open_error(path, err) from err
    if size > MAX_DOCUMENT_BYTES:
        raise too_large(path, size)
    raw = decode_text(read_bytes(path), path)
    doc = text_document(raw, id=Path(path).stem, path=path) if raw.strip() else None
    if doc is None:
        warn(f"{path}: no text")
    else:
        yield doc


def _read_stdin(stream: IO | None, warn: Warn) -> Iterator[Document]:
    """Standard input: JSONL when every non-empty line starts with ``{``, else one text."""
    stream = stream if stream is not None else sys.stdin
    data = getattr(stream, "buffer", stream).read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise InputError(
            f"{STDIN_NAME}: over the limit of {MAX_DOCUMENT_BYTES:,} bytes for one document; split it", code="KG107"
        )
    raw = decode_text(data, STDIN_NAME) if isinstance(data, bytes) else data
    lines = raw.split("\n")
    if any(line.strip() for line in lines) and all(line.lstrip().startswith("{") for line in lines if line.strip()):
        for number, line in enumerate(lines, 1):
            doc = _jsonl_document(line, number, STDIN_NAME, "stdin", warn)
            if doc:
                yield doc
        return
    doc = text_document(raw, id="stdin", path=STDIN_NAME) if raw.strip() else None
    if doc is None:
        warn(f"{STDIN_NAME}: no text")
    else:
        yield doc


def _read_jsonl_file(path: str, warn: Warn) -> Iterator[Document]:
    """One document per line, read line by line; bad lines are warned about and skipped."""
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed by the with below; an open error is named first
    except OSError as err:
        raise open_error(path, err) from err
    with fh:
        if looks_binary(fh.read(SNIFF_BYTES)):
            raise InputError(f"{path}: not a text file", code="KG101")
        fh.seek(0)
        offset, count = 0, 0
        for number, data in enumerate(fh, 1):
            start = 3 if number == 1 and data.startswith(codecs.BOM_UTF8) else 0
            if len(data) > MAX_DOCUMENT_BYTES:
                warn(too_large(f"{path}:{number}", len(data)).message)
                offset += len(data)
                continue
            try:
                line = data[start:].decode("utf-8")
            except UnicodeDecodeError as err:
                warn(f"{path}:{number}: not UTF-8 at byte {offset + start + err.start}")
                line = ""
            offset += len(data)
            doc = _jsonl_document(line, number, path, Path(path).stem, warn)
            if doc:
                count += 1
                yield doc
    if not count:
        warn(f"{path}: no documents found")


def _jsonl_document(line: str, number: int, name: str, stem: str, warn: Warn) -> Document | None:
    """The document on one JSONL line, or None (with a warning unless the line is blank)."""
    if not line.strip():
        return None
    where = f"{name}:{number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        warn(f"{where}: bad JSON ({err.msg} at column {err.colno})")
        return None
    if not isinstance(record, dict):
        warn(f"{where}: not a JSON object")
        return None
    if not isinstance(record.get("text"), str):
        warn(f'{where}: no "text" string')
        return None
    text = clean_text(record["text"])
    if not text:
        warn(f"{where}: no text")
        return None
    doc_id = _field(record, "id") or f"{stem}-{number}"
    title, date, url, source = (_field(record, key) for key in _JSONL_FIELDS)
    title = clean_title(title) if title else None
    date = document_date(date, warn, where)
    return Document(doc_id, text, title or None, date, url, source, name)


def _field(record: dict[str, Any], key: str) -> str | None:
    """A scalar field as a stripped string; None when missing, null, empty or not a scalar."""
    value = record.get(key)
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    return str(value).strip() or None


class _UniqueIds:
    """Keeps document ids unique within one run: a repeated id gets a ``-2``, ``-3`` suffix."""

    def __init__(self, warn: Warn):
        self.warn = warn
        self.seen: set[str] = set()

    def __call__(self, doc: Document) -> Document:
        doc_id, n = doc.id, 1
        folder = Path(doc.path).parent.name if doc.path and doc.path != "-" else ""
        if doc_id in self.seen and folder:
            doc_id = f"{folder}-{doc.id}"  # sport/026.txt beside business/026.txt: sport-026
        while doc_id in self.seen:
            n += 1
            doc_id = f"{doc.id}-{n}"
        self.seen.add(doc_id)
        if doc_id == doc.id:
            return doc
        self.warn(f"{doc.path}: document id {doc.id!r} already used; using {doc_id!r}")
        return dataclasses.replace(doc, id=doc_id)
