"""Dependency-label sets and the phrase helpers every extraction rule shares."""

from __future__ import annotations

from spacy.tokens import Span

__all__ = [
    "CLAUSE_DEPS",
    "ENTITY_LABELS",
    "OBJ_DEPS",
    "PASSIVE_SUBJ_DEPS",
    "POINTING_WORDS",
    "PRONOUN_TAGS",
    "SUBJ_DEPS",
    "conjuncts",
    "entity_of",
    "is_negated",
    "is_pronoun",
    "phrase_tokens",
    "span_text",
]

SUBJ_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJ_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJ_DEPS = frozenset({"dobj", "obj", "dative", "oprd"})
#: Dependents that open a clause of their own: never part of an argument phrase.
CLAUSE_DEPS = frozenset({"relcl", "advcl", "ccomp", "parataxis", "acl"})
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


def phrase_tokens(head, *, keep_clauses: bool = False) -> list:
    """The compact phrase headed by ``head``: its subtree without coordinated siblings,
    clauses (unless ``keep_clauses``) and edge punctuation."""
    excluded: set[int] = set()
    for child in head.children:
        if child.dep_ in {"conj", "cc", "preconj"} or (
            not keep_clauses and child.dep_ in CLAUSE_DEPS and not _infinitive_of_noun(child)
        ):
            excluded.update(t.i for t in child.subtree)
    tokens = [t for t in head.subtree if t.i not in excluded]
    tokens = _contiguous_around(tokens, head)
    while tokens and (tokens[0].is_punct or tokens[0].dep_ in {"cc", "mark"}) and tokens[0] is not head:
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ in EDGE_DEPS) and tokens[-1] is not head:
        tokens.pop()
    return tokens


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
    """The text of a run of tokens, as written in the document."""
    if not tokens:
        return ""
    doc = tokens[0].doc
    return doc[tokens[0].i : tokens[-1].i + 1].text


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
