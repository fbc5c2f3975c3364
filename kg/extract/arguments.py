"""Turning the head token of a phrase into an ``Argument``: an entity mention or a literal.

Pronouns never become literals: they are resolved to a mention of their entity or the
argument is dropped (None).
"""

from __future__ import annotations

from kg.extract.mentions import SPEAKER_PRONOUNS, MentionIndex
from kg.extract.phrases import POINTING_WORDS, entity_of, is_pronoun, list_items, phrase_tokens, span_text
from kg.model import Argument

__all__ = ["ArgumentMaker", "literal_argument", "strip_quotes"]

DEFINITE = frozenset({"the", "this", "that"})
PERSONAL_GENDERS = {"he": "m", "him": "m", "she": "f", "her": "f"}
#: Speakers ``it`` or ``they`` may stand for.
GROUP_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC"})
RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that", "whose", "what"})
_QUOTES = "\"'“”‘’«»`"
_EDGES = " ,;:-—–"
#: Each closing quote mark and the one that opens it.
_PARTNERS = {"”": "“", "»": "«", "’": "‘", '"': '"', "'": "'", "“": "”", "«": "»", "‘": "’"}


def strip_quotes(text: str) -> str:
    """Drop the quote marks and punctuation around a literal, keeping quotes it holds whole:
    ``"a symbol,"`` -> ``a symbol``; ``a “long day”`` stays; an unpaired double quote inside
    (``It was,” she``) goes."""
    text = text.strip()
    previous = None
    while text != previous:
        previous = text
        text = _strip_edges(text)
        if text.endswith(".") and not text[:-1].rstrip().endswith((".", "U.S", "U.K")):
            text = text[:-1].rstrip()
    return _without_unpaired(text)


def _strip_edges(text: str) -> str:
    """One round of edge stripping: quote marks around the whole text go, a quote mark whose
    partner is inside the text stays."""
    if len(text) > 1 and text[0] in _QUOTES and _PARTNERS.get(text[-1]) == text[0]:
        inside = text[1:-1]
        if text[0] == '"' or inside.count(text[0]) == inside.count(text[-1]):
            return inside.strip()
    while text and (text[0] in _EDGES or (text[0] in _QUOTES and not _paired_inside(text, 0))):
        text = text[1:].lstrip()
    while text and (text[-1] in _EDGES or (text[-1] in _QUOTES and not _paired_inside(text, len(text) - 1))):
        text = text[:-1].rstrip()
    return text


def _paired_inside(text: str, position: int) -> bool:
    """The quote mark at ``position`` (first or last character) closes or opens a quotation
    inside ``text``: ``a “long day”``. A straight quote pairs when the text holds an even number."""
    mark = text[position]
    if mark in "\"'`" or mark not in _PARTNERS:
        return mark in '"' and text.count(mark) % 2 == 0 and text.count(mark) > 0
    partner = _PARTNERS[mark]
    rest = text[:position] if position else text[1:]
    return partner in rest and rest.count(partner) > rest.count(mark)


def _without_unpaired(text: str) -> str:
    """Double quote marks that open or close nothing in the text, removed."""
    for opening, closing in (("“", "”"), ("«", "»")):
        if text.count(opening) != text.count(closing):
            text = " ".join(text.replace(opening, " ").replace(closing, " ").split())
    if text.count('"') % 2:
        text = " ".join(text.replace('"', " ").split())
    return text


def literal_argument(tokens, *, keep_pointing: bool = False) -> Argument | None:
    """A literal argument from a run of tokens, or None when nothing but punctuation is left,
    or only a word that points elsewhere (``that``), unless ``keep_pointing``."""
    if not tokens:
        return None
    raw = span_text(tokens)
    text = strip_quotes(raw)
    if not text or not any(ch.isalnum() for ch in text) or (text.lower() in POINTING_WORDS and not keep_pointing):
        return None
    offset = raw.find(text)
    start = tokens[0].idx + max(offset, 0)
    end = start + len(text)
    if tokens[-1].i - tokens[0].i + 1 != len(tokens):  # pieces of a list: the span they come from
        end = max(end, tokens[-1].idx + len(tokens[-1].text))
    return Argument(text=text, start=start, end=end)


