"""Web pages fetched by URL (``kg build https://...``, ``kg build --urls FILE``), safely.

One GET per URL with urllib3 and nothing else: no scripts, images or styles, no proxies from
the environment. Limits: ``http`` and ``https`` only (each redirect checked again), at most
``max_redirects`` redirects, ``timeout`` seconds for the whole fetch (connect, every read, and
in total, so a server trickling bytes cannot hold the build), at most ``max_bytes`` of body
(decompressed), and a page type of HTML or plain text. A failure is one ``InputError`` naming
the URL; the build goes on with the other sources.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.exceptions import HTTPError, LocationParseError, NewConnectionError
from urllib3.exceptions import TimeoutError as ServerTimeout

from kg.errors import InputError
from kg.ingest.decode import MAX_DOCUMENT_BYTES, content_type, decode_html, decode_text, open_error
from kg.ingest.html import html_document
from kg.ingest.ids import url_id
from kg.ingest.text import text_document
from kg.model import Document

__all__ = ["FetchLimits", "Page", "fetch_page", "is_url", "read_url_list", "url_documents"]

SCHEMES = ("http", "https")
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_TEXT_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
_HEADERS = {
    "User-Agent": "kg/0.1 (news knowledge graph builder)",
    "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9",
    "Accept-Encoding": "gzip, deflate",
}
_CHUNK = 65_536
Warn = Callable[[str], None]


@dataclass(frozen=True)
class FetchLimits:
    """How far a fetch may go: seconds in all, body bytes, redirects."""

    timeout: float = 20.0
    max_bytes: int = MAX_DOCUMENT_BYTES
    max_redirects: int = 5


@dataclass(frozen=True)
class Page:
    """What a server answered: the final URL (after redirects), the media type, the charset it
    declared and the body."""

    url: str
    media_type: str
    charset: str | None
    data: bytes


def is_url(source: str) -> bool:
    """True for ``scheme://...`` (any scheme: ``ftp://`` and ``file://`` are refused, not read as paths)."""
    scheme, sep, _ = source.partition("://")
    return bool(sep) and scheme.isascii() and scheme[:1].isalpha() and all(c.isalnum() or c in "+.-" for c in scheme)


def read_url_list(path: str) -> list[str]:
    """The URLs of a text file, one a line (blank lines and ``#`` comments skipped)."""
    try:
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    except OSError as err:
        raise open_error(path, err) from err
    except UnicodeDecodeError as err:
        raise InputError(f"{path}: not UTF-8 at byte {err.start}", code="KG102") from None
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def url_documents(url: str, limits: FetchLimits, *, encoding: str | None = None, warn: Warn) -> Iterator[Document]:
    """The document of the page at ``url`` (none, with a warning, when it has no article text)."""
    page = fetch_page(url, limits)
    doc_id = url_id(url)
    if page.media_type == "text/plain":
        raw = decode_text(page.data, url, encoding=encoding, warn=warn)
        doc = text_document(raw, id=doc_id, path=url)
        doc = doc and dataclasses.replace(doc, url=page.url)
    else:
        html = decode_html(page.data, url, declared=page.charset, encoding=encoding, warn=warn)
        doc = html_document(html, id=doc_id, path=url, url=page.url)
    if doc is None:
        warn(f"{url}: no article text in the page")
        return
    yield doc


def fetch_page(url: str, limits: FetchLimits = FetchLimits()) -> Page:
    """GET ``url`` within ``limits``; an InputError naming the URL otherwise."""
    deadline = time.monotonic() + limits.timeout
    with urllib3.PoolManager(retries=False, headers=_HEADERS) as http:
        current = url
        for _ in range(limits.max_redirects + 1):
            _check_scheme(url, current)
            response = _request(http, url, current, deadline)
            try:
                if response.status in _REDIRECTS and response.headers.get("Location"):
                    current = urljoin(current, response.headers["Location"].strip())
                    continue
                return _page(url, current, response, limits, deadline)
            finally:
                response.release_conn()
    raise InputError(f"{url}: more than {limits.max_redirects} redirects", code="KG118")


def _check_scheme(url: str, current: str) -> None:
    """KG117 unless ``current`` is a well-formed http or https URL with a host."""
    where = "" if current == url else f" (redirected to {current})"
    try:
        parts = urlsplit(current)
        host = parts.hostname
    except ValueError:
        raise InputError(f"{url}: not a valid URL{where}", code="KG117") from None
    if parts.scheme.lower() not in SCHEMES:
        raise InputError(f"{url}: only http and https URLs are fetched{where}", code="KG117")
    if not host:
        raise InputError(f"{url}: no host in the URL{where}", code="KG117")


def _request(http: urllib3.PoolManager, url: str, current: str, deadline: float) -> urllib3.BaseHTTPResponse:
    left = _left(url, deadline)
    try:
        return http.request(
            "GET", current, redirect=False, preload_content=False, timeout=urllib3.Timeout(connect=left, read=left)
        )
    except NewConnectionError as err:  # a subclass of urllib3's timeout error, but not one
        raise InputError(f"{url}: could not fetch (cannot connect: {_reason(err)})", code="KG116") from None
    except (ServerTimeout, TimeoutError):
        raise _timed_out(url) from None
    except (HTTPError, LocationParseError, OSError, ValueError) as err:
        raise InputError(f"{url}: could not fetch ({_reason(err)})", code="KG116") from None


def _page(url: str, current: str, response: urllib3.BaseHTTPResponse, limits: FetchLimits, deadline: float) -> Page:
    if response.status >= 400 or response.status < 200 or response.status in _REDIRECTS:
        raise InputError(f"{url}: HTTP {response.status} {response.reason or ''}".rstrip(), code="KG116")
    media, charset = content_type(response.headers.get("Content-Type") or "text/html")
    if media not in _TEXT_TYPES:
        raise InputError(f"{url}: not a web page or text ({media or 'no type'})", code="KG119")
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise _too_big(url, limits)
    return Page(current, media, charset, _body(url, response, limits, deadline))


def _body(url: str, response: urllib3.BaseHTTPResponse, limits: FetchLimits, deadline: float) -> bytes:
    """The body, read as it comes (``read1``) so the deadline is checked between reads."""
    chunks: list[bytes] = []
    size = 0
    try:
        while chunk := response.read1(_CHUNK):
            size += len(chunk)
            if size > limits.max_bytes:
                raise _too_big(url, limits)
            chunks.append(chunk)
            _left(url, deadline)
    except (ServerTimeout, TimeoutError):
        raise _timed_out(url) from None
    except (HTTPError, OSError) as err:
        raise InputError(f"{url}: could not fetch ({_reason(err)})", code="KG116") from None
    return b"".join(chunks)


def _left(url: str, deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise _timed_out(url)
    return left


def _timed_out(url: str) -> InputError:
    return InputError(f"{url}: timed out", code="KG116")


def _too_big(url: str, limits: FetchLimits) -> InputError:
    return InputError(f"{url}: over the limit of {limits.max_bytes:,} bytes for one document", code="KG107")


def _reason(err: BaseException) -> str:
    """The last, most specific part of urllib3's nested message, on one line."""
    text = " ".join(str(getattr(err, "reason", None) or err).split())
    return text.rsplit(": ", 1)[-1][:160] or type(err).__name__
