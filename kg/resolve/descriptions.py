"""Descriptions (``the prime minister``, ``the Kremlin spokesman``) resolved to the person who
holds that role: in the same document first, else in the corpus around the document's date.

A role is its words (``spokesman``, ``spokeswoman`` and ``spokesperson`` are one word,
``role_key``); a description fits a role that has all its words and the same head (``the
chancellor`` is not ``the chancellor's friend``), unless the role is qualified (``shadow
chancellor``, ``former prime minister``, ``deputy prime minister``) and the description is not.
In the document, the one person holding a fitting role, or the one named with it twice as often
as any other; in the corpus, the person holding it in twice as many documents (within a year of
the date, when both dates are known) as anyone else. Otherwise the description stays a literal.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date

from kg.extract.mentions import ROLE_QUALIFIERS, role_fits, role_head, role_key
from kg.model import Extraction

__all__ = ["ROLE_QUALIFIERS", "resolve_descriptions", "role_words"]
WINDOW_DAYS = 366

Role = tuple[str, ...]


def role_words(text: str) -> Role:
    """A role's words in order, each by its ``role_key``."""
    return tuple(role_key(word) for word in text.replace("-", " ").split() if word.isalpha())


def resolve_descriptions(
    extractions: Iterable[Extraction], mention_entity: dict[tuple[str, int], str]
) -> dict[tuple[str, int], str]:
    """The entity of each description that names a role and has no antecedent, where found."""
    extractions = list(extractions)
    holders: dict[str, list[tuple[Role, str]]] = defaultdict(list)
    for ex in extractions:
        for mention in ex.mentions:
            entity = mention_entity.get((ex.document.id, mention.id))
            if mention.kind == "name" and mention.role and entity:
                holders[ex.document.id].append((role_words(mention.role), entity))
    dates = {ex.document.id: _date(ex.document.date) for ex in extractions}
    by_head = _by_head(holders)
    found: dict[tuple[str, int], str] = {}
    for ex in extractions:
        doc_id = ex.document.id
        for mention in ex.mentions:
            if mention.kind != "nominal" or mention.antecedent is not None or not mention.role:
                continue
            wanted = role_words(mention.role)
            entity = _in_document(wanted, holders[doc_id]) or _in_corpus(wanted, doc_id, by_head, dates)
            if entity:
                found[(doc_id, mention.id)] = entity
    return found


def _dominant(counts: Counter) -> str | None:
    ranked = counts.most_common(2)
    if not ranked:
        return None
    if len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]:
        return ranked[0][0]
    return None


def _in_document(wanted: Role, held: list[tuple[Role, str]]) -> str | None:
    return _dominant(Counter(entity for role, entity in held if role_fits(wanted, role)))


def _by_head(holders: dict[str, list[tuple[Role, str]]]) -> dict[str, list[tuple[str, Role, str]]]:
    """(document, role, entity) of every role held, by the role's head: a description can only
    fit a role whose head is one of its words, so the corpus is not scanned for each one."""
    by_head: dict[str, list[tuple[str, Role, str]]] = defaultdict(list)
    for doc_id, held in holders.items():
        for role, entity in held:
            by_head[role_head(role)].append((doc_id, role, entity))
    return by_head


def _in_corpus(wanted: Role, doc_id: str, by_head: dict, dates: dict[str, date | None]) -> str | None:
    """The entity holding a role ``wanted`` fits in twice as many documents (near the date) as any other."""
    when = dates.get(doc_id)
    holding: dict[str, set[str]] = defaultdict(set)  # document -> the entities holding a fitting role
    for head in set(wanted):
        for other, role, entity in by_head.get(head, ()):
            there = dates.get(other)
            if when and there and abs((when - there).days) > WINDOW_DAYS:
                continue
            if role_fits(wanted, role):
                holding[other].add(entity)
    counts: Counter = Counter()
    for entities in holding.values():
        counts.update(entities)
    chosen = _dominant(counts)
    return chosen if chosen and counts[chosen] >= 2 else None


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None
