"""Concepts: the things news talks about that are not named entities (``peace talks``, ``arms
control``, ``sanctions``, ``energy moratorium``), keyed so that their mentions meet across
documents.

A concept is keyed by the head noun of a noun phrase with its compound and adjective modifiers,
lower case: the head in its dictionary form (``talks`` stays ``talks`` and ``arms`` ``arms``,
nouns whose singular means something else), the modifiers as written; determiners,
possessives, numbers, named entities and adjectives that only point or count (``same``,
``other``, ``new``, ``former``) are left out. A partitive head gives way to what it counts:
``three hours of talks`` is ``talks``, ``some of the concern`` is ``concern``.
"""

from __future__ import annotations

__all__ = [
    "NON_DESCRIPTIVE",
    "PARTITIVES",
    "PLURAL_ONLY",
    "UNITS",
    "concept_head",
    "concept_key",
    "concept_words",
    "is_noun",
]

#: Plural nouns whose singular is another word: the key keeps the plural.
PLURAL_ONLY = frozenset(
    {
        "arms",
        "talks",
        "sanctions",
        "news",
        "politics",
        "economics",
        "means",
        "series",
        "headquarters",
        "goods",
        "affairs",
        "earnings",
        "savings",
        "remains",
        "thanks",
        "clothes",
        "odds",
        "outskirts",
        "proceeds",
        "premises",
        "customs",
        "relations",
        "forces",
        "troops",
        "hostilities",
    }
)
#: Heads that count or measure what their ``of`` phrase names.
PARTITIVES = frozenset(
    {
        "some", "all", "most", "many", "much", "any", "none", "each", "both", "few", "several",
        "one", "part", "lot", "lots", "number", "range", "variety", "kind", "sort", "type",
        "majority", "minority", "half", "rest", "bulk", "host", "handful", "couple", "dozen",
        "dozens", "hundreds", "thousands", "millions", "amount", "piece", "set", "hour", "day",
        "week", "month", "year", "minute", "worth", "round", "batch", "wave", "string", "total",
        "share", "proportion", "percentage", "fraction", "list", "series", "spate", "raft",
    }
)  # fmt: skip
#: Adjectives that point, count, date or hedge: not part of what the thing is.
NON_DESCRIPTIVE = frozenset(
    {
        "same", "other", "such", "own", "certain", "various", "several", "many", "few", "further",
        "additional", "more", "most", "less", "least", "last", "next", "previous", "first",
        "second", "third", "latest", "recent", "current", "former", "future", "possible",
        "potential", "whole", "entire", "only", "main", "new", "old", "much", "little", "big",
        "huge", "large", "small", "great", "good", "bad", "real", "different", "similar",
        "particular", "specific", "general", "key", "major", "minor", "important", "significant",
        "serious", "clear", "full", "total", "very", "so-called", "alleged", "apparent",
    }
)  # fmt: skip
#: NER labels of values (dates, amounts): a phrase headed by one is a value, not a concept.
VALUE_LABELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})
#: Units a number measures (``two hours``, ``five per cent``): with a number, a value.
UNITS = frozenset(
    {
        "second", "minute", "hour", "day", "week", "month", "year", "decade", "century", "percent",
        "cent", "point", "mile", "kilometre", "kilometer", "metre", "meter", "pound", "dollar",
        "euro", "time", "times", "seat", "vote",
    }
)  # fmt: skip
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
#: Where a word the tagger took for a verb stands as a noun (``talks with Kyiv were held``).
_NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr", "dative", "appos"})


def is_noun(token) -> bool:
    """A common noun, or a word tagged as a verb where only a noun can stand."""
    if token.pos_ == "NOUN":
        return True
    return token.pos_ == "VERB" and token.tag_ == "VBZ" and token.dep_ in _NOMINAL_DEPS


def concept_head(token, end: int | None = None):
    """The noun a phrase headed by ``token`` is about: partitive heads give way to their
    ``of`` object (``three hours of talks`` -> ``talks``), when it comes before token ``end``."""
    for _ in range(3):
        if token.lemma_.lower() not in PARTITIVES and token.lower_ not in PARTITIVES:
            break
        objects = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
        objects = [g for g in objects if g.dep_ == "pobj" and (end is None or g.i < end)]
        if not objects:
            break
        token = objects[0]
    return token


def concept_words(head) -> list | None:
    """The tokens of a concept: the head noun with its compound and adjective modifiers, or
    None when ``head`` is not a common noun (a name, a pronoun, a value, a verb)."""
    if not is_noun(head) or head.ent_type_ or head.like_num or not head.text[:1].isalpha():
        return None
    if head.lemma_.lower() in UNITS and any(c.dep_ == "nummod" for c in head.children):
        return None  # "two hours": a value
    modifiers: list = []
    for child in head.children:
        if child.dep_ in _MODIFIER_DEPS and child.i < head.i:
            modifiers.extend(_modifier_tokens(child))
    tokens = sorted({t.i: t for t in [*modifiers, head]}.values(), key=lambda t: t.i)
    return _contiguous_to(tokens, head)


def _modifier_tokens(child) -> list:
    """A modifier and its own compound and hyphen pieces, or nothing when it is a name, a
    value, a possessive or a word that does not describe (``same``, ``new``)."""
    if child.ent_type_ or child.like_num or child.tag_ in {"POS", "PRP$"} or child.dep_ == "poss":
        return []
    if child.dep_ == "amod" and (child.lower_ in NON_DESCRIPTIVE or child.pos_ not in {"ADJ", "VERB", "NOUN"}):
        return []
    if child.pos_ == "PROPN":
        return []
    found = [child]
    for grand in child.children:
        if grand.dep_ in _MODIFIER_DEPS | {"punct"} and grand.i < child.i:
            if grand.dep_ == "punct" and grand.text != "-":
                continue
            found.extend(_modifier_tokens(grand) if grand.dep_ != "punct" else [grand])
    return [] if any(t.like_num for t in child.subtree if t.i < child.i) else found  # "five-way": a count


def _contiguous_to(tokens: list, head) -> list:
    """The run of tokens ending at the head with no gap (a gap means a word was left out)."""
    run = [head]
    by_index = {t.i: t for t in tokens}
    i = head.i - 1
    while i in by_index:
        run.insert(0, by_index[i])
        i -= 1
    while run and run[0].text == "-":
        run.pop(0)
    return run


def concept_key(head, end: int | None = None) -> tuple[str, str] | None:
    """(key, surface) of the concept a noun phrase headed by ``head`` is about, or None:
    ``the Ukraine peace talks`` -> (``peace talks``, ``peace talks``); ``low oil prices`` ->
    (``low oil price``, ``low oil prices``). The phrase ends before token ``end``."""
    head = concept_head(head, end)
    words = concept_words(head)
    if not words:
        return None
    last = head.lower_ if head.lower_ in PLURAL_ONLY else head.lemma_.lower()
    key = "".join(t.lower_ + t.whitespace_ for t in words[:-1]) + last
    surface = "".join(_display(t) + t.whitespace_ for t in words[:-1]) + _display(words[-1])
    return " ".join(key.split()), " ".join(surface.split())


def _display(token) -> str:
    """A word as a label shows it: ``Peace`` at a sentence start is ``peace``; ``MP`` stays."""
    text = token.text
    return text if text.isupper() and len(text) > 1 else text.lower()
