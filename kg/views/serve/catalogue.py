"""What the explorer looks up on every page, read from the store once per build: entity names
for the search box, the counts, the most central entities, the latest documents and the
relation taxonomy.

A ``Snapshot`` belongs to one data directory of the store; when a rebuild switches the store's
``current`` link, the next request reads a new snapshot (one at a time) while the requests in
flight finish on the old one. Everything is read through the server's query workers, like any
query.
"""

from __future__ import annotations

import asyncio
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.graph.iri import local_name
from kg.store.store import Store
from kg.views.nodes import normalise_name

if TYPE_CHECKING:
    from kg.views.serve.sparql import QueryEngine

__all__ = ["Catalogue", "DocumentSummary", "EntitySummary", "Match", "Snapshot"]

#: Rows read for the name index at most: far more names than any store of news has.
MAX_NAMES = 2_000_000
_WORD = re.compile(r"\w+")

_ENTITIES = """
SELECT ?e ?label ?class ?mentions WHERE {
  ?e a kg:Entity .
  OPTIONAL { ?e rdfs:label ?label }
  OPTIONAL { ?e kg:mentions ?mentions }
  OPTIONAL { ?e a ?class FILTER(?class != kg:Entity && STRSTARTS(STR(?class), STR(kg:))) }
}"""
_ALIASES = "SELECT ?e ?alias WHERE { ?e skos:altLabel ?alias }"  # of entities and concepts
_CONCEPTS = """
SELECT ?c ?label ?mentions WHERE {
  ?c a kg:Concept OPTIONAL { ?c rdfs:label ?label } OPTIONAL { ?c kg:mentions ?mentions }
}"""
_COUNTS = """
SELECT ?entities ?facts ?documents ?relations WHERE {
  { SELECT (COUNT(DISTINCT ?e) AS ?entities) WHERE { ?e a kg:Entity } }
  { SELECT (COUNT(DISTINCT ?f) AS ?facts) WHERE { ?f a kg:Fact } }
  { SELECT (COUNT(DISTINCT ?d) AS ?documents) WHERE { ?d a kg:Document } }
  { SELECT (COUNT(DISTINCT ?r) AS ?relations) WHERE { ?r a kg:Relation } }
}"""
_GRAPHS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
_LATEST = """
SELECT ?d ?id ?title ?date ?source WHERE {
  ?d a kg:Document .
  OPTIONAL { ?d dcterms:identifier ?id }
  OPTIONAL { ?d dcterms:title ?title }
  OPTIONAL { ?d dcterms:date ?date }
  OPTIONAL { ?d dcterms:source ?source }
} ORDER BY DESC(BOUND(?date)) DESC(STR(?date)) ?id LIMIT 12"""
_DOCUMENTS = "SELECT ?d ?id WHERE { ?d a kg:Document ; dcterms:identifier ?id }"
# the graph's edges between two entities (kg.views.edges): a fact's subject and object, and each
# link of a fact (kg:Link: addressee, argument, place, statement), each branch starting from typed
# entities: reading every fact's literal object first takes seconds on BBC politics
_LINKS = """
SELECT ?s ?o (COUNT(DISTINCT ?f) AS ?n) WHERE {
  { ?o a kg:Entity . ?f rdf:object ?o ; rdf:subject ?s . ?s a kg:Entity }
  UNION { ?o a kg:Entity . ?l kg:target ?o ; kg:source ?s . ?s a kg:Entity . ?f kg:link ?l }
  FILTER(?s != ?o)
} GROUP BY ?s ?o"""
_TAXONOMY = """
SELECT ?p ?class ?label WHERE {
  ?p rdfs:subPropertyOf ?class .
  OPTIONAL { ?class rdfs:label ?label }
}"""


@dataclass(frozen=True)
class EntitySummary:
    """An entity as lists show it."""

    iri: str
    label: str
    type: str
    mentions: int


@dataclass(frozen=True)
class DocumentSummary:
    """A document as lists show it."""

    iri: str
    id: str
    title: str
    date: str
    source: str


@dataclass(frozen=True)
class Match:
    """A search hit: the entity and the name that matched (its label or an alias)."""

    entity: EntitySummary
    name: str


@dataclass
class Snapshot:
    """The catalogue of one build of the store."""

    data_dir: str
    entities: dict[str, EntitySummary] = field(default_factory=dict)
    concepts: dict[str, EntitySummary] = field(default_factory=dict)  # type "Concept"
    names: list[tuple[str, tuple[str, ...], str, str]] = field(default_factory=list)  # key, words, name, iri
    counts: dict[str, int] = field(default_factory=dict)
    graphs: list[tuple[str, int]] = field(default_factory=list)
    central: list[tuple[EntitySummary, int, int]] = field(default_factory=list)  # entity, degree, facts
    latest: list[DocumentSummary] = field(default_factory=list)
    superclasses: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # property -> (class, label)
    documents: dict[str, str] = field(default_factory=dict)  # document id -> IRI
    by_label: dict[str, str] = field(default_factory=dict)  # a label only one entity has -> its IRI

    def node(self, iri: str | None) -> EntitySummary | None:
        """The entity or concept ``iri`` names, or None."""
        if not iri:
            return None
        return self.entities.get(iri) or self.concepts.get(iri)

    def search(self, query: str, limit: int = 20) -> list[Match]:
        """Entities (and concepts) whose label or an alias starts with ``query``, or whose words
        start with the query's words (case and accents ignored): exact names first, then
        entities before concepts, then by mentions."""
        key = normalise_name(query)
        wanted = _WORD.findall(key)
        if not wanted:
            return []
        best: dict[str, tuple[tuple[int, bool, int, str], str]] = {}
        for name_key, words, name, iri in self.names:
            if not (name_key.startswith(key) or _words_match(wanted, words)):
                continue
            entity = self.entities.get(iri) or self.concepts[iri]
            rank = (0 if name_key == key else 1, iri in self.concepts, -entity.mentions, entity.label.casefold())
            if iri not in best or rank < best[iri][0]:
                best[iri] = (rank, name)
        ordered = sorted(best.items(), key=lambda item: (item[1][0], item[0]))
        return [Match(self.entities.get(iri) or self.concepts[iri], name) for iri, (_, name) in ordered[:limit]]

    def classes_of(self, prop: str) -> list[str]:
        """The labels of the relation classes above a relation property, nearest first."""
        out, seen, frontier = [], {prop}, [prop]
        while frontier:
            parents = [(c, label) for p in frontier for c, label in self.superclasses.get(p, []) if c not in seen]
            seen.update(c for c, _ in parents)
            out += [label for _, label in parents]
            frontier = [c for c, _ in parents]
        return out


