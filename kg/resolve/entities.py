"""Entity resolution: one entity for all the names, pronouns and descriptions of a real
entity, within and across documents.

Rules, in order:
1. Names meet under a key (``name_key``): case, accents, dots and a leading ``the`` do not
   count; known alternative names of countries map to one name (``US``, ``U.S.``, ``USA``,
   ``the United States``).
2. Full names of people merge when the surnames are equal and the first names are spelling
   variants or initials (``Sergey``/``Sergei Lavrov``); different surnames never merge.
3. A single name (``Peskov``, ``Mr Peskov``) joins the one person with that surname, looked up
   first in its own document, then in the whole corpus; a lone first name (``Sergey``) joins the
   one person in its document with that first name. Ambiguous names stay apart.
4. Acronyms join the name they abbreviate when that name is unique (``NATO``, ``UN``).
5. Pronouns and descriptions take the entity of the mention they were resolved to.
The type of an entity is the most frequent NER label of its names.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from kg.extract.roles import title_gender
from kg.model import ENTITY_TYPES, Argument, Concept, Entity, Extraction, GraphFact, Node, root_mention
from kg.resolve import names
from kg.resolve.facts import end_node, graph_facts
from kg.resolve.identifiers import IdentifierRecord
from kg.resolve.names import (
    NAME_PREFIXES,
    PLACE_ALIASES,
    acronym,
    first_names_match,
    name_key,
    person_parts,
)

__all__ = ["Resolution", "resolve"]

clean_name = lru_cache(maxsize=1 << 16)(names.clean_name)  # names repeat across a corpus

_LABEL_PRIORITY = ["PERSON", "GPE", "ORG", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"]
_NOT_SURNAME_LABELS = frozenset({"GPE", "LOC", "NORP"})


@dataclass
class _Cluster:
    """Names that have been found to belong to one entity."""

    keys: set[str] = field(default_factory=set)
    labels: Counter = field(default_factory=Counter)
    surfaces: Counter = field(default_factory=Counter)


@dataclass
class Resolution:
    """The entities of a corpus, and the entity of every mention."""

    entities: dict[str, Entity]
    mention_entity: dict[tuple[str, int], str]
    concepts: dict[str, Concept] = field(default_factory=dict)  # by key (kg.resolve.concepts)
    #: The store's identifier registry after this build, by IRI (kg.resolve.identifiers).
    identifiers: dict[str, IdentifierRecord] = field(default_factory=dict)
    _by_document: dict[str, dict[tuple[str, int], str]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def document_mentions(self, doc_id: str) -> dict[tuple[str, int], str]:
        """The ``mention_entity`` entries of one document."""
        if self._by_document is None:
            grouped: dict[str, dict[tuple[str, int], str]] = defaultdict(dict)
            for (document, mention), entity in self.mention_entity.items():
                grouped[document][(document, mention)] = entity
            self._by_document = dict(grouped)
        return self._by_document.get(doc_id, {})

    def node(self, doc_id: str, arg: Argument) -> Node:
        """The graph node an argument stands for: its entity, its concept, or its literal text."""
        return end_node(self.mention_entity, doc_id, arg)

    def graph_facts(self, extraction: Extraction) -> list[GraphFact]:
        """The facts of one document with their ends resolved (``kg.resolve.facts``)."""
        return graph_facts(self.mention_entity, extraction)


def resolve(extractions: Iterable[Extraction]) -> Resolution:
    """Resolve the mentions of all documents to entities."""
    extractions = list(extractions)
    keyed = ((ex.document.id, m, _key(m.text, m.label)) for ex in extractions for m in ex.mentions if m.kind == "name")
    names = [(doc_id, mention, key) for doc_id, mention, key in keyed if key]
    clusters = _Clusters()
    for _, mention, key in names:
        clusters.add(key, mention.label, mention.text)
    clusters.merge_people()
    clusters.merge_genders()
    clusters.merge_acronyms()
    assign = _Assigner(clusters, names)
    mention_entity: dict[tuple[str, int], str] = {}
    for doc_id, mention, key in names:
        mention_entity[(doc_id, mention.id)] = assign.entity_of(doc_id, mention, key)
    for ex in extractions:
        for mention in ex.mentions:
            if mention.kind != "name" and mention.antecedent is not None:
                root = _root(ex, mention.id)
                if (ex.document.id, root) in mention_entity:
                    mention_entity[(ex.document.id, mention.id)] = mention_entity[(ex.document.id, root)]
    return Resolution(_entities(extractions, mention_entity, assign), mention_entity)


@lru_cache(maxsize=1 << 16)
def _key(text: str, label: str | None) -> str:
    """The name key; a lone surname with a gendered title keeps it: ``howard#f``."""
    if label == "PERSON":
        parts = person_parts(text)
        gender = title_gender(text) if len(parts) == 1 else None
        return f"{parts[0]}#{gender}" if gender else " ".join(parts)
    key = name_key(text)
    return name_key(PLACE_ALIASES[key]) if key in PLACE_ALIASES else key


