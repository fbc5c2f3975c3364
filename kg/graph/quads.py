"""Map kg records (Document, Entity, GraphFact) to RDF quads (pyoxigraph terms), no blank nodes."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime

import pyoxigraph as ox

from kg.graph.iri import (
    concept_iri,
    doc_graph_iri,
    doc_iri,
    entity_iri,
    fact_iri,
    relation_iri,
    relation_label,
    sentence_iri,
)
from kg.graph.namespaces import (
    CONCEPTS_GRAPH,
    DCTERMS,
    ENTITIES_GRAPH,
    IDENTIFIERS_GRAPH,
    KG,
    OWL,
    RDF,
    RDFS,
    SCHEMA,
    SCHEMA_GRAPH,
    SKOS,
    XSD,
    node,
)
from kg.graph.ontology import ontology_quads
from kg.graph.structure import link_relations, structure_quads
from kg.graph.taxonomy import class_quads
from kg.ingest.clean import replace_unsafe
from kg.model import ENTITY_TYPES, Concept, Document, Entity, GraphFact, Node, TimeSpan
from kg.resolve.identifiers import IdentifierRecord

__all__ = [
    "QUALIFIERS",
    "build_quads",
    "concept_quads",
    "document_quads",
    "entity_quads",
    "identifier_quads",
    "literal",
    "relation_quads",
    "relations_of",
]

_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?")
_CLASSES = frozenset(ENTITY_TYPES.values())
#: Qualifier kinds of kg.extract.relations, each a datatype property of the fact node.
QUALIFIERS = frozenset({"aspect", "modality"})

A = node(RDF + "type")
INTEGER = node(XSD + "integer")
BOOLEAN = node(XSD + "boolean")
DECIMAL = node(XSD + "decimal")
TRUE = ox.Literal("true", datatype=BOOLEAN)
FALSE = ox.Literal("false", datatype=BOOLEAN)


def literal(text: str, datatype: ox.NamedNode | None = None) -> ox.Literal:
    """A cleaned string literal (or typed literal when ``datatype`` is given)."""
    return ox.Literal(replace_unsafe(text), datatype=datatype) if datatype else ox.Literal(replace_unsafe(text))


def _int(value: int) -> ox.Literal:
    return ox.Literal(str(int(value)), datatype=INTEGER)


def _decimal(value: float) -> ox.Literal:
    number = float(value) if math.isfinite(value) else 0.0
    return ox.Literal(f"{number:.3f}", datatype=DECIMAL)


def _date(value: str) -> ox.Literal:
    """xsd:date or xsd:dateTime when the value is a valid ISO 8601 form, else a plain string."""
    text = value.strip()
    try:
        if len(text) == 10 and date.fromisoformat(text):
            return ox.Literal(text, datatype=node(XSD + "date"))
        if _DATETIME.fullmatch(text) and datetime.fromisoformat(text.replace("Z", "+00:00")):
            return ox.Literal(text, datatype=node(XSD + "dateTime"))
    except ValueError:
        pass
    return literal(value)


def _entity_term(entity_id: str, entities: dict[str, Entity]) -> ox.NamedNode:
    """An entity's IRI: the one its store's registry gave it, else minted from its label."""
    found = entities.get(entity_id)
    if found is not None and found.iri:
        return ox.NamedNode(found.iri)
    return ox.NamedNode(entity_iri(found.label if found else entity_id, entity_id))


def _term(end: Node, entities: dict[str, Entity]) -> ox.NamedNode | ox.Literal:
    if end.entity is not None:
        return _entity_term(end.entity, entities)
    if end.concept is not None:
        return ox.NamedNode(concept_iri(end.concept))
    return literal(end.literal or "")


def _text_of(end: Node, entities: dict[str, Entity]) -> str:
    if end.entity is not None:
        found = entities.get(end.entity)
        return found.label if found else end.entity
    if end.concept is not None:
        return end.concept
    return end.literal or ""


def _identity(end: Node, term: ox.NamedNode | ox.Literal) -> str:
    """What tells one end from another in a fact's key: its term, and for a concept the words
    as written too (two phrases of one sentence may share a concept)."""
    return f"{term}\x1e{end.literal}" if end.concept is not None else str(term)


def _document_node_quads(doc: Document, subject: ox.NamedNode, graph: ox.NamedNode) -> Iterator[ox.Quad]:
    yield ox.Quad(subject, A, KG.Document, graph)
    yield ox.Quad(subject, node(DCTERMS + "identifier"), literal(doc.id), graph)
    if doc.title:
        yield ox.Quad(subject, node(DCTERMS + "title"), literal(doc.title), graph)
    if doc.date:
        yield ox.Quad(subject, node(DCTERMS + "date"), _date(doc.date), graph)
    if doc.source:
        yield ox.Quad(subject, node(DCTERMS + "source"), literal(doc.source), graph)
    if doc.author:
        yield ox.Quad(subject, node(DCTERMS + "creator"), literal(doc.author), graph)
    if doc.url:
        yield ox.Quad(subject, node(SCHEMA + "url"), literal(doc.url, node(XSD + "anyURI")), graph)
    yield ox.Quad(subject, KG.text, literal(doc.text), graph)


def _extra_quads(
    fact: ox.NamedNode, extras: Iterable[tuple[str, Node]], entities: dict[str, Entity], graph: ox.NamedNode
) -> Iterator[ox.Quad]:
    for role, end in extras:
        if role in ("time", "place"):
            yield ox.Quad(fact, KG[role], _term(end, entities), graph)
            continue
        yield ox.Quad(fact, KG.extra, literal(f"{role}: {_text_of(end, entities)}"), graph)
        if end.entity is not None:
            yield ox.Quad(fact, KG.extraEntity, _term(end, entities), graph)


def _sentence_quads(fact: GraphFact, doc: ox.NamedNode, graph: ox.NamedNode, seen: set[str]) -> Iterator[ox.Quad]:
    """The node of the fact's sentence, once per document (``seen`` holds the IRIs made): its
    document, index, offsets in the document text and its text, which every fact of the sentence
    would otherwise repeat."""
    s = sentence_iri(fact.document, fact.sentence)
    if s in seen:
        return
    seen.add(s)
    sentence = ox.NamedNode(s)
    yield ox.Quad(sentence, A, KG.Sentence, graph)
    yield ox.Quad(sentence, KG.document, doc, graph)
    yield ox.Quad(sentence, KG.sentenceIndex, _int(fact.sentence), graph)
    yield ox.Quad(sentence, KG.start, _int(fact.start), graph)
    yield ox.Quad(sentence, KG.end, _int(fact.end), graph)
    yield ox.Quad(sentence, KG.text, literal(fact.sentence_text), graph)


def _fact_quads(
    fact: GraphFact, entities: dict[str, Entity], doc: ox.NamedNode, graph: ox.NamedNode, seen: set[str]
) -> Iterator[ox.Quad]:
    subject, obj = _term(fact.subject, entities), _term(fact.object, entities)
    predicate = ox.NamedNode(relation_iri(fact.relation, fact.negated))
    label = relation_label(fact.relation, fact.negated)
    text = f"{_text_of(fact.subject, entities)[:60]} {label} {_text_of(fact.object, entities)[:60]}"
    first, second = _identity(fact.subject, subject), _identity(fact.object, obj)
    second += f"\x1e{fact.title}" if fact.title else ""
    key = fact_iri(fact.document, fact.sentence, fact.relation, first, second, fact.negated, text=text)
    if key in seen:
        return
    seen.add(key)
    if isinstance(subject, ox.NamedNode) and not fact.object.absent:
        yield ox.Quad(subject, predicate, obj, graph)
    f = ox.NamedNode(key)
    yield ox.Quad(f, A, KG.Fact, graph)
    yield ox.Quad(f, node(RDF + "subject"), subject, graph)
    yield ox.Quad(f, node(RDF + "predicate"), predicate, graph)
    if not fact.object.absent:  # an event ("Blair resigned") has no object
        yield ox.Quad(f, node(RDF + "object"), obj, graph)
    yield from _sentence_quads(fact, doc, graph, seen)
    yield ox.Quad(f, KG.sentence, ox.NamedNode(sentence_iri(fact.document, fact.sentence)), graph)
    yield ox.Quad(f, KG.negated, TRUE if fact.negated else FALSE, graph)
    yield ox.Quad(f, KG.confidence, _decimal(fact.confidence), graph)
    yield ox.Quad(f, KG.kind, literal(fact.kind), graph)
    if fact.inferred:
        yield ox.Quad(f, KG.inferred, TRUE, graph)
    if fact.attributed_to is not None:
        yield ox.Quad(f, KG.attributedTo, _term(fact.attributed_to, entities), graph)
    if fact.surface:
        yield ox.Quad(f, KG.surface, literal(fact.surface), graph)
    for kind, value in fact.qualifiers:
        if kind in QUALIFIERS:
            yield ox.Quad(f, KG[kind], literal(value), graph)
    if fact.time is not None:
        yield from _time_quads(f, fact.time, graph)
    yield from _extra_quads(f, fact.extras, entities, graph)
    yield from structure_quads(
        f, fact, subject, lambda end: _term(end, entities), lambda end: _text_of(end, entities), literal, graph
    )


def _time_quads(fact: ox.NamedNode, time: TimeSpan, graph: ox.NamedNode) -> Iterator[ox.Quad]:
    """The days a fact's time expression names: kg:startDate, kg:endDate, and kg:date for one day."""
    xsd_date = node(XSD + "date")
    if time.start:
        yield ox.Quad(fact, KG.startDate, ox.Literal(time.start, datatype=xsd_date), graph)
    if time.end:
        yield ox.Quad(fact, KG.endDate, ox.Literal(time.end, datatype=xsd_date), graph)
    if time.start and time.start == time.end:
        yield ox.Quad(fact, KG.date, ox.Literal(time.start, datatype=xsd_date), graph)


