"""Scores of a clustering of mentions against gold clusters: B-cubed and pairwise.

B-cubed (Bagga and Baldwin, 1998): for each mention, precision is the share of the mentions in
its predicted cluster that are also in its gold cluster, recall the share of its gold cluster
found in its predicted cluster; both are averaged over all mentions. Pairwise: precision and
recall over the pairs of mentions put together (predicted) or belonging together (gold).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import TypeVar

__all__ = ["ClusterScore", "bcubed", "pairwise", "score_clusters"]

K = TypeVar("K", bound=Hashable)  # a mention


@dataclass(frozen=True)
class ClusterScore:
    """Precision, recall and F1 of one clustering by one measure (fractions, 0 to 1)."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def _check(gold: Mapping, predicted: Mapping) -> None:
    if set(gold) != set(predicted):
        raise ValueError("gold and predicted clusterings must cover the same mentions")


def bcubed(gold: Mapping[K, Hashable], predicted: Mapping[K, Hashable]) -> ClusterScore:
    """B-cubed precision and recall of ``predicted`` (mention -> cluster) against ``gold``."""
    _check(gold, predicted)
    if not gold:
        return ClusterScore(0.0, 0.0)
    both = Counter((gold[m], predicted[m]) for m in gold)
    gold_sizes = Counter(gold.values())
    predicted_sizes = Counter(predicted.values())
    precision = recall = 0.0
    for (g, p), together in both.items():  # every mention of a (gold, predicted) cell scores alike
        precision += together * together / predicted_sizes[p]
        recall += together * together / gold_sizes[g]
    return ClusterScore(precision / len(gold), recall / len(gold))


def _pairs(sizes) -> int:
    return sum(n * (n - 1) // 2 for n in sizes)


def pairwise(gold: Mapping[K, Hashable], predicted: Mapping[K, Hashable]) -> ClusterScore:
    """Pairwise precision and recall: of the mention pairs ``predicted`` joins, those gold joins."""
    _check(gold, predicted)
    correct = _pairs(Counter((gold[m], predicted[m]) for m in gold).values())
    joined = _pairs(Counter(predicted.values()).values())
    belong = _pairs(Counter(gold.values()).values())
    return ClusterScore(correct / joined if joined else 1.0, correct / belong if belong else 1.0)


def score_clusters(gold: Mapping[K, Hashable], predicted: Mapping[K, Hashable]) -> dict[str, ClusterScore]:
    """Both measures, by name."""
    return {"B-cubed": bcubed(gold, predicted), "pairwise": pairwise(gold, predicted)}
