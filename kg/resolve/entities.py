"""Entity resolution: one entity for all the names, pronouns and descriptions of a real
entity, within and across documents.

1. Each name mention is read as a person's name or as another's (``classify``): a courtesy
   title or a first name makes a person; a name NER called a person but that the corpus
   mostly uses for something else (``Labour``), or that clips an organisation's name (``Lib
   Dem``), or an acronym, is not one.
2. People meet by the rules of ``kg.resolve.people`` (same document first, gender cues, then
   the corpus's most salient person of that name and gender).
3. The other names meet under their form keys and the links of ``kg.resolve.forms``
   (legal suffixes, parties and their members' forms, acronyms, clipped and short forms).
4. Each entity's type follows from all its names (``kg.resolve.types``); its label is its
   best name; demonyms link to their country (``kg.resolve.demonyms``).
5. Pronouns and descriptions take the entity of the mention they were resolved to; a
   description with none takes the holder of its role (``kg.resolve.descriptions``).
A name never joins an entity that merely contains it as a word: no rule matches substrings.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from kg.extract.entities import ORGANISATION_WORDS
from kg.model import ENTITY_TYPES, Entity, Extraction, root_mention
from kg.resolve.demonyms import country_of
from kg.resolve.descriptions import resolve_descriptions
from kg.resolve.forms import (
    ORG_ALIASES,
    acronym_links,
    clipped,
    clipping_links,
    form_key,
    short_form_links,
    singular,
)
from kg.resolve.names import NAME_PREFIXES, PLACE_ALIASES, honorific_of, name_key, person_parts
from kg.resolve.people import Person, merge_people, resolve_document_people
from kg.resolve.records import Corpus, Name, is_given_name
from kg.resolve.resolution import Resolution
from kg.resolve.types import entity_label
from kg.resolve.unionfind import UnionFind

__all__ = ["Resolution", "classify", "resolve"]

_PLACE_LABELS = frozenset({"GPE", "LOC"})


def resolve(extractions: Iterable[Extraction]) -> Resolution:
    """Resolve the mentions of all documents to entities."""
    extractions = sorted(extractions, key=lambda ex: ex.document.id)
    corpus = Corpus.of(extractions)
    uf: UnionFind[int] = UnionFind(n.node for n in corpus.names)
    people_nodes = classify(corpus)
    others = _resolve_people(corpus, people_nodes, uf)
    _resolve_forms(corpus, others, uf)
    groups = uf.groups()
    entities, mention_entity = _entities(corpus, groups)
    _resolve_references(extractions, mention_entity)
    _count(extractions, mention_entity, entities)
    _link_demonyms(entities)
    return Resolution(entities, mention_entity)


def classify(corpus: Corpus) -> set[int]:
    """The nodes of the names read as people's (see the module docstring)."""
    evidence = _Evidence(corpus)
    return {name.node for name in corpus.names if evidence.is_person(name)}


class _Evidence:
    """How the corpus uses each name: as a person's (NER, courtesy titles, as the surname of a
    full name with a first name) or as something else's (by form key)."""

    def __init__(self, corpus: Corpus):
        self.person: Counter = Counter()
        self.other: Counter = Counter()
        for name in corpus.names:
            if name.label == "PERSON" or name.honorific:
                self.person[" ".join(name.words)] += 1
                if len(name.words) >= 2 and is_given_name(name.words[0]):
                    self.person[name.words[-1]] += 1
            else:
                self.other[form_key(name.surface)] += 1
        self.other_keys: dict[str, list[str]] = defaultdict(list)  # by their first three characters
        for key in sorted(self.other):
            self.other_keys[key[:3]].append(key)

    def is_person(self, name: Name) -> bool:
        if name.acronym or not name.words or any(ch.isdigit() for ch in name.key):
            return False
        if name.honorific:
            return True
        words, key = " ".join(name.words), form_key(name.surface)
        if name.label != "PERSON":  # "Trump", "Vincent Cable" tagged an organisation once
            if len(name.words) == 1:
                return self.person[words] >= 2 * self.other[key]
            return is_given_name(name.words[0]) and self.person[words] >= self.other[key]
        if len(name.words) >= 2:
            if is_given_name(name.words[0]):
                return True
            # no first name, and an organisation's name elsewhere or clipped: "Lib Dem"
            return not self.other[key] and not any(clipped(key, o) for o in self.other_keys.get(key[:3], ()))
        if name.before == "the" and not name.role:
            return False  # "the Elbe"
        # "Labour" tagged a person, "Leicester" tagged a person once and a place elsewhere
        lone = not (name.role or name.pronouns)
        return self.other[key] <= self.person[words] and not (lone and self.other[key] >= self.person[words])


def _resolve_people(corpus: Corpus, people_nodes: set[int], uf: UnionFind[int]) -> list[Name]:
    """People, document by document, then across the corpus; the names left for forms."""
    fulls: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for name in corpus.names:
        if name.node in people_nodes and len(name.words) >= 2:
            fulls[name.doc].add(name.words)
    places = {  # a place somewhere no one of that name is named ("Kilroy-Silk" tagged a place is not)
        n.key
        for n in corpus.names
        if n.label in _PLACE_LABELS and not any(f[-len(n.words) :] == n.words for f in fulls[n.doc] if n.words)
    }
    everyone: list[Person] = []
    left: list[Name] = []
    for doc_id in sorted(corpus.by_doc):
        names = corpus.by_doc[doc_id]
        persons = [n for n in names if n.node in people_nodes]
        others = [n for n in names if n.node not in people_nodes]
        found, converted = resolve_document_people(persons, others, places, uf)
        everyone.extend(found)
        taken = {n.node for n in converted}
        left.extend(n for n in others if n.node not in taken)
    merge_people(everyone, uf)
    return left


