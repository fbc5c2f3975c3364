"""Namespaces of the kg graph: IRI prefixes as strings, and a NamedNode helper."""

from __future__ import annotations

from functools import lru_cache

import pyoxigraph as ox

__all__ = [
    "BASE",
    "DCTERMS",
    "DOC_NS",
    "ENTITIES_GRAPH",
    "ENTITY_NS",
    "FACT_NS",
    "GRAPH_NS",
    "IMPORT_GRAPH_NS",
    "KG",
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
    "node",
]

BASE = "https://w3id.org/kg-news/"
KG = BASE + "ontology#"
ENTITY_NS = BASE + "entity/"
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
    "kg": KG,
    "ent": ENTITY_NS,
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
ONTOLOGY_GRAPH = GRAPH_NS + "ontology"
SCHEMA_GRAPH = GRAPH_NS + "schema"
IMPORT_GRAPH_NS = GRAPH_NS + "import/"  # graphs `kg import` writes (builds keep them)


@lru_cache(maxsize=4096)
def node(value: str) -> ox.NamedNode:
    """A pyoxigraph NamedNode for a full IRI (cached: the vocabulary is small)."""
    return ox.NamedNode(value)
