"""People: the names of one person meet first within a document, then across the corpus.

In a document, full names with one surname and matching first names are one person (``Tony
Blair``, ``Mr Tony Blair``); a single name (``Blair``, ``Mr Blair``, ``Duncan Smith``) joins
the full name of the same document that ends with it and whose gender does not conflict (``Mr``
goes to the man of ``Tony`` and ``Cherie Blair``), a first name (``Tony``, ``Sir Ian``) the one
full name that starts with it. A name spaCy labelled a place or a group is that person when
the document names someone with that surname and the word is not a place elsewhere.

Across documents, full names merge when surname and first name agree and the genders do not
conflict; a single name left alone in its document joins the corpus's most salient person
(most documents) of that surname and gender, when that person is named in at least twice as
many documents as the next one; otherwise it stays an entity of its own (``Johnson`` between
Boris and Dustin).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.resolve.names import HONORIFIC_GENDER, first_names_match
from kg.resolve.records import Name, first_name_gender, is_given_name
from kg.resolve.unionfind import UnionFind

__all__ = ["Person", "merge_people", "resolve_document_people"]

#: The labels of names read as something else's that may still be a surname of the document's
#: people: a place or a group spaCy saw, or a person's name the corpus reads as a thing's
#: (``the Blair government``: the article belongs to the noun, not to the name).
_CONVERTIBLE = frozenset({"GPE", "ORG", "NORP", "LOC", "PERSON", None})
#: Titles before a first name rather than a surname (``Sir Ian`` is Sir Ian Blair).
FIRST_NAME_TITLES = frozenset({"sir", "dame"})


@dataclass
class Person:
    """A person as one document names them (a local cluster of name mentions)."""

    doc: str
    root: int
    names: list[Name] = field(default_factory=list)
    fulls: set[tuple[str, ...]] = field(default_factory=set)  # full names, as words
    singles: set[tuple[str, ...]] = field(default_factory=set)  # surname or first-name forms

    @property
    def gender(self) -> str | None:
        """From courtesy titles and first names (three and two votes a name), then pronouns."""
        return _majority(self._votes(pronouns=True))

    @property
    def strong_gender(self) -> str | None:
        """From courtesy titles and first names only: pronouns may point at the wrong person."""
        return _majority(self._votes(pronouns=False))

    def _votes(self, pronouns: bool) -> Counter:
        votes: Counter = Counter()
        for name in self.names:
            if name.honorific in HONORIFIC_GENDER:
                votes[HONORIFIC_GENDER[name.honorific]] += 3
            first = first_name_gender(name.words[0]) if len(name.words) >= 2 else None
            if first:
                votes[first] += 2
            if pronouns:
                votes.update(name.pronouns)
        return votes


def _majority(votes: Counter) -> str | None:
    ranked = votes.most_common()
    return ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else None


def compatible(first: str | None, second: str | None) -> bool:
    return first is None or second is None or first == second


def _is_full(name: Name, doc_fulls: list[tuple[str, ...]]) -> bool:
    """Two words or more, unless a courtesy title and a longer name of the document ending with
    them make it a surname (``Mr Duncan Smith`` beside ``Iain Duncan Smith``)."""
    if len(name.words) < 2:
        return False
    if name.honorific is None or name.honorific in FIRST_NAME_TITLES:
        return True
    longer = any(len(f) > len(name.words) and f[-len(name.words) :] == name.words for f in doc_fulls)
    return not longer and is_given_name(name.words[0])


def resolve_document_people(
    names: list[Name], others: list[Name], places: set[str], uf: UnionFind[int]
) -> tuple[list[Person], list[Name]]:
    """The people of one document (unions made in ``uf``), and the ``others`` (names not yet
    taken for people) that turned out to be surnames of its people."""
    plain = [n.words for n in names if len(n.words) >= 2 and n.honorific is None]
    fulls = [n for n in names if _is_full(n, plain)]
    people = _group_full_names(fulls, uf)
    converted = [n for n in others if n.key not in places and n.label in _CONVERTIBLE and _attach_single(n, people)]
    singles = [n for n in names if n not in fulls] + converted
    leftover: dict[tuple, Person] = {}
    for name in singles:
        person = _attach_single(name, people)
        if person is None:
            key = (name.words, name.gender)
            person = leftover.setdefault(key, Person(name.doc, name.node))
        uf.union(person.root, name.node)
        person.names.append(name)
        person.singles.add(name.words)
    _join_genderless(leftover, uf)
    return people + list(leftover.values()), converted


def _group_full_names(fulls: list[Name], uf: UnionFind[int]) -> list[Person]:
    people: list[Person] = []
    for name in fulls:
        fits = [
            p
            for p in people
            if any(f[-1] == name.words[-1] and first_names_match(f[0], name.words[0]) for f in p.fulls)
            and compatible(p.gender, name.gender)
        ]
        person = fits[0] if fits else Person(name.doc, name.node)
        if not fits:
            people.append(person)
        uf.union(person.root, name.node)
        person.names.append(name)
        person.fulls.add(name.words)
    return people


def _ends_with(full: tuple[str, ...], words: tuple[str, ...]) -> bool:
    return len(full) > len(words) and full[-len(words) :] == words


def _surname_of(words: tuple[str, ...], people: list[Person]) -> bool:
    return bool(words) and any(_ends_with(f, words) for p in people for f in p.fulls)


def _attach_single(name: Name, people: list[Person]) -> Person | None:
    """The document's person a single name belongs to: the one whose surname it is (of a
    compatible gender), else the one whose first name it is (or the one named twice as often as
    any other with that first name). Two people it fits leave it to the corpus."""
    by_surname = [p for p in people if any(_ends_with(f, name.words) for f in p.fulls)]
    fits = [p for p in by_surname if compatible(p.gender, name.gender)]
    if by_surname:
        return fits[0] if len(fits) == 1 else None
    if len(name.words) == 1 and (name.honorific is None or name.honorific in FIRST_NAME_TITLES):
        firsts = [p for p in people if any(f[0] == name.words[0] for f in p.fulls)]
        fits = [p for p in firsts if compatible(p.gender, name.gender)]
        chosen = _dominant(fits, lambda p: len(p.names))
        return chosen if isinstance(chosen, Person) else None
    return None


def _dominant(candidates: list, weight) -> object | None:
    """The one candidate, or the one weighing at least twice as much as any other."""
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    ranked = sorted(candidates, key=weight, reverse=True)
    return ranked[0] if weight(ranked[0]) >= 2 * weight(ranked[1]) else None


def _join_genderless(leftover: dict[tuple, Person], uf: UnionFind[int]) -> None:
    """``Howard`` joins ``Mr Howard`` of the same document unless ``Mrs Howard`` is there too."""
    for (words, gender), person in list(leftover.items()):
        if gender is not None:
            continue
        gendered = [leftover[(words, g)] for g in ("m", "f") if (words, g) in leftover]
        if len(gendered) == 1:
            uf.union(gendered[0].root, person.root)
            gendered[0].names.extend(person.names)
            del leftover[(words, gender)]


def merge_people(people: Iterable[Person], uf: UnionFind[int]) -> None:
    """Merge the documents' people across the corpus (see the module docstring)."""
    people = sorted(people, key=lambda p: (p.doc, p.root))
    with_full = [p for p in people if p.fulls]
    by_surname: dict[str, list[Person]] = defaultdict(list)
    for person in with_full:
        for surname in {f[-1] for f in person.fulls}:
            by_surname[surname].append(person)
    for group in by_surname.values():
        for i, first in enumerate(group):
            for second in group[i + 1 :]:
                if _same_person(first, second):
                    uf.union(first.root, second.root)
    documents: dict[int, set[str]] = defaultdict(set)
    for person in with_full:
        documents[uf.find(person.root)].add(person.doc)
    ending = _by_ending(with_full)
    for person in people:
        if not person.fulls:
            _attach_across(person, ending, documents, uf)
    _join_alone(people, uf)


