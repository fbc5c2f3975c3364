"""Dependency-label sets and the phrase helpers every extraction rule shares."""

from __future__ import annotations

from spacy.tokens import Span, Token

__all__ = [
    "ANY_SUBJ_DEPS",
    "CLAUSE_DEPS",
    "ENTITY_LABELS",
    "OBJ_DEPS",
    "PASSIVE_SUBJ_DEPS",
    "POINTING_WORDS",
    "PRONOUN_TAGS",
    "SUBJ_DEPS",
    "conjuncts",
    "detachable",
    "entity_of",
    "is_negated",
    "is_pronoun",
    "list_items",
    "phrase_tokens",
    "span_text",
]

SUBJ_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJ_DEPS = frozenset({"nsubjpass", "csubjpass"})
ANY_SUBJ_DEPS = SUBJ_DEPS | PASSIVE_SUBJ_DEPS
OBJ_DEPS = frozenset({"dobj", "obj", "dative", "oprd"})
#: Dependents that open a clause of their own: never part of an argument phrase.
CLAUSE_DEPS = frozenset({"relcl", "advcl", "ccomp", "parataxis", "acl"})
#: Modifiers of a noun that may be a list (``federal and state``, ``French and German``).
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "nummod"})
#: Words that may be the items of a list of modifiers (not ``a dozen or so``).
LIST_POS = frozenset({"ADJ", "NOUN", "PROPN", "NUM", "VERB"})
PAIRED = frozenset({"both", "either", "neither"})
NOUN_POS = frozenset({"NOUN", "PROPN", "NUM", "PRON"})
#: Prepositions whose phrase completes the noun before it: ``capital of France``, ``more than ten``.
NOUN_PREPOSITIONS = frozenset({"of", "than", "as", "like", "per", "versus", "vs", "vs."})
#: Dependents trimmed from the edges of a phrase.
EDGE_DEPS = frozenset({"punct", "cc", "mark", "prep", "case"})
PRONOUN_TAGS = frozenset({"PRP", "PRP$", "WP", "WP$", "WDT", "EX"})
#: NER labels that become entities; numbers, dates and times stay literals.
ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)
NEGATIONS = frozenset({"not", "n't", "never", "no"})
#: Words that only point at something else: never an argument on their own, whatever the tags.
POINTING_WORDS = frozenset(
    {
        "i",
        "me",
        "you",
        "he",
        "him",
        "she",
        "her",
        "it",
        "we",
        "us",
        "they",
        "them",
        "one",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "who",
        "whom",
        "which",
        "what",
        "whatever",
        "myself",
        "yourself",
        "himself",
        "herself",
        "itself",
        "ourselves",
        "themselves",
        "such",
    }
)


def is_pronoun(token) -> bool:
    """True for personal, relative, demonstrative-standalone and expletive pronouns."""
    if token.tag_ in PRONOUN_TAGS:
        return True
    return token.pos_ == "PRON" and token.lower_ not in {"one", "ones"}


def conjuncts(token) -> list:
    """The token and every token coordinated with it (``A, B and C``), in text order."""
    found = [token]
    for conj in token.conjuncts:
        if conj.i > token.i and conj not in found:
            found.append(conj)
    return sorted(found, key=lambda t: t.i)


def phrase_tokens(head, *, keep_clauses: bool = False, cut_preps: bool = False) -> list:
    """The compact phrase headed by ``head``: its subtree without coordinated siblings,
    clauses (unless ``keep_clauses``), with ``cut_preps`` the prepositional phrases that
    ``detachable`` allows, and edge punctuation."""
    excluded: set[int] = set()
    for child in head.children:
        if (
            child.dep_ in {"conj", "cc", "preconj"}
            or (not keep_clauses and child.dep_ in CLAUSE_DEPS and not _infinitive_of_noun(child))
            or (cut_preps and detachable(child))
        ):
            excluded.update(t.i for t in child.subtree)
    tokens = [t for t in head.subtree if t.i not in excluded]
    tokens = _contiguous_around(tokens, head)
    while tokens and (tokens[0].is_punct or tokens[0].dep_ in {"cc", "mark"}) and tokens[0] is not head:
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ in EDGE_DEPS) and tokens[-1] is not head:
        tokens.pop()
    return tokens


