"""Content negotiation (the Accept header) and the endpoint's result formats.

``negotiate`` picks a format among offers by quality, specificity and order (any route group can
offer its own media types); the answer is written by ``kg.store.results.serialize``, the same
writers as ``kg query --format`` (re-exported here for the route groups).
"""

from __future__ import annotations

import re
from typing import Any

from starlette.responses import Response

from kg.store.results import serialize

__all__ = ["CONTENT_TYPES", "OFFERS", "best_offer", "line", "negotiate", "serialize"]

_QVALUE = re.compile(r";\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*(?:;|$)")

# What each query kind offers, our preference first: (media type, format).
OFFERS: dict[str, list[tuple[str, str]]] = {
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


def negotiate(accept: str | None, kind: str) -> str | None:
    """The format for an Accept header and a query kind ("results" or "graph"); None means 406."""
    return best_offer(accept, OFFERS[kind])


def best_offer(accept: str | None, offers: list[tuple[str, str]]) -> str | None:
    """The name of the best of ``offers`` ((media type, name), ours first) for an Accept header:
    by quality, then specificity, then the client's order, then ours; None when none is acceptable."""
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


def line(status: int, text: str, headers: dict[str, str] | None = None) -> Response:
    """A one-line plain-text answer (errors and refusals are never multi-line)."""
    body = (" ".join(text.split()) + "\n").encode("utf-8")
    base = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"}
    return Response(body, status, {**base, **(headers or {})}, media_type="text/plain; charset=utf-8")