def _by_ending(with_full: list[Person]) -> dict[tuple[str, ...], list[Person]]:
    """The people with a full name by each shorter tail of it (``("Blair",)`` for ``Tony Blair``):
    looked up once per single name instead of scanning every full name of the corpus for each."""
    ending: dict[tuple[str, ...], list[Person]] = defaultdict(list)
    for person in with_full:
        tails = {full[-k:] for full in person.fulls for k in range(1, len(full))}
        for tail in tails:
            ending[tail].append(person)
    return ending


def _same_person(first: Person, second: Person) -> bool:
    if not compatible(first.strong_gender, second.strong_gender):
        return False
    return any(
        a[-1] == b[-1] and first_names_match(a[0], b[0]) and len(a[0]) > 1 and len(b[0]) > 1
        for a in first.fulls
        for b in second.fulls
    ) or bool(first.fulls & second.fulls)


def _attach_across(
    person: Person, ending: dict[tuple[str, ...], list[Person]], documents: dict[int, set[str]], uf: UnionFind[int]
):
    words = next(iter(sorted(person.singles)))
    candidates = {uf.find(p.root) for p in ending.get(words, ()) if compatible(p.gender, person.gender)}
    chosen = _dominant(sorted(candidates), lambda root: len(documents[root]))
    if chosen is not None and isinstance(chosen, int):
        uf.union(chosen, person.root)
        person.fulls = set()
        person.singles.add(("#attached",))


def _join_alone(people: list[Person], uf: UnionFind[int]) -> None:
    """Single names that joined no full name: one entity per name and gender across documents."""
    alone: dict[tuple, int] = {}
    for person in people:
        if person.fulls or ("#attached",) in person.singles:
            continue
        key = (tuple(sorted(person.singles)), person.gender)
        if key in alone:
            uf.union(alone[key], person.root)
        else:
            alone[key] = person.root
