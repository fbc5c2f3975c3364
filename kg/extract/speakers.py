"""Who says what, across a document: the speaker of each reported clause, of each sentence of
a quotation that spans several (``kg.extract.quotes``), and the person a reporting
``he said`` stands for.

``But Mr Blair had been "hurt" by the row, he added``: ``he`` cannot be Mr Blair, named
inside what ``he`` reports; in news it is the speaker quoted just before. So the subject
pronoun of a verb of saying that follows what it reports is bound to the latest speaker of
the previous sentences, when the pronoun fits (a man for ``he``, a woman for ``she``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from kg.extract.arguments import ArgumentMaker, literal_argument
from kg.extract.drafts import Draft
from kg.extract.mentions import MentionIndex
from kg.extract.phrases import is_negated
from kg.extract.quotes import QuotedSentence, quoted_sentences
from kg.extract.speech import content_clauses, is_speech_verb, speech_verb_of
from kg.extract.subjects import clause_subjects
from kg.model import Argument, Fact

__all__ = ["Speakers"]

#: Verbs whose negation denies what they report (``did not think there would be problems``:
#: there would be none), and verbs that deny it themselves.
NEG_RAISING = frozenset({"think", "believe", "expect", "suppose", "imagine", "anticipate"})
DENIALS = frozenset({"deny"})
#: How many sentences back a reporting pronoun looks for the speaker it stands for.
SPEAKER_WINDOW = 3
_GENDERS = {"he": "m", "she": "f"}


class Speakers:
    """The speakers of one parsed document."""

    def __init__(self, doc, maker: ArgumentMaker, index: MentionIndex):
        self.maker = maker
        self.index = index
        self.quoted: dict[int, QuotedSentence] = quoted_sentences(doc)
        self.recent: list[tuple[int, Argument]] = []  # (sentence number, speaker with a mention)

    def speaker_of(self, token, number: int) -> Argument | None:
        """The speaker of the reported clause that holds ``token``, or of its quotation."""
        found = self._reported_by(token)
        if found is None and number in self.quoted and speech_verb_of(token) is None:
            found = self.quotation_speaker(number)
        return found

    def denies(self, token) -> bool:
        """Whether the speaker of the reported clause that holds ``token`` denies it: ``Ministers
        deny they were spurred into action``, ``He did not think there would be difficulties``."""
        verb = speech_verb_of(token)
        if verb is None:
            return False
        lemma = verb.lemma_.lower()
        return lemma in DENIALS or (lemma in NEG_RAISING and is_negated(verb))

    def quotation_speaker(self, number: int) -> Argument | None:
        quoted = self.quoted.get(number)
        return self.maker.make(quoted.subject) if quoted is not None else None

    def quotation_drafts(self, sent, number: int) -> Iterator[Draft]:
        """``(speaker; say; the quoted sentence)`` for a sentence of a longer quotation."""
        quoted = self.quoted.get(number)
        speaker = self.quotation_speaker(number)
        if quoted is None or speaker is None:
            return
        words = literal_argument([t for t in sent if quoted.start <= t.idx < quoted.end])
        if words is not None:
            verb = quoted.verb
            yield Draft(speaker, verb.lemma_.lower(), words, False, "speech", (), False, verb.text)

    def bind_reporting_pronouns(self, sent, number: int) -> None:
        """Bind ``he`` of ``..., he added`` to the speaker quoted before it (see the module)."""
        for verb in sent:
            if not is_speech_verb(verb) or not any(c.i < verb.i for c in content_clauses(verb)):
                continue
            for pronoun in (c for c in verb.children if c.dep_ == "nsubj" and c.lower_ in _GENDERS):
                speaker = self._latest(number, _GENDERS[pronoun.lower_])
                if speaker is not None:
                    self.maker.bind(pronoun, speaker)

    def remember(self, facts: Iterable[Fact], number: int) -> None:
        """Keep the speakers of a sentence's speech facts (the ones naming someone)."""
        for fact in facts:
            if fact.kind == "speech" and fact.subject.mention is not None:
                self.recent.append((number, fact.subject))

    def _latest(self, number: int, gender: str) -> Argument | None:
        for said_in, speaker in reversed(self.recent):
            if number - said_in > SPEAKER_WINDOW or said_in >= number:
                continue
            mention = speaker.mention
            if mention is not None and self.index.label_of(mention) == "PERSON":
                if self.index.gender_of(mention) in {None, gender}:
                    return speaker
                return None  # the latest speaker does not fit: leave the pronoun to resolution
        return None

    def _reported_by(self, token, depth: int = 0) -> Argument | None:
        """The subject of the speech verb whose reported clause holds ``token``."""
        verb = speech_verb_of(token) if depth < 4 else None
        if verb is None:
            return None
        outer = self._reported_by(verb, depth + 1)
        for subject in (c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}):
            arg = self.maker.make(subject, speaker=outer)
            if arg is not None:
                return arg
        if verb.dep_ in {"advcl", "conj", "xcomp"}:  # "Many fear cuts, saying receipts are down": many say
            inherited, _ = clause_subjects(verb, self.maker, outer)
            return next((arg for arg in inherited if arg.mention is not None or not arg.text.islower()), None)
        return None
