"""The query page: a SPARQL editor with kg's prefixes predeclared, the named queries one click
away with their parameters, the answer as a table whose cells link to entity and document
pages, and the answer as CSV or JSON to download; a cut answer says so on the page.

``/query?query=SPARQL`` runs a query; ``/query?name=NAME&PARAM=VALUE`` runs a named query with
its parameters bound as literals (never pasted into the text); a named query whose parameters
are all optional runs at once, one with a required parameter first shows its form.
``/query.csv`` and ``/query.json`` take the same parameters and answer the whole result (up to
the server's row limit, ``X-KG-Truncated`` when cut).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from kg.errors import KGError
from kg.graph.iri import doc_iri
from kg.graph.namespaces import PREFIXES
from kg.store.queries import NamedQuery, named_queries
from kg.store.results import QueryResult, term_json
from kg.views.serve.catalogue import Snapshot
from kg.views.serve.formats import CONTENT_TYPES, line, serialize
from kg.views.serve.html import base_path, local_path, page
from kg.views.serve.sparql import STATUS, warn_truncated

__all__ = ["PAGE_ROWS", "Cell", "query_download", "query_page"]

#: Rows shown on the page at most (the downloads have the server's limit).
PAGE_ROWS = 1000
DEFAULT_QUERY = """SELECT ?entity ?label ?mentions WHERE {
  ?entity a kg:Person ; rdfs:label ?label ; kg:mentions ?mentions .
}
ORDER BY DESC(?mentions)
LIMIT 20"""


@dataclass(frozen=True)
class Cell:
    """One cell of the results table: its text, where it links to, and a sort key."""

    text: str
    href: str | None = None
    title: str = ""
    number: str = ""


def _optional(description: str) -> bool:
    return description.strip().lower().startswith("optional")


def _chosen(request: Request) -> tuple[NamedQuery | None, str, dict[str, str], bool]:
    """(named query or None, query text, bindings, run now?) from the request's parameters."""
    params = request.query_params
    named = named_queries().get(params.get("name", ""))
    if named is None:
        text = params.get("query", "")
        return None, text, {}, bool(text.strip())
    values = {p: params.get(p, "").strip() for p in named.params}
    bindings = {p: v for p, v in values.items() if v}
    ready = all(v or _optional(named.params[p]) for p, v in values.items())
    return named, named.text, bindings, ready and ("run" in params or all(map(_optional, named.params.values())))


def _as_rows(result: QueryResult) -> QueryResult:
    """A graph answer (CONSTRUCT, DESCRIBE) as rows of subject, predicate, object."""
    if result.kind != "graph":
        return result
    terms = [tuple(term_json(t) for t in (tr.subject, tr.predicate, tr.object)) for tr in result.triples]
    rows = [tuple(c["value"] if c else None for c in row) for row in terms]
    return QueryResult("select", ["subject", "predicate", "object"], rows, terms, truncated=result.truncated)


def _cell(term: dict[str, str] | None, column: str, snapshot: Snapshot, base: str) -> Cell:
    if term is None:
        return Cell("")
    value = term["value"]
    if term["type"] == "uri":
        entity = snapshot.entities.get(value)
        return Cell(entity.label if entity else value, local_path(value, base), value)
    if term["type"] != "literal":
        return Cell(value)
    number = value if term.get("datatype", "").endswith(("#integer", "#decimal", "#double", "#float")) else ""
    href = None
    if column in ("document", "doc") and value in snapshot.documents:
        href = local_path(doc_iri(value), base)
    elif (iri := snapshot.by_label.get(value)) is not None:
        href = local_path(iri, base)
    return Cell(value, href, number=number)


def _table(result: QueryResult, snapshot: Snapshot, base: str) -> list[list[Cell]]:
    return [[_cell(t, c, snapshot, base) for t, c in zip(row, result.variables)] for row in result.terms]


async def query_page(request: Request) -> Response:
    state = request.app.state
    named, text, bindings, run = _chosen(request)
    context: dict[str, Any] = {
        "title": named.name if named else "Query",
        "queries": list(named_queries().values()),
        "named": named,
        "values": {p: request.query_params.get(p, "") for p in (named.params if named else {})},
        "text": text or DEFAULT_QUERY,
        "prefixes": PREFIXES,
        "result": None,
        "error": None,
        "download": str(request.url.query),
        "page_rows": PAGE_ROWS,
    }
    status = 200
    if run:
        shown = context["page_rows"] = min(PAGE_ROWS, state.engine.limits.max_rows or PAGE_ROWS)
        try:
            result = _as_rows(await state.engine.result(text, bindings, limit=shown))
        except KGError as exc:
            context["error"], status = str(exc), STATUS.get(exc.code, 500)
        else:
            snapshot = await state.catalogue.snapshot()
            context["result"] = result
            context["rows"] = _table(result, snapshot, base_path(request)) if result.kind == "select" else []
    return page(request, "query.html", context, status)


async def query_download(request: Request) -> Response:
    engine = request.app.state.engine
    fmt = "csv" if request.url.path.endswith(".csv") else "json"
    named, text, bindings, _ = _chosen(request)
    if not text.strip():
        return line(400, "give a query: /query.csv?query=... or ?name=NAME&PARAM=VALUE")
    try:
        result = _as_rows(await engine.result(text, bindings))
    except KGError as exc:
        return line(STATUS.get(exc.code, 500), str(exc))
    name = named.name if named else "query"
    headers = {"Content-Disposition": f'attachment; filename="{name}.{fmt}"', "X-Content-Type-Options": "nosniff"}
    if result.truncated:
        headers["X-KG-Truncated"] = "true"
        warn_truncated(text, engine)
    return Response(serialize(result, fmt), 200, headers, media_type=CONTENT_TYPES[fmt])
