"""SPARQL results as plain Python values, and their one set of serialisers: an aligned table,
SPARQL 1.1 CSV, TSV, JSON and XML, and RDF syntaxes for CONSTRUCT/DESCRIBE results. ``kg query
--format`` and the SPARQL endpoint both write results through :data:`RESULT_FORMATS`."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from kg.errors import ExportError
from kg.graph.namespaces import PREFIXES
from kg.store.formats import Formats, text_table

__all__ = [
    "GRAPH_FORMATS",
    "RESULT_FORMATS",
    "SOLUTION_FORMATS",
    "QueryResult",
    "collect",
    "render",
    "serialize",
    "solutions",
    "term_from_json",
    "term_json",
    "term_size",
    "term_value",
    "to_csv",
    "to_dataframe",
    "to_ntriples",
    "to_sparql_json",
    "to_sparql_xml",
    "to_table",
    "to_tsv",
    "typed_value",
]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_SPO = ("subject", "predicate", "object")
_RESULTS_NS = "http://www.w3.org/2005/sparql-results#"
_XML_BAD = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def term_value(term: Any) -> str | None:
    """An RDF term as a plain string: the IRI, the literal's lexical form, ``_:id`` for blank nodes."""
    if term is None:
        return None
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)


def term_json(term: Any) -> dict[str, str] | None:
    """An RDF term in the SPARQL 1.1 JSON results form (``{"type": "uri", "value": ...}``)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


@dataclass
class QueryResult:
    """The answer to a query: SELECT rows, an ASK boolean, or CONSTRUCT/DESCRIBE triples.

    ``rows`` hold plain strings (None where unbound); ``terms`` the same cells as SPARQL JSON
    term dicts; ``truncated`` is True when ``limit`` cut the rows.
    """

    kind: str  # "select", "ask" or "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[str | None, ...]] = field(default_factory=list)
    terms: list[tuple[dict[str, str] | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)
    truncated: bool = False

    def to_table(self, max_width: int = 60) -> str:
        """A plain-text table (see :func:`to_table`)."""
        return to_table(self, max_width)

    def to_csv(self) -> str:
        """CSV text (see :func:`to_csv`)."""
        return to_csv(self)

    def to_json(self) -> str:
        """SPARQL 1.1 JSON results text (see :func:`to_sparql_json`)."""
        return to_sparql_json(self)

    def dicts(self) -> list[dict[str, str | None]]:
        """The rows as dicts keyed by variable name."""
        return [dict(zip(self.variables, row)) for row in self.rows]

    def to_dataframe(self):
        """A pandas DataFrame: a column a variable, numbers and booleans typed by their XSD
        datatype; ASK as one ``boolean`` cell, triples as subject/predicate/object. Needs pandas
        (``pip install 'kg[notebook]'``)."""
        return to_dataframe(self)


def to_table(result: QueryResult, max_width: int = 60) -> str:
    """Rows as an aligned text table under their variables; ASK as ``true``/``false``; triples as
    N-Triples."""
    if result.kind == "ask":
        return "true\n" if result.boolean else "false\n"
    if result.kind == "graph":
        return to_ntriples(result)
    return text_table(result.rows, result.variables, max_width=max_width)


def term_from_json(cell: dict[str, str] | None) -> Any:
    """A SPARQL JSON term dict (``QueryResult.terms``) back as a pyoxigraph term (None if unbound)."""
    if cell is None:
        return None
    kind, value = cell["type"], cell["value"]
    if kind == "literal":
        if lang := cell.get("xml:lang"):
            return ox.Literal(value, language=lang)
        return ox.Literal(value, datatype=ox.NamedNode(cell.get("datatype", XSD_STRING)))
    if kind == "triple":  # its N-Triples text (term_json)
        return next(iter(ox.parse(f"{value} .\n", format=ox.RdfFormat.N_TRIPLES))).triple
    return ox.NamedNode(value) if kind == "uri" else ox.BlankNode(value)


def solutions(result: QueryResult) -> tuple[list[str], list[list[Any]]]:
    """The variables and rows of pyoxigraph terms (None where unbound) of a SELECT result, or
    of a CONSTRUCT/DESCRIBE result as subject/predicate/object rows."""
    if result.kind == "graph":
        return list(_SPO), [[t.subject, t.predicate, t.object] for t in result.triples]
    return result.variables, [[term_from_json(cell) for cell in row] for row in result.terms]


def to_csv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results CSV: a header, plain values (unbound cells empty), CRLF line
    ends; ASK as one ``boolean`` column; triples as subject/predicate/object rows."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    if result.kind == "ask":
        writer.writerows([["boolean"], ["true" if result.boolean else "false"]])
        return buf.getvalue()
    names, rows = solutions(result)
    writer.writerow(names)
    writer.writerows([["" if t is None else term_value(t) for t in row] for row in rows])
    return buf.getvalue()


def to_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results TSV: ``?name`` headers, terms in their N-Triples form."""
    if result.kind == "ask":
        return f"boolean\n{'true' if result.boolean else 'false'}\n"
    names, rows = solutions(result)
    lines = ["\t".join(f"?{n}" for n in names)]
    lines += ["\t".join("" if t is None else _tsv_term(t) for t in row) for row in rows]
    return "\n".join(lines) + "\n"