class ArgumentMaker:
    """Makes arguments for one document, resolving pronouns and nominals on the way."""

    def __init__(self, mentions: MentionIndex, *, keep_pronouns: bool = False):
        self.mentions = mentions
        self.keep_pronouns = keep_pronouns
        self._made: dict[tuple, Argument | None] = {}
        self._bound: dict[int, Argument] = {}

    def bind(self, pronoun, speaker: Argument) -> None:
        """Make ``pronoun`` stand for ``speaker`` wherever it is an argument (a reporting
        ``he added``, bound by ``kg.extract.speakers``)."""
        self._bound[pronoun.i] = self._standing_for(pronoun, speaker)
        self._made = {key: made for key, made in self._made.items() if key[0] != pronoun.i}

    def make(self, head, *, speaker: Argument | None = None, keep_clauses: bool = False, cut_preps: bool = False):
        """The argument headed by ``head``, or None when it is an unresolved pronoun.
        Made once per token, so a pronoun adds one mention however often it is used.
        ``cut_preps`` leaves out the prepositional phrases that are arguments of their own."""
        key = (head.i, keep_clauses, speaker, cut_preps)
        if key not in self._made:
            self._made[key] = self._make(
                head, speaker, phrase_tokens(head, keep_clauses=keep_clauses, cut_preps=cut_preps)
            )
        return self._made[key]

    def make_items(
        self, head, *, speaker: Argument | None = None, keep_clauses: bool = False, cut_preps: bool = False
    ) -> list[Argument]:
        """One argument per item of the lists among the head's modifiers (``federal and state
        elections``: two); a name or a pronoun is one argument."""
        single = self.make(head, speaker=speaker, keep_clauses=keep_clauses, cut_preps=cut_preps)
        if single is None or single.mention is not None:
            return [single] if single is not None else []
        variants = list_items(head, phrase_tokens(head, keep_clauses=keep_clauses, cut_preps=cut_preps))
        if len(variants) == 1:
            return [single]
        items = [literal_argument(tokens, keep_pointing=self.keep_pronouns) for tokens in variants]
        return [item for item in items if item is not None]

    def _make(self, head, speaker: Argument | None, tokens: list):
        if is_pronoun(head) and not any(c.dep_ == "prep" for c in head.children):
            return self._pronoun(head, speaker)  # but "each of these people" is a phrase
        ent = entity_of(head)
        mention = self.mentions.of_entity(ent) if ent is not None else None
        if mention is not None:
            found = self.mentions.mentions[mention]
            return Argument(found.text, found.start, found.end, mention)
        literal = literal_argument(tokens, keep_pointing=self.keep_pronouns)
        if literal is None or any(t.lower_ in {"which", "whom"} and t.dep_ == "pobj" for t in tokens):
            return None  # nothing left, or "one of which": a relative pronoun we cannot resolve
        if head.pos_ == "NOUN" and _is_definite(head, tokens):
            words = [t.lemma_ for t in tokens if t.dep_ != "det"]
            mention = self.mentions.resolve_nominal(head, words, literal.text, literal.start, literal.end)
            if mention is not None:
                return Argument(literal.text, literal.start, literal.end, mention)
        return literal

    def _pronoun(self, head, speaker: Argument | None):
        if head.i in self._bound:
            return self._bound[head.i]
        if head.lower_ in SPEAKER_PRONOUNS and speaker is not None:
            return Argument(speaker.text, speaker.start, speaker.end, speaker.mention)
        if speaker is not None and self._fits(head, speaker):  # "The team said it would ..."
            return self._standing_for(head, speaker)
        mention = self.mentions.resolve_pronoun(head)
        relative = head.lower_ in RELATIVE_PRONOUNS and head.tag_ != "DT"  # "That amounts to": a demonstrative
        if mention is None and not (self.keep_pronouns and not relative):
            return None
        return Argument(head.text, head.idx, head.idx + len(head), mention)

    def _standing_for(self, pronoun, speaker: Argument) -> Argument:
        """``pronoun`` as an argument standing for ``speaker``: as written, with the speaker's
        mention; a speaker without one (``the Trump team``) lends its words outside benchmarks."""
        if speaker.mention is None and not self.keep_pronouns:
            return Argument(speaker.text, speaker.start, speaker.end)
        return Argument(pronoun.text, pronoun.idx, pronoun.idx + len(pronoun), speaker.mention)

    def _fits(self, pronoun, speaker: Argument) -> bool:
        """A third-person pronoun in what a speaker reports may stand for the speaker: ``he``
        or ``she`` for a person of that gender; ``it`` (not of ``it is``) or ``they`` as a
        subject for an organisation, a place or a group, or an unnamed speaker of that number."""
        word, mention = pronoun.lower_, speaker.mention
        label = self.mentions.label_of(mention) if mention is not None else None
        if word in PERSONAL_GENDERS:
            gender = PERSONAL_GENDERS[word]
            return label == "PERSON" and self.mentions.gender_of(mention) in {None, gender}  # type: ignore[arg-type]
        if word not in {"it", "they"} or pronoun.dep_ not in {"nsubj", "nsubjpass"} or label == "PERSON":
            return False
        if word == "it" and pronoun.head.lemma_ == "be":
            return False  # "it is thought that", "it was a mistake"
        if label is not None:
            return label in GROUP_LABELS
        plural = speaker.text.split()[-1].lower().endswith("s")
        return plural == (word == "they")


def _is_definite(head, tokens) -> bool:
    """``the spokesperson``: a determiner, at most two modifiers, nothing after the noun."""
    if not tokens or tokens[0].lower_ not in DEFINITE or tokens[-1].i != head.i:
        return False
    return len(tokens) <= 4 and not any(entity_of(t) for t in tokens)
