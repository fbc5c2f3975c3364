"""Canonical relations (kg.extract.relations): the main verb keeps the relation, the rest of the
verb chain becomes qualifiers; on relation strings and on sentences through the real model."""

from __future__ import annotations

import pytest

from kg.extract import extract_text
from kg.extract.relations import canonical_relation


@pytest.mark.parametrize(
    "written, relation, qualifiers",
    [
        ("continue share", "share", (("aspect", "continue"),)),
        ("be likely to talk", "talk", (("modality", "likely"),)),
        ("be likely to talk to", "talk to", (("modality", "likely"),)),
        ("prepare to sell", "sell", (("aspect", "prepare"),)),
        ("poise to vote against", "vote against", (("aspect", "poise"),)),
        ("expect to be elected", "be elected", (("modality", "expect"),)),
        ("want to continue to invest in", "invest in", (("modality", "want"), ("aspect", "continue"))),
        ("be busy prepare", "prepare", (("modality", "busy"),)),
        ("go on to win", "win", (("aspect", "go on"),)),
        ("be to rise by", "rise by", (("modality", "be to"),)),
    ],
)
def test_a_verb_chain_becomes_its_main_verb_and_qualifiers(written, relation, qualifiers):
    assert canonical_relation(written) == (relation, qualifiers)


@pytest.mark.parametrize(
    "relation",
    ["say", "be", "role", "pull out of", "be elected", "be set up by", "go on", "look forward to", "be due to"],
)
def test_relations_without_a_chain_stay_as_they_are(relation):
    assert canonical_relation(relation) == (relation, ())


def _fact(text, nlp, relation):
    found = [f for f in extract_text(text, nlp=nlp).facts if f.relation == relation]
    assert found, [(f.relation, f.qualifiers) for f in extract_text(text, nlp=nlp).facts]
    return found[0]


@pytest.mark.parametrize(
    "text, relation, qualifiers, surface",
    [
        ("The Tories continued sharing data with Labour.", "share", (("aspect", "continue"),), "continued sharing"),
        ("Mr Blair is likely to talk to Mr Brown.", "talk to", (("modality", "likely"),), "is likely to talk to"),
        ("The firm is preparing to sell its stake.", "sell", (("aspect", "prepare"),), "is preparing to sell"),
        ("The rebels were able to capture the airport.", "capture", (("modality", "able"),), "were able to capture"),
    ],
)
def test_extracted_facts_carry_the_canonical_relation_and_the_words_as_written(
    text, relation, qualifiers, surface, nlp
):
    fact = _fact(text, nlp, relation)
    assert (fact.qualifiers, fact.surface) == (qualifiers, surface)


def test_a_lemmatiser_slip_does_not_reach_the_relation(nlp):
    fact = _fact("Labour hoped for a quick deal with the unions.", nlp, "hope for")
    assert fact.surface == "hoped for"


def test_negation_stays_the_flag_not_a_qualifier(nlp):
    fact = _fact("The council decided not to fund the library.", nlp, "fund")
    assert (fact.negated, fact.qualifiers, fact.surface) == (True, (("modality", "decide"),), "decided not to fund")


def test_a_negated_governor_negates_the_fact(nlp):
    assert _fact("The rebels were not able to capture the airport.", nlp, "capture").negated