def detachable(child) -> bool:
    """A prepositional phrase after a noun that is an argument of its own (``the summit |
    in Brussels``), not part of the noun phrase (``the capital of France``, ``more than
    ten``), and not inside a name."""
    if child.dep_ != "prep" or child.i < child.head.i or child.lower_ in NOUN_PREPOSITIONS:
        return False
    if child.head.pos_ not in NOUN_POS:  # "responsible for", "involved in": the adjective's complement
        return False
    if child.ent_type_ and child.head.ent_type_ == child.ent_type_:
        return False
    return any(c.dep_ in {"pobj", "pcomp"} for c in child.children)


def list_items(head, tokens: list) -> list[list]:
    """``tokens`` (the phrase headed by ``head``) once per item of each list among the head's
    modifiers: ``federal and state elections`` -> ``federal elections``, ``state elections``.
    A list inside a name (``the Bosnia and Herzegovina team``) is not split."""
    variants = [tokens]
    kept = {t.i for t in tokens}
    for modifier in head.children:
        if modifier.dep_ not in MODIFIER_DEPS or modifier.i > head.i or modifier.i not in kept:
            continue
        items = conjuncts(modifier)
        if len(items) < 2 or _one_name(items) or any(item.pos_ not in LIST_POS for item in items):
            continue
        items, shared = _separated(items)
        if len(items) < 2:
            continue
        whole = {t.i for t in modifier.subtree} | _paired_words(head)
        pieces = [_item_tokens(item) for item in items]
        kept_words = [t for item in shared for t in _item_tokens(item)]
        variants = [
            sorted([t for t in variant if t.i not in whole] + piece + kept_words, key=lambda t: t.i)
            for variant in variants
            for piece in pieces
        ]
    return variants


def _separated(items: list) -> tuple[list, list]:
    """The items of a list, and the words the parser took for items though no comma or
    conjunction comes before them (``wholesale and retail energy markets``: ``energy``
    modifies both), which every item keeps."""
    doc = items[0].doc
    kept, shared = [items[0]], list[Token]()
    for previous, item in zip(items, items[1:]):
        between = doc[previous.i + 1 : item.i]
        separated = any(t.dep_ == "cc" or t.text in {",", ";", "/"} for t in between)
        (kept if separated else shared).append(item)
    return kept, shared


def _paired_words(head) -> set[int]:
    """``both``, ``either``, ``neither`` before a list: gone once the list is split."""
    return {t.i for t in head.subtree if t.dep_ == "preconj" or (t.dep_ == "det" and t.lower_ in PAIRED)}


def _item_tokens(item) -> list:
    """One item of a list of modifiers, without the items coordinated with it or edge punctuation."""
    cut = {t.i for c in item.children if c.dep_ in {"conj", "cc", "preconj"} for t in c.subtree}
    tokens = [t for t in item.subtree if t.i not in cut]
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "cc"):
        tokens.pop()
    return tokens


def _one_name(items: list) -> bool:
    """The items are words of one named entity."""
    first = entity_of(items[0])
    return first is not None and all(first.start <= item.i < first.end for item in items)


def _infinitive_of_noun(clause) -> bool:
    """``efforts to streamline payrolls``: an infinitive that completes a noun stays with it."""
    return clause.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def _contiguous_around(tokens: list, head) -> list:
    """Keep the contiguous run of tokens that contains the head (drops detached pieces)."""
    by_index = {t.i: t for t in tokens}
    start = end = head.i
    while start - 1 in by_index:
        start -= 1
    while end + 1 in by_index:
        end += 1
    return [by_index[i] for i in range(start, end + 1)]


def span_text(tokens) -> str:
    """The text of tokens in document order, as written where they are contiguous, one space
    where a piece was left out (``federal [and state] elections``)."""
    if not tokens:
        return ""
    doc = tokens[0].doc
    if tokens[-1].i - tokens[0].i + 1 == len(tokens):
        return doc[tokens[0].i : tokens[-1].i + 1].text
    parts = []
    for token, following in zip(tokens, [*tokens[1:], None]):
        gap = following is not None and following.i != token.i + 1
        parts.append(token.text + (" " if gap else token.whitespace_ if following is not None else ""))
    return "".join(parts)


def entity_of(token):
    """The named-entity span (of a kept label) that contains ``token``, or None."""
    if not token.ent_type_ or token.ent_type_ not in ENTITY_LABELS:
        return None
    doc, start, end = token.doc, token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type_)


def is_negated(verb) -> bool:
    """True when the verb, or its auxiliaries, carries a negation (not, n't, never)."""
    for child in verb.children:
        if child.dep_ == "neg" or (child.lower_ in NEGATIONS and child.dep_ in {"advmod", "neg"}):
            return True
    return False
