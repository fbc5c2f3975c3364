"""Namespaces of the kg graph: IRI prefixes as strings, the ``kg:`` vocabulary as a closed
namespace (``KG.Fact`` is a NamedNode; an undeclared term is an AttributeError), and a NamedNode helper.

``KG`` works like rdflib's ``DefinedNamespace``: its terms are the annotations of the class, each
declared in ``ontology/kg.ttl`` too (tests/graph/test_namespaces.py checks that the two lists are
the same, and that every ``kg:`` term a query or shape uses is declared). Adding a term is one
line here and its declaration in kg.ttl."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import TYPE_CHECKING, ClassVar

import pyoxigraph as ox

__all__ = [
    "BASE",
    "CONCEPTS_GRAPH",
    "CONCEPT_NS",
    "DCTERMS",
    "DOC_NS",
    "ENTITIES_GRAPH",
    "ENTITY_NS",
    "FACT_NS",
    "GRAPH_NS",
    "IDENTIFIERS_GRAPH",
    "IMPORT_GRAPH_NS",
    "KG",
    "KG_NS",
    "ONTOLOGY_GRAPH",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "REL_NS",
    "SCHEMA",
    "SCHEMA_GRAPH",
    "SKOS",
    "XSD",
    "DefinedNamespace",
    "node",
]

BASE = "https://w3id.org/kg-news/"
KG_NS = BASE + "ontology#"
ENTITY_NS = BASE + "entity/"
CONCEPT_NS = BASE + "concept/"
REL_NS = BASE + "rel/"
FACT_NS = BASE + "fact/"
DOC_NS = BASE + "doc/"
GRAPH_NS = BASE + "graph/"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
SCHEMA = "https://schema.org/"
DCTERMS = "http://purl.org/dc/terms/"

#: Prefixes for Turtle/TriG output and for SPARQL queries that do not declare them.
PREFIXES: dict[str, str] = {
    "kg": KG_NS,
    "ent": ENTITY_NS,
    "concept": CONCEPT_NS,
    "rel": REL_NS,
    "fact": FACT_NS,
    "doc": DOC_NS,
    "graph": GRAPH_NS,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "prov": PROV,
    "schema": SCHEMA,
    "dcterms": DCTERMS,
}

ENTITIES_GRAPH = GRAPH_NS + "entities"
CONCEPTS_GRAPH = GRAPH_NS + "concepts"
IDENTIFIERS_GRAPH = GRAPH_NS + "identifiers"  # the entity IRIs a store has minted, and retired
ONTOLOGY_GRAPH = GRAPH_NS + "ontology"
SCHEMA_GRAPH = GRAPH_NS + "schema"
IMPORT_GRAPH_NS = GRAPH_NS + "import/"  # graphs `kg import` writes (builds keep them)


@lru_cache(maxsize=4096)
def node(value: str) -> ox.NamedNode:
    """A pyoxigraph NamedNode for a full IRI (cached: the vocabulary is small)."""
    return ox.NamedNode(value)


@cache
def _declared(namespace: type) -> tuple[str, ...]:
    """A defined namespace's declared local names (read once: ``KG[kind]`` asks on every quad)."""
    return tuple(name for name in inspect.get_annotations(namespace) if not name.startswith("_"))


class _Closed(type):
    """The metaclass of a defined namespace: attribute and item access give a declared term's
    NamedNode, ``NS + "name"`` its IRI; anything undeclared is refused."""

    _NS: str

    def terms(cls) -> tuple[str, ...]:
        """The declared local names, in declaration order."""
        return _declared(cls)

    def iri(cls, name: str) -> str:
        """The full IRI of the declared term ``name`` (AttributeError if it is not declared)."""
        if name.startswith("_") or name not in _declared(cls):
            raise AttributeError(f"{cls._NS}{name} is not a term of {cls.__name__}: declare it in kg.graph.namespaces")
        return cls._NS + name

    if not TYPE_CHECKING:  # mypy checks ``KG.name`` against the annotations; this, at run time

        def __getattr__(cls, name: str) -> ox.NamedNode:
            if name.startswith("__"):
                raise AttributeError(name)
            return cls[name]

    def __getitem__(cls, name: str) -> ox.NamedNode:
        term = cls.__dict__.get(name)
        if isinstance(term, ox.NamedNode):
            return term
        term = node(cls.iri(name))
        type.__setattr__(cls, name, term)  # found once: later lookups are plain attributes
        return term

    def __add__(cls, name: str) -> str:
        return cls.iri(name)

    def __contains__(cls, name: object) -> bool:
        return isinstance(name, str) and name in cls.terms()

    def __iter__(cls) -> Iterator[ox.NamedNode]:
        return (node(cls._NS + name) for name in cls.terms())

    def __str__(cls) -> str:
        return cls._NS


class DefinedNamespace(metaclass=_Closed):
    """A closed vocabulary: subclass it with ``_NS`` and one annotation a term."""

    _NS: ClassVar[str] = ""


class KG(DefinedNamespace):
    """The ``kg:`` vocabulary (ontology/kg.ttl), in its order: classes, then properties."""

    _NS = KG_NS

    Entity: ox.NamedNode
    Person: ox.NamedNode
    Organization: ox.NamedNode
    Place: ox.NamedNode
    Location: ox.NamedNode
    Facility: ox.NamedNode
    Group: ox.NamedNode
    Event: ox.NamedNode
    Product: ox.NamedNode
    Work: ox.NamedNode
    Law: ox.NamedNode
    Language: ox.NamedNode
    Date: ox.NamedNode
    Time: ox.NamedNode
    Money: ox.NamedNode
    Quantity: ox.NamedNode
    Fact: ox.NamedNode
    Document: ox.NamedNode
    Concept: ox.NamedNode
    Link: ox.NamedNode
    Sentence: ox.NamedNode
    Relation: ox.NamedNode
    negated: ox.NamedNode
    attributedTo: ox.NamedNode
    confidence: ox.NamedNode
    sentence: ox.NamedNode
    sentenceIndex: ox.NamedNode
    start: ox.NamedNode
    end: ox.NamedNode
    document: ox.NamedNode
    kind: ox.NamedNode
    time: ox.NamedNode
    place: ox.NamedNode
    extra: ox.NamedNode
    extraEntity: ox.NamedNode
    mentions: ox.NamedNode
    mentionedIn: ox.NamedNode
    demonymOf: ox.NamedNode
    text: ox.NamedNode
    contentHash: ox.NamedNode
    minConfidence: ox.NamedNode
    sentenceCount: ox.NamedNode
    buildHash: ox.NamedNode
    surface: ox.NamedNode
    aspect: ox.NamedNode
    modality: ox.NamedNode
    startDate: ox.NamedNode
    endDate: ox.NamedNode
    date: ox.NamedNode
    inferred: ox.NamedNode
    RelationClass: ox.NamedNode
    Quadrant: ox.NamedNode
    RelationGroup: ox.NamedNode
    verb: ox.NamedNode
    cameo: ox.NamedNode
    negationOf: ox.NamedNode
    names: ox.NamedNode
    addressee: ox.NamedNode
    title: ox.NamedNode
    subjectText: ox.NamedNode
    objectText: ox.NamedNode
    link: ox.NamedNode
    linkKind: ox.NamedNode
    source: ox.NamedNode
    relation: ox.NamedNode
    target: ox.NamedNode
    key: ox.NamedNode
    nameKey: ox.NamedNode
