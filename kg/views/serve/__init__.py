"""``kg serve``: the store over HTTP, read-only, on a real ASGI stack (Starlette + uvicorn).

``app`` builds the Starlette app from route groups (the SPARQL endpoint is ``sparql``; the
explorer's pages and Linked Data IRIs are other groups); ``limits`` holds every limit and the
HTTP protocol that enforces those uvicorn lacks; ``server`` binds and runs it; ``formats`` does
content negotiation and result formats. Queries run in killable worker processes
(``kg.store.isolation``).
"""

from kg.views.serve.formats import CONTENT_TYPES, negotiate, serialize
from kg.views.serve.limits import Limits
from kg.views.serve.server import DEFAULT_HOST, DEFAULT_PORT, Server, run, serve

__all__ = [
    "CONTENT_TYPES",
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "Limits",
    "Server",
    "negotiate",
    "run",
    "serialize",
    "serve",
]