def _root(extraction: Extraction, mention_id: int) -> int:
    return root_mention(extraction.mentions, mention_id).id


class _Clusters:
    """Union-find over name keys."""

    def __init__(self):
        self.parent: dict[str, str] = {}
        self.data: dict[str, _Cluster] = {}

    def add(self, key: str, label: str | None, surface: str) -> None:
        if key not in self.parent:
            self.parent[key] = key
            self.data[key] = _Cluster({key})
        cluster = self.data[self.find(key)]
        cluster.labels[label or "ORG"] += 1
        cluster.surfaces[clean_name(surface)] += 1

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, first: str, second: str) -> None:
        a, b = sorted((self.find(first), self.find(second)))
        if a == b:
            return
        self.parent[b] = a
        merged, other = self.data[a], self.data.pop(b)
        merged.keys |= other.keys
        merged.labels += other.labels
        merged.surfaces += other.surfaces

    def label(self, key: str) -> str:
        labels = self.data[self.find(key)].labels
        return max(
            labels, key=lambda lab: (labels[lab], -_LABEL_PRIORITY.index(lab) if lab in _LABEL_PRIORITY else -99)
        )

    def full_names(self) -> list[str]:
        return sorted(k for k in self.parent if len(k.split()) >= 2 and self.label(k) == "PERSON")

    def merge_people(self) -> None:
        """Full names with one surname and matching first names are one person."""
        by_surname: dict[str, list[str]] = defaultdict(list)
        for key in self.full_names():
            by_surname[key.split()[-1]].append(key)
        for keys in by_surname.values():
            for i, first in enumerate(keys):
                for second in keys[i + 1 :]:
                    if first_names_match(first.split()[0], second.split()[0]):
                        self.union(first, second)

    def merge_genders(self) -> None:
        """``Howard`` joins ``Mr Howard`` unless ``Mrs Howard`` is also named somewhere."""
        for key in sorted(self.parent):
            if "#" in key or " " in key or self.label(key) != "PERSON":
                continue
            variants = [f"{key}#{g}" for g in ("f", "m") if f"{key}#{g}" in self.parent]
            if len(variants) == 1:
                self.union(key, variants[0])

    def merge_acronyms(self) -> None:
        """``NATO`` joins ``North Atlantic Treaty Organization`` when only one name fits."""
        by_acronym: dict[str, set[str]] = defaultdict(set)
        for key in self.parent:
            if self.label(key) != "PERSON" and acronym(key):
                by_acronym[acronym(key)].add(self.find(key))
        for key in sorted(self.parent):
            targets = by_acronym.get(key, set()) - {self.find(key)}
            if " " not in key and len(targets) == 1:
                self.union(key, next(iter(targets)))


