"""Verb lemmas checked against English spelling: spaCy's rule lemmatizer reads ``hoped`` as
``hop`` (both ``hope`` and ``hop`` are in its verb index, and the last rule tried wins).

The fix is one general rule over spaCy's own tables (``lemma_index``, ``lemma_exc``,
``lemma_rules``): of the candidate lemmas the rules give for an inflected verb (tags VBD, VBN,
VBG, VBZ), keep one whose regular inflection is the word as written. ``hop`` inflects as
``hopped`` (a one-syllable verb ending consonant-vowel-consonant doubles its consonant), so
``hoped`` is ``hope``; ``hopped`` stays ``hop``. Irregular forms (``lemma_exc``) are trusted.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language

from kg.parse.spelling import best_lemma

__all__ = ["VERB_LEMMAS_PIPE", "VerbLemmas"]

VERB_LEMMAS_PIPE = "kg_verb_lemmas"
INFLECTED_TAGS = frozenset({"VBD", "VBN", "VBG", "VBZ"})


class VerbLemmas:
    """A pipe after the lemmatizer: re-checks the lemma of each inflected verb."""

    def __init__(self, index: Iterable[str], exceptions: dict, rules: list):
        self.index = frozenset(index)
        self.exceptions = exceptions
        self.rules = [(old, new) for old, new in rules]

    def candidates(self, word: str) -> list[str]:
        """The verb-index lemmas spaCy's rules give for ``word``."""
        forms = (word[: len(word) - len(old)] + new for old, new in self.rules if word.endswith(old))
        return [form for form in forms if form and form in self.index]

    def __call__(self, doc):
        for token in doc:
            if token.tag_ not in INFLECTED_TAGS or token.pos_ not in {"VERB", "AUX"}:
                continue
            word = token.lower_
            if word in self.exceptions or not word.isalpha():
                continue
            fixed = best_lemma(word, token.lemma_.lower(), self.candidates(word))
            if fixed != token.lemma_.lower():
                token.lemma_ = fixed
        return doc


@Language.factory(VERB_LEMMAS_PIPE)
def _verb_lemmas(nlp, name: str) -> VerbLemmas:
    lookups = nlp.get_pipe("lemmatizer").lookups
    table = lookups.get_table
    return VerbLemmas(
        table("lemma_index", {}).get("verb", []),
        table("lemma_exc", {}).get("verb", {}),
        table("lemma_rules", {}).get("verb", []),
    )
