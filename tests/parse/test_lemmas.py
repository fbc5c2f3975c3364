"""Verb lemmas checked against English spelling (kg.parse.lemmas), by rule and on the real model."""

from __future__ import annotations

import pytest

from kg.parse.spelling import best_lemma, regular_forms


@pytest.mark.parametrize(
    "lemma, forms",
    [
        ("hope", {"hopes", "hoped", "hoping"}),
        ("hop", {"hops", "hopped", "hopping"}),
        ("admit", {"admits", "admitted", "admited", "admitting", "admiting"}),  # stress unknown
        ("deny", {"denies", "denied", "denying"}),
        ("tie", {"ties", "tied", "tying"}),
        ("pass", {"passes", "passed", "passing"}),
        ("panic", {"panics", "panicked", "paniced", "panicking", "panicing"}),
        ("agree", {"agrees", "agreed", "agreeing"}),
    ],
)
def test_regular_forms_follow_english_spelling(lemma, forms):
    assert regular_forms(lemma) == forms


@pytest.mark.parametrize(
    "word, spacy_lemma, candidates, expected",
    [
        ("hoped", "hop", ["hope", "hop"], "hope"),  # hop would be written hopped
        ("hopped", "hop", ["hopp", "hop"], "hop"),
        ("hoping", "hop", ["hope", "hop"], "hope"),
        ("hopes", "hop", ["hope", "hope", "hop"], "hope"),
        ("rated", "rat", ["rate", "rat"], "rate"),
        ("visited", "visit", ["visit"], "visit"),  # one candidate: nothing to choose
        ("opened", "open", ["opene", "open"], "open"),  # the lemma fits: kept
    ],
)
def test_best_lemma_keeps_the_candidate_whose_inflection_is_the_word(word, spacy_lemma, candidates, expected):
    assert best_lemma(word, spacy_lemma, candidates) == expected


def test_the_pipeline_corrects_verbs_only(nlp):
    doc = nlp("Labour hoped for a deal and is hoping to win. The rabbit hopped away. Hope hops.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert (lemmas["hoped"], lemmas["hoping"], lemmas["hopped"]) == ("hope", "hope", "hop")
    assert "kg_verb_lemmas" in nlp.pipe_names


def test_irregular_forms_keep_spacys_lemma(nlp):
    doc = nlp("She went home, saw the minister and was given a job.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert (lemmas["went"], lemmas["saw"], lemmas["given"]) == ("go", "see", "give")
