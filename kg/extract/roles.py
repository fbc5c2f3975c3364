"""Roles of people from titles before a name (``Kremlin spokesman Dmitry Peskov``) and from
appositions (``Mr Lavrov, Mr Tillerson's Russian counterpart,``)."""

from __future__ import annotations

from collections.abc import Iterator

from kg.extract.phrases import entity_of, phrase_tokens

__all__ = ["HONORIFICS", "TITLE_GENDER", "TITLE_WORDS", "person_roles", "title_gender"]

#: Courtesy titles: part of how a name is written, not a role.
HONORIFICS = frozenset(
    {
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "miss",
        "dr",
        "dr.",
        "sir",
        "dame",
        "lord",
        "lady",
        "madam",
        "mme",
        "m.",
        "herr",
        "frau",
        "prof",
        "prof.",
    }
)
#: Courtesy titles that tell a person's gender.
TITLE_GENDER = {
    "mr": "m",
    "mrs": "f",
    "ms": "f",
    "miss": "f",
    "sir": "m",
    "dame": "f",
    "lord": "m",
    "lady": "f",
    "madam": "f",
    "mme": "f",
    "herr": "m",
    "frau": "f",
}
#: Capitalised nouns that name an office even when tagged as proper nouns.
TITLE_WORDS = frozenset(
    {
        "president",
        "minister",
        "secretary",
        "ambassador",
        "chancellor",
        "senator",
        "governor",
        "general",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "chairman",
        "chairwoman",
        "director",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "premier",
        "mayor",
        "judge",
        "justice",
        "leader",
        "commander",
        "chief",
        "ceo",
        "representative",
        "rep.",
        "sen.",
        "gov.",
        "gen.",
        "envoy",
        "speaker",
        "counsel",
        "attorney",
        "prosecutor",
        "officer",
        "head",
        "deputy",
        "vice",
        "colonel",
        "captain",
        "lieutenant",
        "sheikh",
        "emir",
        "sultan",
        "archbishop",
        "bishop",
        "cardinal",
        "coach",
        "manager",
        "editor",
        "founder",
        "chair",
        "treasurer",
        "diplomat",
    }
)
_MODIFIER_DEPS = frozenset({"compound", "nmod", "amod", "poss", "case", "prep", "pobj", "punct"})


def person_roles(entities) -> Iterator[tuple[object, list]]:
    """(person entity span, role tokens) for every role the sentence gives a person, from the
    sentence's entity spans (``Span.ents`` re-reads the whole document on each call)."""
    for ent in entities:
        if ent.label_ != "PERSON":
            continue
        tokens = _title_before(ent)
        if tokens:
            yield ent, tokens
        for appos in _appositions(ent):
            yield ent, appos


def _title_before(ent) -> list:
    """Modifiers left of a name within its noun phrase, without determiners and honorifics."""
    collected: set[int] = set()
    for token in ent:
        for child in token.children:
            if child.i < ent.start and child.dep_ in _MODIFIER_DEPS - {"punct", "case"}:
                collected.update(t.i for t in child.subtree)
    if not collected:
        return []
    doc = ent.doc
    tokens = [doc[i] for i in range(min(collected), ent.start)]
    while tokens and (tokens[0].dep_ == "det" or tokens[0].lower_ in HONORIFICS or tokens[0].is_punct):
        tokens.pop(0)
    while tokens and (tokens[-1].lower_ in HONORIFICS or tokens[-1].is_punct):
        tokens.pop()
    if not tokens or any(t.is_punct and t.text not in {"-", "'s", "."} for t in tokens):
        return []
    if not any(_is_title_noun(t) for t in tokens) or any(t.ent_type_ == "PERSON" for t in tokens):
        return []
    return tokens


def _appositions(ent) -> Iterator[list]:
    """Common-noun appositions of a name, and the noun a name is in apposition to."""
    root = ent.root
    candidates = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        candidates.append(root.head)
    for noun in candidates:
        if noun.pos_ != "NOUN" or entity_of(noun) is not None:
            continue
        tokens = [t for t in phrase_tokens(noun) if not (root.dep_ == "appos" and t.i >= ent.start)]
        while tokens and tokens[0].dep_ == "det":
            tokens.pop(0)
        if tokens and len(tokens) <= 10:
            yield tokens


def _is_title_noun(token) -> bool:
    if token.lower_ in HONORIFICS:
        return False
    return token.pos_ == "NOUN" or token.lower_ in TITLE_WORDS


def title_gender(text: str) -> str | None:
    """``f`` for ``Mrs Howard``, ``m`` for ``Mr Howard``, None without a gendered title."""
    words = text.lower().replace(".", " ").split()
    return TITLE_GENDER.get(words[0]) if len(words) > 1 else None
