"""Name normalisation: the keys under which different spellings of one name meet."""

from __future__ import annotations

import functools
import re
import unicodedata
from difflib import SequenceMatcher

__all__ = [
    "HONORIFIC_GENDER",
    "HONORIFIC_WORDS",
    "NAME_PREFIXES",
    "PLACE_ALIASES",
    "acronym",
    "acronym_form",
    "acronyms",
    "clean_name",
    "first_names_match",
    "honorific_of",
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
#: Courtesy titles and styles written before a name: part of how a person is named, not a
#: role (``Mr Blair``, ``Sir Ian``, ``Baroness Boothroyd``, ``Prince Charles``).
HONORIFIC_WORDS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "sir",
        "dame",
        "lord",
        "lady",
        "baroness",
        "baron",
        "viscount",
        "prof",
        "professor",
        "rev",
        "madam",
        "mme",
        "herr",
        "frau",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "sheikh",
        "emir",
        "sultan",
    }
)
#: Gendered courtesy titles.
HONORIFIC_GENDER = {
    "mr": "m",
    "sir": "m",
    "lord": "m",
    "baron": "m",
    "viscount": "m",
    "herr": "m",
    "king": "m",
    "prince": "m",
    "sheikh": "m",
    "emir": "m",
    "sultan": "m",
    "mrs": "f",
    "ms": "f",
    "miss": "f",
    "dame": "f",
    "lady": "f",
    "baroness": "f",
    "madam": "f",
    "mme": "f",
    "frau": "f",
    "queen": "f",
    "princess": "f",
}
#: Courtesy titles and offices written before a name, dropped from its key (``President Trump``).
NAME_PREFIXES = HONORIFIC_WORDS | frozenset(
    {
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
        "judge",
        "justice",
        "premier",
        "vice",
        "foreign",
        "state",
        "deputy",
    }
)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_NON_WORD = re.compile(r"[^\w\s-]")
_SPACED_INITIALS = re.compile(r"\b[a-z](?: [a-z]\b)+")  # "u s" (from "U. S.") -> "us"
_STOP = frozenset({"of", "the", "and", "for", "&", "de", "du", "la", "le"})


@functools.lru_cache(maxsize=1 << 16)  # a corpus names the same people thousands of times
def clean_name(text: str) -> str:
    """A surface name without possessive, leading articles (however many) or surrounding
    punctuation: ``the the Labour Party's`` -> ``Labour Party``."""
    text = unicodedata.normalize("NFKC", " ".join(text.split()))
    previous = None
    while text != previous:
        previous = text
        text = _POSSESSIVE.sub("", text).strip(" ,;:-\"'“”‘’")
        if text.lower().startswith("the "):
            text = text[4:]
    return text


@functools.lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """Lower case, no accents, no dots or punctuation: ``U.S.`` and ``US`` share ``us``."""
    text = clean_name(text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace(".", "").replace("’", "").replace("'", "")
    text = _NON_WORD.sub(" ", text.lower()).replace("-", " ")
    return _SPACED_INITIALS.sub(lambda m: m.group(0).replace(" ", ""), " ".join(text.split()))


def person_parts(text: str) -> list[str]:
    """The words of a person's name without courtesy titles: ``Mr Peskov`` -> ``["peskov"]``."""
    words = name_key(text).split()
    while len(words) > 1 and words[0] in NAME_PREFIXES:
        words.pop(0)
    return words


def honorific_of(text: str) -> str | None:
    """The courtesy title a name starts with (``mr`` for ``Mr. Blair``), if another word follows."""
    words = name_key(text).split()
    return words[0] if len(words) > 1 and words[0] in HONORIFIC_WORDS else None


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


_INITIALS = re.compile(r"^(?:[A-Za-z]\.)+$")  # U.S. or U. (one initial)
_LEGAL = frozenset({"inc", "corp", "co", "ltd", "plc", "llc", "ag", "sa", "nv", "gmbh", "group", "holdings"})


def _word_initials(word: str, hyphens: bool) -> str:
    """The letters a word gives an acronym: all of ``U.S.`` or ``UK``, the first of ``Survey``;
    a hyphenated word gives the first letter of each part, or (``hyphens`` False) of the first."""
    if _INITIALS.match(word) or (word.isupper() and word.isalpha() and len(word) <= 4):
        return word.replace(".", "").lower()
    parts = [p for p in word.split("-") if p]
    if not parts:
        return ""
    return "".join(p[0] for p in parts).lower() if hyphens else parts[0][0].lower()


def acronyms(text: str) -> frozenset[str]:
    """Every acronym a name may be written as, however its initials are spelt: ``U.S. Geological
    Survey`` and ``U. S. Geological Survey`` give ``usgs``; ``Advanced Micro Devices Inc.``
    gives ``amd`` (legal suffix dropped) and ``amdi``; ``Inter-American Development Bank`` gives
    ``iadb`` and ``idb``. Empty for a name of fewer than two significant words."""
    words = [w for w in clean_name(text).replace("&", " & ").split() if any(ch.isalnum() or ch == "&" for ch in w)]
    words = [w.strip(",;:()") for w in words]
    found = set()
    for drop_legal in (False, True):
        kept = words
        while drop_legal and len(kept) > 2 and name_key(kept[-1]) in _LEGAL:
            kept = kept[:-1]
        for drop_stop in (False, True):
            chosen = [w for w in kept if not (drop_stop and name_key(w) in _STOP)]
            significant = [w for w in chosen if name_key(w) not in _STOP]
            if len(significant) < 2 and not any(_INITIALS.match(w) for w in significant):
                continue
            for hyphens in (False, True):
                letters = "".join(_word_initials(w, hyphens) if w != "&" else "" for w in chosen)
                if len(letters) >= 2:
                    found.add(letters)
    return frozenset(found)


def acronym_form(text: str) -> str:
    """The letters of a name written as an acronym (``USGS``, ``U.S.G.S.``, ``E&Y``), else ``""``."""
    compact = clean_name(text).replace(".", "").replace(" ", "").replace("&", "")
    return compact.lower() if 2 <= len(compact) <= 8 and compact.isalpha() and compact.isupper() else ""
