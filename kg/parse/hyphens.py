"""Hyphenated words stay one token: ``re-elected``, ``non-families``, ``Russia-U.S.``.

spaCy's English tokenizer splits a hyphen between letters (``re``, ``-``, ``elected``) and the
parser then attaches the pieces as list items, modifiers or a relation of their own
(``co in``). Text from treebanks and from news writes these as one word, so the tokenizer here
keeps them whole: only the plain hyphen stops splitting; dashes (``--``, ``—``, ``–``) still
split, as they join clauses, not words. The lemmatizer does not know most such words
(``re-electe``), so a hyphenated word's lemma is its last piece's lemma after the rest:
``re-elect``, ``non-family``.
"""

from __future__ import annotations

import functools

from spacy.lang.char_classes import ALPHA, HYPHENS
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

__all__ = ["HYPHEN_LEMMAS", "is_hyphenated", "keep_hyphenated_words"]

HYPHEN_LEMMAS = "kg_hyphen_lemmas"
#: Dashes still split between letters: everything spaCy calls a hyphen but the hyphen itself.
_DASHES = "|".join(h for h in HYPHENS.split("|") if h != "-")
_SPLIT_BETWEEN_LETTERS = r"(?<=[{a}0-9])(?:{h})(?=[{a}])"


def keep_hyphenated_words(nlp: Language) -> None:
    """Make ``nlp``'s tokenizer keep ``word-word`` whole, and add the pipe that fixes the
    lemmas of such words (after the lemmatizer, when the pipeline has one)."""
    split_hyphens = _SPLIT_BETWEEN_LETTERS.format(a=ALPHA, h=HYPHENS)
    defaults = list(nlp.Defaults.infixes or ())
    infixes = [p for p in defaults if p != split_hyphens]
    if len(infixes) < len(defaults):  # the rule is there: split on dashes only
        infixes.append(_SPLIT_BETWEEN_LETTERS.format(a=ALPHA, h=_DASHES))
    tokenizer: Tokenizer = nlp.tokenizer
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    if "lemmatizer" in nlp.pipe_names and HYPHEN_LEMMAS not in nlp.pipe_names:
        nlp.add_pipe(HYPHEN_LEMMAS, after="lemmatizer")


def is_hyphenated(text: str) -> bool:
    """A word with a hyphen inside it, between letters or digits: ``year-end``, ``46-yard``."""
    head, _, tail = text.rpartition("-")
    return bool(head) and bool(tail) and head[-1].isalnum() and tail[0].isalpha()


class _HyphenLemmas:
    """Sets each hyphenated word's lemma from its last piece's (``re-elected`` -> ``re-elect``)."""

    def __init__(self, nlp: Language):
        self.nlp = nlp

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            if is_hyphenated(token.text):
                head, _, tail = token.text.rpartition("-")
                lemma = self._lemma(tail, token.pos_)
                token.lemma_ = f"{head}-{lemma}".lower() if token.lemma_.islower() else f"{head}-{lemma}"
        return doc

    @functools.lru_cache(maxsize=1 << 14)  # noqa: B019 - one pipe per loaded pipeline
    def _lemma(self, word: str, pos: str) -> str:
        lemmatizer = self.nlp.get_pipe("lemmatizer")
        piece = Doc(self.nlp.vocab, words=[word], pos=[pos or "X"])
        lemmas = lemmatizer.rule_lemmatize(piece[0])  # type: ignore[attr-defined]
        return lemmas[0] if lemmas else word


@Language.factory(HYPHEN_LEMMAS)
def _hyphen_lemmas(nlp: Language, name: str) -> _HyphenLemmas:
    return _HyphenLemmas(nlp)
