"""The SPARQL 1.1 Protocol route group: ``/sparql`` by GET, POST form or POST query body.

Read-only (updates 403, SERVICE/FROM 403), results by the Accept header (406 when none fits),
each query in a killable worker process (``kg.store.isolation``) under the time, memory, row and
byte limits; a cut answer says so in ``X-KG-Truncated``.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from kg.errors import KGError, QueryError
from kg.store.isolation import Job, QueryPool
from kg.store.queries import check_query, query_form
from kg.store.results import QueryResult
from kg.store.store import Store
from kg.views.serve.description import service_description
from kg.views.serve.formats import CONTENT_TYPES, OFFERS, line, negotiate, serialize
from kg.views.serve.limits import MIN_ROWS, Limits

__all__ = ["QueryEngine", "sparql_routes", "warn_truncated"]

log = logging.getLogger("kg.serve")

#: HTTP status of each query error code (others: 500).
STATUS = {
    "KG401": 400,
    "KG402": 403,
    "KG403": 403,
    "KG404": 503,
    "KG405": 400,
    "KG406": 400,
    "KG407": 500,
    "KG408": 400,
    "KG409": 503,
}
_UPDATE_REFUSED = "KG402: SPARQL updates are refused: this endpoint is read-only"
_FORM = "application/x-www-form-urlencoded"
_QUERY = "application/sparql-query"


class QueryEngine:
    """The store's query workers, run from the event loop (a thread waits on each query)."""

    def __init__(self, store_path: str, limits: Limits):
        self.limits = limits
        self.pool = QueryPool(store_path, limits.workers, limits.memory)
        self.executor = ThreadPoolExecutor(limits.workers + limits.queue, thread_name_prefix="kg-wait")
        self._admitted = asyncio.Semaphore(limits.workers + limits.queue)
        self.base_iri = ""
        self._store = Store(store_path)
        self._fitted: tuple[Path | None, int] = (None, MIN_ROWS)

    @property
    def row_limit(self) -> int:
        """Rows (or triples) an answer holds at most: ``--max-rows``, or by default the number of
        triples in the store's current build (at least MIN_ROWS), counted once per build, so a
        triple pattern (what rdflib's SPARQLStore sends for ``graph.subjects()``) is never cut."""
        if self.limits.max_rows is not None:
            return self.limits.max_rows
        current = self._store.data_dir
        if current is None or current != self._fitted[0]:
            job = Job("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
            counted = self.pool.run(job, self.limits.timeout, wait=self.limits.timeout)
            triples = int(counted.rows[0][0] or 0) if counted.rows else 0
            self._fitted = (current, max(MIN_ROWS, triples))
        return self._fitted[1]

    def _run(self, sparql: str, fmt: str) -> tuple[bytes, bool]:
        limits = self.limits
        job = Job(sparql, limit=self.row_limit, max_bytes=limits.max_bytes, base_iri=self.base_iri or None)
        result = self.pool.run(job, limits.timeout, wait=limits.timeout)
        return capped(result, fmt, limits.max_bytes)

    async def answer(self, sparql: str, fmt: str) -> tuple[bytes, bool]:
        """The serialised answer and whether it was cut (KG404 at once when too many wait)."""
        return await self._admit(self._run, sparql, fmt)

    async def result(
        self, sparql: str, bindings: dict[str, Any] | None = None, *, limit: int | None = None
    ) -> QueryResult:
        """The answer as a ``QueryResult`` (for the explorer's pages): ``bindings`` are bound as
        pyoxigraph substitutions, at most ``limit`` rows (default: the server's row limit)."""
        if limit is None:
            return await self._admit(lambda: self._result(sparql, bindings, self.row_limit))
        return await self._admit(self._result, sparql, bindings, limit)

    def _result(self, sparql: str, bindings: dict[str, Any] | None, limit: int) -> QueryResult:
        job = Job(
            sparql,
            bindings=dict(bindings or {}),
            limit=limit,
            max_bytes=self.limits.max_bytes,
            base_iri=self.base_iri or None,
        )
        return self.pool.run(job, self.limits.timeout, self.limits.timeout)

    async def _admit(self, call: Any, *args: Any) -> Any:
        if self._admitted.locked():
            raise QueryError("busy: too many queries are waiting; retry later", "KG404")
        async with self._admitted:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(self.executor, call, *args)

    def close(self) -> None:
        self.pool.close()
        self.executor.shutdown(wait=False, cancel_futures=True)


def warn_truncated(sparql: str, engine: QueryEngine) -> None:
    """Log on the server that an answer was cut (the client sees ``X-KG-Truncated``)."""
    shown = " ".join(sparql.split())
    shown = shown if len(shown) <= 100 else shown[:99] + "…"
    log.warning(
        "answer cut at the limit of %s rows or %s bytes (X-KG-Truncated: true; raise --max-rows or "
        "--max-bytes, or page with LIMIT/OFFSET): %s",
        f"{engine.limits.max_rows or engine._fitted[1]:,}",  # as counted for the answer just cut
        f"{engine.limits.max_bytes:,}",
        shown,
    )


def capped(result: QueryResult, fmt: str, max_bytes: int) -> tuple[bytes, bool]:
    """``result`` serialised in ``fmt`` in at most ``max_bytes`` (rows cut off the end)."""
    data = serialize(result, fmt)
    truncated = result.truncated
    while len(data) > max_bytes and (result.rows or result.triples):
        keep = max(0, int(len(result.terms or result.triples) * max_bytes / len(data) * 0.9))
        result.rows, result.terms, result.triples = result.rows[:keep], result.terms[:keep], result.triples[:keep]
        data, truncated = serialize(result, fmt), True
    return data, truncated


async def _body(request: Request, max_body: int) -> bytes | Response:
    """The request body, or a 413 answer past ``max_body`` bytes (read no further)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_body:
        return line(413, f"request body of {int(declared)} bytes; at most {max_body}", {"Connection": "close"})
    chunks, size = [], 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > max_body:
                return line(413, f"request body over {max_body} bytes", {"Connection": "close"})
            chunks.append(chunk)
    except ClientDisconnect:
        return line(400, "the client went away")
    return b"".join(chunks)


def _params(query_string: str, form: bytes) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for text in (query_string, form.decode("ascii")):
        for name, values in parse_qs(text, True, True, errors="strict", max_num_fields=64).items():
            params.setdefault(name, []).extend(values)
    return params


async def _endpoint(request: Request) -> Response:
    engine: QueryEngine = request.app.state.engine
    body, form, ctype = None, b"", ""
    if request.method == "POST":
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        read = await _body(request, engine.limits.max_body)
        if isinstance(read, Response):
            return read
        if ctype == "application/sparql-update":
            return line(403, _UPDATE_REFUSED)
        if ctype not in (_QUERY, _FORM):
            return line(415, f"unsupported Content-Type {ctype or '(none)'}: use {_QUERY} or {_FORM}")
        body, form = (None, read) if ctype == _FORM else (read, b"")
    try:
        params = _params(request.url.query, form)
        body_query = body.decode("utf-8") if body is not None else None
    except ValueError as exc:  # UnicodeDecodeError included
        return line(400, f"malformed request: {exc}")
    try:
        return await _answer(engine, request, params, body_query)
    except KGError as exc:
        status = STATUS.get(exc.code, 500)
        return line(status, str(exc), {"Retry-After": "5"} if status == 503 else None)


async def _answer(
    engine: QueryEngine, request: Request, params: dict[str, list[str]], body_query: str | None
) -> Response:
    if "update" in params:
        return line(403, _UPDATE_REFUSED)
    if "default-graph-uri" in params or "named-graph-uri" in params:
        return line(
            400,
            "default-graph-uri / named-graph-uri are not supported: the default graph is the union of the store's "
            "graphs",
        )
    queries = params.get("query", []) + ([body_query] if body_query is not None else [])
    if not queries and not params and request.method == "GET":
        return await service_description(request)
    if len(queries) != 1:
        return line(400, "give exactly one query: GET /sparql?query=... or POST query=...")
    sparql = queries[0]
    check_query(sparql)  # a refusal comes before any 406
    kind = "graph" if query_form(sparql) in ("CONSTRUCT", "DESCRIBE") else "results"
    fmt = negotiate(request.headers.get("accept"), kind)
    if fmt is None:
        offered = ", ".join(dict.fromkeys(media for media, _ in OFFERS[kind]))
        return line(406, f"no acceptable result format; offered: {offered}")
    data, truncated = await engine.answer(sparql, fmt)
    headers = {"Vary": "Accept", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}
    if truncated:
        headers["X-KG-Truncated"] = "true"
        warn_truncated(sparql, engine)
    return Response(data, 200, headers, media_type=CONTENT_TYPES[fmt])


def sparql_routes() -> list[BaseRoute]:
    """The endpoint's routes; the app's ``state.engine`` is the QueryEngine they use."""
    return [Route("/sparql", _endpoint, methods=["GET", "POST"])]
