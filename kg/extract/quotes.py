"""Quotations that run over several sentences, and who speaks them.

``"American officials have said ... wash its hands of it. Wisely," Mr Medvedev wrote``: the
parse gives ``wrote`` only the last sentence, but every sentence of the quotation is Mr
Medvedev's. A quotation is followed across sentences by its quote marks (curly ones by
pairs; straight ones by turns, a straight quote opening a sentence inside a quotation being
the news convention for a quotation that goes on); its speaker is the subject of the verb of
saying just before it opens (``Ms Hewitt said: "...``) or just after it closes (``...," he
said``).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from kg.extract.speech import is_speech_verb

__all__ = ["QuotedSentence", "quoted_sentences"]

OPENING = "“«"
CLOSING = "”»"
STRAIGHT = '"'


@dataclass(frozen=True)
class QuotedSentence:
    """A sentence (or its part inside the quote marks) of a quotation another sentence's
    speech verb reports."""

    verb: Token  # the verb of saying
    subject: Token  # who says it
    start: int  # character offsets of the quoted words in the sentence
    end: int


@dataclass
class _Run:
    """Sentences of one quotation, with where it opens and closes (character offsets)."""

    sentences: list[Span]
    opened: int
    closed: int | None = None


def quoted_sentences(doc) -> dict[int, QuotedSentence]:
    """Sentence number -> its quotation's speaker, for the sentences of a quotation that spans
    several, but the one whose parse already holds the verb of saying."""
    found: dict[int, QuotedSentence] = {}
    numbers = {sent.start: n for n, sent in enumerate(doc.sents)}
    for run in _runs(doc):
        speech = _speech_before(run) or _speech_after(run)
        if speech is None:
            continue
        verb, subject = speech
        for sent in run.sentences:
            if sent.start <= verb.i < sent.end:
                continue
            start = max(sent.start_char, run.opened + 1)
            end = min(sent.end_char, run.closed if run.closed is not None else sent.end_char)
            found[numbers[sent.start]] = QuotedSentence(verb, subject, start, end)
    return found


def _runs(doc) -> list[_Run]:
    """Quotations that stay open across at least one sentence end."""
    runs: list[_Run] = []
    current: _Run | None = None
    for sent in doc.sents:
        if current is not None:
            current.sentences.append(sent)
        text = sent.text  # made from its tokens on every call
        first = len(text) - len(text.lstrip())
        for offset, char in enumerate(text):
            position = sent.start_char + offset
            if current is None and (char in OPENING or char == STRAIGHT):
                current = _Run([sent], position)
            elif current is not None and char in OPENING + STRAIGHT and offset == first and position > current.opened:
                continue  # a new paragraph of the same quotation re-opens it
            elif current is not None and (char in CLOSING or char == STRAIGHT) and position > current.opened:
                current.closed = position
                if len(current.sentences) > 1:
                    runs.append(current)
                current = None
    if current is not None and len(current.sentences) > 1:
        runs.append(current)
    return runs


def _speech_before(run: _Run):
    """``Ms Hewitt said: "...``: a verb of saying with a subject, ending right before the quote."""
    sent = run.sentences[0]
    before = [t for t in sent if t.idx < run.opened]
    while before and before[-1].is_punct:
        before.pop()
    if before and is_speech_verb(before[-1]):
        return _with_subject(before[-1])
    return None


def _speech_after(run: _Run):
    """``...," he said.``: a verb of saying with a subject right after the quote closes."""
    if run.closed is None:
        return None
    sent = run.sentences[-1]
    after = [t for t in sent if t.idx > run.closed]
    for token in after[:6]:
        if is_speech_verb(token):
            return _with_subject(token)
    return None


def _with_subject(verb):
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return (verb, subjects[0]) if subjects else None
