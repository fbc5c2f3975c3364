"""Web crawls: each HTML response record of a ``.warc`` or ``.warc.gz`` file is one document.

Records are streamed with warcio's ``ArchiveIterator``: one record's payload (at most
``MAX_DOCUMENT_BYTES``) is in memory at a time, whatever the size of the crawl. A ``.gz`` file
is read through ``gzip`` so a crawl compressed record by record (``wget --warc-file``, news
crawls) and one compressed whole (``gzip crawl.warc``) both go in as they are. Requests,
metadata, redirects, error pages, images and scripts are counted and skipped: one line a file.
"""

from __future__ import annotations

import base64
import contextlib
import gzip
import hashlib
import io
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any, cast

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from kg.errors import InputError
from kg.ingest.decode import MAX_DOCUMENT_BYTES, content_type, decode_html, open_error
from kg.ingest.html import html_document
from kg.ingest.ids import url_id
from kg.model import Document

__all__ = ["HTML_TYPES", "WARC_SUFFIXES", "is_warc", "read_warc"]

WARC_SUFFIXES = (".warc", ".warc.gz")
#: Media types read as web pages (from the HTTP ``Content-Type`` of a response).
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
Warn = Callable[[str], None]


def is_warc(path: str) -> bool:
    return path.lower().endswith(WARC_SUFFIXES)


@dataclass
class _Tally:
    pages: int = 0
    skipped: int = 0  # records that are not an HTML page: requests, metadata, images, redirects
    empty: int = 0  # HTML pages without article text
    damaged: int = 0  # records warcio warned about (a wrong Content-Length)


def read_warc(path: str, warn: Warn, *, encoding: str | None = None) -> Iterator[Document]:
    """The documents of the HTML response records of the crawl at ``path``, in order; a summary
    line (pages, records skipped) goes to ``warn``. A damaged crawl is KG122 after the
    documents read before the damage."""
    try:
        raw = open(path, "rb")  # noqa: SIM115 - closed by the with below
    except OSError as err:
        raise open_error(path, err) from err
    tally = _Tally()
    with raw:
        stream = cast(IO[bytes], gzip.GzipFile(fileobj=raw) if path.lower().endswith(".gz") else raw)
        yield from _documents(path, stream, tally, encoding, warn)
    warn(_summary(path, tally))


def _documents(path: str, stream: IO[bytes], tally: _Tally, encoding: str | None, warn: Warn) -> Iterator[Document]:
    records = iter(ArchiveIterator(stream))
    while True:
        record = _next_record(path, records, tally)
        if record is None:
            return
        page = _html_payload(record, tally)
        if page is None:
            tally.skipped += 1
            continue
        uri, data, charset = page
        name = f"{path}: {uri}"
        if len(data) > MAX_DOCUMENT_BYTES:
            warn(f"{name}: over the limit of {MAX_DOCUMENT_BYTES:,} bytes for one document; skipped")
            tally.skipped += 1
            continue
        try:
            html = decode_html(data, name, declared=charset, encoding=encoding, warn=warn)
        except InputError as err:  # one bad record (binary, not the forced encoding): skip it
            warn(f"{err.message}; skipped")
            tally.skipped += 1
            continue
        doc = html_document(html, id=url_id(uri, _digest(record, data)), path=path, url=uri)
        if doc is None:
            tally.empty += 1
            continue
        tally.pages += 1
        yield doc


def _next_record(path: str, records: Iterator[Any], tally: _Tally) -> Any:
    """The next record, None at the end; KG122 when the crawl is damaged (warcio raises
    anything from ``ArchiveLoadFailed`` to ``AttributeError`` on damaged bytes)."""
    captured = io.StringIO()
    try:
        with contextlib.redirect_stderr(captured):  # warcio prints damaged-record notes itself
            return next(records, None)
    except (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError, AttributeError, TypeError, KeyError) as err:
        raise _damaged(path, tally, err) from None
    finally:
        tally.damaged += bool(captured.getvalue().strip())


def _damaged(path: str, tally: _Tally, err: BaseException) -> InputError:
    return InputError(f"{path}: damaged web archive after {tally.pages} page(s) ({_one_line(err)})", "KG122")


def _html_payload(record: Any, tally: _Tally) -> tuple[str, bytes, str | None] | None:
    """(URI, payload, declared charset) of a successful HTML response record, else None."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode() or ""
    media, charset = content_type(record.http_headers.get_header("Content-Type") or "")
    if not status.startswith("2") or media not in HTML_TYPES:
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    try:
        data = record.content_stream().read(MAX_DOCUMENT_BYTES + 1)
    except (OSError, EOFError, zlib.error, ValueError):  # a body that does not decompress
        tally.damaged += 1
        return None
    return uri.strip("<>"), data, charset


def _digest(record, data: bytes) -> str:
    """The record's payload digest (``sha1:BASE32``), or one made from the payload."""
    given = record.rec_headers.get_header("WARC-Payload-Digest")
    return given or "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


def _summary(path: str, tally: _Tally) -> str:
    parts = [f"{tally.pages} page(s) read", f"{tally.skipped} other record(s) skipped"]
    if tally.empty:
        parts.append(f"{tally.empty} page(s) with no article text")
    if tally.damaged:
        parts.append(f"{tally.damaged} damaged record(s)")
    return f"{path}: " + ", ".join(parts)


def _one_line(err: BaseException) -> str:
    return " ".join(str(err).split())[:200] or type(err).__name__
