"""The SPARQL 1.1 Service Description of the endpoint: what ``GET /sparql`` without a query
answers (https://www.w3.org/TR/sparql11-service-description/).

It says what a client needs before its first query: the endpoint, SPARQL 1.1 Query only (no
update), the result formats, that the default graph is the union of the named graphs, each named
graph with its size, and the limits that cut an answer (a cut answer carries ``X-KG-Truncated``).
Turtle by default; N-Triples, RDF/XML or JSON-LD by ``Accept``; a browser asking for HTML is sent
to the query page.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Protocol

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from kg.graph.namespaces import PREFIXES, RDF, RDFS, XSD
from kg.views.serve.formats import CONTENT_TYPES, OFFERS, best_offer, line

if TYPE_CHECKING:
    from kg.views.serve.limits import Limits

__all__ = ["SD", "description_triples", "service_description"]

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
VOID = "http://rdfs.org/ns/void#"
_RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV")
_GRAPH_FORMATS = ("Turtle", "N-Triples", "RDF_XML", "JSON-LD")
_OFFERS = [*OFFERS["graph"], ("text/html", "html"), ("application/xhtml+xml", "html")]
_PREFIXES = {**PREFIXES, "sd": SD, "void": VOID, "formats": FORMATS}


class Described(Protocol):
    """What the description says of a build (a ``catalogue.Snapshot`` has it): its counts and
    its named graphs with their sizes. A protocol, so that this module does not import the
    catalogue, which imports the query engine, which serves this description."""

    counts: dict[str, int]
    graphs: list[tuple[str, int]]


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _count(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_n(XSD + "integer"))


def description_triples(endpoint: str, snapshot: Described, limits: Limits, rows: int) -> list[ox.Triple]:
    """The description of the endpoint at ``endpoint`` over the build in ``snapshot``."""
    service, dataset, default = _n(endpoint), _n(endpoint + "#dataset"), _n(endpoint + "#default-graph")
    a = _n(RDF + "type")
    triples = [
        ox.Triple(service, a, _n(SD + "Service")),
        ox.Triple(service, _n(SD + "endpoint"), service),
        ox.Triple(service, _n(SD + "supportedLanguage"), _n(SD + "SPARQL11Query")),
        ox.Triple(service, _n(SD + "feature"), _n(SD + "UnionDefaultGraph")),
        ox.Triple(service, _n(SD + "defaultEntailmentRegime"), _n("http://www.w3.org/ns/entailment/Simple")),
        ox.Triple(
            service,
            _n(RDFS + "comment"),
            ox.Literal(
                f"kg, read-only. An answer holds at most {rows:,} rows (or triples) and "
                f"{limits.max_bytes:,} bytes, and a query stops after {limits.timeout:g} s; an answer cut "
                "at a limit carries the HTTP header X-KG-Truncated: true. SERVICE, FROM and updates are "
                "refused. kg's prefixes are predeclared."
            ),
        ),
        ox.Triple(service, _n(SD + "defaultDataset"), dataset),
        ox.Triple(dataset, a, _n(SD + "Dataset")),
        ox.Triple(dataset, _n(SD + "defaultGraph"), default),
        ox.Triple(default, a, _n(SD + "Graph")),
        ox.Triple(default, _n(VOID + "triples"), _count(snapshot.counts.get("triples", 0))),
    ]
    triples += [ox.Triple(service, _n(SD + "resultFormat"), _n(FORMATS + f)) for f in _RESULT_FORMATS + _GRAPH_FORMATS]
    for index, (graph, size) in enumerate(snapshot.graphs):
        named = _n(f"{endpoint}#graph-{index}")
        triples += [
            ox.Triple(dataset, _n(SD + "namedGraph"), named),
            ox.Triple(named, a, _n(SD + "NamedGraph")),
            ox.Triple(named, _n(SD + "name"), _n(graph)),
            ox.Triple(named, _n(SD + "graph"), _n(f"{endpoint}#graph-{index}-content")),
            ox.Triple(_n(f"{endpoint}#graph-{index}-content"), a, _n(SD + "Graph")),
            ox.Triple(_n(f"{endpoint}#graph-{index}-content"), _n(VOID + "triples"), _count(size)),
        ]
    return triples


async def service_description(request: Request) -> Response:
    """The answer to ``GET /sparql`` with no query: the description, by ``Accept``."""
    fmt = best_offer(request.headers.get("accept"), _OFFERS)
    headers = {"Vary": "Accept", "Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"}
    if fmt == "html":
        return RedirectResponse("/query", 303, headers)
    if fmt is None:
        offered = ", ".join(dict.fromkeys(media for media, _ in OFFERS["graph"]))
        return line(406, f"no acceptable format for the service description; offered: {offered}")
    state = request.app.state
    snapshot = await state.catalogue.snapshot()
    endpoint = str(request.url.replace(query="", fragment=""))
    rows = await asyncio.get_running_loop().run_in_executor(None, lambda: state.engine.row_limit)
    triples = description_triples(endpoint, snapshot, state.engine.limits, rows)
    triples.sort(key=lambda t: (t.subject != _n(endpoint), str(t.subject)))  # one block a subject, in order
    syntax = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "rdfxml": ox.RdfFormat.RDF_XML}
    body = ox.serialize(triples, format=syntax.get(fmt, ox.RdfFormat.JSON_LD), prefixes=_PREFIXES) or b""
    return Response(body, 200, headers, media_type=CONTENT_TYPES[fmt])
