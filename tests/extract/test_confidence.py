"""kg.extract.confidence: each rule's base mapped into the stated band (0.3-0.99) or the inferred
band (0.05-0.25), and each adjustment of the fact's shape, exactly."""

from __future__ import annotations

import pytest

from kg.extract.confidence import BASE_CONFIDENCE, INFERRED_CEILING, INFERRED_KINDS, STATED_FLOOR, score
from kg.model import Argument

NAME = Argument("Dmitry Peskov", 0, 13, mention=0)
OTHER = Argument("President Vladimir Putin", 20, 44, mention=1)  # over two words: no short-object penalty
WORDS = Argument("the talks about the border", 40, 66)


def stated(raw: float) -> float:
    return round(STATED_FLOOR + raw * (0.99 - STATED_FLOOR), 3)


def test_the_base_of_a_stated_rule_is_mapped_into_the_stated_band():
    assert score("speech", WORDS, WORDS) == stated(0.85)
    assert score("clause", WORDS, WORDS) == stated(0.74)
    assert score("unheard-of", WORDS, WORDS) == stated(0.6)  # a rule without a base


@pytest.mark.parametrize("kind", sorted(INFERRED_KINDS))
def test_inferred_rules_stay_below_every_stated_fact(kind):
    value = score(kind, NAME, OTHER, extras=1)
    assert value == round(0.05 + (BASE_CONFIDENCE[kind] + 0.05 + 0.03) * (INFERRED_CEILING - 0.05), 3)
    assert value <= INFERRED_CEILING < STATED_FLOOR <= min(score(k, WORDS, WORDS) for k in ("clause", "state"))


def test_each_adjustment_of_the_shape():
    base = 0.74
    assert score("clause", NAME, OTHER) == stated(base + 0.05)  # entities at both ends
    assert score("clause", WORDS, WORDS, inherited=True, resolved=True) == stated(base - 0.1)
    assert score("clause", WORDS, WORDS, attributed=True) == stated(base - 0.12)
    assert score("clause", WORDS, WORDS, subordinate=True) == stated(base - 0.1)
    assert score("clause", WORDS, WORDS, sentence_words=30) == stated(base - 0.05)  # 10 words over 20
    assert score("clause", WORDS, WORDS, extras=2) == stated(base + 0.03)
    assert score("clause", WORDS, WORDS, extras=3) == stated(base - 0.05)
    short = Argument("it", 0, 2)
    assert score("clause", WORDS, short) == stated(base - 0.03)  # a one- or two-word object
    assert score("copula", WORDS, short) == stated(0.7)  # ... except for copulas and roles
    long_subject = Argument(" ".join(["word"] * 11), 0, 54)
    assert score("clause", long_subject, WORDS) == stated(base - 0.08)


def test_the_raw_value_is_clamped_to_0_and_1():
    assert score("state", WORDS, Argument("it", 0, 2), attributed=True, subordinate=True, sentence_words=200) == 0.3
    assert score("speech", NAME, OTHER, extras=1) == stated(min(1.0, 0.85 + 0.05 + 0.03))
