"""The ASGI app of ``kg serve``: an app factory over route groups (Starlette).

The SPARQL endpoint is one route group (``kg.views.serve.sparql``); the explorer's pages, static
assets and Linked Data IRIs another (``kg.views.serve.pages``); more are added the same way
through ``routes``. Around every group: the Host header check (DNS rebinding), one-line answers
for 404 and 405 (with ``Allow:``), and a Content-Security-Policy on HTML (``kg.views.serve.html``).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Receive, Scope, Send

from kg.views.serve.catalogue import Catalogue
from kg.views.serve.formats import line
from kg.views.serve.html import DEFAULT_BASE_PATH
from kg.views.serve.pages import explorer_routes
from kg.views.serve.sparql import QueryEngine, sparql_routes

__all__ = ["HostCheck", "allowed_hosts", "create_app"]

_LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}
_WILDCARDS = {"", "0.0.0.0", "::"}


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def _is_loopback(name: str) -> bool:
    return name == "localhost" or (_is_ip(name) and ipaddress.ip_address(name).is_loopback)


def allowed_hosts(bound: str, extra: Sequence[str] = ()) -> set[str]:
    """The Host names a server bound to ``bound`` answers: that address (and ``localhost`` for a
    loopback one), any IP literal when bound to every address ("*" in the set), plus ``extra``
    (``--allow-host``, e.g. a reverse proxy's public name; "*" allows any)."""
    names = {bound.strip("[]").lower()}
    if _is_loopback(bound.strip("[]")):
        names |= _LOOPBACK_NAMES
    if bound in _WILDCARDS:
        names |= {"localhost", "ip-literals"}
    return names | {name.lower() for name in extra}


def _host_name(header: str) -> str:
    """The name part of a Host header: ``[::1]:7878`` -> ``::1``, ``a.b:80`` -> ``a.b``."""
    if header.startswith("["):
        return header[1 : header.find("]")].lower() if "]" in header else header.lower()
    return header.rsplit(":", 1)[0].lower() if header.count(":") == 1 else header.lower()


class HostCheck:
    """Refuse (403) a request whose Host header names another server: a page on a name that
    a DNS-rebinding attack points at 127.0.0.1 must not read this endpoint. Refuse (431) one
    whose request line and headers pass ``max_header`` bytes (h11 bounds only a head that
    arrives in pieces)."""

    def __init__(self, app: ASGIApp, allowed: set[str], max_header: int):
        self.app, self.allowed, self.max_header = app, allowed, max_header

    def accepts(self, header: str | None) -> bool:
        if header is None or "*" in self.allowed:
            return True  # HTTP/1.0 without Host: no browser sends that
        name = _host_name(header)
        return name in self.allowed or ("ip-literals" in self.allowed and _is_ip(name))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            size = len(scope["raw_path"]) + len(scope["query_string"])
            size += sum(len(name) + len(value) + 4 for name, value in scope["headers"])
            if size > self.max_header:
                text = f"request line and headers of {size} bytes; at most {self.max_header}"
                await line(431, text, {"Connection": "close"})(scope, receive, send)
                return
            raw = dict(scope["headers"]).get(b"host")
            header = raw.decode("latin-1") if raw is not None else None
            if not self.accepts(header):
                text = f"Host {header!r} is not this server's name; to serve it under that name, add --allow-host NAME"
                await line(403, text)(scope, receive, send)
                return
        await self.app(scope, receive, send)


async def _http_error(request: Request, exc: Exception) -> Response:
    """404, 405 (keeping ``Allow:``) and other HTTP errors as one line."""
    assert isinstance(exc, HTTPException)
    text = {404: f"not found: {request.url.path} (the SPARQL endpoint is /sparql)"}.get(exc.status_code, exc.detail)
    return line(exc.status_code, text, dict(exc.headers or {}))


def create_app(
    engine: QueryEngine,
    *,
    url: str,
    store_name: str,
    hosts: set[str],
    routes: Sequence[BaseRoute] = (),
    base_path: str = DEFAULT_BASE_PATH,
) -> Starlette:
    """The app: the SPARQL route group, the explorer (whose Linked Data route serves the graph's
    IRIs at ``base_path``) and ``routes`` (other route groups), behind the Host check; ``url`` is
    the endpoint's public URL (also the base of relative IRIs)."""

    @asynccontextmanager
    async def lifespan(app: Starlette) -> Any:
        yield
        engine.close()

    app = Starlette(
        routes=[*sparql_routes(), *routes, *explorer_routes(base_path)],
        middleware=[Middleware(HostCheck, allowed=hosts, max_header=engine.limits.max_header)],
        exception_handlers={HTTPException: _http_error},
        lifespan=lifespan,
    )
    engine.base_iri = url
    app.state.engine, app.state.url, app.state.store_name = engine, url, store_name
    app.state.catalogue, app.state.base_path = Catalogue(engine, engine.pool.path), base_path
    return app
