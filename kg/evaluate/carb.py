"""The CaRB scorer (Bhardwaj, Aggarwal and Mausam, EMNLP 2019), ported from dair-iitd/CaRB.

Follows the reference ``carb.py`` (``Benchmark.compare``) run with its default matcher,
``Matcher.binary_linient_tuple_match``: tuples are binarised to (arg1, relation, the other
arguments joined); a prediction scores against a gold tuple only if a relation word matches
(a predicted ``be`` matches any form of *be*); precision and recall are whitespace-token
overlaps, case-sensitive, each predicted token used once; for gold relations containing
said/told/added/adds/says the predicted arguments may also be tried swapped. Recall takes each
gold tuple's best match; precision pairs gold and predictions one to one, greedily by
precision. Counts are pooled over sentences at every distinct confidence threshold; F1 is the
best over thresholds and AUC the trapezoid area under the P/R curve closed with (recall 0,
precision 1), as the reference computes it with ``sklearn.metrics.auc``.

Differences from the reference: gold arguments starting ``C: `` (context) are dropped; an F1
of precision 0 and recall 0 is 0 (numpy gives NaN there in the reference); values are not
rounded to three decimals.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from kg.errors import InputError

__all__ = [
    "CONTEXT_PREFIX",
    "CarbScore",
    "CarbTuple",
    "match",
    "parse_gold_line",
    "parse_prediction_line",
    "read_gold",
    "read_predictions",
    "score_against_gold",
    "sentence_key",
    "write_curve",
]

#: Gold arguments with this prefix are context ("C: he said") and are not scored.
CONTEXT_PREFIX = "C: "
SAID_VERBS = ("said", "told", "added", "adds", "says", "adds")  # as in the reference
BE_FORMS = ("be", "is", "am", "are", "was", "were", "been", "being")
PTB_ESCAPES = (("(", "-LRB-"), (")", "-RRB-"), ("[", "-LSB-"), ("]", "-RSB-"), ("{", "-LCB-"), ("}", "-RCB-"))
_PUNCTUATION = re.compile(f"[{re.escape(string.punctuation)}]")


@dataclass(frozen=True)
class CarbTuple:
    """One extraction: its sentence, relation, arguments (arg1, arg2, ...) and confidence."""

    sentence: str
    relation: str
    args: tuple[str, ...]
    confidence: float = 1.0


@dataclass(frozen=True)
class CarbScore:
    """Scores at the best-F1 threshold, the AUC, and the curve ``(confidence, P, R)``."""

    precision: float
    recall: float
    f1: float
    auc: float
    threshold: float | None
    n_gold: int
    n_predicted: int
    curve: tuple[tuple[float, float, float], ...] = ()


def parse_gold_line(line: str, number: int = 0) -> CarbTuple | None:
    """``sentence \\t relation \\t arg1 [\\t arg2 ...]``; None for a blank line."""
    if not line.strip():
        return None
    data = line.strip().split("\t")
    if len(data) < 2:
        raise InputError(f"gold line {number}: expected sentence, relation and arguments", code="KG113")
    args = (a.strip() for a in data[2:])
    return CarbTuple(data[0].strip(), data[1].strip(), tuple(a for a in args if not a.startswith(CONTEXT_PREFIX)))


def parse_prediction_line(line: str, number: int = 0) -> CarbTuple | None:
    """``sentence \\t confidence \\t relation \\t arg1 [\\t arg2 ...]``; None for a blank line."""
    if not line.strip():
        return None
    data = line.strip().split("\t")
    try:
        confidence = float(data[1])
        relation = data[2]
    except (IndexError, ValueError):
        raise InputError(
            f"prediction line {number}: expected sentence, confidence, relation, arguments", code="KG112"
        ) from None
    return CarbTuple(data[0], relation, tuple(data[3:]), confidence)


def read_gold(path: str | Path) -> list[CarbTuple]:
    """The gold tuples of a CaRB gold TSV file."""
    return _read(path, parse_gold_line)


def read_predictions(path: str | Path) -> list[CarbTuple]:
    """The tuples of a CaRB tabbed predictions file."""
    return _read(path, parse_prediction_line)


def _read(path, parse) -> list[CarbTuple]:
    from kg.ingest.decode import read_text

    lines = read_text(path).splitlines(keepends=True)
    parsed = (parse(line, number) for number, line in enumerate(lines, 1))
    return [t for t in parsed if t is not None]


def sentence_key(text: str) -> str:
    """The reference's ``normalizeKey``: no spaces, PTB brackets unescaped, no punctuation."""
    text = text.replace(" ", "")
    for bracket, escape in PTB_ESCAPES:
        text = text.replace(escape, bracket)
    return _PUNCTUATION.sub("", text)


def _lenient(gold_rel: str, gold_args: Sequence[str], rel: str, args: Sequence[str]) -> tuple[float, float]:
    """The reference's ``linient_tuple_match``: (precision, recall) of one pair, or (0, 0)."""
    predicted, gold = rel.split(), gold_rel.split()
    matched = _overlap(gold, predicted)
    if "be" in predicted and any(form in gold for form in BE_FORMS):
        matched += 1
    if matched == 0:
        return (0, 0)
    p_num, p_den, r_num, r_den = matched, len(rel.split()), matched, len(gold)
    for i, gold_arg in enumerate(gold_args):
        gold = gold_arg.split()
        r_den += len(gold)
        if len(args) <= i:
            if i < 2:
                return (0, 0)
            continue
        predicted = args[i].split()
        p_den += len(predicted)
        matched = _overlap(gold, predicted)
        p_num += matched
        r_num += matched
    return (p_num / p_den if p_den else 0, r_num / r_den if r_den else 0)


