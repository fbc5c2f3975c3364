"""Concepts across documents: one record per concept key, with the label shown (its most used
surface form), every other surface form as an alias, its documents and mention count, and the
broader concept of its head noun alone (``peace talks`` -> ``talks``).

Concepts are keyed, not clustered: two phrases are one concept exactly when their keys are
equal (see ``kg.extract.concepts``), so a concept's IRI never depends on the rest of the corpus.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from kg.model import Concept, Extraction

__all__ = ["broader_key", "resolve_concepts"]

_LINKING_WORDS = frozenset({"of", "for", "to", "the"})


def broader_key(key: str) -> str | None:
    """The key of a concept's head noun alone, for a key with modifiers: ``peace talks`` ->
    ``talks``; None for one word, or for a title with a preposition (``secretary of state``)."""
    words = key.split()
    if len(words) < 2 or _LINKING_WORDS & set(words):
        return None
    return words[-1].split("-")[-1] or None


def resolve_concepts(extractions: Iterable[Extraction]) -> dict[str, Concept]:
    """The concept records of all documents' concept mentions, by key, with a record for each
    broader concept too (without mentions of its own when none were seen)."""
    surfaces: dict[str, Counter] = defaultdict(Counter)
    documents: dict[str, set[str]] = defaultdict(set)
    for extraction in extractions:
        for mention in extraction.concepts:
            surfaces[mention.key][mention.text] += 1
            documents[mention.key].add(extraction.document.id)
    concepts: dict[str, Concept] = {}
    for key in sorted(surfaces):
        counts = surfaces[key]
        label = min(counts, key=lambda text: (-counts[text], len(text), text))
        aliases = sorted({text for text in counts if text.lower() != label.lower()})
        concepts[key] = Concept(
            key, label, aliases, sorted(documents[key]), sum(counts.values()), broader=broader_key(key)
        )
    for key in sorted({c.broader for c in concepts.values() if c.broader and c.broader not in concepts}):
        concepts[key] = Concept(key, key)
    return dict(sorted(concepts.items()))
