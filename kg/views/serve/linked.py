"""Linked Data: the graph's IRIs dereference on this server.

``GET /kg-news/entity/<slug>`` stands for ``https://w3id.org/kg-news/entity/<slug>`` (the path
prefix is ``--base``, ``/kg-news/`` by default) and answers, by ``Accept`` (``Vary: Accept``;
``?format=ttl|nt|jsonld|rdfxml|html`` overrides it, for links): HTML to a browser, the page of
the entity, document or fact; Turtle, N-Triples, RDF/XML or JSON-LD to a client, its description
and provenance (``kg.views.serve.describe``). An IRI retired by a merge redirects (301) to the
IRI that replaced it; an IRI the graph does not hold is 404. ``/kg-news/ontology`` is the
ontology, a named graph's IRI its content.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from kg.graph.namespaces import BASE, ONTOLOGY_GRAPH
from kg.store.results import QueryResult
from kg.views.serve.catalogue import Snapshot
from kg.views.serve.describe import describe, kind_of, replacement
from kg.views.serve.document import document_view, fact_view
from kg.views.serve.entity import entity_view
from kg.views.serve.facts import about
from kg.views.serve.formats import CONTENT_TYPES, OFFERS, best_offer, line, serialize
from kg.views.serve.html import base_path, iri_of_path, local_path, page, short_iri
from kg.views.serve.querypage import Cell

__all__ = ["LD_OFFERS", "linked_routes", "requested_format"]

LD_OFFERS = [("text/html", "html"), ("application/xhtml+xml", "html"), *OFFERS["graph"]]
_FORMATS = {"html", "ttl", "nt", "jsonld", "rdfxml"}
_VARY = {"Vary": "Accept"}
_GRAPH = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?x { ?s ?p ?o } }"


def requested_format(request: Request) -> str | None:
    """``?format=`` when given (and known), else the best offer for ``Accept``; None: 406."""
    asked = request.query_params.get("format")
    if asked is not None:
        return asked if asked in _FORMATS else None
    return best_offer(request.headers.get("accept"), LD_OFFERS)


def _not_found(request: Request, fmt: str | None, iri: str) -> Response:
    if fmt == "html":
        return page(request, "missing.html", {"iri": iri, "title": "Not in this graph"}, 404, _VARY)
    return line(404, f"not found: {iri} is not in this graph", _VARY)


async def _graph_content(request: Request, iri: str) -> QueryResult | None:
    """The triples of the named graph ``iri`` (the ontology's for the ontology IRI), or None."""
    graph = ONTOLOGY_GRAPH if iri.rstrip("#") == BASE + "ontology" else iri
    snapshot = await request.app.state.catalogue.snapshot()
    if graph not in {g for g, _ in snapshot.graphs}:
        return None
    return await request.app.state.engine.result(about(_GRAPH, x=graph), limit=2_000_000)


def _rdf(result: QueryResult, fmt: str, iri: str) -> Response:
    headers = {**_VARY, "X-Content-Type-Options": "nosniff", "Link": f'<{iri}>; rel="describes"'}
    if result.truncated:
        headers["X-KG-Truncated"] = "true"
    return Response(serialize(result, fmt), 200, headers, media_type=CONTENT_TYPES[fmt])


async def _html(request: Request, iri: str, kind: str) -> Response:
    state = request.app.state
    engine, snapshot = state.engine, await state.catalogue.snapshot()
    if kind in ("entity", "concept") and (view := await entity_view(engine, snapshot, iri)) is not None:
        return page(request, "entity.html", {"view": view, "iri": iri, "title": view.entity.label}, headers=_VARY)
    if kind == "document" and (doc := await document_view(engine, snapshot, iri)) is not None:
        return page(request, "document.html", {"doc": doc, "iri": iri, "title": doc.title or doc.id}, headers=_VARY)
    if kind == "fact" and (fact := await fact_view(engine, snapshot, iri)) is not None:
        return page(request, "fact.html", {"fact": fact, "iri": iri, "title": "Fact"}, headers=_VARY)
    result = await describe(engine, iri, "other")
    base = base_path(request)
    rows = [[_cell(t, snapshot, base) for t in (tr.subject, tr.predicate, tr.object)] for tr in result.triples[:2000]]
    truncated = result.truncated or len(result.triples) > len(rows)
    context = {"iri": iri, "title": iri.rsplit("/", 1)[-1], "rows": rows, "truncated": truncated}
    return page(request, "resource.html", context, headers=_VARY)


def _cell(term: Any, snapshot: Snapshot, base: str) -> Cell:
    """A term of a triple as a table cell: an IRI links to its page (an entity by its label)."""
    if isinstance(term, ox.NamedNode):
        entity = snapshot.entities.get(term.value)
        return Cell(entity.label if entity else short_iri(term.value), local_path(term.value, base), term.value)
    return Cell(str(term.value) if isinstance(term, ox.Literal) else str(term))


async def _resource(request: Request) -> Response:
    base = base_path(request)
    iri = iri_of_path(request.url.path, base)
    fmt = requested_format(request)
    if fmt is None:
        offered = ", ".join(dict.fromkeys(media for media, _ in LD_OFFERS))
        return line(406, f"no acceptable format; offered: {offered}", _VARY)
    engine = request.app.state.engine
    if iri is None or not _valid(iri):
        return _not_found(request, fmt, iri or request.url.path)
    new = await replacement(engine, iri)
    if new is not None:
        target = local_path(new, base) or new
        query = request.url.query
        return RedirectResponse(target + (f"?{query}" if query else ""), 301, _VARY)
    kind = await kind_of(engine, iri)
    if kind == "none" or iri.rstrip("#") == BASE + "ontology":
        content = await _graph_content(request, iri)
        if content is None:
            return _not_found(request, fmt, iri)
        if fmt != "html":
            return _rdf(content, fmt, iri)
        kind = "other"
    if fmt != "html":
        return _rdf(await describe(engine, iri, kind), fmt, iri)
    return await _html(request, iri, kind)


def _valid(iri: str) -> bool:
    try:
        ox.NamedNode(iri)
    except ValueError:
        return False
    return True


def linked_routes(base: str) -> list[BaseRoute]:
    """The route serving every IRI under ``BASE`` at ``base`` + its path."""
    return [Route(base + "{rest:path}", _resource, methods=["GET"])]