def _overlap(gold: list[str], predicted: list[str]) -> int:
    """Gold tokens found in ``predicted``, each predicted token used once (removed from it)."""
    count = 0
    for word in gold:
        if word in predicted:
            count += 1
            predicted.remove(word)
    return count


def _binary(args: Sequence[str]) -> tuple[str, ...]:
    return (args[0], " ".join(args[1:])) if len(args) >= 2 else tuple(args)


def match(gold: CarbTuple, predicted: CarbTuple) -> tuple[float, float]:
    """(precision, recall) of a prediction against a gold tuple (``binary_linient_tuple_match``)."""
    gold_args = _binary(gold.args)
    straight = _lenient(gold.relation, gold_args, predicted.relation, _binary(predicted.args))
    if not any(verb in gold.relation for verb in SAID_VERBS):
        return straight
    args = predicted.args
    swapped = (" ".join(args[1:]), args[0]) if len(args) >= 2 else _binary(args)
    return max(straight, _lenient(gold.relation, gold_args, predicted.relation, swapped))


def _by_sentence(tuples: Iterable[CarbTuple]) -> dict[str, list[CarbTuple]]:
    """Grouped by sentence text, then by ``sentence_key`` (a later group replaces an earlier)."""
    groups: dict[str, list[CarbTuple]] = {}
    for t in tuples:
        groups.setdefault(t.sentence, []).append(t)
    return {sentence_key(text): group for text, group in groups.items()}


class _Totals:
    """Pooled numerators and denominators of precision and recall, one per threshold."""

    def __init__(self, thresholds: list[float]):
        self.thresholds = thresholds
        self.index = {c: k for k, c in enumerate(thresholds)}
        n = len(thresholds)
        self.p, self.pl, self.r, self.rl = [0.0] * n, [0] * n, [0.0] * n, [0] * n

    def add_sentence(self, golds: list[CarbTuple], preds: list[CarbTuple]) -> None:
        scores = [[match(g, p) for p in preds] for g in golds]
        previous = 0
        for confidence in sorted({p.confidence for p in preds}):
            c = self.index[confidence]
            chosen = [j for j, p in enumerate(preds) if p.confidence >= confidence]
            recall = sum(max((row[j][1] for j in chosen), default=0) for row in scores)
            precision = _greedy_precision(scores, chosen)
            for k in range(previous, c + 1):
                self.p[k] += precision
                self.pl[k] += len(chosen)
                self.r[k] += recall
                self.rl[k] += len(golds)
            previous = c + 1
        for k in range(previous, len(self.thresholds)):
            self.rl[k] += len(golds)


def _greedy_precision(scores: list[list[tuple[float, float]]], chosen: list[int]) -> float:
    """Pair gold rows and chosen predictions one to one, highest precision first."""
    rows, cols, total = set(), set(), 0.0
    for _ in range(min(len(scores), len(chosen))):
        best, pair = -1.0, (-1, -1)
        for i, row in enumerate(scores):
            if i in rows:
                continue
            for j in chosen:
                if j not in cols and row[j][0] > best:
                    best, pair = row[j][0], (i, j)
        rows.add(pair[0])
        cols.add(pair[1])
        total += best
    return total


def _f1(precision: float, recall: float) -> float:
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0


def _auc(xs: list[float], ys: list[float]) -> float:
    """``sklearn.metrics.auc``: trapezoids over monotonic x, either direction."""
    steps = [b - a for a, b in zip(xs, xs[1:])]
    direction = 1
    if any(d < 0 for d in steps):
        if any(d > 0 for d in steps):
            raise ValueError("x is neither increasing nor decreasing")
        direction = -1
    return direction * sum(d * (y0 + y1) / 2.0 for d, y0, y1 in zip(steps, ys, ys[1:]))


def score_against_gold(predictions: Iterable[CarbTuple], gold: Iterable[CarbTuple]) -> CarbScore:
    """Score predictions against gold tuples as CaRB does; see the module docstring."""
    golds, preds = _by_sentence(gold), _by_sentence(predictions)
    n_gold, n_predicted = sum(map(len, golds.values())), sum(map(len, preds.values()))
    thresholds = sorted({p.confidence for group in preds.values() for p in group})
    if not thresholds:
        return CarbScore(0.0, 0.0, 0.0, 0.0, None, n_gold, n_predicted)
    totals = _Totals(thresholds)
    for key, group in golds.items():
        totals.add_sentence(group, preds.get(key, []))
    precisions = [a / b if b > 0 else 1 for a, b in zip(totals.p, totals.pl)]
    recalls = [a / b if b > 0 else 0 for a, b in zip(totals.r, totals.rl)]
    f1s = [_f1(p, r) for p, r in zip(precisions, recalls)]
    best = max(range(len(f1s)), key=f1s.__getitem__)  # the first best, as numpy.argmax
    auc = _auc(recalls + [0], precisions + [1])
    curve = tuple(zip(thresholds, precisions, recalls))
    return CarbScore(precisions[best], recalls[best], f1s[best], auc, thresholds[best], n_gold, n_predicted, curve)


def write_curve(result: CarbScore, out: TextIO) -> None:
    """The P/R curve as the reference writes it: ``Precision Recall Confidence``, by recall."""
    out.write("Precision\tRecall\tConfidence\n")
    for confidence, precision, recall in sorted(result.curve, key=lambda point: point[2]):
        out.write(f"{precision}\t{recall}\t{confidence}\n")
