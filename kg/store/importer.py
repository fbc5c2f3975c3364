"""``kg import``: RDF from a local file into a named graph of the store.

The file is read by kg itself (never handed to a parser as a URL or path) and parsed in full
into a scratch list before the store is touched; a parse error names the line and column and
leaves the store as it was. Turtle, N-Triples and JSON-LD are accepted; a JSON-LD ``@context``
that is not inline is refused, never fetched. RDF/XML is refused altogether: its DOCTYPE and
ENTITY declarations read local files or expand a few hundred bytes into gigabytes (observed:
pyoxigraph expands a 7-level "billion laughs" to 10 MB). ``owl:imports`` is data, not followed.
Blank nodes are skolemised in order of appearance, so the same file gives the same IRIs.
The triples replace the graph ``graph/import/<name>`` in one atomic store switch.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError
from kg.graph.iri import slug
from kg.graph.namespaces import BASE, IMPORT_GRAPH_NS, XSD
from kg.ingest.decode import open_error
from kg.store.store import GraphPatch, Store

__all__ = ["IMPORT_FORMATS", "MAX_LITERAL_CHARS", "ImportSummary", "import_graph_iri", "import_rdf", "parse_rdf"]

IMPORT_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}
_ALIASES = {
    "ttl": "ttl",
    "turtle": "ttl",
    "nt": "nt",
    "ntriples": "nt",
    "n-triples": "nt",
    "jsonld": "jsonld",
    "json-ld": "jsonld",
    "json": "jsonld",
}
_RDF_XML = {"rdf", "xml", "owl", "rdfxml", "rdf/xml"}
_XML_START = re.compile(rb"^\s*(?:<\?xml|<!DOCTYPE|<!ENTITY|<rdf:RDF)", re.IGNORECASE)
GENID = BASE + ".well-known/genid/"
#: Longest literal an import may bring: on the seed graph one literal of 100,000 characters made
#: `kg export` 1.2x slower, one of 1 MB 5.4x, one of 5 MB 19.5x.
MAX_LITERAL_CHARS = 100_000
Warn = Callable[[str], None]

#: Lexical forms of the XSD datatypes a literal is checked against (others are not checked).
_INTEGER = re.compile(r"[+-]?\d+")
_LEXICAL = {
    "integer": _INTEGER, "int": _INTEGER, "long": _INTEGER, "short": _INTEGER,
    "nonNegativeInteger": re.compile(r"\+?\d+|-0+"),
    "decimal": re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)"),
    "double": re.compile(r"[+-]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|INF)|NaN"),
    "boolean": re.compile(r"true|false|1|0"),
    "date": re.compile(r"-?\d{4,}-\d\d-\d\d(?:Z|[+-]\d\d:\d\d)?"),
    "dateTime": re.compile(r"-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)?"),
}  # fmt: skip
_LEXICAL["float"] = _LEXICAL["double"]


@dataclass
class ImportSummary:
    """What an import did."""

    graph: str
    triples: int = 0
    warnings: list[str] = field(default_factory=list)


def import_graph_iri(name: str) -> str:
    """``graph/import/<slug>``: the named graph an import goes into."""
    return IMPORT_GRAPH_NS + slug(name)


def _format_of(path: Path, fmt: str | None) -> str:
    key = (fmt or path.suffix).lower().lstrip(".")
    if key in _RDF_XML:
        raise InputError(
            f"{path}: RDF/XML is not accepted (DOCTYPE and ENTITY declarations can read "
            "files or expand without bound); convert it to Turtle or N-Triples",
            "KG108",
        )
    name = _ALIASES.get(key)
    if name is None:
        raise InputError(
            f"{path}: unknown RDF format {fmt or path.suffix or '(no suffix)'!r}; give "
            f"--format {' / '.join(IMPORT_FORMATS)}",
            "KG109",
        )
    return name


def _syntax_error(path: Path, exc: SyntaxError) -> InputError:
    text = " ".join(str(exc).split())
    if "LoadDocumentCallback" in text or "remote context" in text.lower():
        return InputError(
            f"{path}: a JSON-LD @context that is not inline is not fetched; put the context in the file", "KG111"
        )
    where = f":{exc.lineno}:{exc.offset}" if exc.lineno else ""
    text = re.sub(
        r"^Parser error (?:at|between) line \d+ (?:column \d+|between columns \d+ and \d+)"
        r"(?: and line \d+ column \d+)?: ",
        "",
        text,
    )
    text = re.sub(r"\s*\(line \d+\)$", "", text)
    return InputError(f"{path}{where}: {text}", "KG110")


def _checked(literal: ox.Literal, path: Path, warn: Warn) -> None:
    datatype = literal.datatype.value
    if not datatype.startswith(XSD):
        return
    pattern = _LEXICAL.get(datatype[len(XSD) :])
    valid = pattern is None or pattern.fullmatch(literal.value.strip())
    if valid and datatype.endswith("decimal"):
        try:
            Decimal(literal.value)
        except InvalidOperation:
            valid = None
    if not valid:
        warn(f'{path}: ill-typed literal "{literal.value[:40]}"^^xsd:{datatype[len(XSD) :]} kept as written')


def parse_rdf(path: str | os.PathLike, fmt: str | None = None, *, on_warning: Warn | None = None) -> list[ox.Triple]:
    """Every triple of the RDF file at ``path`` (format from ``fmt`` or the suffix), blank
    nodes skolemised; an InputError naming the file (and line) when it cannot be used."""
    path = Path(path)
    warn = on_warning or (lambda message: None)
    name = _format_of(path, fmt)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise open_error(str(path), err) from err
    if _XML_START.match(data[:4096]):
        raise InputError(f"{path}: looks like XML; RDF/XML, DOCTYPE and ENTITY are not accepted", "KG108")
    try:
        quads = list(ox.parse(data, format=IMPORT_FORMATS[name]))
    except SyntaxError as exc:
        raise _syntax_error(path, exc) from None
    except (ValueError, OSError) as exc:  # e.g. not UTF-8
        raise InputError(f"{path}: {' '.join(str(exc).split())}", "KG110") from None
    except MemoryError:  # pyoxigraph reads at most 16 MB of one token or line
        raise InputError(
            f"{path}: a term or line is over the 16 MB that the RDF parser reads at once; split it", "KG114"
        ) from None
    _check_sizes(path, quads)
    skolem = _Skolem(slug(path.stem))
    triples = [ox.Triple(skolem(q.subject), q.predicate, skolem(q.object)) for q in quads]
    for triple in triples:
        if isinstance(triple.object, ox.Literal):
            _checked(triple.object, path, warn)
    if any(not isinstance(q.graph_name, ox.DefaultGraph) for q in quads):
        warn(f"{path}: named graphs in the file are merged into the import graph")
    return triples


def _check_sizes(path: Path, quads: list[ox.Quad]) -> None:
    """Refuse a literal over MAX_LITERAL_CHARS (KG114): RocksDB stores it in one block that each
    read of a neighbouring term reads again (one 5 MB literal made `kg export` 35 times slower)."""
    for number, quad in enumerate(quads, 1):
        term = quad.object
        if isinstance(term, ox.Literal) and len(term.value) > MAX_LITERAL_CHARS:
            raise InputError(
                f"{path}: triple {number} has a literal of {len(term.value):,} characters; at most "
                f"{MAX_LITERAL_CHARS:,} (longer ones slow every read of the store)",
                "KG114",
            )


class _Skolem:
    """Blank nodes -> ``.well-known/genid/<file>-<n>`` IRIs, numbered by first appearance."""

    def __init__(self, prefix: str):
        self.prefix = prefix
        self.ids: dict[str, int] = {}

    def __call__(self, term):
        if isinstance(term, ox.Triple):
            return ox.Triple(self(term.subject), term.predicate, self(term.object))
        if not isinstance(term, ox.BlankNode):
            return term
        number = self.ids.setdefault(term.value, len(self.ids) + 1)
        return ox.NamedNode(f"{GENID}{self.prefix}-{number}")


def import_rdf(
    path: str | os.PathLike,
    store_path: str | os.PathLike,
    *,
    fmt: str | None = None,
    name: str | None = None,
    on_warning: Warn | None = None,
) -> ImportSummary:
    """Parse ``path`` in full, then replace the store's graph ``graph/import/<name>`` (default:
    the file's stem) with its triples in one atomic switch; other graphs are kept as they are."""
    summary = ImportSummary(import_graph_iri(name or Path(path).stem))

    def warn(message: str) -> None:
        summary.warnings.append(message)
        if on_warning:
            on_warning(message)

    triples = parse_rdf(path, fmt, on_warning=warn)
    graph = ox.NamedNode(summary.graph)
    with Store.writing(store_path, create=False, on_warning=warn) as store:
        added = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]
        store.patch(GraphPatch(drop_graphs=[graph], add=added))
    summary.triples = len(set(triples))
    return summary
