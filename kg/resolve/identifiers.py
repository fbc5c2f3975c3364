"""Identifiers that last: the IRI of an entity is kept across builds.

A store keeps an identifier registry: every entity IRI it has minted, with the name keys
(``kg.resolve.names.name_key``) of the names it stood for, and for an IRI retired by a merge,
the IRI that replaced it. After each resolution, every entity is matched to the registered
IRI that stood for its names: an entity that gets a new preferred label or more names keeps
its IRI; when two registered entities merge, the IRI that fits the merged entity best stays
and the other is retired, replaced by it; an entity the registry has never seen gets a new
IRI, minted from its label. Matching is one to one, best first:

1. the IRI the entity's label and id would mint today, if registered;
2. a registered IRI whose names include the entity's label;
3. the most names in common;
4. the smaller IRI (so the result never depends on the order of anything).

A registered IRI is a candidate only when it is the one minted today or when most of its names
are the entity's (one alias in common, ``Labour`` in ``Labour MP Louise Ellman``, is not enough).

The registry only grows: an entity whose documents are all removed keeps its record, so the
IRI comes back if they do.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from kg.model import Entity
from kg.resolve.names import name_key

__all__ = ["IdentifierRecord", "assign_identifiers", "entity_keys"]

Mint = Callable[[str, str], str]  # (label, entity id) -> a new IRI


@dataclass
class IdentifierRecord:
    """One IRI a store has minted: the name keys it stood for, and what replaced it."""

    iri: str
    keys: set[str] = field(default_factory=set)
    replaced_by: str | None = None


def entity_keys(entity: Entity) -> set[str]:
    """The name keys of an entity's label and aliases."""
    return {key for key in (name_key(name) for name in [entity.label, *entity.aliases]) if key}


def assign_identifiers(
    entities: dict[str, Entity], registry: dict[str, IdentifierRecord], mint: Mint
) -> dict[str, IdentifierRecord]:
    """Give every entity its IRI (``Entity.iri``, in place) from ``registry`` and return the
    registry after this build: kept IRIs with the names they stand for now added, new IRIs
    registered, merged ones retired (``replaced_by``)."""
    active = {iri: r for iri, r in registry.items() if r.replaced_by is None}
    by_key: dict[str, set[str]] = defaultdict(set)
    for record in active.values():
        for key in record.keys:
            by_key[key].add(record.iri)
    keys = {e: entity_keys(entities[e]) for e in entities}
    chosen = _match(entities, keys, active, by_key, mint)
    updated = {iri: IdentifierRecord(r.iri, set(r.keys), r.replaced_by) for iri, r in registry.items()}
    for entity_id in sorted(entities):
        entity = entities[entity_id]
        iri = chosen.get(entity_id) or _fresh(mint(entity.label, entity_id), entity_id, updated, mint, entity.label)
        entity.iri = iri
        record = updated.setdefault(iri, IdentifierRecord(iri))
        record.keys |= keys[entity_id]
    _retire_merged(entities, keys, active, chosen, updated)
    return dict(sorted(updated.items()))


def _match(entities, keys, active, by_key, mint: Mint) -> dict[str, str]:
    """Entity id -> registered IRI, one to one, best pairs first."""
    pairs = []
    for entity_id, entity in entities.items():
        label = name_key(entity.label)
        minted = mint(entity.label, entity_id)
        own = {minted} if minted in active else set()
        for iri in sorted({iri for key in keys[entity_id] for iri in by_key.get(key, ())} | own):
            common = len(keys[entity_id] & active[iri].keys)
            if iri == minted or _most(common, active[iri].keys):
                pairs.append(((iri == minted, label in active[iri].keys, common), iri, entity_id))
    pairs.sort(key=lambda p: (tuple(-int(x) for x in p[0]), p[1], p[2]))
    chosen: dict[str, str] = {}
    taken: set[str] = set()
    for _, iri, entity_id in pairs:
        if entity_id not in chosen and iri not in taken:
            chosen[entity_id] = iri
            taken.add(iri)
    return chosen


def _most(common: int, keys: set[str]) -> bool:
    """Whether ``common`` names are most of a registered IRI's names (not one alias of many)."""
    return 2 * common > len(keys)


def _fresh(iri: str, entity_id: str, registry: dict[str, IdentifierRecord], mint: Mint, label: str) -> str:
    """A new IRI, never one the registry already holds (a retired or dormant one)."""
    n = 1
    while iri in registry:
        n += 1
        iri = mint(label, f"{entity_id}#{n}")
    return iri


def _retire_merged(entities, keys, active, chosen, updated) -> None:
    """A registered IRI no entity kept, whose names now belong to an entity that kept another
    IRI, was merged into it: it is retired, replaced by that IRI (chains are shortened, so a
    retired IRI always names a live one)."""
    kept = set(chosen.values())
    owner_of: dict[str, list[str]] = defaultdict(list)
    for entity_id in entities:
        for key in keys[entity_id]:
            owner_of[key].append(entity_id)
    for iri in sorted(set(active) - kept):
        counts: dict[str, int] = defaultdict(int)
        for key in active[iri].keys:
            for entity_id in owner_of.get(key, ()):
                counts[entity_id] += 1
        best = min(counts, key=lambda e: (-counts[e], e)) if counts else None
        if best is not None and _most(counts[best], active[iri].keys):
            updated[iri].replaced_by = entities[best].iri
    for record in updated.values():
        seen = {record.iri}
        while record.replaced_by and record.replaced_by in updated and updated[record.replaced_by].replaced_by:
            nxt = updated[record.replaced_by].replaced_by
            if nxt in seen:
                break
            seen.add(nxt)
            record.replaced_by = nxt
