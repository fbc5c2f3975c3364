"""SHACL validation of a store against ``ontology/shapes.ttl`` with pySHACL (``kg validate``).

How it stays fast on a big graph: the data graph handed to pySHACL holds only the triples the
shapes can look at (``rdf:type`` and the predicates some ``sh:path`` names; an unconstrained
triple cannot change a result, as no shape is ``sh:closed``), taken straight from the store's
union of graphs, and validation runs with inference off (the shapes target the classes kg writes,
not inferred ones). The union, not one named graph at a time: a fact's ``rdf:predicate`` is typed
``kg:Relation`` in ``graph/schema`` and an entity's documents live in their own graphs, so a graph
alone would fail ``sh:class`` checks it passes as a whole.
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from kg.graph.namespaces import RDF
from kg.graph.ontology import ontology_dir

if TYPE_CHECKING:
    from kg.store.store import Store

__all__ = ["SHAPES_FILE", "ValidationReport", "Violation", "shapes_graph", "validate_store"]

SHAPES_FILE = "shapes.ttl"
SH = "http://www.w3.org/ns/shacl#"


@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL result: the node, the property path, pySHACL's message and the offending value."""

    focus: str
    path: str
    message: str
    value: str = ""
    severity: str = "Violation"

    def line(self) -> str:
        """The violation on one tab-separated line (focus, path, value, message)."""
        return "\t".join((self.focus, self.path, self.value, " ".join(self.message.split())))


@dataclass
class ValidationReport:
    """The violations of a store, with what was checked and how long it took."""

    violations: list[Violation] = field(default_factory=list)
    triples: int = 0
    seconds: float = 0.0

    @property
    def conforms(self) -> bool:
        return not self.violations


@functools.lru_cache(maxsize=1)
def shapes_graph() -> Any:
    """ontology/shapes.ttl as an rdflib Graph (parsed once)."""
    import rdflib

    return rdflib.Graph().parse(ontology_dir() / SHAPES_FILE, format="turtle")


def constrained_predicates(shapes: Any) -> set[str]:
    """``rdf:type`` and every predicate IRI a shape's ``sh:path`` names."""
    from rdflib import URIRef

    paths = {str(o) for o in shapes.objects(None, URIRef(SH + "path")) if isinstance(o, URIRef)}
    return paths | {RDF + "type"}


def data_graph(store: Store, predicates: set[str]) -> Any:
    """The union of the store's graphs as an rdflib Graph, only the triples with ``predicates``."""
    import rdflib

    from kg.store.writing import rdflib_term

    graph = rdflib.Graph()
    for iri in sorted(predicates):
        predicate = rdflib.URIRef(iri)
        for quad in store.db.quads_for_pattern(None, ox.NamedNode(iri), None, None):
            graph.add((rdflib_term(quad.subject), predicate, rdflib_term(quad.object)))
    return graph


def validate_store(store: Store) -> ValidationReport:
    """Validate the store's graph against ontology/shapes.ttl (pySHACL, no inference)."""
    import pyshacl

    started = time.perf_counter()
    shapes = shapes_graph()
    data = data_graph(store, constrained_predicates(shapes))
    _, results, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=False, js=False)
    return ValidationReport(sorted(_violations(results)), len(data), time.perf_counter() - started)


def _violations(results: Any) -> list[Violation]:
    from rdflib import RDF as RDF_NS
    from rdflib import URIRef

    def one(node: Any, name: str) -> str:
        value = results.value(node, URIRef(SH + name))
        return "" if value is None else str(value)

    found = []
    for node in results.subjects(RDF_NS.type, URIRef(SH + "ValidationResult")):
        severity = one(node, "resultSeverity").removeprefix(SH)
        found.append(Violation(one(node, "focusNode"), one(node, "resultPath"), one(node, "resultMessage"),
                               one(node, "value"), severity))  # fmt: skip
    return found
