"""A confidence in [0, 1] for each fact, graded by the rule that made it and its arguments."""

from __future__ import annotations

from ..model import Argument

__all__ = ["BASE_CONFIDENCE", "score"]

#: How often each rule is right, before looking at the arguments.
BASE_CONFIDENCE = {
    "role": 0.9,
    "speech": 0.85,
    "clause": 0.8,
    "copula": 0.75,
    "passive": 0.75,
    "prep": 0.65,
}


def score(kind: str, subject: Argument, obj: Argument, *, inherited: bool = False,
          resolved: bool = False, extras: int = 0) -> float:
    """Start from the rule's base; entities at both ends raise it; inherited or resolved
    subjects, long literals and many extra arguments lower it."""
    value = BASE_CONFIDENCE.get(kind, 0.6)
    if subject.mention is not None and obj.mention is not None:
        value += 0.08
    elif subject.mention is None:
        value -= 0.1
    if inherited:
        value -= 0.08
    if resolved:
        value -= 0.07
    value -= 0.01 * max(0, len(obj.text.split()) - 8)
    value -= 0.02 * max(0, len(subject.text.split()) - 4)
    value -= 0.02 * max(0, extras - 2)
    return round(min(0.99, max(0.05, value)), 3)
