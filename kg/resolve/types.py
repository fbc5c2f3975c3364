"""The type of an entity, from all the evidence of its names, not one mention's NER label.

Each name votes its NER label; a courtesy title, a pronoun that refers to it or a role it was
given votes for a person, and so does a first name the name list knows (against an odd label:
``Nicolás Maduro`` tagged a work of art); an organisation word at its head (``Party``,
``Council``, ``Ministry``, ``Inc``) votes for an organisation and a geographic word (``River``)
for a location. A name with digits is not a person's (``COVID-19``). A single word whose only
evidence of a person is the NER label, and that is written as things are (``the Elbe``, ``on
Twitter``), takes its next best type. A place that only ever speaks (``Xinhua reported``) and
is never where something happens is an organisation, and so is a group one of whose names is
an organisation's (``Tories``, ``Conservatives`` and ``Conservative Party``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from kg.extract.entities import ORGANISATION_WORDS
from kg.extract.speech import SPEECH_VERBS
from kg.model import ENTITY_TYPES
from kg.resolve.forms import GEOGRAPHIC_WORDS
from kg.resolve.records import Name, is_given_name

__all__ = ["entity_label"]

_THING_CUES = frozenset({"the", "on", "via"})
_LOCATIVE = frozenset({"in", "at", "from", "into", "near", "across", "throughout", "outside"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_PLACE_OR_ORG = _PLACE_LABELS | {"ORG"}
_THING_OR_LOCATIVE = _THING_CUES | _LOCATIVE


def _votes(names: list[Name]) -> tuple[Counter, int]:
    """Votes by NER label, and how many votes for a person came from more than the label."""
    votes: Counter = Counter()
    person_cues = 0
    for name in names:
        label = name.label or "ORG"
        votes[label] += 1
        words = name.key.split()
        given = len(name.words) >= 2 and is_given_name(name.words[0])
        cues = 3 * bool(name.honorific)
        if given or len(name.words) == 1:  # "Lib Dems" said ... he: the pronoun is someone else
            cues += 2 * sum(name.pronouns.values()) + 2 * bool(name.role)
        if given and label not in _PLACE_OR_ORG:
            cues += 1
        if cues:
            votes["PERSON"] += cues
        person_cues += cues
        if words and words[-1] in ORGANISATION_WORDS and not name.honorific and label not in _PLACE_LABELS:
            votes["ORG"] += 2
        if words and words[-1] in GEOGRAPHIC_WORDS:
            votes["LOC"] += 3
    return votes, person_cues


def entity_label(names: Iterable[Name]) -> str:
    """The NER-style label (``PERSON``, ``ORG``, ``GPE`` ...) that the evidence favours."""
    names = list(names)
    votes, person_cues = _votes(names)
    if any(ch.isdigit() for name in names for ch in name.key):
        votes.pop("PERSON", None)
    if not person_cues and any(len(name.words) >= 2 for name in names):
        votes["PERSON"] -= sum(len(name.words) >= 2 and name.label == "PERSON" for name in names)
        if votes["PERSON"] <= 0:  # "Lib Dems": several words, no first name, nothing else personal
            votes.pop("PERSON")
    single = all(len(name.words) <= 1 for name in names)
    if single and not person_cues and any(name.before in _THING_OR_LOCATIVE for name in names):
        votes.pop("PERSON", None)  # written as things are, and nothing else said
        where = any(name.before in _LOCATIVE for name in names)
        votes["GPE" if where else "ORG"] += 1
    ranked = sorted(votes.items(), key=lambda kv: (-kv[1], _PRIORITY.get(kv[0], 99)))
    if not ranked:  # a name with digits NER called a person: a thing that happened (COVID-19)
        return "EVENT"
    label = ranked[0][0]
    if label in _PLACE_LABELS and _only_speaks(names):
        return "ORG"
    if label == "NORP" and any(_organisation_name(name) for name in names):
        return "ORG"  # "Tories" and "Conservatives" are the members of the Conservative Party
    return label if label in ENTITY_TYPES else "ORG"


def _organisation_name(name: Name) -> bool:
    words = name.key.split()
    return len(words) >= 2 and words[-1] in ORGANISATION_WORDS and not name.honorific


def _only_speaks(names: list[Name]) -> bool:
    return all(name.verb in SPEECH_VERBS and name.before not in _LOCATIVE for name in names)


_PRIORITY = {
    label: i
    for i, label in enumerate(
        ["PERSON", "GPE", "ORG", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"]
    )
}
