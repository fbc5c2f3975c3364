"""Writing files: atomically (a temporary file beside the target, flushed, then renamed over
it), and the store's quads in RDF syntaxes as deterministic bytes (one writer each, registered
in ``RDF_FORMATS``)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox

from kg.graph.namespaces import PREFIXES, XSD
from kg.store.formats import Formats
from kg.store.jsonld import write_jsonld_stream

__all__ = [
    "RDF_FORMATS",
    "atomic_writer",
    "rdflib_term",
    "write_atomic",
    "write_jsonld",
    "write_nquads",
    "write_ntriples",
    "write_rdf",
    "write_trig",
    "write_turtle",
]


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


def rdflib_term(term: Any) -> Any:
    """A pyoxigraph term as the rdflib term it stands for."""
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = None if term.datatype.value == XSD + "string" else URIRef(term.datatype.value)
    return Literal(term.value, datatype=datatype)


def _sorted_triples(db: ox.Store) -> list[ox.Triple]:
    """The union of the store's graphs: each triple once, in N-Triples order."""
    triples = {str(q.triple): q.triple for q in db}
    return [triples[k] for k in sorted(triples)]


def _sorted_quads(db: ox.Store) -> list[ox.Quad]:
    """Every quad, by graph then N-Triples order."""
    quads = {(str(q.graph_name), str(q.triple)): q for q in db}
    return [quads[k] for k in sorted(quads)]


#: RDF syntaxes the store is written in: name (and aliases) -> writer(store, out).
RDF_FORMATS: Formats[Callable[[ox.Store, BinaryIO], None]] = Formats("RDF syntax")


@RDF_FORMATS.register("ttl", "turtle")
def write_turtle(db: ox.Store, out: BinaryIO) -> None:
    """Turtle of the union of graphs, kg's prefixes, sorted."""
    ox.serialize(_sorted_triples(db), out, ox.RdfFormat.TURTLE, prefixes=PREFIXES)


@RDF_FORMATS.register("nt", "ntriples", "n-triples")
def write_ntriples(db: ox.Store, out: BinaryIO) -> None:
    """N-Triples of the union of graphs, sorted."""
    out.write("".join(f"{t} .\n" for t in _sorted_triples(db)).encode("utf-8"))


@RDF_FORMATS.register("trig")
def write_trig(db: ox.Store, out: BinaryIO) -> None:
    """TriG: the named graphs, sorted."""
    ox.serialize(_sorted_quads(db), out, ox.RdfFormat.TRIG, prefixes=PREFIXES)


@RDF_FORMATS.register("nquads", "nq", "n-quads")
def write_nquads(db: ox.Store, out: BinaryIO) -> None:
    """N-Quads: the named graphs, sorted."""
    out.write("".join(f"{q} .\n" for q in _sorted_quads(db)).encode("utf-8"))


@RDF_FORMATS.register("jsonld", "json-ld")
def write_jsonld(db: ox.Store, out: BinaryIO) -> None:
    """JSON-LD: the named graphs, compacted with kg's prefixes, arrays sorted, one graph in
    memory at a time (``kg.store.jsonld``)."""
    write_jsonld_stream(db, out)


def write_rdf(db: ox.Store, fmt: str, out: BinaryIO) -> None:
    """Write a pyoxigraph store as ttl/nt (union of graphs), trig/nquads/jsonld (named graphs), sorted."""
    RDF_FORMATS[fmt](db, out)
