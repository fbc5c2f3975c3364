"""Named SPARQL queries (ontology/queries/*.rq), query loading, and read-only query checks."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pyoxigraph as ox

from kg.errors import KGError, QueryError
from kg.graph.ontology import ontology_dir

__all__ = [
    "MAX_NESTING",
    "MAX_QUERY_CHARS",
    "NamedQuery",
    "check_query",
    "declared_params",
    "evaluation_error",
    "load_query",
    "named_queries",
    "queries_dir",
    "query_form",
    "run_with_timeout",
    "substitutions",
]

T = TypeVar("T")
XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"

# Strings, IRIs and comments are skipped so their text never reads as a keyword.
_TOKEN = re.compile(
    r"""'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\""""
    r"""|'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*\""""
    r"""|<[^<>"{}|^`\\\x00-\x20]*>|\#[^\n\r]*"""
    r"""|[?$][\w]+|[A-Za-z_][\w\-.]*(?::[\w\-.%\\:]*)?|:[\w\-.%\\:]*|\S""",
    re.DOTALL,
)
_KEYWORD = re.compile(r"[A-Za-z]+")
_FORMS = {"SELECT", "CONSTRUCT", "ASK", "DESCRIBE"}
_UPDATES = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
_HEADER = re.compile(r"#\s*(title|param)\s*:\s*(.*)")
#: Deepest nesting of { } ( ) [ ] accepted: pyoxigraph's parser recurses, and a few thousand
#: levels overflow its stack and kill the process (observed: 3,000 nested groups, SIGSEGV).
MAX_NESTING = 64
#: Longest query accepted, in characters: long chains (``1+1+...``, ``{} UNION {} ...``) recurse
#: in the parser too. The named queries are under 2,000.
MAX_QUERY_CHARS = 20_000
#: Stack of the thread a query runs in (virtual memory, touched only as deep as it goes).
QUERY_STACK_BYTES = 256 << 20
_STACK_LOCK = threading.Lock()
_OPEN, _CLOSE = frozenset("{(["), frozenset("})]")


@dataclass(frozen=True)
class NamedQuery:
    """A query shipped in ontology/queries: name (file stem), title, params {name: description}."""

    name: str
    title: str
    params: dict[str, str] = field(default_factory=dict)
    text: str = ""
    path: Path | None = None


def _keywords(sparql: str) -> list[str]:
    return [t.upper() for t in _TOKEN.findall(sparql) if _KEYWORD.fullmatch(t)]


def query_form(sparql: str) -> str | None:
    """The first keyword after the prologue (SELECT, ASK, INSERT ...), or None."""
    for word in _keywords(sparql):
        if word not in ("BASE", "PREFIX"):
            return word
    return None


def _nesting(tokens: list[str]) -> int:
    """The deepest bracket nesting, a run of unary ``!`` counting as that many levels."""
    depth = deepest = run = 0
    for token in tokens:
        run = run + 1 if token == "!" else 0
        if token in _OPEN:
            depth += 1
        elif token in _CLOSE:
            depth -= 1
        deepest = max(deepest, depth + run)
    return deepest


def check_query(sparql: str) -> None:
    """Refuse updates (KG402), SERVICE / FROM (KG403) and nesting deeper than MAX_NESTING
    (KG408): a query is read-only, local and cannot crash the parser."""
    if not isinstance(sparql, str):
        raise QueryError(f"a query is text, not {type(sparql).__name__}", "KG406")
    if len(sparql) > MAX_QUERY_CHARS:
        raise QueryError(f"query of {len(sparql):,} characters; at most {MAX_QUERY_CHARS:,}", "KG408")
    depth = _nesting(_TOKEN.findall(sparql))
    if depth > MAX_NESTING:
        raise QueryError(f"query nests brackets {depth} levels deep; at most {MAX_NESTING}", "KG408")
    form = query_form(sparql)
    if form in _UPDATES:
        raise QueryError(f"{form} is a SPARQL update: kg queries are read-only", "KG402")
    words = set(_keywords(sparql))
    if "SERVICE" in words:
        raise QueryError("SERVICE is not allowed: a kg query touches no network", "KG403")
    if "FROM" in words:
        raise QueryError(
            "FROM / FROM NAMED are not allowed: queries run over the union of the store's graphs; "
            "use GRAPH <...> { } to pick a graph",
            "KG403",
        )


