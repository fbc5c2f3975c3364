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

__all__ = ["VERB_LEMMAS_PIPE", "VerbLemmas", "best_lemma", "regular_forms"]

VERB_LEMMAS_PIPE = "kg_verb_lemmas"
INFLECTED_TAGS = frozenset({"VBD", "VBN", "VBG", "VBZ"})
_VOWELS = frozenset("aeiou")
_NO_DOUBLING = frozenset("wxy")
_SIBILANT_ENDS = ("s", "x", "z", "ch", "sh")


def _syllables(word: str) -> int:
    """Vowel groups, a final silent ``e`` not counted: a rough syllable count."""
    stem = word[:-1] if word.endswith("e") and len(word) > 2 else word
    groups, previous = 0, False
    for char in stem:
        vowel = char in _VOWELS or (char == "y" and groups > 0)
        groups += vowel and not previous
        previous = vowel
    return max(groups, 1)


def _cvc(word: str) -> bool:
    """Ends consonant-vowel-consonant (``hop``, ``admit``), the shape that may double."""
    if len(word) < 3:
        return False
    a, b, c = word[-3], word[-2], word[-1]
    return a not in _VOWELS and b in _VOWELS and c not in _VOWELS and c not in _NO_DOUBLING


def _suffixed(lemma: str, suffix: str) -> set[str]:
    """``lemma`` + ``ed`` or ``ing`` by the regular spelling rules."""
    if suffix == "ed" and lemma.endswith("e"):
        return {lemma + "d"}
    if suffix == "ing" and lemma.endswith("ie"):
        return {lemma[:-2] + "ying"}
    if suffix == "ing" and lemma.endswith("e") and not lemma.endswith(("ee", "oe", "ye")):
        return {lemma[:-1] + "ing"}
    if suffix == "ed" and len(lemma) > 1 and lemma.endswith("y") and lemma[-2] not in _VOWELS:
        return {lemma[:-1] + "ied"}
    if lemma.endswith("c"):
        return {lemma + "k" + suffix, lemma + suffix}  # panicked, but also arced
    if _cvc(lemma):
        doubled = lemma + lemma[-1] + suffix
        # one syllable always doubles (hopped); longer verbs do when the last syllable is stressed
        return {doubled} if _syllables(lemma) == 1 else {doubled, lemma + suffix}
    return {lemma + suffix}


def regular_forms(lemma: str) -> set[str]:
    """The regular inflections of a verb: ``-s``, ``-ed`` and ``-ing`` forms."""
    if lemma.endswith(_SIBILANT_ENDS) or (lemma.endswith("o") and lemma[-2:-1] not in _VOWELS):
        third = lemma + "es"
    elif len(lemma) > 1 and lemma.endswith("y") and lemma[-2] not in _VOWELS:
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    return {third} | _suffixed(lemma, "ed") | _suffixed(lemma, "ing")


def best_lemma(word: str, lemma: str, candidates: Iterable[str]) -> str:
    """``lemma`` unless another candidate, and not it, inflects regularly to ``word``."""
    fitting = [c for c in dict.fromkeys(candidates) if word in regular_forms(c)]
    if not fitting or lemma in fitting:
        return lemma
    return fitting[0]


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
