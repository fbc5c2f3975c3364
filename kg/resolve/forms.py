"""The forms of organisations, parties and places, and the links between them.

Each name that is not a person's gets a *form key* under which its spellings meet: case,
accents, dots, leading articles, possessives, legal suffixes (``Inc``, ``Corp.``, ``plc``,
``Group``: cleanco's list), the word ``Party`` and the plural of a member form do not count
(``Conservative Party``, ``Conservatives``, ``Conservative``; ``Labour Party``, ``Labour``);
known alternative names map to one name (``US``/``USA``, ``Tory``/``Tories``). Forms are then
linked by rules that look at more than one name:

- an acronym joins the long name it abbreviates, whatever the spelling of its initials
  (``USGS`` / ``U. S. Geological Survey``), found in the same document first;
- a clipped form joins its full form (``Lib Dems`` / ``Liberal Democrats``);
- within one document a short form joins the long form that adds only a place before it
  (``Saints`` / ``New Orleans Saints``) or a generic geographic word after it (``Elbe`` /
  ``Elbe River``). A place after a name makes another organisation (``Vodafone UK``,
  ``Telecom Egypt``), and a place is never the short form of an organisation (``Surrey`` /
  ``Surrey Police``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache

from cleanco import basename

from kg.extract.entities import ORGANISATION_WORDS
from kg.resolve.names import PLACE_ALIASES, acronym_form, acronyms, clean_name, name_key

__all__ = [
    "GEOGRAPHIC_WORDS",
    "ORG_ALIASES",
    "acronym_links",
    "clipped",
    "clipping_links",
    "form_key",
    "short_form_links",
    "singular",
]

#: Alternative names of parties (member forms and nicknames), keyed by form key.
ORG_ALIASES = {
    "tory": "conservative",
    "gop": "republican",
    "grand old": "republican",
    "democratic": "democrat",
}
#: Words after a name that say what kind of place it is, not which (``Elbe River``).
GEOGRAPHIC_WORDS = frozenset(
    {
        "river",
        "lake",
        "sea",
        "ocean",
        "mountain",
        "mountains",
        "island",
        "islands",
        "valley",
        "canal",
        "bay",
        "gulf",
        "desert",
        "forest",
        "strait",
        "peninsula",
        "dam",
    }
)
_GENERIC_TAILS = frozenset({"group", "holdings", "party"})
#: Words after a company's name that do not make another company (``Amnesty International``).
_ORG_TAILS = frozenset({"international", "corporation", "company", "incorporated", "limited"})
_NO_PLURAL = ("ss", "us", "is", "ys", "os")


def singular(word: str) -> str:
    """A plural's singular by the regular rules (``tories`` -> ``tory``, ``dems`` -> ``dem``)."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(_NO_PLURAL):
        return word[:-1]
    return word


@lru_cache(maxsize=1 << 16)
def form_key(text: str) -> str:
    """The key the forms of one organisation or place share (see the module docstring)."""
    key = name_key(text)
    if key in PLACE_ALIASES:
        return name_key(PLACE_ALIASES[key])
    if acronym_form(text):
        return ORG_ALIASES.get(key, key)
    words = _without_legal_suffix(text, key).split()
    while len(words) > 1 and words[-1] in _GENERIC_TAILS:
        words.pop()
    if words:
        words[-1] = singular(words[-1])
    joined = " ".join(words)
    return ORG_ALIASES.get(joined, joined)


def _without_legal_suffix(text: str, key: str) -> str:
    """cleanco's base name, unless what it cut is a place (``Vodafone UK`` is not ``Vodafone``)."""
    base = name_key(basename(clean_name(text)))
    if not base or base == key or not key.startswith(base):
        return base or key
    cut = key[len(base) :].split()
    return key if any(word in PLACE_ALIASES for word in cut) else base


def acronym_links(surfaces: dict[str, Counter], docs: dict[str, set[str]]) -> list[tuple[str, str]]:
    """(acronym key, long key) pairs: the long form whose initials the acronym is, found in the
    acronym's documents most often, else the only one in the corpus.

    ``surfaces``: form key -> its surface names (counted); ``docs``: form key -> documents."""
    by_letters: dict[str, set[str]] = defaultdict(set)
    for key, names in surfaces.items():
        if " " in key:
            for surface in names:
                for letters in acronyms(surface):
                    by_letters[letters].add(key)
    links = []
    for key, names in sorted(surfaces.items()):
        written = {acronym_form(surface) for surface in names} - {""}
        if key.replace(" ", "") not in written:
            continue  # the key is a long form that someone also wrote as an acronym
        candidates = set().union(*(by_letters.get(found, set()) for found in written)) - {key}
        if not candidates:
            continue
        together = Counter({c: len(docs[c] & docs[key]) for c in candidates})
        ranked = together.most_common(2)
        if ranked[0][1] and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            links.append((key, ranked[0][0]))
        elif len(candidates) == 1:
            links.append((key, next(iter(candidates))))
    return links


def clipped(short: str, long: str) -> bool:
    """``lib dem`` is ``liberal democrat`` clipped: as many words, each a prefix of three or more
    letters of the other's (or the same word), one at least shorter."""
    a, b = short.split(), long.split()
    if len(a) != len(b) or len(a) < 2 or a == b:
        return False
    return all(x == y or (len(x) >= 3 and y.startswith(x)) for x, y in zip(a, b))


def clipping_links(keys: Iterable[str]) -> list[tuple[str, str]]:
    """(clipped key, full key) pairs where the full form is the only one the clipped form fits."""
    by_start: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for key in sorted(set(keys)):
        words = key.split()
        if len(words) >= 2:
            by_start[tuple(w[:3] for w in words)].append(key)
    links = []
    for group in by_start.values():
        for short in group:
            fits = [long for long in group if clipped(short, long)]
            if len(fits) == 1:
                links.append((short, fits[0]))
    return links


def short_form_links(doc_keys: Iterable[str], places: set[str]) -> list[tuple[str, str]]:
    """(short key, long key) pairs within one document's keys: the long form is a place and the
    short one (``new orleans saint`` / ``saint``), or the short one and a geographic word."""
    keys = sorted(set(doc_keys))
    links = []
    for short in keys:
        if short in places:
            continue
        fits = [long for long in keys if long != short and _extends(short, long, places)]
        if len(fits) == 1:
            links.append((short, fits[0]))
    return links


def _extends(short: str, long: str, places: set[str]) -> bool:
    """``saint`` / ``new orleans saint``; ``elbe`` / ``elbe river``; ``amnesty`` / ``amnesty
    international``; ``met`` / ``metropolitan police`` (a clipped first word and an
    organisation word)."""
    if long.endswith(" " + short):
        return long[: -len(short) - 1] in places
    if long.startswith(short + " "):
        rest = long[len(short) + 1 :].split()
        return all(word in GEOGRAPHIC_WORDS for word in rest) or all(word in _ORG_TAILS for word in rest)
    words = long.split()
    return (
        " " not in short
        and len(words) == 2
        and len(short) >= 3
        and words[0].startswith(short)
        and words[1] in ORGANISATION_WORDS
    )
