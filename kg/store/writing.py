"""Writing files: atomically (a temporary file beside the target, flushed, then renamed over
it), and the store's quads in RDF syntaxes as deterministic bytes."""

from __future__ import annotations

import json
import os
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox

from kg.errors import ExportError
from kg.graph.namespaces import PREFIXES, XSD

__all__ = ["FORMATS", "atomic_writer", "normalise_format", "write_atomic", "write_rdf"]


@contextmanager
def atomic_writer(path: str | os.PathLike) -> Iterator[BinaryIO]:
    """Yield a binary file; on success it replaces ``path``, on failure ``path`` is untouched."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # the permissions a plain open() would give
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_writer(path) as handle:
        handle.write(data)


_ALIASES = {
    "ttl": "ttl", "turtle": "ttl", "nt": "nt", "ntriples": "nt", "n-triples": "nt",
    "nq": "nquads", "nquads": "nquads", "n-quads": "nquads", "trig": "trig",
    "jsonld": "jsonld", "json-ld": "jsonld", "csv": "csv", "graphml": "graphml", "gexf": "gexf",
}  # fmt: skip


FORMATS = sorted(set(_ALIASES.values()))


def normalise_format(fmt: str) -> str:
    name = _ALIASES.get(fmt.strip().lower().lstrip("."))
    if name is None:
        raise ExportError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}", "KG501")
    return name


def _to_rdflib(term: Any) -> Any:
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = None if term.datatype.value == XSD + "string" else URIRef(term.datatype.value)
    return Literal(term.value, datatype=datatype)


def _write_jsonld(quads: list[ox.Quad], out: BinaryIO) -> None:
    from rdflib import Dataset

    with warnings.catch_warnings():  # rdflib's own deprecated internals (default_context ...)
        warnings.simplefilter("ignore", DeprecationWarning)
        data = _jsonld_text(Dataset(), quads)
    text = json.dumps(_sorted_json(json.loads(data)), ensure_ascii=False, indent=2, sort_keys=True)
    out.write((text + "\n").encode("utf-8"))


def _jsonld_text(dataset: Any, quads: list[ox.Quad]) -> str:
    from rdflib import URIRef

    graphs: dict[str, Any] = {}

    def graph_of(name: Any) -> Any:
        if not isinstance(name, ox.NamedNode):
            return dataset.default_graph
        if name.value not in graphs:
            graphs[name.value] = dataset.graph(URIRef(name.value))
        return graphs[name.value]

    dataset.addN(
        (_to_rdflib(q.subject), _to_rdflib(q.predicate), _to_rdflib(q.object), graph_of(q.graph_name)) for q in quads
    )
    return dataset.serialize(format="json-ld", context=dict(PREFIXES), auto_compact=True)


def _sorted_json(value: Any) -> Any:
    """JSON-LD arrays are unordered (no @list here): sort them so output is byte-stable."""
    if isinstance(value, dict):
        return {k: _sorted_json(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return value


def write_rdf(db: ox.Store, fmt: str, out: BinaryIO) -> None:
    """Write a pyoxigraph store as ttl/nt (union of graphs), trig/nquads/jsonld (named graphs), sorted."""
    name = normalise_format(fmt)
    if name in ("nt", "ttl"):
        triples = {str(q.triple): q.triple for q in db}
        if name == "nt":
            out.write("".join(f"{k} .\n" for k in sorted(triples)).encode("utf-8"))
        else:
            ox.serialize([triples[k] for k in sorted(triples)], out, ox.RdfFormat.TURTLE, prefixes=PREFIXES)
        return
    quads = {(str(q.graph_name), str(q.triple)): q for q in db}
    ordered = [quads[k] for k in sorted(quads)]
    if name == "nquads":
        out.write("".join(f"{q} .\n" for q in ordered).encode("utf-8"))
    elif name == "trig":
        ox.serialize(ordered, out, ox.RdfFormat.TRIG, prefixes=PREFIXES)
    elif name == "jsonld":
        _write_jsonld(ordered, out)
    else:
        raise ExportError(f"{fmt} is not an RDF syntax", "KG501")
