"""The graph in parts: an opening (ontology and entities), one part per document, and a closing
(relation declarations and build settings). Local, incremental and distributed builds all make
the same parts with these functions, so they make the same graph.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.builder.cache import ExtractionCache
from kg.errors import StoreError
from kg.extract.serialise import extraction_from_json
from kg.graph.iri import doc_graph_iri, doc_iri
from kg.graph.namespaces import BASE, KG, SCHEMA_GRAPH, XSD
from kg.graph.ontology import ontology_quads
from kg.graph.quads import (
    concept_quads,
    document_quads,
    entity_quads,
    identifier_quads,
    relation_quads,
    relations_of,
)
from kg.model import Entity, Extraction
from kg.resolve.entities import Resolution

__all__ = [
    "BUILD",
    "BUILD_HASH",
    "CONTENT_HASH",
    "PARTITION_SIZE",
    "QuadTally",
    "ResolutionSlices",
    "build_hash",
    "closing_quads",
    "document_part_quads",
    "min_confidence_quad",
    "opening_quads",
    "partition_jobs",
    "partition_quads",
]

CONTENT_HASH = KG + "contentHash"
BUILD_HASH = KG + "buildHash"
SENTENCE_COUNT = KG + "sentenceCount"
BUILD = BASE + "build"  # the node that records how the graph was built
PARTITION_SIZE = 50  # documents per task, when other processes make the documents' quads


@dataclass
class QuadTally:
    """What the quads of some documents hold, for the summary and the relation declarations."""

    documents: int = 0
    sentences: int = 0
    facts: int = 0
    relations: set[str] = field(default_factory=set)

    def add(self, other: QuadTally) -> None:
        self.documents += other.documents
        self.sentences += other.sentences
        self.facts += other.facts
        self.relations |= other.relations


def build_hash(doc_id: str, key: str, resolution: Resolution, min_confidence: float) -> str:
    """A hash of everything a document's quads are made from: its content hash, the confidence
    cut, and the id, label and IRI of the entity each of its mentions resolved to."""
    entities = resolution.entities
    resolved = sorted(
        (
            mention,
            entity,
            entities[entity].label if entity in entities else "",
            (entities[entity].iri or "") if entity in entities else "",
        )
        for (_, mention), entity in resolution.document_mentions(doc_id).items()
    )
    payload = json.dumps([key, repr(float(min_confidence)), resolved], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def opening_quads(resolution: Resolution) -> Iterator[ox.Quad]:
    """The quads before the documents': the ontology, every entity and concept, and the
    identifier registry."""
    entities = resolution.entities
    yield from ontology_quads()
    yield from entity_quads((entities[k] for k in sorted(entities)), entities)
    yield from concept_quads(resolution.concepts[k] for k in sorted(resolution.concepts))
    yield from identifier_quads(resolution.identifiers[k] for k in sorted(resolution.identifiers))


def document_part_quads(
    doc_id: str, key: str, extraction: Extraction, resolution: Resolution, min_confidence: float, tally: QuadTally
) -> Iterator[ox.Quad]:
    """One document's quads (its node, its facts at or above ``min_confidence``, its sentence
    count, content hash and build hash), counted in ``tally``. ``resolution`` needs only this
    document's ``mention_entity`` entries and the entities they name (their labels)."""
    facts = [f for f in resolution.graph_facts(extraction) if f.confidence >= min_confidence]
    tally.documents += 1
    tally.sentences += len(extraction.sentences)
    tally.facts += len(facts)
    tally.relations |= relations_of(facts)
    yield from document_quads(extraction.document, facts, resolution.entities)
    subject, graph = ox.NamedNode(doc_iri(doc_id)), ox.NamedNode(doc_graph_iri(doc_id))
    count = ox.Literal(str(len(extraction.sentences)), datatype=ox.NamedNode(XSD + "integer"))
    yield ox.Quad(subject, ox.NamedNode(SENTENCE_COUNT), count, graph)
    yield ox.Quad(subject, ox.NamedNode(CONTENT_HASH), ox.Literal(key), graph)
    yield ox.Quad(
        subject, ox.NamedNode(BUILD_HASH), ox.Literal(build_hash(doc_id, key, resolution, min_confidence)), graph
    )


def min_confidence_quad(min_confidence: float) -> ox.Quad:
    """The build setting that says which facts were left out of the graph."""
    return ox.Quad(
        ox.NamedNode(BUILD),
        KG.minConfidence,
        ox.Literal(repr(float(min_confidence)), datatype=ox.NamedNode(XSD + "double")),
        ox.NamedNode(SCHEMA_GRAPH),
    )


def closing_quads(relations: Iterable[str], min_confidence: float) -> Iterator[ox.Quad]:
    """The quads after the documents': the relation properties they use and the build settings."""
    yield from relation_quads(relations)
    yield min_confidence_quad(min_confidence)


def partition_jobs(
    keys: dict[str, str], cache: ExtractionCache, resolution: Resolution, min_confidence: float
) -> Iterator[tuple[list[tuple[str, str, str]], Resolution, float]]:
    """The arguments of ``partition_quads`` for each ``PARTITION_SIZE`` documents in order, made
    as they are asked for: their extractions as stored (JSON text) and their slice of the
    resolution."""
    slices = ResolutionSlices(resolution)
    ordered = list(keys.items())
    for start in range(0, len(ordered), PARTITION_SIZE):
        part = ordered[start : start + PARTITION_SIZE]
        items = [(doc_id, key, cache.json(key)) for doc_id, key in part]
        yield items, slices.of(doc_id for doc_id, _ in part), min_confidence


def partition_quads(
    items: list[tuple[str, str, str]], resolution: Resolution, min_confidence: float
) -> tuple[bytes, QuadTally]:
    """On a worker: the N-Quads of the documents ``(id, content hash, extraction JSON)``, given
    the resolution of their mentions, and what they hold."""
    tally = QuadTally()
    quads = itertools.chain.from_iterable(
        document_part_quads(doc_id, key, _parsed(doc_id, text), resolution, min_confidence, tally)
        for doc_id, key, text in items
    )
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"", tally


class ResolutionSlices:
    """The part of a resolution that some documents' quads need: their mentions' entities."""

    def __init__(self, resolution: Resolution):
        self.resolution = resolution
        self.entities = resolution.entities

    def of(self, doc_ids: Iterable[str]) -> Resolution:
        mention_entity: dict[tuple[str, int], str] = {}
        for doc_id in doc_ids:
            mention_entity.update(self.resolution.document_mentions(doc_id))
        # A document's quads read only an entity's label (for its IRI): aliases and document
        # lists, which grow with the corpus, stay on the driver.
        entities = {
            e: Entity(id=e, label=self.entities[e].label, type=self.entities[e].type, iri=self.entities[e].iri)
            for e in sorted(set(mention_entity.values()))
            if e in self.entities
        }
        return Resolution(entities, mention_entity)


def _parsed(doc_id: str, text: str) -> Extraction:
    """A cached extraction's JSON as read on a worker; damaged, it is one line naming the document."""
    try:
        return extraction_from_json(text)
    except (ValueError, KeyError, TypeError):
        raise StoreError(
            f"document {doc_id!r}: its cached extraction is missing or damaged; build it again from its source",
            code="KG306",
        ) from None
