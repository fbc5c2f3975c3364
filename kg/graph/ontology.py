"""The ontology kg ships (``ontology/kg.ttl``): where it is, and its quads."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from kg.graph.namespaces import ONTOLOGY_GRAPH, node

__all__ = ["ONTOLOGY_FILES", "ontology_dir", "ontology_quads"]

#: The files of the ontology graph: the vocabulary, and the relation taxonomy.
ONTOLOGY_FILES = ("kg.ttl", "relations.ttl")


def ontology_dir() -> Path:
    """``ontology/`` beside the package in a source checkout, else ``kg/ontology`` as installed."""
    package = Path(__file__).resolve().parents[1]
    source = package.parent / "ontology"
    return source if (source / "kg.ttl").is_file() else package / "ontology"


def ontology_quads() -> Iterator[ox.Quad]:
    """The ontology (ONTOLOGY_FILES of ontology/) in graph ``graph/ontology``."""
    graph = node(ONTOLOGY_GRAPH)
    for name in ONTOLOGY_FILES:
        for t in ox.parse(path=ontology_dir() / name, format=ox.RdfFormat.TURTLE):
            yield ox.Quad(t.subject, t.predicate, t.object, graph)