def queries_dir() -> Path:
    """The directory holding the named queries."""
    return ontology_dir() / "queries"


def _parse_header(text: str) -> tuple[str, dict[str, str]]:
    title, params = "", {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if match and match[1] == "title":
            title = match[2].strip()
        elif match:
            name, _, description = match[2].partition(" - ")
            params[name.strip().lstrip("?$")] = description.strip()
    return title, params


def declared_params(text: str) -> dict[str, str]:
    """The parameters a query declares in its leading ``# param: name - description`` lines."""
    return _parse_header(text)[1]


def _read(path: Path) -> NamedQuery:
    from kg.ingest.decode import read_text

    text = read_text(path)
    title, params = _parse_header(text)
    return NamedQuery(path.stem, title or path.stem, params, text, path)


def named_queries() -> dict[str, NamedQuery]:
    """Every named query, by name (the .rq file stem), sorted by name."""
    return {p.stem: _read(p) for p in sorted(queries_dir().glob("*.rq"))}


def load_query(arg: str) -> tuple[str, dict[str, str]]:
    """Resolve a query NAME, a path to a .rq file, or literal SPARQL text to (text, params)."""
    named = named_queries()
    if arg in named:
        return named[arg].text, dict(named[arg].params)
    if arg.strip().lower().endswith((".rq", ".sparql")) and "\n" not in arg:
        path = Path(arg.strip())
        if not path.is_file():
            raise QueryError(f"{arg}: no such query file", "KG406")
        query = _read(path)
        return query.text, dict(query.params)
    if query_form(arg) not in _FORMS | _UPDATES:
        names = ", ".join(named) or "none"
        raise QueryError(f"{arg!r} is neither a named query ({names}), a .rq file nor SPARQL", "KG406")
    return arg, {}


def _to_term(value: Any) -> Any:
    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(XSD_BOOLEAN))
    if isinstance(value, (int, float)):
        return ox.Literal(value)
    return ox.Literal(str(value))


def substitutions(bindings: dict[str, Any]) -> dict[ox.Variable, Any]:
    """Parameter values as pyoxigraph substitutions: strings become plain literals (KG405 on bad names)."""
    out = {}
    for name, value in bindings.items():
        try:
            var = ox.Variable(name.lstrip("?$"))
        except (ValueError, TypeError):
            raise QueryError(f"{name!r} is not a valid SPARQL variable name", "KG405") from None
        out[var] = _to_term(value)
    return out


def evaluation_error(exc: Exception) -> KGError:
    """A QueryError for a failure raised by pyoxigraph while preparing or running a query."""
    text = " ".join(str(exc).split())
    found = re.search(r"variable \?(\S+) in its SELECT projection", text)
    if found:
        return QueryError(f"parameter ?{found[1]} must be listed in the query's SELECT clause to be bound", "KG405")
    return QueryError(f"query failed: {text}", "KG407")


def run_with_timeout(run: Callable[[], T], timeout: float | None) -> T:
    """Run ``run()`` in a daemon thread; KG404 when it is not done after ``timeout`` seconds (None: no limit)."""
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["result"] = run()
        except BaseException as exc:
            box["error"] = exc

    worker = threading.Thread(target=target, name="kg-query", daemon=True)
    with _STACK_LOCK:  # a deep stack: pyoxigraph's parser and evaluator recurse
        previous = threading.stack_size(QUERY_STACK_BYTES)
        try:
            worker.start()
        finally:
            threading.stack_size(previous)
    worker.join(timeout)
    if worker.is_alive():
        raise QueryError(f"query timed out after {timeout:g} s", "KG404")
    if "error" in box:
        raise box["error"]
    return box["result"]
