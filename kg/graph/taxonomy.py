"""The relation taxonomy (``ontology/relations.ttl``): which class a relation property belongs to.

The taxonomy lists, for each relation class, the verb lemmas and phrasal verbs it holds
(``kg:verb``). A canonical relation (kg.extract.relations) is classified by its main verb: the
whole relation first (``vote against``), then the verb with its particle (``step down``), then
the verb alone (``vote``). A passive (``be given to``) is classified by its participle's lemma,
``be`` and its prepositions (``be in``) by ``be``. Spelling variants fold together (``-ise`` /
``-ize``, ``-yse`` / ``-yze``, a hyphen or none: ``co-operate``, ``re-elect`` -> ``elect``).
A negated relation (``not support``) points to its class with ``kg:negationOf`` instead of
being a sub-property of it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

import pyoxigraph as ox

from kg.graph.namespaces import KG, RDF, RDFS, REL_NS, node
from kg.graph.ontology import ontology_dir

__all__ = ["TAXONOMY_FILE", "Taxonomy", "class_quads", "relation_class", "taxonomy"]

TAXONOMY_FILE = "relations.ttl"
_PARTICLES = frozenset(
    "about across after against ahead along apart around as aside at away back before behind by down "
    "for forward from in into of off on onto out over past through to together under up upon with "
    "within without".split()
)


class Taxonomy:
    """The verb -> class table and the class hierarchy of ``relations.ttl``."""

    def __init__(self, triples: list[ox.Triple]):
        self.verbs: dict[str, str] = {}
        self.parents: dict[str, list[str]] = {}
        self.labels: dict[str, str] = {}
        self.quadrants: set[str] = set()
        for t in triples:
            if not isinstance(t.subject, ox.NamedNode) or isinstance(t.object, ox.Triple | ox.BlankNode):
                continue
            subject, predicate, value = t.subject.value, t.predicate.value, t.object.value
            if predicate == KG + "verb":
                self.verbs[value] = subject
            elif predicate == RDFS + "subPropertyOf":
                self.parents.setdefault(subject, []).append(value)
            elif predicate == RDFS + "label" and subject.startswith(REL_NS):
                self.labels[subject] = value
            elif predicate == RDF + "type" and value == KG + "Quadrant":
                self.quadrants.add(subject)

    def classify(self, relation: str) -> str | None:
        """The IRI of the class of a (not negated) canonical relation, or None."""
        words = relation.split()
        if not words:
            return None
        verbs = [words[0]]
        rest = words[1:]
        if words[0] == "be" and rest and rest[0] not in _PARTICLES:
            from kg.parse.spelling import participle_lemmas  # here: kg.parse imports spaCy

            verbs, rest = participle_lemmas(rest[0]), rest[1:]
        for verb in verbs:
            for spelling in _spellings(verb):
                found = self._lookup(spelling, rest)
                if found:
                    return found
        return None

    def _lookup(self, verb: str, rest: list[str]) -> str | None:
        keys = [" ".join([verb, *rest]), " ".join([verb, *rest[:1]]), verb]
        return next((self.verbs[k] for k in keys if k in self.verbs), None)

    def ancestors(self, cls: str) -> Iterator[str]:
        """Every class above ``cls``, nearest first, each once."""
        seen, todo = set(), list(self.parents.get(cls, []))
        while todo:
            parent = todo.pop(0)
            if parent not in seen:
                seen.add(parent)
                yield parent
                todo.extend(self.parents.get(parent, []))

    def quadrant(self, cls: str | None) -> str | None:
        """The quadrant above ``cls`` (verbal cooperation ...), or None for a neutral class."""
        if cls is None:
            return None
        return next((c for c in [cls, *self.ancestors(cls)] if c in self.quadrants), None)


def _spellings(verb: str) -> list[str]:
    """The verb, its other spelling (-ise/-ize, -yse/-yze), and without a hyphen or its prefix."""
    out = [verb]
    for a, b in (("ise", "ize"), ("ize", "ise"), ("yse", "yze"), ("yze", "yse")):
        if verb.endswith(a):
            out.append(verb[: -len(a)] + b)
    if "-" in verb:
        out += [verb.replace("-", ""), verb.rsplit("-", 1)[1]]
    return out


@functools.lru_cache(maxsize=1)
def taxonomy() -> Taxonomy:
    """The taxonomy of the ontology kg ships (read once per process)."""
    path = ontology_dir() / TAXONOMY_FILE
    return Taxonomy(list(ox.parse(path=path, format=ox.RdfFormat.TURTLE)))


def relation_class(label: str) -> str | None:
    """The class IRI of a relation property's label (``not say`` -> the class of ``say``)."""
    return taxonomy().classify(label[4:] if label.startswith("not ") else label)


def class_quads(label: str, prop: ox.NamedNode, graph: ox.NamedNode) -> Iterator[ox.Quad]:
    """``prop rdfs:subPropertyOf class``, or for a negated relation ``prop kg:negationOf class``."""
    cls = relation_class(label)
    if cls is None:
        return
    link = KG + "negationOf" if label.startswith("not ") else RDFS + "subPropertyOf"
    yield ox.Quad(prop, node(link), node(cls), graph)
