"""Incremental builds: rewrite only what a change touches.

A document's quads depend only on its content, the confidence cut, and the ids and labels of
the entities its mentions resolve to; ``kg.builder.parts.build_hash`` hashes exactly these and the
store keeps it on the document node (``kg:buildHash``). After the corpus is resolved again
(over the cached mentions only), a build compares these hashes and patches a checkpoint of the
store: the new and changed documents' graphs, the entity records that changed, and the
relation declarations. The result is the graph a build from scratch makes, quad for quad.
"""

from __future__ import annotations

from collections.abc import Collection

import pyoxigraph as ox

from kg.builder.cache import ExtractionCache
from kg.builder.identifiers import patch_identifiers
from kg.builder.parts import BUILD_HASH, CONTENT_HASH, QuadTally, build_hash, document_part_quads
from kg.graph.iri import concept_iri, doc_graph_iri, doc_iri, entity_iri, relation_iri
from kg.graph.namespaces import CONCEPTS_GRAPH, ENTITIES_GRAPH, KG, RDF, SCHEMA_GRAPH, SKOS
from kg.graph.quads import concept_quads, entity_quads, relation_quads
from kg.resolve.entities import Resolution
from kg.store.store import GraphPatch, Store

__all__ = ["PATCH_SHARE", "plan_patch", "stored_hashes"]

#: A build that changes more than this share of the documents rewrites the whole store
#: instead (a bulk load of everything is faster than patching most of it).
PATCH_SHARE = 0.2
_RELATION = KG.Relation
_TYPE = ox.NamedNode(RDF + "type")
_PREDICATE = ox.NamedNode(RDF + "predicate")
_MENTIONED_IN = KG.mentionedIn
_BROADER = ox.NamedNode(SKOS + "broader")
_LINK_RELATION = KG.relation


def stored_hashes(store: Store, hash_property: str = CONTENT_HASH) -> dict[str, str]:
    """Document id -> its ``hash_property`` (kg:contentHash or kg:buildHash), for every
    document in the store."""
    if store.data_dir is None:
        return {}
    result = store.query(
        f"SELECT ?id ?hash WHERE {{ ?d a kg:Document ; dcterms:identifier ?id ; <{hash_property}> ?hash }}"
    )
    return {doc_id: value for doc_id, value in result.rows if doc_id is not None and value is not None}


def plan_patch(
    store: Store,
    keys: dict[str, str],
    cache: ExtractionCache,
    resolution: Resolution,
    min_confidence: float,
    tally: QuadTally,
    removed: Collection[str] = (),
) -> GraphPatch | None:
    """The patch that turns the store into the graph of ``keys`` (document id -> content hash,
    extractions cached), or None when more than ``PATCH_SHARE`` of the documents change.
    The graphs of the ``removed`` documents go, and the entities only they named. The new
    documents' quads are counted in ``tally``."""
    stored = stored_hashes(store, BUILD_HASH)
    stale = [
        doc_id
        for doc_id, key in keys.items()
        if stored.get(doc_id) != build_hash(doc_id, key, resolution, min_confidence)
    ]
    if len(stale) > PATCH_SHARE * len(keys):
        return None
    added: list[ox.Quad] = []
    for doc_id in stale:
        key = keys[doc_id]
        added.extend(document_part_quads(doc_id, key, cache.load(key, doc_id), resolution, min_confidence, tally))
    replaced = [doc_id for doc_id in stale if doc_id in stored] + sorted(set(removed) & set(stored))
    dropped = [ox.NamedNode(doc_graph_iri(doc_id)) for doc_id in replaced]
    patch = GraphPatch(drop_graphs=dropped, add=added)
    _patch_entities(store, resolution, replaced, stale, patch)
    _patch_concepts(store, resolution, replaced, stale, patch)
    patch_identifiers(store, resolution, patch)
    _patch_relations(store, set(dropped), tally.relations, patch)
    return patch