def _resolve_forms(corpus: Corpus, others: list[Name], uf: UnionFind[int]) -> None:
    """Other names: one cluster per form key, then the acronym, clipping and short-form links."""
    first: dict[str, int] = {}
    surfaces: dict[str, Counter] = defaultdict(Counter)
    docs: dict[str, set[str]] = defaultdict(set)
    doc_keys: dict[str, set[str]] = defaultdict(set)
    places: set[str] = set()
    for name in others:
        key = form_key(name.surface)
        uf.union(first.setdefault(key, name.node), name.node)
        surfaces[key][name.surface] += 1
        docs[key].add(name.doc)
        doc_keys[name.doc].add(key)
        if name.label in _PLACE_LABELS or name.key in PLACE_ALIASES:
            places.update((key, name.key))
    links = acronym_links(surfaces, docs) + clipping_links(surfaces)
    for doc_id in sorted(doc_keys):
        links += short_form_links(doc_keys[doc_id], places)
    for short, long in links:
        uf.union(first[short], first[long])


def _entities(corpus: Corpus, groups: dict[int, list[int]]) -> tuple[dict[str, Entity], dict[tuple[str, int], str]]:
    entities: dict[str, Entity] = {}
    mention_entity: dict[tuple[str, int], str] = {}
    for root in sorted(groups):
        names = [corpus.names[node] for node in groups[root]]
        label = entity_label(names)
        kind = ENTITY_TYPES.get(label, "Entity") if label else "Entity"
        best = _best_name(names, label == "PERSON")
        entity_id = f"{kind.lower()}:{name_key(best)}"
        if entity_id in entities:
            entity_id = f"{entity_id}@{names[0].doc}#{names[0].mention}"
        aliases = sorted({n.surface for n in names} - {best})
        entities[entity_id] = Entity(entity_id, best, kind, aliases, sorted({n.doc for n in names}), 0)
        for name in names:
            mention_entity[(name.doc, name.mention)] = entity_id
    return entities, mention_entity


def _best_name(names: list[Name], is_person: bool) -> str:
    """The canonical name: a person's most used full name; a place's known name; an
    organisation's most used full form (not an acronym, nickname or clipped form)."""
    surfaces = Counter(n.surface for n in names)
    if is_person:
        best = max(surfaces, key=lambda s: (_full_name(s), surfaces[s], len(s), s))
        words = best.split()
        while len(words) > 2 and name_key(words[0]) in NAME_PREFIXES:  # keep "Mrs Howard"
            words.pop(0)
        return " ".join(words)
    for name in sorted(names, key=lambda n: n.key):
        if name.key in PLACE_ALIASES:
            return PLACE_ALIASES[name.key]
    keys = {form_key(s) for s in surfaces}

    def rank(surface: str):
        words = name_key(surface).split()
        nickname = bool(words) and " ".join([*words[:-1], singular(words[-1])]) in ORG_ALIASES
        clip = any(clipped(form_key(surface), other) for other in keys)
        full = not (surface.replace(".", "").isupper() and len(surface) <= 8)
        org_word = bool(words) and words[-1] in ORGANISATION_WORDS
        capitals = sum(w[:1].isupper() for w in surface.split())
        return (full, not nickname, not clip, org_word, surfaces[surface], capitals, surface)

    return max(surfaces, key=rank)


def _full_name(surface: str) -> bool:
    """A first name and a surname, without a courtesy title (``Mr Kilroy-Silk`` is not one)."""
    return len(surface.split()) >= 2 and len(person_parts(surface)) >= 2 and honorific_of(surface) is None


def _resolve_references(extractions: list[Extraction], mention_entity: dict[tuple[str, int], str]) -> None:
    """Pronouns and descriptions take their antecedent's entity; role descriptions without one,
    the holder of the role."""
    for ex in extractions:
        for mention in ex.mentions:
            if mention.kind != "name" and mention.antecedent is not None:
                root = root_mention(ex.mentions, mention.id)
                entity = mention_entity.get((ex.document.id, root.id))
                if entity:
                    mention_entity[(ex.document.id, mention.id)] = entity
    mention_entity.update(resolve_descriptions(extractions, mention_entity))


def _count(extractions: list[Extraction], mention_entity: dict[tuple[str, int], str], entities: dict[str, Entity]):
    counts: Counter = Counter()
    docs: dict[str, set[str]] = defaultdict(set)
    for ex in extractions:
        for mention in ex.mentions:
            entity_id = mention_entity.get((ex.document.id, mention.id))
            if entity_id:
                counts[entity_id] += 1
                docs[entity_id].add(ex.document.id)
    for entity_id, entity in entities.items():
        entity.mentions = counts[entity_id]
        entity.documents = sorted(docs[entity_id])


def _link_demonyms(entities: dict[str, Entity]) -> None:
    places: dict[str, str] = {}
    for entity in sorted(entities.values(), key=lambda e: (-len(e.documents), e.id)):
        if entity.type == "Place":
            for name in (entity.label, *entity.aliases):
                places.setdefault(name_key(name), entity.id)
    for entity in entities.values():
        if entity.type == "Group":
            entity.demonym_of = country_of(entity.label, places)