def document_quads(doc: Document, facts: Iterable[GraphFact], entities: dict[str, Entity]) -> Iterator[ox.Quad]:
    """The document node and its facts (direct triples + fact nodes) in graph ``graph/<doc>``."""
    graph = ox.NamedNode(doc_graph_iri(doc.id))
    subject = ox.NamedNode(doc_iri(doc.id))
    yield from _document_node_quads(doc, subject, graph)
    seen: set[str] = set()
    for fact in facts:
        yield from _fact_quads(fact, entities, subject, graph, seen)


def identifier_quads(records: Iterable[IdentifierRecord]) -> Iterator[ox.Quad]:
    """The identifier registry in ``graph/identifiers``: each IRI with the name keys it stands
    for (``kg:nameKey``), and a retired IRI with what replaced it (``dcterms:isReplacedBy``,
    ``owl:sameAs``)."""
    graph = node(IDENTIFIERS_GRAPH)
    for record in records:
        subject = ox.NamedNode(record.iri)
        for key in sorted(record.keys):
            yield ox.Quad(subject, KG.nameKey, literal(key), graph)
        if record.replaced_by:
            yield ox.Quad(subject, node(DCTERMS + "isReplacedBy"), ox.NamedNode(record.replaced_by), graph)
            yield ox.Quad(subject, node(OWL + "sameAs"), ox.NamedNode(record.replaced_by), graph)


