"""One article a line: ``.jsonl`` files and JSONL on standard input.

Each line is a JSON object with ``text`` (plain text) or ``html`` (a web page, read like an
``.html`` file), and optional ``id``, ``title``, ``date``, ``url``, ``source`` and ``author``,
which win over what the page says. A bad line is a warning naming the file and line number.
"""

from __future__ import annotations

import codecs
import dataclasses
import json
from collections.abc import Callable, Iterator
from typing import Any

from kg.errors import InputError
from kg.ingest.clean import clean_text, clean_title
from kg.ingest.decode import MAX_DOCUMENT_BYTES, SNIFF_BYTES, looks_binary, open_error, too_large
from kg.ingest.html import html_document
from kg.ingest.metadata import document_date
from kg.model import Document

__all__ = ["JSONL_FIELDS", "jsonl_document", "read_jsonl_file"]

#: The optional metadata fields of a record.
JSONL_FIELDS = ("title", "date", "url", "source", "author")
Warn = Callable[[str], None]


def read_jsonl_file(path: str, stem: str, warn: Warn) -> Iterator[Document]:
    """One document per line, read line by line; bad lines are warned about and skipped.
    ``stem`` starts the ids of records without one (``stem-LINE``)."""
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
            doc = jsonl_document(line, number, path, stem, warn)
            if doc:
                count += 1
                yield doc
    if not count:
        warn(f"{path}: no documents found")


def jsonl_document(line: str, number: int, name: str, stem: str, warn: Warn) -> Document | None:
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
    doc_id = _field(record, "id") or f"{stem}-{number}"
    title, date, url, source, author = (_field(record, key) for key in JSONL_FIELDS)
    given = Document(
        doc_id,
        "",
        clean_title(title) if title else None,
        document_date(date, warn, where),
        url,
        source,
        name,
        author,
    )
    if isinstance(record.get("text"), str):
        doc = _text_record(record["text"], given)
    elif isinstance(record.get("html"), str):
        doc = html_document(record["html"], id=doc_id, path=name, url=url, defaults=given)
    else:
        warn(f'{where}: no "text" or "html" string')
        return None
    if doc is None:
        warn(f"{where}: no text" if "text" in record else f"{where}: no article text in the page")
    return doc


def _text_record(text: str, given: Document) -> Document | None:
    cleaned = clean_text(text)
    if not cleaned:
        return None
    return dataclasses.replace(given, text=cleaned)


def _field(record: dict[str, Any], key: str) -> str | None:
    """A scalar field as a stripped string; None when missing, null, empty or not a scalar."""
    value = record.get(key)
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    return str(value).strip() or None
