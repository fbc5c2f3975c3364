"""A confidence in [0, 1] for each fact, graded by the rule that made it and its shape.

The weights follow how often each rule and shape was right on the CaRB development set
(`kg eval carb`): reported speech and prepositional facts most, facts inside a reported
clause, in long sentences, with very long subjects or many extra arguments less. Relations
the sentence does not write (``is``, ``has``, ``is in`` read from appositions, possessives
and a noun's prepositional modifiers) are *inferred*: they are scored in a band of their own,
below every stated fact, so one cut (``STATED_FLOOR``, the graph's default) keeps them out.
"""

from __future__ import annotations

from kg.model import Argument

__all__ = ["BASE_CONFIDENCE", "INFERRED_CEILING", "INFERRED_KINDS", "STATED_FLOOR", "is_inferred", "score"]

#: How often each rule is right, before looking at the shape of the fact.
BASE_CONFIDENCE = {
    "speech": 0.85,
    "prep": 0.8,
    "clause": 0.74,
    "role": 0.72,
    "copula": 0.7,
    "passive": 0.68,
    "state": 0.5,
    "event": 0.74,
    "apposition": 0.35,
    "possessive": 0.21,
    "modifier": 0.34,
}
#: Rules whose relation is not written in the sentence.
INFERRED_KINDS = frozenset({"apposition", "possessive", "modifier"})
#: Every stated fact scores at least this; every inferred one at most ``INFERRED_CEILING``.
STATED_FLOOR = 0.3
INFERRED_CEILING = 0.25
_LOWEST = 0.05


def is_inferred(kind: str) -> bool:
    return kind in INFERRED_KINDS


def score(
    kind: str,
    subject: Argument,
    obj: Argument,
    *,
    inherited: bool = False,
    resolved: bool = False,
    extras: int = 0,
    attributed: bool = False,
    sentence_words: int = 0,
    subordinate: bool = False,
) -> float:
    """The rule's base, raised for entities at both ends and one or two extra arguments,
    lowered for inherited or resolved subjects, subordinate and reported clauses, long sentences, very long
    subjects, one-word objects and crowded n-ary facts; then placed in the stated or the inferred band
    (the order within a band is kept)."""
    value = BASE_CONFIDENCE.get(kind, 0.6)
    if subject.mention is not None and obj.mention is not None:
        value += 0.05
    value -= 0.05 * inherited + 0.05 * resolved + 0.12 * attributed + 0.1 * subordinate
    value -= 0.01 * max(0, sentence_words - 20) / 2
    value -= 0.08 * (len(subject.text.split()) > 10)
    value -= 0.03 * (len(obj.text.split()) <= 2 and kind not in {"role", "copula"})
    value += 0.03 * (1 <= extras <= 2) - 0.05 * (extras > 2)
    value -= 0.3 * (obj.absent and not extras)  # a bare event ("Blair resigned") is seldom a benchmark's fact
    raw = min(1.0, max(0.0, value))
    if is_inferred(kind):
        return round(_LOWEST + raw * (INFERRED_CEILING - _LOWEST), 3)
    return round(STATED_FLOOR + raw * (0.99 - STATED_FLOOR), 3)
