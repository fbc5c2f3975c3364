"""The name mentions of a corpus as resolution sees them: one ``Name`` each, with the evidence
the rules read (normalised forms, courtesy title, gender cues, role, context)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.extract.given_names import first_name_gender, is_given_name
from kg.model import Extraction, root_mention
from kg.resolve.names import HONORIFIC_GENDER, acronym_form, clean_name, honorific_of, name_key, person_parts

__all__ = ["Corpus", "Name", "first_name_gender", "is_given_name", "pronoun_gender"]

_PRONOUN_GENDER = {"he": "m", "him": "m", "himself": "m", "she": "f", "her": "f", "herself": "f"}


def pronoun_gender(text: str) -> str | None:
    return _PRONOUN_GENDER.get(text.lower())


@dataclass
class Name:
    """A name mention being resolved. ``node`` is its index in ``Corpus.names``."""

    node: int
    doc: str
    mention: int
    surface: str  # the name as written, cleaned (no possessive, no leading "the")
    label: str | None
    key: str  # name_key(surface)
    words: tuple[str, ...]  # the words of a person's name, without courtesy titles or offices
    honorific: str | None
    before: str
    verb: str
    role: str | None
    acronym: str  # the letters when written as an acronym, else ""
    pronouns: Counter = field(default_factory=Counter)  # genders of the pronouns that refer to it

    @property
    def gender(self) -> str | None:
        """From the courtesy title, else the pronouns that refer to it."""
        if self.honorific in HONORIFIC_GENDER:
            return HONORIFIC_GENDER[self.honorific]
        if self.pronouns:
            (gender, count), *rest = self.pronouns.most_common()
            return gender if not rest or count > rest[0][1] else None
        return None


@dataclass
class Corpus:
    """Every name mention of the corpus, by document, and the documents' dates."""

    names: list[Name] = field(default_factory=list)
    by_doc: dict[str, list[Name]] = field(default_factory=lambda: defaultdict(list))
    dates: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def of(cls, extractions: Iterable[Extraction]) -> Corpus:
        corpus = cls()
        for ex in sorted(extractions, key=lambda e: e.document.id):
            corpus.dates[ex.document.id] = ex.document.date
            first = len(corpus.names)
            for mention in ex.mentions:
                if mention.kind == "name":
                    corpus._add(ex.document.id, mention)
            names = {n.mention: n for n in corpus.names[first:]}
            for mention in ex.mentions:
                gender = pronoun_gender(mention.text) if mention.kind == "pronoun" else None
                root = root_mention(ex.mentions, mention.id) if gender else None
                if root is not None and root.id in names:
                    names[root.id].pronouns[gender] += 1
        return corpus

    def _add(self, doc_id: str, mention) -> None:
        surface = clean_name(mention.text)
        key = name_key(surface)
        if not key or not any(ch.isalpha() for ch in key):
            return
        honorific = honorific_of(surface)
        words = tuple(person_parts(surface))
        if honorific is None and len(key.split()) == 1 and words and words[0] in _HONORIFIC_ONLY:
            return  # "Mr" alone is not a name
        name = Name(
            node=len(self.names),
            doc=doc_id,
            mention=mention.id,
            surface=surface,
            label=mention.label,
            key=key,
            words=words,
            honorific=honorific,
            before=mention.before,
            verb=mention.verb,
            role=mention.role,
            acronym=acronym_form(surface),
        )
        self.names.append(name)
        self.by_doc[doc_id].append(name)


_HONORIFIC_ONLY = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "madam", "mme", "prof"})
