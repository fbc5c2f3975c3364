"""The explorer's HTML: one Jinja2 environment (autoescaped, strict), the headers every page
carries, and where an IRI of the graph lives on this server.

Every page is server-rendered from ``kg/views/serve/templates``; article text reaches a page
only through autoescaping (never ``|safe``), and URLs from the data become links only when they
are ``http``/``https`` (a ``javascript:`` URL in a document's metadata stays text). The
Content-Security-Policy allows scripts, styles and connections to this server only, so even
markup that slipped through could load nothing and run nothing inline.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.requests import Request
from starlette.responses import HTMLResponse

from kg.graph.iri import local_name
from kg.graph.namespaces import BASE, PREFIXES

__all__ = [
    "CSP",
    "DEFAULT_BASE_PATH",
    "PAGE_HEADERS",
    "base_path",
    "iri_of_path",
    "local_path",
    "normalise_base",
    "page",
    "short_iri",
    "templates",
    "web_url",
]

#: Where IRIs under ``BASE`` (https://w3id.org/kg-news/) are served: their own path, so a proxy
#: (or the w3id redirect) that keeps the path needs no setting; ``kg serve --base`` changes it.
DEFAULT_BASE_PATH = urlsplit(BASE).path

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
PAGE_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-cache",
}
_WEB = re.compile(r"https?://[^\s<>\"'`\\]+", re.IGNORECASE)


def normalise_base(base: str) -> str:
    """The path prefix of ``--base``: a path (``/kg-news/``, ``/ld``) or a URL whose path it is
    (``https://kg.example.org/kg-news/``), with one leading and one trailing slash."""
    path = urlsplit(base).path if "://" in base else base
    return "/" + path.strip("/") + "/" if path.strip("/") else "/"


def base_path(request: Request) -> str:
    """The path prefix of the graph's IRIs on this server (``/kg-news/`` unless ``--base``)."""
    return str(getattr(request.app.state, "base_path", DEFAULT_BASE_PATH))


def local_path(iri: str | None, base: str = DEFAULT_BASE_PATH) -> str | None:
    """This server's path for an IRI of the graph (``ent:x`` -> ``/kg-news/entity/x``), or None
    for an IRI from elsewhere."""
    if not iri or not iri.startswith(BASE) or len(iri) == len(BASE):
        return None
    rest = iri[len(BASE) :]
    path, hashed, fragment = rest.partition("#")
    return base + quote(path, safe="/-_.~") + (("#" + quote(fragment, safe="-_.~")) if hashed else "")


def iri_of_path(path: str, base: str = DEFAULT_BASE_PATH) -> str | None:
    """The IRI a request path under ``base`` stands for (the inverse of :func:`local_path`)."""
    if not path.startswith(base):
        return None
    return BASE + path[len(base) :]


def web_url(value: str | None) -> str | None:
    """``value`` when it is an http(s) URL a page may link to, else None (shown as text)."""
    return value if value and _WEB.fullmatch(value.strip()) else None


def short_iri(iri: str | None) -> str:
    """An IRI with kg's prefixes (``ent:dmitry_peskov-1a2b``), for display."""
    if not iri:
        return ""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


@functools.lru_cache(maxsize=1)
def templates() -> Environment:
    """The explorer's templates (autoescaped; an undefined name is an error, not a blank)."""
    env = Environment(
        loader=FileSystemLoader(str(Path(__file__).resolve().parent / "templates")),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["short"] = short_iri
    env.filters["local"] = local_name
    env.filters["web"] = web_url
    env.filters["urlencode_params"] = lambda params: urlencode(params, doseq=True)
    env.filters["thousands"] = lambda n: f"{int(n):,}" if isinstance(n, int) or str(n).isdigit() else n
    return env


def page(
    request: Request,
    template: str,
    context: Mapping[str, Any],
    status: int = 200,
    headers: Mapping[str, str] | None = None,
) -> HTMLResponse:
    """A page rendered from ``template`` with the security headers; ``link(iri)`` in a template
    gives the IRI's path on this server."""
    base = base_path(request)
    values = {
        "link": lambda iri: local_path(iri, base),
        "store_name": request.app.state.store_name,
        "endpoint": request.app.state.url,
        "path": request.url.path,
        **context,
    }
    body = templates().get_template(template).render(values)
    return HTMLResponse(body, status, {**PAGE_HEADERS, **(headers or {})})