def entity_quads(entities: Iterable[Entity], known: Mapping[str, Entity] | None = None) -> Iterator[ox.Quad]:
    """Entities with types, labels, aliases, mention counts and documents, in ``graph/entities``;
    a demonym's ``kg:demonymOf`` its country when ``known`` (all entities, by id) holds it."""
    graph = node(ENTITIES_GRAPH)
    for entity in entities:
        country = known.get(entity.demonym_of) if known is not None and entity.demonym_of else None
        subject = _entity_term(entity.id, {entity.id: entity})
        yield ox.Quad(subject, A, KG.Entity, graph)
        if entity.type in _CLASSES:
            yield ox.Quad(subject, A, KG[entity.type], graph)
        yield ox.Quad(subject, node(RDFS + "label"), literal(entity.label), graph)
        yield ox.Quad(subject, node(SKOS + "prefLabel"), literal(entity.label), graph)
        for alias in entity.aliases:
            yield ox.Quad(subject, node(SKOS + "altLabel"), literal(alias), graph)
        yield ox.Quad(subject, KG.mentions, _int(entity.mentions), graph)
        for doc_id in entity.documents:
            yield ox.Quad(subject, KG.mentionedIn, ox.NamedNode(doc_iri(doc_id)), graph)
        if country is not None:
            yield ox.Quad(subject, KG.demonymOf, _entity_term(country.id, {country.id: country}), graph)


