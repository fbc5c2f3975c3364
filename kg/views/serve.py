"""A read-only SPARQL 1.1 Protocol endpoint at ``/sparql`` over a kg store (standard-library HTTP).

Results by the Accept header; updates refused (403); a time limit (503) and a row cap per query.
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import socket
import socketserver
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from kg.errors import KGError, QueryError
from kg.graph.namespaces import PREFIXES
from kg.store.queries import check_query, query_form, run_with_timeout
from kg.store.results import XSD_STRING, QueryResult, term_json, term_value
from kg.store.store import Store

__all__ = [
    "CONTENT_TYPES",
    "DEFAULT_HOST",
    "DEFAULT_MAX_ROWS",
    "DEFAULT_PORT",
    "DEFAULT_TIMEOUT",
    "negotiate",
    "run",
    "serialize",
    "serve",
]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_ROWS = 10_000
MAX_BODY = 1 << 20  # bytes of a POSTed request
_SPO = ("subject", "predicate", "object")
_RESULTS_NS = "http://www.w3.org/2005/sparql-results#"
_XML_BAD = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_QVALUE = re.compile(r";\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*(?:;|$)")
_STATUS = {"KG401": 400, "KG402": 403, "KG403": 403, "KG404": 503, "KG405": 400, "KG406": 400, "KG408": 400}
_UPDATE_REFUSED = "KG402: SPARQL updates are refused: this endpoint is read-only"
_NOT_FOUND = "not found: the SPARQL endpoint is /sparql"

# What each query kind offers, our preference first: (media type, format).
_OFFERS = {
    "results": [
        ("application/sparql-results+json", "json"),
        ("application/json", "json"),
        ("application/sparql-results+xml", "xml"),
        ("application/xml", "xml"),
        ("text/xml", "xml"),
        ("text/csv", "csv"),
        ("text/tab-separated-values", "tsv"),
    ],
    "graph": [
        ("text/turtle", "ttl"),
        ("application/turtle", "ttl"),
        ("application/x-turtle", "ttl"),
        ("application/n-triples", "nt"),
        ("text/plain", "nt"),
        ("application/rdf+xml", "rdfxml"),
        ("application/ld+json", "jsonld"),
    ],
}
CONTENT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "ttl": "text/turtle; charset=utf-8",
    "nt": "application/n-triples",
    "rdfxml": "application/rdf+xml",
    "jsonld": "application/ld+json",
}
_RDF_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}


def negotiate(accept: str | None, kind: str) -> str | None:
    """The format for an Accept header and a query kind ("results" or "graph"); None means 406."""
    offers = _OFFERS[kind]
    if not accept or not accept.strip():
        return offers[0][1]
    best: tuple[Any, ...] = ()
    for pos, part in enumerate(accept.lower().split(",")):
        media = part.split(";")[0].strip()
        q = float(found[1]) if (found := _QVALUE.search(part)) else 1.0
        for index, (offer, fmt) in enumerate(offers):
            wild = 1 if media == offer.split("/")[0] + "/*" else 0 if media == "*/*" else -1
            spec = 2 if media == offer else wild
            key = (q, spec, -pos, -index, fmt)  # quality, then specificity, client order, ours
            if spec >= 0 and q > 0 and key > best:
                best = key
    return best[-1] if best else None


def _term(cell: dict[str, str] | None) -> Any:
    """A SPARQL JSON term dict (``QueryResult.terms``) back as a pyoxigraph term."""
    kind, value = (cell["type"], cell["value"]) if cell else ("", "")
    if kind == "literal":
        if lang := cell.get("xml:lang"):  # type: ignore[union-attr]
            return ox.Literal(value, language=lang)
        return ox.Literal(value, datatype=ox.NamedNode(cell.get("datatype", XSD_STRING)))  # type: ignore[union-attr]
    if kind == "triple":  # its N-Triples text (results.term_json)
        return next(iter(ox.parse(f"{value} .\n", format=ox.RdfFormat.N_TRIPLES))).triple
    return ox.NamedNode(value) if kind == "uri" else ox.BlankNode(value) if kind == "bnode" else None


def _json_term(t: Any) -> Any:
    if isinstance(t, ox.Triple):
        return {"type": "triple", "value": {p: _json_term(getattr(t, p)) for p in _SPO}}
    return term_json(t)


def _xml_text(text: str) -> str:
    return escape(_XML_BAD.sub("\ufffd", text), {"\r": "&#13;"})


def _xml_term(t: Any) -> str:
    if isinstance(t, (ox.NamedNode, ox.BlankNode)):
        tag = "uri" if isinstance(t, ox.NamedNode) else "bnode"
        return f"<{tag}>{_xml_text(t.value)}</{tag}>"
    if isinstance(t, ox.Triple):
        return "<triple>" + "".join(f"<{p}>{_xml_term(getattr(t, p))}</{p}>" for p in _SPO) + "</triple>"
    attr = (
        f" xml:lang={quoteattr(t.language)}"
        if t.language
        else ""
        if t.datatype.value == XSD_STRING
        else f" datatype={quoteattr(t.datatype.value)}"
    )
    return f"<literal{attr}>{_xml_text(t.value)}</literal>"


def _solutions(result: QueryResult, fmt: str) -> str:
    names, rows = result.variables, [[_term(cell) for cell in row] for row in result.terms]
    if fmt == "json":
        bindings = [{n: _json_term(t) for n, t in zip(names, row) if t is not None} for row in rows]
        return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False)
    if fmt == "xml":
        head = "".join(f"<variable name={quoteattr(n)}/>" for n in names)
        body = "".join(
            "<result>"
            + "".join(
                f"<binding name={quoteattr(n)}>{_xml_term(t)}</binding>" for n, t in zip(names, row) if t is not None
            )
            + "</result>"
            for row in rows
        )
        return f"<head>{head}</head><results>{body}</results>"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(names)
        writer.writerows([["" if t is None else term_value(t) for t in row] for row in rows])
        return buf.getvalue()
    tsv = [
        "\t".join("" if t is None else f"<<( {t} )>>" if isinstance(t, ox.Triple) else str(t) for t in row)
        for row in rows
    ]
    lines = ["\t".join(f"?{n}" for n in names), *tsv]
    return "\n".join(lines) + "\n"


def serialize(result: QueryResult, fmt: str) -> bytes:
    """A query result as bytes in a negotiated format (json, xml, csv, tsv; ttl, nt, rdfxml, jsonld)."""
    if result.kind == "graph":
        return ox.serialize(result.triples, format=_RDF_FORMATS[fmt], prefixes=PREFIXES) or b""
    if result.kind == "ask":
        value = "true" if result.boolean else "false"
        text = {
            "json": json.dumps({"head": {}, "boolean": bool(result.boolean)}),
            "xml": f"<head/><boolean>{value}</boolean>",
            "csv": f"boolean\r\n{value}\r\n",
            "tsv": f"boolean\n{value}\n",
        }[fmt]
    else:
        text = _solutions(result, fmt)
    if fmt == "xml":
        text = f'<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="{_RESULTS_NS}">{text}</sparql>\n'
    return text.encode("utf-8")


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "kg-sparql"
    sys_version = ""
    timeout = 60  # seconds a client may take to send its request

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _send(
        self,
        status: int,
        body: bytes | str,
        ctype: str = "text/plain; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        if isinstance(body, str):
            body = (" ".join(body.split()) + "\n").encode("utf-8")  # one line
        try:
            self.send_response(status)
            for name, value in {
                "Content-Type": ctype,
                "Content-Length": str(len(body)),
                "X-Content-Type-Options": "nosniff",
                **(headers or {}),
            }.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path == "/":
            page = (
                f"<!doctype html><meta charset=utf-8><title>kg SPARQL endpoint</title><h1>kg SPARQL "
                f"endpoint</h1><p>Read-only SPARQL 1.1 queries at <code>{html.escape(self.server.url)}"
                f"</code> (GET <code>?query=</code> or POST) over the store <code>"
                f"{html.escape(self.server.store.path.name)}</code>.</p>\n"
            )
            self._send(
                200, page.encode("utf-8"), "text/html; charset=utf-8", {"Content-Security-Policy": "default-src 'none'"}
            )
        elif url.path == "/sparql":
            self._request(url.query, None, form=False)
        else:
            self._send(404, _NOT_FOUND)

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        body = self._body()  # read first, so the client sees the answer, not a reset connection
        ctype = self.headers.get_content_type()
        if body is None:
            return
        if url.path != "/sparql":
            self._send(404, _NOT_FOUND)
        elif ctype == "application/sparql-update":
            self._send(403, _UPDATE_REFUSED)
        elif ctype not in ("application/sparql-query", "application/x-www-form-urlencoded"):
            self._send(
                415,
                f"unsupported Content-Type {ctype}: use application/sparql-query or application/x-www-form-urlencoded",
            )
        else:
            self._request(url.query, body, form=ctype == "application/x-www-form-urlencoded")

    def _body(self) -> bytes | None:
        declared = self.headers.get("Content-Length", "")
        length = int(declared) if declared.isdigit() else -1
        self.close_connection = True
        if length < 0 or "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            self._send(411, "a POST needs a Content-Length (chunked bodies are not supported)")
        elif length > MAX_BODY:
            self._send(413, f"request body of {length} bytes; at most {MAX_BODY}")
        else:
            try:
                return self.rfile.read(length)
            except OSError:
                pass
        return None

    def _request(self, query_string: str, body: bytes | None, form: bool) -> None:
        """Parse the parameters (400 if malformed), then answer (500, one line, on a bug)."""
        try:
            params: dict[str, list[str]] = {}
            for text in (query_string, body.decode("ascii") if form and body else ""):
                for name, values in parse_qs(text, True, True, errors="strict", max_num_fields=64).items():
                    params.setdefault(name, []).extend(values)
            body_query = body.decode("utf-8") if body is not None and not form else None
        except ValueError as exc:  # UnicodeDecodeError included
            self._send(400, f"malformed request: {exc}")
            return
        try:
            self._answer(params, body_query)
        except Exception as exc:
            self._send(500, f"internal error: {type(exc).__name__}: {exc}")

    def _answer(self, params: dict[str, list[str]], body_query: str | None) -> None:
        if "update" in params:
            return self._send(403, _UPDATE_REFUSED)
        if "default-graph-uri" in params or "named-graph-uri" in params:
            return self._send(
                400,
                "default-graph-uri / named-graph-uri are not supported: the default "
                "graph is the union of the store's graphs",
            )
        queries = params.get("query", []) + ([body_query] if body_query is not None else [])
        if len(queries) != 1:
            return self._send(400, "give exactly one query: GET /sparql?query=... or POST query=...")
        sparql = queries[0]
        try:
            check_query(sparql)  # a refusal comes before any 406
            kind = "graph" if query_form(sparql) in ("CONSTRUCT", "DESCRIBE") else "results"
            fmt = negotiate(self.headers.get("Accept"), kind)
            if fmt is None:
                offered = ", ".join(dict.fromkeys(media for media, _ in _OFFERS[kind]))
                return self._send(406, f"no acceptable result format; offered: {offered}")
            result = self.server.query(sparql)
            data = serialize(result, fmt)
        except KGError as exc:
            status = _STATUS.get(exc.code, 500)
            return self._send(status, str(exc), headers={"Retry-After": "5"} if status == 503 else None)
        headers = {"Vary": "Accept", "Cache-Control": "no-store"}
        if result.truncated:
            headers["X-KG-Truncated"] = "true"
        return self._send(200, data, CONTENT_TYPES[fmt], headers)


class _Server(ThreadingHTTPServer):
    """A ThreadingHTTPServer bound to one host over one store; ``max_running`` queries at once."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], store: Store, timeout: float, max_rows: int, max_running: int):
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.store, self.timeout, self.max_rows = store, timeout, max_rows
        self._slots, self._lock = threading.BoundedSemaphore(max_running), threading.Lock()
        self._data = store.data_dir
        store.db  # noqa: B018 - open now: KG304 before serving, not on the first query
        super().__init__(address, _Handler)

    def query(self, sparql: str) -> QueryResult:
        """Run one query under the time limit and row cap (KG404 on timeout or when busy)."""
        if not self._slots.acquire(timeout=self.timeout):
            raise QueryError(f"busy: no query slot free within {self.timeout:g} s; retry later", "KG404")
        store = self.store
        try:
            with self._lock:  # a rebuild switched ``current``: serve the new graph
                if (current := store.data_dir) != self._data:
                    store.close()
                    self._data = current
                store.db  # noqa: B018
        except BaseException:
            self._slots.release()
            raise

        def evaluate() -> QueryResult:
            try:  # the slot stays taken until evaluation really ends, even after a timeout
                return store.query(sparql, limit=self.max_rows)
            finally:
                self._slots.release()

        return run_with_timeout(evaluate, self.timeout)

    def server_bind(self) -> None:
        socketserver.TCPServer.server_bind(self)  # without HTTPServer's reverse DNS lookup
        self.server_name, self.server_port = str(self.server_address[0]), int(self.server_address[1])

    @property
    def url(self) -> str:
        """The endpoint's URL, ``http://HOST:PORT/sparql``."""
        host = f"[{self.server_name}]" if ":" in self.server_name else self.server_name
        return f"http://{host}:{self.server_port}/sparql"


