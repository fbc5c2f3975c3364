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

from kg.extract.roles import TITLE_WORDS

__all__ = [
    "INSTITUTION_NOUNS",
    "NON_DESCRIPTIVE",
    "PARTITIVES",
    "PLURAL_ONLY",
    "UNITS",
    "concept_head",
    "concept_key",
    "concept_words",
    "is_noun",
    "noun_lemma",
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
#: Capitalised nouns of institutions the tagger takes for names when no entity is there
#: (``the Speaker``, ``the next General Election``); titles are ``TITLE_WORDS``.
INSTITUTION_NOUNS = frozenset(
    {
        "mp", "mps", "msp", "meps", "mep", "peer", "peers", "election", "government", "parliament",
        "party", "council", "committee", "commission", "ministry", "department", "bill", "budget",
        "court", "cabinet", "treaty", "assembly", "agency", "authority", "office", "inquiry",
        "referendum", "manifesto", "conference", "summit", "union", "act", "speaker", "commons",
        "lords", "house", "chamber", "senate", "congress",
    }
)  # fmt: skip
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
_MODIFIER_OR_PUNCT = _MODIFIER_DEPS | {"punct"}
#: Where a word the tagger took for a verb stands as a noun (``talks with Kyiv were held``).
_NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr", "dative", "appos"})
_CLAUSE_CHILDREN = frozenset({"dobj", "nsubj", "nsubjpass", "ccomp", "xcomp", "prep", "dative", "attr", "acomp"})


def is_noun(token) -> bool:
    """A common noun: tagged so; a word tagged as a verb where only a noun can stand (``talks
    with Kyiv were held``, a bare gerund: ``classed as marketing``); or a word tagged as a name
    that no entity holds and that is a common noun written with a capital (``The Speaker``, a
    plural opening a sentence: ``Applicants``) or in lower case (``went to university``)."""
    if token.pos_ == "NOUN":
        return True
    if token.pos_ == "VERB" and token.dep_ in _NOMINAL_DEPS:
        bare = token.tag_ == "VBG" and not any(c.dep_ in _CLAUSE_CHILDREN for c in token.children)
        return token.tag_ == "VBZ" or bare
    return token.pos_ == "PROPN" and not token.ent_type_ and _common_word(token)


def _common_word(token) -> bool:
    word = token.lower_
    if token.text.islower() or word in TITLE_WORDS or word in INSTITUTION_NOUNS:
        return True
    return token.tag_ == "NNPS" and token.is_sent_start  # "Applicants will be tested"


def noun_lemma(token) -> str:
    """The dictionary form of a noun: ``talks`` and ``arms`` stay, a gerund is as written, a
    plural the tagger took for a name loses its ``s``."""
    word = token.lower_
    if word in PLURAL_ONLY or token.tag_ == "VBG":
        return word
    if token.pos_ == "PROPN":
        if token.tag_ == "NNPS" and word.endswith("ies"):
            return word[:-3] + "y"
        return word[:-1] if token.tag_ == "NNPS" and word.endswith("s") and not word.endswith("ss") else word
    return token.lemma_.lower()


def concept_head(token, end: int | None = None):
    """The noun a phrase headed by ``token`` is about: partitive heads give way to their
    ``of`` object (``three hours of talks`` -> ``talks``), when it comes before token ``end``."""
    for _ in range(3):
        if token.lemma_.lower() not in PARTITIVES and token.lower_ not in PARTITIVES:
            break
        objects = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
        objects = [g for g in objects if g.dep_ == "pobj" and (end is None or g.i < end) and is_noun(g)]
        if not objects:
            break
        token = objects[0]
    return token


def concept_words(head) -> list | None:
    """The tokens of a concept: the head noun with its compound and adjective modifiers, or
    None when ``head`` is not a common noun (a name, a pronoun, a value, a verb)."""
    if not (is_noun(head) or _nominal_adjective(head)) or head.ent_type_ or head.like_num:
        return None
    if not head.text[:1].isalpha():
        return None
    if head.lemma_.lower() in UNITS and any(c.dep_ == "nummod" for c in head.children):
        return None  # "two hours": a value
    modifiers: list = []
    for child in head.children:
        if child.dep_ in _MODIFIER_DEPS and child.i < head.i:
            modifiers.extend(_modifier_tokens(child))
    tokens = sorted({t.i: t for t in [*modifiers, head]}.values(), key=lambda t: t.i)
    return _contiguous_to(tokens, head)


def _nominal_adjective(token) -> bool:
    """``the poor``, ``the vulnerable``: an adjective standing for the people it describes."""
    if token.pos_ != "ADJ" or token.dep_ not in _NOMINAL_DEPS:
        return False
    return any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)


def _modifier_tokens(child) -> list:
    """A modifier and its own compound and hyphen pieces, or nothing when it is a name, a
    value, a possessive or a word that does not describe (``same``, ``new``)."""
    if child.ent_type_ or child.like_num or child.tag_ in {"POS", "PRP$"} or child.dep_ == "poss":
        return []
    if child.dep_ == "amod" and (child.lower_ in NON_DESCRIPTIVE or child.pos_ not in {"ADJ", "VERB", "NOUN"}):
        return []
    if child.pos_ == "PROPN" and not _common_word(child) and child.text[:1].isupper():
        return []  # a name the tagger found and NER did not
    found = [child]
    for grand in child.children:
        if grand.dep_ in _MODIFIER_OR_PUNCT and grand.i < child.i:
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
    last = noun_lemma(head)
    key = "".join(t.lower_ + t.whitespace_ for t in words[:-1]) + last
    surface = "".join(_display(t) + t.whitespace_ for t in words[:-1]) + _display(words[-1])
    return " ".join(key.split()), " ".join(surface.split())


def _display(token) -> str:
    """A word as a label shows it: ``Peace`` at a sentence start is ``peace``; ``MP`` stays."""
    text = token.text
    return text if text.isupper() and len(text) > 1 else text.lower()
