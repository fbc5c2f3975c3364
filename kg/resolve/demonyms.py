"""Demonyms (``Russian``, ``Syrian``, ``British``) linked to the country they are of.

The country is found among the corpus's places: the demonym's stem with the usual endings
undone (``Russian`` -> ``Russia``, ``Ukrainian`` -> ``Ukraine``, ``Iranian`` -> ``Iran``,
``Italian`` -> ``Italy``), or, for the forms no rule derives, a short table (``British`` ->
``United Kingdom``, ``French`` -> ``France``, ``Dutch`` -> ``Netherlands``).
"""

from __future__ import annotations

from kg.resolve.forms import singular
from kg.resolve.names import name_key

__all__ = ["IRREGULAR_DEMONYMS", "country_of"]

#: Demonyms whose country no ending rule gives, by name key, to the country's name key.
IRREGULAR_DEMONYMS = {
    "american": "united states",
    "british": "united kingdom",
    "briton": "united kingdom",
    "english": "england",
    "scottish": "scotland",
    "scot": "scotland",
    "welsh": "wales",
    "irish": "ireland",
    "french": "france",
    "dutch": "netherlands",
    "swiss": "switzerland",
    "greek": "greece",
    "spanish": "spain",
    "danish": "denmark",
    "swedish": "sweden",
    "finnish": "finland",
    "polish": "poland",
    "turkish": "turkey",
    "german": "germany",
    "soviet": "soviet union",
    "chinese": "china",
    "japanese": "japan",
    "portuguese": "portugal",
    "vietnamese": "vietnam",
    "lebanese": "lebanon",
    "sudanese": "sudan",
    "nepalese": "nepal",
    "thai": "thailand",
    "filipino": "philippines",
    "saudi": "saudi arabia",
    "afghan": "afghanistan",
    "icelandic": "iceland",
    "norwegian": "norway",
    "belgian": "belgium",
    "argentine": "argentina",
    "peruvian": "peru",
}
_ENDINGS = (("ian", ""), ("ian", "e"), ("ian", "y"), ("ian", "a"), ("n", ""), ("an", ""), ("i", ""), ("ese", ""))


def country_of(demonym: str, places: dict[str, str]) -> str | None:
    """The entity id of the demonym's country among ``places`` (place name key -> entity id)."""
    key = singular(name_key(demonym))
    if key in IRREGULAR_DEMONYMS:
        return places.get(IRREGULAR_DEMONYMS[key])
    for ending, replacement in _ENDINGS:
        if key.endswith(ending) and len(key) > len(ending) + 2:
            stem = key[: -len(ending)] + replacement
            if stem in places and stem != key:
                return places[stem]
    return None
