"""The explorer's route group: the home page, search, the query page, the neighbourhood, the
static assets (all served by kg itself: no CDN) and the Linked Data IRIs.

``/`` has a search box over entity labels and aliases (accent- and case-insensitive prefix
matches, ranked by mentions), the graph's counts, the most central entities and the latest
documents. ``/search?q=`` lists matches (``/search.json`` is what the search box's suggestions
fetch; the page works without script too).
"""

from __future__ import annotations

import functools
from pathlib import Path

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from kg.store.queries import named_queries
from kg.views.render import CONCEPT_COLOUR, LITERAL_COLOUR, OTHER_COLOUR, TYPE_COLOURS
from kg.views.serve.formats import line
from kg.views.serve.html import base_path, local_path, page
from kg.views.serve.linked import linked_routes
from kg.views.serve.neighbourhood import neighbourhood_page
from kg.views.serve.querypage import query_download, query_page
from kg.views.vis import graph_script, vis_assets

__all__ = ["STATIC", "explorer_routes"]

STATIC = Path(__file__).resolve().parent / "static"
_STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}
MAX_QUERY_CHARS = 200


async def home(request: Request) -> Response:
    snapshot = await request.app.state.catalogue.snapshot()
    context = {
        "title": "Explore",
        "counts": snapshot.counts,
        "central": snapshot.central,
        "latest": snapshot.latest,
        "queries": list(named_queries().values()),
        "q": "",
    }
    return page(request, "home.html", context)


def _hits(request: Request, snapshot, query: str, limit: int) -> list[dict]:
    base = base_path(request)
    return [
        {
            "label": m.entity.label,
            "name": m.name,
            "type": m.entity.type,
            "mentions": m.entity.mentions,
            "href": local_path(m.entity.iri, base),
        }
        for m in snapshot.search(query[:MAX_QUERY_CHARS], limit)
    ]


async def search(request: Request) -> Response:
    query = request.query_params.get("q", "")
    snapshot = await request.app.state.catalogue.snapshot()
    hits = _hits(request, snapshot, query, 100) if query.strip() else []
    return page(request, "search.html", {"title": f"Search: {query}" if query else "Search", "q": query, "hits": hits})


async def search_json(request: Request) -> Response:
    query = request.query_params.get("q", "")
    snapshot = await request.app.state.catalogue.snapshot()
    hits = _hits(request, snapshot, query, 12) if query.strip() else []
    return JSONResponse({"query": query, "hits": hits}, headers={"Cache-Control": "no-cache"})


@functools.lru_cache(maxsize=32)
def _asset(name: str) -> tuple[bytes, str] | None:
    """A static file's bytes and media type: kg's own, or vis-network's from the pyvis package."""
    if name in ("vis-network.min.js", "vis-network.css"):
        js, css = vis_assets()
        return (js if name.endswith(".js") else css).encode("utf-8"), _STATIC_TYPES[Path(name).suffix]
    if name == "graph.js":
        return graph_script().encode("utf-8"), _STATIC_TYPES[".js"]
    if name == "types.css":
        return _type_colours().encode("utf-8"), _STATIC_TYPES[".css"]
    path = STATIC / name
    if "/" in name or name.startswith(".") or not path.is_file() or path.suffix not in _STATIC_TYPES:
        return None
    return path.read_bytes(), _STATIC_TYPES[path.suffix]


def _type_colours() -> str:
    """A class per entity type with ``kg render``'s colour (``kg-type-Person`` ...)."""
    colours = {**TYPE_COLOURS, "Entity": OTHER_COLOUR, "Other": OTHER_COLOUR, "Literal-value": LITERAL_COLOUR}
    colours["Concept"] = CONCEPT_COLOUR
    return "".join(f".kg-type-{name} {{ background: {colour}; }}\n" for name, colour in colours.items())


async def static(request: Request) -> Response:
    found = _asset(request.path_params["name"])
    if found is None:
        return line(404, f"not found: {request.url.path}")
    body, media = found
    headers = {"Cache-Control": "public, max-age=3600", "X-Content-Type-Options": "nosniff"}
    return Response(body, 200, headers, media_type=media)


def explorer_routes(base: str) -> list[BaseRoute]:
    """The explorer's pages, its static assets and the Linked Data route for IRIs at ``base``."""
    return [
        Route("/", home, methods=["GET"]),
        Route("/search", search, methods=["GET"]),
        Route("/search.json", search_json, methods=["GET"]),
        Route("/query", query_page, methods=["GET"]),
        Route("/query.csv", query_download, methods=["GET"]),
        Route("/query.json", query_download, methods=["GET"]),
        Route("/neighbourhood", neighbourhood_page, methods=["GET"]),
        Route("/static/{name}", static, methods=["GET"]),
        *linked_routes(base),
    ]
