"""Entity mentions of a document: names from NER, and pronouns and nominals resolved to them."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc

from kg.extract.entities import ROLE_WORDS, role_tokens_before
from kg.extract.phrases import ENTITY_LABELS, POINTING_WORDS
from kg.extract.roles import title_gender
from kg.model import Mention, root_mention

__all__ = [
    "PERSON_PRONOUNS",
    "ROLE_QUALIFIERS",
    "SPEAKER_PRONOUNS",
    "THING_PRONOUNS",
    "MentionIndex",
    "role_fits",
    "role_head",
    "role_key",
]

PERSON_PRONOUNS = frozenset({"he", "him", "she", "her", "himself", "herself"})
THING_PRONOUNS = frozenset({"it", "itself"})
SPEAKER_PRONOUNS = frozenset({"i", "me", "myself"})
THING_LABELS = frozenset({"ORG", "GPE", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})
#: How many sentences back a pronoun or nominal may look for its antecedent.
WINDOW = 3
_GENDER_SUFFIXES = ("woman", "person", "people", "man", "men")


#: Words that make a role another one: a shadow chancellor is not the chancellor.
ROLE_QUALIFIERS = frozenset({"shadow", "former", "ex", "deputy", "vice", "acting", "assistant", "junior", "late"})


#: Words after which a role's words qualify its head (``chancellor of the exchequer``).
_ROLE_PREPOSITIONS = frozenset({"of", "for", "to", "at", "in", "on", "with"})


def role_head(role: Sequence[str]) -> str:
    """The noun a role is: its last word before a preposition (``chancellor`` of ``chancellor
    of the exchequer``, ``spokes`` of ``spokesman for the prime minister``), else its last."""
    for i, word in enumerate(role):
        if word in _ROLE_PREPOSITIONS and i:
            return role[i - 1]
    return role[-1] if role else ""


def role_fits(wanted: Collection[str], role: Sequence[str]) -> bool:
    """A description fits a role (its words in order) that has all its words and is what the
    description names (the same head: ``the chancellor`` is not ``the chancellor's friend``, nor
    ``the prime minister`` his spokesman), unless the role is qualified and the description is
    not (``the chancellor`` is not the shadow chancellor)."""
    words = set(role)
    return set(wanted) <= words and role_head(role) in wanted and not ((words - set(wanted)) & ROLE_QUALIFIERS)


def role_key(noun: str) -> str:
    """A role noun without its gendered suffix: spokesman, spokeswoman, spokesperson -> spokes."""
    word = noun.lower()
    for suffix in _GENDER_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


_POSSESSIVE = re.compile(r"['’]s(?:\s|$)")


def _before_possessive(text: str) -> str:
    """``Tillerson's Russian`` or ``Tony Blair's`` (a span with a possessive) -> the name."""
    match = _POSSESSIVE.search(text)
    return text[: match.start()] if match else text


def _context(ent) -> dict:
    """What resolution reads around a name: the word before it, the verb it is the subject of."""
    doc = ent.doc
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    root = ent.root
    verb = root.head.lemma_.lower() if root.dep_ in {"nsubj", "nsubjpass"} and root.head.pos_ in {"VERB", "AUX"} else ""
    return {"before": before, "verb": verb}


def _pointing(text: str) -> bool:
    """``Us`` tagged as a place at the start of a sentence is the pronoun; ``US`` is not."""
    return text.lower() in POINTING_WORDS and not text.isupper()


def _referential_it(token) -> bool:
    """``it`` as the subject of a verb that says something about a thing, not the ``it`` of
    ``it is thought that``, ``it is clear``, ``it was a matter of``."""
    verb = token.head
    if token.dep_ not in {"nsubj", "nsubjpass"} or token.i > verb.i:
        return False
    if any(c.dep_ in {"ccomp", "xcomp", "acomp", "attr", "csubj"} for c in verb.children):
        return False
    return verb.lemma_ != "be"


@dataclass
class MentionIndex:
    """The mentions of one parsed document, and the antecedents of pronouns and nominals."""

    doc: Doc
    mentions: list[Mention] = field(default_factory=list)
    by_start: dict[int, int] = field(default_factory=dict)  # entity start token -> mention id
    _meta: dict[int, tuple[int, str]] = field(default_factory=dict)  # mention id -> (token, dep)
    role_keys: dict[int, list[tuple[str, ...]]] = field(default_factory=dict)  # person -> roles
    _sent_of: dict[int, int] = field(default_factory=dict)
    genders: dict[str, str] = field(default_factory=dict)  # name key -> "f" or "m"

    @classmethod
    def from_doc(cls, doc) -> MentionIndex:
        """Index every named entity of a kept label as a ``name`` mention."""
        index = cls(doc)
        starts = {sent.start: i for i, sent in enumerate(doc.sents)}
        sent_no = -1
        for token in doc:
            if token.i in starts:
                sent_no = starts[token.i]
            index._sent_of[token.i] = sent_no
        for ent in doc.ents:
            text = _before_possessive(ent.text)
            if ent.label_ in ENTITY_LABELS and text.strip() and not _pointing(text):
                end = ent.start_char + len(text)
                mention_id = index._add(text, ent.start_char, end, ent.root, ent.label_, "name")
                index.mentions[mention_id] = replace(index.mentions[mention_id], **_context(ent))
                index.by_start[ent.start] = mention_id
                role = role_tokens_before(ent) if ent.label_ == "PERSON" else []
                if role:
                    index.add_role(mention_id, [t.lemma_.lower() for t in role])
        for mention in index.mentions:  # "Mrs Quinn": a courtesy title tells the gender
            gender = title_gender(mention.text)
            if gender:
                index.genders.setdefault(index.name_key(mention.id), gender)
        return index

    def _add(self, text, start, end, token, label, kind, antecedent=None) -> int:
        mention_id = len(self.mentions)
        self.mentions.append(Mention(mention_id, text, start, end, self._sent_of[token.i], label, kind, antecedent))
        self._meta[mention_id] = (token.i, token.dep_)
        return mention_id

    def of_entity(self, ent) -> int | None:
        """The mention id of an entity span."""
        return self.by_start.get(ent.start)

    def add_role(self, mention_id: int, words: list[str]) -> None:
        """Remember that a person was introduced with this role (for ``the spokesperson``);
        the first role a name is given is kept on its mention, for entity resolution. Words are
        split at hyphens and only letters kept: ``ex-Conservative chancellor`` is qualified."""
        words = [part for word in words for part in word.split("-") if part.isalpha()]
        self.role_keys.setdefault(mention_id, []).append(tuple(role_key(w) for w in words))
        mention = self.mentions[mention_id]
        if mention.role is None and words:
            self.mentions[mention_id] = replace(mention, role=" ".join(w.lower() for w in words))

    def _root(self, mention_id: int) -> int:
        return root_mention(self.mentions, mention_id).id

    def name_key(self, mention_id: int) -> str:
        """Names of one person in a document share a surname: Dmitry Peskov, Mr Peskov."""
        root = self.mentions[self._root(mention_id)]
        words = root.text.lower().split()
        return words[-1] if root.label == "PERSON" and words else root.text.lower()

    def same_entity(self, first: int, second: int) -> bool:
        return self.name_key(first) == self.name_key(second)

    def label_of(self, mention_id: int) -> str | None:
        return self.mentions[self._root(mention_id)].label

    def resolve_pronoun(self, token) -> int | None:
        """A mention for a third-person pronoun, linked to its antecedent; None if unclear."""
        word = token.lower_
        if word in PERSON_PRONOUNS:
            labels, gender = {"PERSON"}, ("f" if word.startswith(("she", "her")) else "m")
        elif word in THING_PRONOUNS and _referential_it(token):
            labels, gender = set(THING_LABELS), None
        else:
            return None
        antecedent = self._antecedent(token, labels, gender)
        if antecedent is None:
            return None
        mention = self._add(
            token.text, token.idx, token.idx + len(token), token, self.label_of(antecedent), "pronoun", antecedent
        )
        if gender:
            self.genders.setdefault(self.name_key(antecedent), gender)
        return mention

    def gender_of(self, mention_id: int) -> str | None:
        """``f`` or ``m`` when a courtesy title or an earlier pronoun gave it, else None."""
        return self.genders.get(self.name_key(mention_id))

    def resolve_nominal(self, token, words: list[str], text: str, start: int, end: int) -> int | None:
        """A mention for a definite description (``the spokesperson``, ``the home secretary``):
        the one recent person introduced with a role that has all of its words."""
        wanted = frozenset(role_key(w) for w in words)
        sentence = self._sent_of[token.i]
        candidates = [
            m
            for m, roles in self.role_keys.items()
            if any(role_fits(wanted, role) for role in roles)
            and self._meta[m][0] < token.i
            and sentence - self.mentions[m].sentence <= 2 * WINDOW
        ]
        if len({self.name_key(m) for m in candidates}) != 1:
            if not any(w.lower() in ROLE_WORDS for w in words):
                return None
            mention_id = self._add(text, start, end, token, "PERSON", "nominal")  # resolved later, by role
            self.mentions[mention_id] = replace(self.mentions[mention_id], role=" ".join(w.lower() for w in words))
            return mention_id
        antecedent = max(candidates, key=lambda m: self._meta[m][0])
        return self._add(text, start, end, token, "PERSON", "nominal", antecedent)

    def _antecedent(self, token, labels: set[str], gender: str | None = None) -> int | None:
        """The most salient earlier mention with a compatible label.

        In the pronoun's own sentence the nearest earlier mention that is not an argument of
        the same verb wins; in earlier sentences subjects win over other positions, then the
        nearest sentence. Two different subjects in that sentence make it unclear. A name used
        as an adjective (``in response to alleged Russian violations``) is never an antecedent.
        """
        sentence = self._sent_of[token.i]
        earlier = [
            m
            for m in self.mentions
            if self._meta[m.id][0] < token.i
            and self.label_of(m.id) in labels
            and sentence - m.sentence <= WINDOW
            and self.gender_of(m.id) in {None, gender}
            and self._meta[m.id][1] != "amod"  # "alleged Russian violations": a modifier stands for no one
        ]
        earlier.sort(key=lambda m: self._meta[m.id][0])
        same = [
            m
            for m in earlier
            if m.sentence == sentence and gender is not None and self.doc[self._meta[m.id][0]].head.i != token.head.i
        ]
        if same:
            return same[-1].id
        for back in range(1, WINDOW + 1):
            in_sentence = [m for m in earlier if m.sentence == sentence - back]
            if not in_sentence:
                continue
            subjects = [m for m in in_sentence if self._meta[m.id][1] in {"nsubj", "nsubjpass"}]
            chosen = subjects or in_sentence
            if subjects and len({self.name_key(m.id) for m in chosen}) > 1:
                return None
            return (chosen[0] if subjects else chosen[-1]).id
        return None