def _tsv_term(term: Any) -> str:
    return f"<<( {term} )>>" if isinstance(term, ox.Triple) else str(term)


def to_sparql_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON (RDF-star triple terms nested); CONSTRUCT/DESCRIBE as
    subject/predicate/object bindings."""
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)})
    names, rows = solutions(result)
    bindings = [{n: _json_term(t) for n, t in zip(names, row) if t is not None} for row in rows]
    return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False)


def _json_term(term: Any) -> Any:
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {p: _json_term(getattr(term, p)) for p in _SPO}}
    return term_json(term)


def to_sparql_xml(result: QueryResult) -> str:
    """SPARQL Query Results XML; characters XML cannot hold become U+FFFD."""
    if result.kind == "ask":
        body = f"<head/><boolean>{'true' if result.boolean else 'false'}</boolean>"
    else:
        names, rows = solutions(result)
        head = "".join(f"<variable name={quoteattr(n)}/>" for n in names)
        results = "".join(
            "<result>"
            + "".join(
                f"<binding name={quoteattr(n)}>{_xml_term(t)}</binding>" for n, t in zip(names, row) if t is not None
            )
            + "</result>"
            for row in rows
        )
        body = f"<head>{head}</head><results>{results}</results>"
    return f'<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="{_RESULTS_NS}">{body}</sparql>\n'


def _xml_text(text: str) -> str:
    return escape(_XML_BAD.sub("\ufffd", text), {"\r": "&#13;"})


def _xml_term(term: Any) -> str:
    if isinstance(term, (ox.NamedNode, ox.BlankNode)):
        tag = "uri" if isinstance(term, ox.NamedNode) else "bnode"
        return f"<{tag}>{_xml_text(term.value)}</{tag}>"
    if isinstance(term, ox.Triple):
        return "<triple>" + "".join(f"<{p}>{_xml_term(getattr(term, p))}</{p}>" for p in _SPO) + "</triple>"
    if term.language:
        attr = f" xml:lang={quoteattr(term.language)}"
    else:
        attr = "" if term.datatype.value == XSD_STRING else f" datatype={quoteattr(term.datatype.value)}"
    return f"<literal{attr}>{_xml_text(term.value)}</literal>"


def to_ntriples(result: QueryResult) -> str:
    """CONSTRUCT/DESCRIBE triples as sorted N-Triples lines."""
    return "".join(sorted({f"{t} .\n" for t in result.triples}))


def _rdf_writer(syntax: ox.RdfFormat) -> Callable[[QueryResult], bytes]:
    def write(result: QueryResult) -> bytes:
        if result.kind != "graph":
            raise ExportError(f"{syntax.name} is a format for CONSTRUCT and DESCRIBE results", "KG501")
        if syntax == ox.RdfFormat.N_TRIPLES:
            return to_ntriples(result).encode("utf-8")
        return ox.serialize(result.triples, format=syntax, prefixes=PREFIXES) or b""

    return write


#: Serialisers of SELECT and ASK results (CONSTRUCT/DESCRIBE ones give subject/predicate/object
#: rows): ``kg query --format`` and the SPARQL endpoint use these.
SOLUTION_FORMATS: Formats[Callable[[QueryResult], str]] = Formats("result format")
SOLUTION_FORMATS.add("table", to_table)
SOLUTION_FORMATS.add("csv", to_csv)
SOLUTION_FORMATS.add("tsv", to_tsv)
SOLUTION_FORMATS.add("json", to_sparql_json)
SOLUTION_FORMATS.add("xml", to_sparql_xml)
#: Serialisers of CONSTRUCT/DESCRIBE results as RDF.
GRAPH_FORMATS: Formats[Callable[[QueryResult], bytes]] = Formats("graph result format")
GRAPH_FORMATS.add("ttl", _rdf_writer(ox.RdfFormat.TURTLE), "turtle")
GRAPH_FORMATS.add("nt", _rdf_writer(ox.RdfFormat.N_TRIPLES), "ntriples", "n-triples")  # sorted: to_ntriples
GRAPH_FORMATS.add("rdfxml", _rdf_writer(ox.RdfFormat.RDF_XML), "rdf/xml")
GRAPH_FORMATS.add("jsonld", _rdf_writer(ox.RdfFormat.JSON_LD), "json-ld")
#: Every result format: the solution formats (as UTF-8 bytes) and the RDF syntaxes.
RESULT_FORMATS: Formats[Callable[[QueryResult], bytes]] = Formats("result format")
RESULT_FORMATS.include(SOLUTION_FORMATS, adapt=lambda _, write: lambda result: write(result).encode("utf-8"))
RESULT_FORMATS.include(GRAPH_FORMATS)


def serialize(result: QueryResult, fmt: str) -> bytes:
    """The result as bytes in ``fmt``: a solution format (json, xml, csv, tsv, table) or, for a
    CONSTRUCT/DESCRIBE result, an RDF syntax (ttl, nt, rdfxml, jsonld); KG501 for another."""
    return RESULT_FORMATS[fmt](result)


def render(result: QueryResult, fmt: str = "table") -> str:
    """The result as text in ``fmt`` (see :func:`serialize`), ending in a newline."""
    text = serialize(result, fmt).decode("utf-8")
    return text if text.endswith("\n") or not text else text + "\n"


_NUMBER_TYPES = {
    **dict.fromkeys(("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger"), int),
    **dict.fromkeys(("decimal", "double", "float"), float),
}  # fmt: skip


def typed_value(term: dict[str, str] | None) -> Any:
    """A SPARQL JSON term as a Python value: int, float or bool by its XSD datatype, else the string."""
    if term is None:
        return None
    datatype = term.get("datatype", "").rpartition("#")[2] if term.get("type") == "literal" else ""
    if datatype == "boolean":
        return term["value"] in ("true", "1")
    try:
        return _NUMBER_TYPES[datatype](term["value"]) if datatype in _NUMBER_TYPES else term["value"]
    except ValueError:
        return term["value"]


def to_dataframe(result: QueryResult):
    """The result as a pandas DataFrame (see :meth:`QueryResult.to_dataframe`)."""
    try:
        import pandas as pd
    except ImportError:
        raise ExportError("a DataFrame needs pandas: pip install 'kg[notebook]'", "KG504") from None
    if result.kind == "ask":
        return pd.DataFrame({"boolean": [bool(result.boolean)]})
    if result.kind == "graph":
        rows = [[term_value(t.subject), term_value(t.predicate), term_value(t.object)] for t in result.triples]
        return pd.DataFrame(rows, columns=["subject", "predicate", "object"])
    rows = [[typed_value(t) for t in row] for row in result.terms]
    return pd.DataFrame(rows, columns=result.variables)


def term_size(term: Any) -> int:
    """About how many bytes a term takes in a serialised answer (its value, datatype, language)."""
    if term is None:
        return 0
    if isinstance(term, ox.Literal):
        return len(term.value) + len(term.language or "") + len(term.datatype.value)
    if isinstance(term, (ox.NamedNode, ox.BlankNode)):
        return len(term.value)
    return len(str(term))


def _take(items: Any, limit: int | None, max_bytes: int | None, size: Any) -> tuple[list[Any], bool]:
    """At most ``limit`` items and ``max_bytes`` of their terms; True when some were left out."""
    out: list[Any] = []
    total = 0
    for item in items:
        if limit is not None and len(out) >= limit:
            return out, True
        if max_bytes is not None:
            total += size(item)
            if total > max_bytes:
                return out, True
        out.append(item)
    return out, False


def collect(
    answer: Any, limit: int | None = None, hidden: Iterable[str] = (), *, max_bytes: int | None = None
) -> QueryResult:
    """A pyoxigraph query answer as a QueryResult; ``hidden`` columns (bound parameters) are
    dropped; at most ``limit`` rows and ``max_bytes`` of terms are read (``truncated`` says so)."""
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(answer))
    if isinstance(answer, ox.QueryTriples):
        triples, truncated = _take(answer, limit, max_bytes, lambda t: term_size(t) + 4)
        return QueryResult("graph", triples=triples, truncated=truncated)
    names = [v.value for v in answer.variables]
    hidden = set(hidden)
    keep = [i for i, n in enumerate(names) if n not in hidden] or list(range(len(names)))
    solutions, truncated = _take(answer, limit, max_bytes, lambda s: sum(term_size(s[i]) + 8 for i in keep))
    cells = [tuple(sol[i] for i in keep) for sol in solutions]
    return QueryResult(
        "select",
        variables=[names[i] for i in keep],
        rows=[tuple(term_value(t) for t in row) for row in cells],
        terms=[tuple(term_json(t) for t in row) for row in cells],
        truncated=truncated,
    )
