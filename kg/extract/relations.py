"""Canonical relations: the main verb with its particle or preposition; the rest of the verb
chain becomes qualifiers of the fact.

The clause rules write a relation as its verb chain in lemmas: ``continue share`` (continued
sharing), ``be likely to talk`` (is likely to talk), ``prepare to sell``, ``expect to be
elected``. The main verb is the last link of the chain; each earlier link is a qualifier,
``aspect`` for the closed class of aspectual verbs (begin, continue, stop, prepare ...),
``modality`` for the rest (likely, able, want, hope, expect ...). Negation stays the fact's
``negated`` flag and the words as written stay in ``Fact.surface``.

A chain link ends at ``to`` followed by another word (prepositions only ever end a relation),
or, without ``to``, where a verb is followed by a word that is not a particle or preposition
(``continue share``); after ``be`` that takes an adjective first (``be busy prepare``), since
``be`` + participle is a passive (``be elected``) and stays whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from kg.model import Fact

__all__ = ["ASPECTUAL_VERBS", "PARTICLES", "canonical_facts", "canonical_relation"]

#: Verbs that mark the phase of the event they govern, not another event (aspect).
ASPECTUAL_VERBS = frozenset(
    "begin start continue keep stop cease resume finish quit end commence prepare poise set "
    "proceed go_on carry_on".split()
)
#: Words that can follow a verb inside a relation: particles, prepositions (single words of
#: compound ones too: "ahead of", "because of") and the adverbs that open a prepositional phrase.
PARTICLES = frozenset(
    """about above across after against ahead along alongside amid amidst among amongst apart
    around as aside at away back because before behind below beneath beside besides between
    beyond by close despite down due during except excluding following for forward from in
    including inside instead into like minus near next of off on onto opposite out outside over
    past per plus prior rather regarding round since such than through throughout till to
    together toward towards under underneath unlike until up upon versus via with within
    without worth""".split()
)


def _links(words: list[str]) -> list[list[str]]:
    """The relation's words cut into chain links, the main verb's link last."""
    links: list[list[str]] = []
    current: list[str] = []
    for number, word in enumerate(words):
        if word == "to" and current and number + 1 < len(words):
            links.append(current)
            current = []
            continue
        current.append(word)
    links.append(current)
    *prefix, core = links
    while True:  # links without "to": "continue share", "be busy prepare"
        cut = _bare_link(core)
        if not cut:
            break
        prefix.append(core[:cut])
        core = core[cut:]
    return [*prefix, core]


def _bare_link(core: list[str]) -> int:
    """How many leading words of ``core`` are a link of their own (0: none)."""
    if len(core) < 2:
        return 0
    if core[0] == "be":  # be + participle is a passive; be + adjective + verb is a chain
        return 2 if len(core) >= 3 and not _joins(core[2]) and not _joins(core[1]) else 0
    return 1 if not _joins(core[1]) else 0


def _joins(word: str) -> bool:
    return word in PARTICLES or not word.isalpha()


def _qualifier(link: list[str]) -> tuple[str, str]:
    """(kind, value) of a chain link: ``be likely`` -> (modality, likely)."""
    words = link[1:] if link[0] == "be" and len(link) > 1 else link
    value = " ".join(words) if words != ["be"] else "be to"  # "is to rise": scheduled
    kind = "aspect" if "_".join(words) in ASPECTUAL_VERBS else "modality"
    return kind, value


def canonical_relation(relation: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """``be likely to talk to`` -> (``talk to``, (("modality", "likely"),))."""
    words = relation.split()
    if len(words) < 2:
        return relation, ()
    *prefix, core = _links(words)
    if not prefix or not core:
        return relation, ()
    return " ".join(core), tuple(_qualifier(link) for link in prefix)


def _canonical(fact: Fact) -> Fact:
    relation, qualifiers = canonical_relation(fact.relation)
    if not qualifiers:
        return fact
    return replace(fact, relation=relation, qualifiers=fact.qualifiers + qualifiers)


def canonical_facts(facts: Iterable[Fact]) -> Iterator[Fact]:
    """Each fact with its canonical relation and its chain as qualifiers (surface unchanged)."""
    return (_canonical(fact) for fact in facts)
