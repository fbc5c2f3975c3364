"""Hyphenated words stay one token, with a lemma made from their last piece."""

from __future__ import annotations

import pytest
import spacy

from kg.parse.hyphens import is_hyphenated, keep_hyphenated_words


@pytest.fixture(scope="module")
def tokenizer():
    blank = spacy.blank("en")
    keep_hyphenated_words(blank)
    return blank.tokenizer


@pytest.mark.parametrize(
    "text, words",
    [
        ("She was re-appointed chairwoman.", ["She", "was", "re-appointed", "chairwoman", "."]),
        ("the non-members and Franco-German talks", ["the", "non-members", "and", "Franco-German", "talks"]),
        ("a 12-hour post-Cold War stand-off", ["a", "12-hour", "post-Cold", "War", "stand-off"]),
        ("China-U.S. trade", ["China-U.S.", "trade"]),
    ],
)
def test_a_hyphen_between_letters_does_not_split(tokenizer, text, words):
    assert [t.text for t in tokenizer(text)] == words


@pytest.mark.parametrize(
    "text, words",
    [
        ("the talks—the first since May", ["the", "talks", "—", "the", "first", "since", "May"]),
        ("it failed--badly", ["it", "failed", "--", "badly"]),
        ("scores of 3-2", ["scores", "of", "3", "-", "2"]),
    ],
)
def test_dashes_and_number_ranges_still_split(tokenizer, text, words):
    assert [t.text for t in tokenizer(text)] == words


def test_is_hyphenated():
    assert is_hyphenated("re-run") and is_hyphenated("46-yard") and is_hyphenated("Baden-Baden")
    assert not is_hyphenated("-") and not is_hyphenated("pre-") and not is_hyphenated("2003-04")


def test_the_lemma_of_a_hyphenated_word_is_its_last_pieces(nlp):
    doc = nlp("The mayor was re-elected after the council co-opted three non-members.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["re-elected"] == "re-elect"
    assert lemmas["co-opted"] == "co-opt"
    assert lemmas["non-members"] == "non-member"
