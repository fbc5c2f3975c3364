"""The store's identifier registry (``graph/identifiers``, see ``kg.resolve.identifiers``):
read before each build, so entities keep their IRIs, and patched or rewritten with the graph."""

from __future__ import annotations

import pyoxigraph as ox

from kg.graph.namespaces import DCTERMS, IDENTIFIERS_GRAPH, KG
from kg.graph.quads import identifier_quads
from kg.resolve.entities import Resolution
from kg.resolve.identifiers import IdentifierRecord
from kg.store.store import GraphPatch, Store

__all__ = ["patch_identifiers", "stored_registry"]

_NAME_KEY = ox.NamedNode(KG + "nameKey")
_REPLACED_BY = ox.NamedNode(DCTERMS + "isReplacedBy")


def stored_registry(store: Store) -> dict[str, IdentifierRecord]:
    """The registry a store holds (empty for a new store, or one built before registries)."""
    if store.data_dir is None:
        return {}
    graph = ox.NamedNode(IDENTIFIERS_GRAPH)
    records: dict[str, IdentifierRecord] = {}
    for quad in store.db.quads_for_pattern(None, _NAME_KEY, None, graph):
        if isinstance(quad.subject, ox.NamedNode) and isinstance(quad.object, ox.Literal):
            records.setdefault(quad.subject.value, IdentifierRecord(quad.subject.value)).keys.add(quad.object.value)
    for quad in store.db.quads_for_pattern(None, _REPLACED_BY, None, graph):
        if isinstance(quad.subject, ox.NamedNode) and isinstance(quad.object, ox.NamedNode):
            records.setdefault(quad.subject.value, IdentifierRecord(quad.subject.value)).replaced_by = quad.object.value
    return records


def patch_identifiers(store: Store, resolution: Resolution, patch: GraphPatch) -> None:
    """Swap the registry's quads that changed."""
    graph = ox.NamedNode(IDENTIFIERS_GRAPH)
    old = set(store.db.quads_for_pattern(None, None, None, graph))
    new = set(identifier_quads(resolution.identifiers[k] for k in sorted(resolution.identifiers)))
    patch.remove.extend(sorted(old - new, key=str))
    patch.add = [*patch.add, *sorted(new - old, key=str)]
