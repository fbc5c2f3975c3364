"""First names and their gender, from gender-guesser's name list (about 40,000 given names
with the countries that use them): a cue that a name is a person's, and of which gender."""

from __future__ import annotations

from functools import lru_cache

__all__ = ["first_name_gender", "is_given_name"]


@lru_cache(maxsize=1)
def _detector():
    import gender_guesser.detector as gender_guesser

    return gender_guesser.Detector(case_sensitive=False)


#: Words the name list holds that, in news text, are almost never first names.
_NOT_NAMES = frozenset({"the", "an", "and", "general", "king", "major", "prince", "queen", "chief", "judge"})


@lru_cache(maxsize=1 << 15)
def _guess(word: str) -> str:
    if len(word) < 2 or not word.isalpha() or word in _NOT_NAMES:
        return "unknown"
    return _detector().get_gender(word)


def first_name_gender(word: str) -> str | None:
    """``m`` or ``f`` for a given name, None when unknown or used for both."""
    return {"male": "m", "mostly_male": "m", "female": "f", "mostly_female": "f"}.get(_guess(word.lower()))


def is_given_name(word: str) -> bool:
    """A word the name list knows as a first name (of either gender)."""
    return _guess(word.lower()) != "unknown"