def _words_match(wanted: list[str], words: tuple[str, ...]) -> bool:
    """Each word of the query starts a different word of the name, in order."""
    pos = 0
    for word in wanted:
        while pos < len(words) and not words[pos].startswith(word):
            pos += 1
        if pos == len(words):
            return False
        pos += 1
    return True


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0


class Catalogue:
    """The snapshot of the store's current build, read again after a rebuild."""

    def __init__(self, engine: QueryEngine, store_path: str):
        self.engine, self.store = engine, Store(store_path)
        self._snapshot: Snapshot | None = None
        self._lock = asyncio.Lock()

    async def snapshot(self) -> Snapshot:
        """The snapshot of the build the store holds now."""
        current = str(self.store.data_dir or "")
        if self._snapshot is not None and self._snapshot.data_dir == current:
            return self._snapshot
        async with self._lock:
            current = str(self.store.data_dir or "")
            if self._snapshot is None or self._snapshot.data_dir != current:
                self._snapshot = await self._read(current)
            return self._snapshot

    async def _read(self, data_dir: str) -> Snapshot:
        run = self.engine.result
        entities, aliases, counts, graphs, latest, links, taxonomy, documents, concepts = await asyncio.gather(
            run(_ENTITIES, limit=MAX_NAMES),
            run(_ALIASES, limit=MAX_NAMES),
            run(_COUNTS),
            run(_GRAPHS, limit=MAX_NAMES),
            run(_LATEST),
            run(_LINKS, limit=MAX_NAMES),
            run(_TAXONOMY, limit=MAX_NAMES),
            run(_DOCUMENTS, limit=MAX_NAMES),
            run(_CONCEPTS, limit=MAX_NAMES),
        )
        snap = Snapshot(data_dir)
        for iri, label, cls, mentions in entities.rows:
            if iri is None:
                continue
            old = snap.entities.get(iri)
            kind = local_name(cls) if cls else "Entity"
            if old is not None and (old.type != "Entity" and old.type <= kind):
                continue
            snap.entities[iri] = EntitySummary(iri, label or local_name(iri), kind, _int(mentions))
        for iri, label, mentions in concepts.rows:
            if iri:
                snap.concepts[iri] = EntitySummary(iri, label or local_name(iri), "Concept", _int(mentions))
        labels = Counter(e.label for e in snap.entities.values())
        snap.by_label = {e.label: e.iri for e in snap.entities.values() if labels[e.label] == 1}
        snap.documents = {i: d for d, i in documents.rows if d and i}
        names = [(e.iri, e.label) for e in [*snap.entities.values(), *snap.concepts.values()]]
        names += [(iri, alias) for iri, alias in aliases.rows if iri and alias and snap.node(iri)]
        for iri, name in dict.fromkeys(names):
            key = normalise_name(name)
            snap.names.append((key, tuple(_WORD.findall(key)), name, iri))
        snap.counts = dict(zip(counts.variables, map(_int, counts.rows[0]))) if counts.rows else {}
        snap.graphs = [(g or "", _int(n)) for g, n in graphs.rows]
        snap.counts["triples"] = sum(n for _, n in snap.graphs)
        snap.counts["concepts"] = len(snap.concepts)
        snap.latest = [DocumentSummary(d or "", i or "", t or "", dt or "", s or "") for d, i, t, dt, s in latest.rows]
        snap.central = _central(snap.entities, links.rows)
        for prop, cls, label in taxonomy.rows:
            if prop and cls:
                snap.superclasses.setdefault(prop, []).append((cls, label or local_name(cls)))
        return snap


def _central(entities: dict[str, EntitySummary], rows: list, top: int = 12) -> list[tuple[EntitySummary, int, int]]:
    """The ``top`` entities by degree centrality over the entity links (how many other entities
    a fact links each to, as ``kg render`` ranks nodes), ties by facts, then mentions."""
    neighbours: dict[str, set[str]] = {}
    facts: Counter[str] = Counter()
    for s, o, n in rows:
        if s in entities and o in entities:
            neighbours.setdefault(s, set()).add(o)
            neighbours.setdefault(o, set()).add(s)
            facts.update({s: _int(n), o: _int(n)})
    ranked = sorted(neighbours, key=lambda e: (-len(neighbours[e]), -facts[e], -entities[e].mentions, e))
    return [(entities[e], len(neighbours[e]), facts[e]) for e in ranked[:top]]
