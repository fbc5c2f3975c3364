"""Evaluation on Open IE benchmarks: the CaRB scorer and the systems it compares."""

from __future__ import annotations

from kg.evaluate.carb import CarbScore, CarbTuple, match, read_gold, read_predictions, score_against_gold
from kg.evaluate.systems import CarbRun, SystemResult, render_table, run_carb

__all__ = [
    "CarbRun",
    "CarbScore",
    "CarbTuple",
    "SystemResult",
    "match",
    "read_gold",
    "read_predictions",
    "render_table",
    "run_carb",
    "score_against_gold",
]
