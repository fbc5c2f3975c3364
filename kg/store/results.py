"""SPARQL results as plain Python values, and renderers: table, CSV, SPARQL 1.1 JSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from kg.ingest.clean import clip

__all__ = [
    "RESULT_FORMATS",
    "QueryResult",
    "collect",
    "render",
    "term_json",
    "term_size",
    "term_value",
    "to_csv",
    "to_dataframe",
    "to_json",
    "to_ntriples",
    "to_table",
    "typed_value",
]

RESULT_FORMATS = ("table", "csv", "json")

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


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
        """SPARQL 1.1 JSON results text (see :func:`to_json`)."""
        return to_json(self)

    def dicts(self) -> list[dict[str, str | None]]:
        """The rows as dicts keyed by variable name."""
        return [dict(zip(self.variables, row)) for row in self.rows]

    def to_dataframe(self):
        """A pandas DataFrame: a column a variable, numbers and booleans typed by their XSD
        datatype; ASK as one ``boolean`` cell, triples as subject/predicate/object. Needs pandas
        (``pip install 'kg[notebook]'``)."""
        return to_dataframe(self)


def _cell(value: str | None, max_width: int) -> str:
    return "" if value is None else clip(value, max_width)


def to_table(result: QueryResult, max_width: int = 60) -> str:
    """Rows as an aligned text table; ASK as ``true``/``false``; triples as N-Triples."""
    if result.kind == "ask":
        return "true" if result.boolean else "false"
    if result.kind == "graph":
        return to_ntriples(result)
    cells = [[_cell(v, max_width) for v in row] for row in result.rows]
    widths = [len(v) for v in result.variables]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(result.variables, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join(lines) + "\n"


def to_csv(result: QueryResult) -> str:
    """SELECT rows as CSV with a header (unbound cells empty); ASK as one ``boolean`` column."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    if result.kind == "ask":
        writer.writerows([["boolean"], ["true" if result.boolean else "false"]])
    elif result.kind == "graph":
        writer.writerow(["subject", "predicate", "object"])
        for t in result.triples:
            writer.writerow([term_value(t.subject), term_value(t.predicate), term_value(t.object)])
    else:
        writer.writerow(result.variables)
        writer.writerows([["" if v is None else v for v in row] for row in result.rows])
    return buf.getvalue()


def to_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON; CONSTRUCT/DESCRIBE as subject/predicate/object bindings."""
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)}, ensure_ascii=False)
    if result.kind == "graph":
        names = ["subject", "predicate", "object"]
        rows = [tuple(term_json(x) for x in (t.subject, t.predicate, t.object)) for t in result.triples]
    else:
        names, rows = result.variables, result.terms
    bindings = [{n: t for n, t in zip(names, row) if t is not None} for row in rows]
    return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False)


def to_ntriples(result: QueryResult) -> str:
    """CONSTRUCT/DESCRIBE triples as sorted N-Triples lines."""
    return "".join(sorted({f"{t} .\n" for t in result.triples}))


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
    from kg.errors import ExportError

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


def render(result: QueryResult, fmt: str = "table") -> str:
    """The result as ``table``, ``csv`` or ``json`` text (ExportError KG501 for another format)."""
    from kg.errors import ExportError

    renderers = {"table": to_table, "csv": to_csv, "json": lambda r: to_json(r) + "\n"}
    if fmt not in renderers:
        raise ExportError(f"unknown result format {fmt!r}; use one of {', '.join(RESULT_FORMATS)}", "KG501")
    return renderers[fmt](result)
