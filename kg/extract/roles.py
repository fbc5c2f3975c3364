"""Roles of people from titles before a name (``Kremlin spokesman Dmitry Peskov``) and from
appositions (``Mr Lavrov, Mr Tillerson's Russian counterpart,``), and their structure: the
title normalised (``spokesman``) and the organisation or country it belongs to (Kremlin)."""

from __future__ import annotations

from collections.abc import Iterator

from kg.extract.phrases import entity_of, phrase_tokens

__all__ = [
    "HONORIFICS",
    "PORTFOLIOS",
    "TITLE_GENDER",
    "TITLE_QUALIFIERS",
    "TITLE_WORDS",
    "person_roles",
    "role_structure",
    "title_gender",
]

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
        "prime",  # of "prime minister": not an organisation named Prime
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
#: Words that qualify a title without naming another office: ``former president``.
TITLE_QUALIFIERS = frozenset(
    {"former", "then", "current", "new", "incoming", "outgoing", "late", "ex", "top", "senior", "veteran", "longtime"}
)
#: What follows ``of`` or ``for`` inside a title, not an organisation: ``Secretary of State``,
#: ``Chancellor of the Exchequer``, ``Minister for Europe``.
PORTFOLIOS = frozenset(
    {
        "state",
        "defence",
        "defense",
        "justice",
        "health",
        "education",
        "treasury",
        "interior",
        "finance",
        "labour",
        "labor",
        "energy",
        "agriculture",
        "commerce",
        "transport",
        "trade",
        "culture",
        "environment",
        "exchequer",
        "staff",
        "europe",
        "affairs",
        "security",
        "foreign",
        "home",
        "homeland",
        "work",
        "pensions",
        "industry",
    }
)
#: NER labels of the organisation or country a title belongs to (not a person's).
OWNER_LABELS = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC"})
_TITLE_OR_PORTFOLIO = PORTFOLIOS | TITLE_WORDS
_TITLE_TERMS = _TITLE_OR_PORTFOLIO | TITLE_QUALIFIERS
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
    candidates += [conj for noun in candidates for conj in noun.conjuncts if conj.i > noun.i]
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


def role_structure(tokens) -> tuple[str, object | None]:
    """The normalised title of role words and the entity span it belongs to, if any:
    ``Kremlin spokesman`` -> (``spokesman``, Kremlin); ``deputy head of Russia's Security
    Council`` -> (``deputy head``, Security Council); ``US Secretary of State`` ->
    (``secretary of state``, US). The title is "" when no word of it is left."""
    cut = _title_end(tokens)
    head, tail = tokens[:cut], tokens[cut:]
    title = [t for t in head if _title_word(t)]
    owners = [ent for ent in (entity_of(t) for t in head if _owner_token(t)) if not _titled(ent)]
    owner = owners[-1] if owners else None
    if owner is None and tail and tail[0].lower_ in {"of", "at", "for"}:
        owner = _owner_in(tail[1:])
    return " ".join(t.lower_ for t in title), owner


def _title_end(tokens) -> int:
    """Where the title words end: at the first preposition that does not open a portfolio
    (``of State``, ``for Europe``), or at the end."""
    for k, token in enumerate(tokens):
        if token.pos_ == "ADP" and not _portfolio_at(tokens, k):
            return k
    return len(tokens)


def _portfolio_at(tokens, k: int) -> bool:
    if tokens[k].lower_ not in {"of", "for"} or k == 0:
        return False
    rest = [t for t in tokens[k + 1 : k + 4] if t.lower_ != "the"]
    return bool(rest) and rest[0].lower_ in PORTFOLIOS and tokens[k - 1].lower_ in TITLE_WORDS


def _title_word(token) -> bool:
    """A word of the title: not the owner's name, a determiner, a possessive or a qualifier."""
    if token.is_punct or token.dep_ in {"det", "case", "poss"} or token.tag_ in {"POS", "PRP$", "DT"}:
        return token.lower_ == "the" and token.i > 0 and token.doc[token.i - 1].lower_ in {"of", "for"}
    word = token.lower_
    if word in HONORIFICS or word in TITLE_QUALIFIERS:
        return False
    if word in PORTFOLIOS or word in TITLE_WORDS:
        return True
    return not token.ent_type_ and token.pos_ in {"NOUN", "ADJ", "PROPN", "ADP"}


def _titled(span) -> bool:
    """An entity span the tagger drew over title words (``New Home`` of ``New Home Secretary``):
    not the organisation of the title."""
    return any(t.lower_ in _TITLE_TERMS for t in span)


def _owner_token(token) -> bool:
    return token.ent_type_ in OWNER_LABELS and token.lower_ not in _TITLE_OR_PORTFOLIO


def _owner_in(tokens):
    """The organisation a title's ``of``/``at``/``for`` phrase names: the entity of its noun
    (``of Russia's Security Council`` -> Security Council), else the last one in it."""
    found = [entity_of(t) for t in tokens if _owner_token(t)]
    for token in tokens:
        if token.dep_ == "pobj" and _owner_token(token):
            return entity_of(token)
    return found[-1] if found else None


def title_gender(text: str) -> str | None:
    """``f`` for ``Mrs Howard``, ``m`` for ``Mr Howard``, None without a gendered title."""
    words = text.lower().replace(".", " ").split()
    return TITLE_GENDER.get(words[0]) if len(words) > 1 else None