class _Assigner:
    """Gives each name mention its entity id, attaching single names to full names."""

    def __init__(self, clusters: _Clusters, names):
        self.clusters = clusters
        self.surnames: dict[str, set[str]] = defaultdict(set)
        self.firsts: dict[str, set[str]] = defaultdict(set)
        for key in clusters.full_names():
            self.surnames[key.split()[-1]].add(clusters.find(key))
            self.firsts[key.split()[0]].add(clusters.find(key))
        self.in_doc: dict[str, Counter] = defaultdict(Counter)
        for doc_id, _, key in names:
            self.in_doc[doc_id][clusters.find(key)] += 1
        self.genders = self._genders(names)
        self.ids: dict[str, str] = {}
        self.taken: set[str] = set()
        self._labels: dict[str, str] = {}
        self._ner_labels: dict[str, str] = {}

    def _genders(self, names) -> dict[str, Counter]:
        """Full-name person -> the genders of the titles used for them in their own documents."""
        genders: dict[str, Counter] = defaultdict(Counter)
        for doc_id, _, key in names:
            bare, _, gender = key.partition("#")
            local = self.surnames.get(bare, set()) & set(self.in_doc[doc_id])
            if gender and len(local) == 1 and self._main_gender(doc_id, bare, gender):
                genders[next(iter(local))][gender] += 1
        return genders

    def entity_of(self, doc_id: str, mention, key: str) -> str:
        root = self.clusters.find(key)
        if " " not in root and mention.label not in _NOT_SURNAME_LABELS:
            root = self._attach(doc_id, root, key)
        return self.entity_id(root)

    def _attach(self, doc_id: str, root: str, key: str) -> str:
        """The full-name person a single name belongs to, or the single name's own cluster."""
        bare, _, gender = key.partition("#")
        if gender and not self._main_gender(doc_id, bare, gender):
            return root  # Mrs Howard in an article about Mr Howard: someone else
        for table in (self.surnames, self.firsts):
            candidates = {c for c in table.get(bare, set()) if self._gender_fits(c, gender)}
            local = candidates & set(self.in_doc[doc_id])
            if len(local) == 1:
                return next(iter(local))
            if table is self.surnames and len(candidates) == 1 and not local:
                return next(iter(candidates))
        return root

    def _gender_fits(self, person: str, gender: str) -> bool:
        """No gendered title, or none of the other gender seen for the person."""
        known = self.genders.get(person)
        return not gender or not known or known.most_common(1)[0][0] == gender

    def _main_gender(self, doc_id: str, bare: str, gender: str) -> bool:
        """Whether this gendered title is named more often in the document than the other."""
        counts = self.in_doc[doc_id]
        other = f"{bare}#{'m' if gender == 'f' else 'f'}"
        if other not in self.clusters.parent:
            return True
        mine = counts[self.clusters.find(f"{bare}#{gender}")]
        return mine > counts[self.clusters.find(other)]

    def entity_id(self, root: str) -> str:
        """A stable id from the type and canonical name; the root key when that is taken."""
        if root not in self.ids:
            kind = ENTITY_TYPES.get(self.ner_label(root), "Entity").lower()
            entity_id = f"{kind}:{name_key(self.label(root))}"
            if entity_id in self.taken:
                entity_id = f"{kind}:{root}"
            self.ids[root] = entity_id
            self.taken.add(entity_id)
        return self.ids[root]

    def ner_label(self, root: str) -> str:
        """The most frequent NER label of the cluster's names (the clusters are final here)."""
        if root not in self._ner_labels:
            self._ner_labels[root] = self.clusters.label(root)
        return self._ner_labels[root]

    def label(self, root: str) -> str:
        """The canonical name: a known alias target, else the most used full form."""
        if root not in self._labels:
            self._labels[root] = self._best_name(root)
        return self._labels[root]

    def _best_name(self, root: str) -> str:
        cluster = self.clusters.data[self.clusters.find(root)]
        for key in sorted(cluster.keys):
            if key in PLACE_ALIASES:
                return PLACE_ALIASES[key]
        surfaces = cluster.surfaces
        is_person = self.ner_label(root) == "PERSON"

        def rank(surface: str):
            full = is_person and len(person_parts(surface)) >= 2
            return (full, surfaces[surface], len(surface), surface)

        best = max(surfaces, key=rank)
        if is_person:
            words = best.split()
            while len(words) > 2 and name_key(words[0]) in NAME_PREFIXES:  # keep "Mrs Howard"
                words.pop(0)
            best = " ".join(words)
        return best


def _entities(extractions, mention_entity, assign: _Assigner) -> dict[str, Entity]:
    """Entity records with every alias, document and mention count."""
    entities: dict[str, Entity] = {}
    labels = {assign.entity_id(root): assign.label(root) for root in assign.ids}
    roots = {v: k for k, v in assign.ids.items()}
    aliases: dict[str, set[str]] = defaultdict(set)
    docs: dict[str, set[str]] = defaultdict(set)
    counts: Counter = Counter()
    for ex in extractions:
        for mention in ex.mentions:
            entity = mention_entity.get((ex.document.id, mention.id))
            if entity is None:
                continue
            counts[entity] += 1
            docs[entity].add(ex.document.id)
            if mention.kind == "name":
                aliases[entity].add(clean_name(mention.text))
    for entity_id, label in labels.items():
        kind = ENTITY_TYPES.get(assign.ner_label(roots[entity_id]), "Entity")
        entities[entity_id] = Entity(
            id=entity_id,
            label=label,
            type=kind,
            aliases=sorted(a for a in aliases[entity_id] if a and a != label),
            documents=sorted(docs[entity_id]),
            mentions=counts[entity_id],
        )
    return entities
