"""Content negotiation (the Accept header) and the endpoint's result formats.

``negotiate`` picks a format among offers by quality, specificity and order (any route group can
offer its own media types); ``serialize`` writes a ``QueryResult`` in the negotiated format.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox
from starlette.responses import Response

from kg.graph.namespaces import PREFIXES
from kg.store.results import XSD_STRING, QueryResult, term_json, term_value

__all__ = ["CONTENT_TYPES", "OFFERS", "best_offer", "line", "negotiate", "serialize"]

_SPO = ("subject", "predicate", "object")
_RESULTS_NS = "http://www.w3.org/2005/sparql-results#"
_XML_BAD = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
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
_RDF_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
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


def line(status: int, text: str, headers: dict[str, str] | None = None) -> Response:
    """A one-line plain-text answer (errors and refusals are never multi-line)."""
    body = (" ".join(text.split()) + "\n").encode("utf-8")
    base = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"}
    return Response(body, status, {**base, **(headers or {})}, media_type="text/plain; charset=utf-8")