def concept_quads(concepts: Iterable[Concept]) -> Iterator[ox.Quad]:
    """Concepts with their label, surface forms, broader concept, mentions and documents, in
    ``graph/concepts``."""
    graph = node(CONCEPTS_GRAPH)
    for concept in concepts:
        subject = ox.NamedNode(concept_iri(concept.key))
        yield ox.Quad(subject, A, KG.Concept, graph)
        yield ox.Quad(subject, node(RDFS + "label"), literal(concept.label), graph)
        yield ox.Quad(subject, node(SKOS + "prefLabel"), literal(concept.label), graph)
        yield ox.Quad(subject, KG.key, literal(concept.key), graph)
        for alias in concept.aliases:
            yield ox.Quad(subject, node(SKOS + "altLabel"), literal(alias), graph)
        if concept.broader:
            yield ox.Quad(subject, node(SKOS + "broader"), ox.NamedNode(concept_iri(concept.broader)), graph)
        count = ox.Literal(str(concept.mentions), datatype=node(XSD + "integer"))
        yield ox.Quad(subject, KG.mentions, count, graph)
        for doc_id in concept.documents:
            yield ox.Quad(subject, KG.mentionedIn, ox.NamedNode(doc_iri(doc_id)), graph)


def relations_of(facts: Iterable[GraphFact]) -> set[str]:
    """The relation property labels the facts and their links use ("say", "not say",
    "terminate support for" ...)."""
    labels: set[str] = set()
    for f in facts:
        labels.add(relation_label(f.relation, f.negated))
        labels |= link_relations(f)
    return labels


def relation_quads(relations: Iterable[str]) -> Iterator[ox.Quad]:
    """Each relation property (by label, "not say" for negated) typed kg:Relation, with its place
    in the relation taxonomy (kg.graph.taxonomy), in ``graph/schema``."""
    graph = node(SCHEMA_GRAPH)
    for label in sorted(set(relations)):
        prop = ox.NamedNode(relation_iri(label))
        yield ox.Quad(prop, A, KG.Relation, graph)
        yield ox.Quad(prop, A, node(RDF + "Property"), graph)
        yield ox.Quad(prop, node(RDFS + "label"), literal(label), graph)
        yield from class_quads(label, prop, graph)


def build_quads(
    documents: Iterable[Document], facts: Iterable[GraphFact], entities: dict[str, Entity]
) -> Iterator[ox.Quad]:
    """Every quad of a graph: ontology, relations, entities, then each document with its facts."""
    by_doc: dict[str, list[GraphFact]] = {}
    for fact in facts:
        by_doc.setdefault(fact.document, []).append(fact)
    yield from ontology_quads()
    yield from relation_quads(relations_of(f for fs in by_doc.values() for f in fs))
    yield from entity_quads((entities[k] for k in sorted(entities)), entities)
    for doc in documents:
        yield from document_quads(doc, by_doc.get(doc.id, []), entities)
