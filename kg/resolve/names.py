"""Name normalisation: the keys under which different spellings of one name meet."""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

__all__ = [
    "NAME_PREFIXES",
    "PLACE_ALIASES",
    "acronym",
    "clean_name",
    "first_names_match",
    "name_key",
    "person_parts",
]

#: Common alternative names of countries and blocs, keyed by name_key, mapped to one name.
PLACE_ALIASES = {
    "us": "United States",
    "usa": "United States",
    "united states": "United States",
    "united states of america": "United States",
    "america": "United States",
    "uk": "United Kingdom",
    "united kingdom": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "russian federation": "Russia",
    "peoples republic of china": "China",
    "prc": "China",
    "mainland china": "China",
    "uae": "United Arab Emirates",
    "united arab emirates": "United Arab Emirates",
    "eu": "European Union",
    "european union": "European Union",
    "un": "United Nations",
    "united nations": "United Nations",
    "dprk": "North Korea",
    "democratic peoples republic of korea": "North Korea",
    "republic of korea": "South Korea",
    "rok": "South Korea",
    "drc": "Democratic Republic of the Congo",
    "holland": "Netherlands",
    "the netherlands": "Netherlands",
    "ussr": "Soviet Union",
    "soviet union": "Soviet Union",
}
#: Courtesy titles and offices written before a name, dropped from its key (``President Trump``).
NAME_PREFIXES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "sir",
        "dame",
        "prof",
        "president",
        "prime",
        "minister",
        "secretary",
        "senator",
        "sen",
        "rep",
        "gov",
        "governor",
        "gen",
        "general",
        "chancellor",
        "ambassador",
        "mayor",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "judge",
        "justice",
        "lord",
        "lady",
        "sheikh",
        "emir",
        "premier",
        "vice",
        "foreign",
        "state",
        "deputy",
    }
)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_NON_WORD = re.compile(r"[^\w\s-]")
_STOP = frozenset({"of", "the", "and", "for", "&", "de", "du", "la", "le"})


def clean_name(text: str) -> str:
    """A surface name without possessive, leading article or surrounding punctuation."""
    text = unicodedata.normalize("NFKC", " ".join(text.split()))
    text = _POSSESSIVE.sub("", text).strip(" ,;:-\"'“”")
    if text.lower().startswith("the "):
        text = text[4:]
    return text


def name_key(text: str) -> str:
    """Lower case, no accents, no dots or punctuation: ``U.S.`` and ``US`` share ``us``."""
    text = clean_name(text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace(".", "").replace("’", "").replace("'", "")
    text = _NON_WORD.sub(" ", text.lower()).replace("-", " ")
    return " ".join(text.split())


def person_parts(text: str) -> list[str]:
    """The words of a person's name without courtesy titles: ``Mr Peskov`` -> ``["peskov"]``."""
    words = name_key(text).split()
    while len(words) > 1 and words[0] in NAME_PREFIXES:
        words.pop(0)
    return words


def first_names_match(first: str, other: str) -> bool:
    """Transliteration variants (Sergey/Sergei, Dmitry/Dmitri) and initials (D/Dmitry)."""
    if first == other:
        return True
    if not first or not other or first[0] != other[0]:
        return False
    if len(first) == 1 or len(other) == 1:
        return True
    return SequenceMatcher(None, first, other).ratio() >= 0.75 and abs(len(first) - len(other)) <= 2


def acronym(text: str) -> str:
    """Initials of the significant words: ``United Nations`` -> ``un``."""
    words = [w for w in name_key(text).split() if w not in _STOP]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""