def _patch_entities(
    store: Store, resolution: Resolution, replaced: list[str], stale: list[str], patch: GraphPatch
) -> None:
    """Swap the records of the entities the rewritten documents name, before and after: no
    other entity's mentions, names or id can have changed (they would change a build hash)."""
    graph = ox.NamedNode(ENTITIES_GRAPH)
    subjects = set()  # the entities the replaced documents named before
    for doc_id in replaced:
        subjects |= {
            q.subject for q in store.db.quads_for_pattern(None, _MENTIONED_IN, ox.NamedNode(doc_iri(doc_id)), graph)
        }
    named = {entity for doc_id in stale for entity in resolution.document_mentions(doc_id).values()}
    if subjects:  # those that still exist get their new record too (one document fewer, say)
        by_iri = {ox.NamedNode(e.iri or entity_iri(e.label, e.id)): e.id for e in resolution.entities.values()}
        named |= {by_iri[subject] for subject in subjects if isinstance(subject, ox.NamedNode) and subject in by_iri}
    chosen = (resolution.entities[e] for e in sorted(named) if e in resolution.entities)
    new = set(entity_quads(chosen, resolution.entities))
    subjects |= {q.subject for q in new}
    old = {q for subject in subjects for q in store.db.quads_for_pattern(subject, None, None, graph)}
    patch.remove.extend(sorted(old - new, key=str))
    patch.add = [*patch.add, *sorted(new - old, key=str)]


def _patch_concepts(
    store: Store, resolution: Resolution, replaced: list[str], stale: list[str], patch: GraphPatch
) -> None:
    """Swap the records of the concepts the rewritten documents name, before and after, and
    of their broader concepts (a concept's key alone makes its IRI: only its record changes)."""
    graph = ox.NamedNode(CONCEPTS_GRAPH)
    subjects = set()
    for doc_id in replaced:
        subjects |= {
            q.subject for q in store.db.quads_for_pattern(None, _MENTIONED_IN, ox.NamedNode(doc_iri(doc_id)), graph)
        }
    subjects |= {
        q.object
        for s in list(subjects)
        for q in store.db.quads_for_pattern(s, _BROADER, None, graph)
        if isinstance(q.object, ox.NamedNode)
    }  # a broader concept without mentions of its own goes when nothing narrower is left
    concepts = resolution.concepts
    by_iri = {ox.NamedNode(concept_iri(key)): key for key in concepts}
    stale_set = set(stale)
    named = {key for key, c in concepts.items() if stale_set.intersection(c.documents)}
    named |= {by_iri[s] for s in subjects if isinstance(s, ox.NamedNode) and s in by_iri}
    named |= {concepts[key].broader for key in list(named) if concepts[key].broader in concepts}  # type: ignore[misc]
    new = set(concept_quads(concepts[key] for key in sorted(k for k in named if k)))
    subjects |= {q.subject for q in new}
    old = {q for subject in subjects for q in store.db.quads_for_pattern(subject, None, None, graph)}
    patch.remove.extend(sorted(old - new, key=str))
    patch.add = [*patch.add, *sorted(new - old, key=str)]


def _patch_relations(store: Store, dropped: set[ox.NamedNode], new_relations: set[str], patch: GraphPatch) -> None:
    """Declare the relations the new documents use; undeclare those the dropped documents used
    that no other document uses."""
    graph = ox.NamedNode(SCHEMA_GRAPH)
    new = {ox.NamedNode(relation_iri(label)): label for label in new_relations}
    old = {
        q.object
        for g in dropped
        for uses in (_PREDICATE, _LINK_RELATION)
        for q in store.db.quads_for_pattern(None, uses, None, g)
        if isinstance(q.object, ox.NamedNode)
    }
    for relation in sorted(old - set(new), key=str):
        used = (q for uses in (_PREDICATE, _LINK_RELATION) for q in store.db.quads_for_pattern(None, uses, relation))
        if not any(q.graph_name not in dropped for q in used):
            patch.remove.extend(store.db.quads_for_pattern(relation, None, None, graph))
    fresh = [
        label
        for relation, label in new.items()
        if not any(store.db.quads_for_pattern(relation, _TYPE, _RELATION, graph))
    ]
    patch.add = [*patch.add, *relation_quads(fresh)]