def serve(
    store_path: str | os.PathLike[str],
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_rows: int = DEFAULT_MAX_ROWS,
    max_running: int | None = None,
) -> ThreadingHTTPServer:
    """A bound, not yet started endpoint over the store (StoreError KG301/KG304 if it is unusable).

    Run ``serve_forever()`` (in a thread if need be), stop with ``shutdown()`` + ``server_close()``;
    ``.url`` is the endpoint's URL (``port=0`` picks a free port). ``max_running`` queries (default:
    the number of cores, at least 2) evaluate at once, timed-out ones included.
    """
    if timeout <= 0 or max_rows < 1:
        raise ValueError("timeout must be > 0 and max_rows >= 1")
    store = Store.open(store_path)
    try:
        return _Server((host, port), store, timeout, max_rows, max_running or max(2, os.cpu_count() or 2))
    except OSError as exc:
        raise OSError(exc.errno, f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def run(
    store_path: str | os.PathLike[str],
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_rows: int = DEFAULT_MAX_ROWS,
    announce: Callable[[str], None] | None = None,
) -> None:
    """Serve until Ctrl-C; ``announce(url)`` is called once the socket is bound."""
    server = serve(store_path, host, port, timeout=timeout, max_rows=max_rows)
    try:
        if announce is not None:
            announce(server.url)  # type: ignore[attr-defined]
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
