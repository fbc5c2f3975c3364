"""Running extractors on benchmark sentences: kg itself and textacy's SVO triples (the baseline)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.evaluate.carb import CarbScore, CarbTuple, parse_prediction_line, read_gold, score_against_gold, sentence_key

__all__ = [
    "PUBLISHED_F1",
    "CarbRun",
    "SystemResult",
    "kg_lines",
    "kg_predictions",
    "read_sentences",
    "render_table",
    "run_carb",
    "textacy_predictions",
]

#: Published CaRB F1 on the TEST split (from the papers), for orientation only.
PUBLISHED_F1 = (
    ("CIGL-OIE", 54.0),
    ("IMoJIE", 53.5),
    ("OpenIE6", 52.7),
    ("OpenIE-4", 51.6),
    ("ClausIE", 45.0),
    ("MinIE", 41.9),
    ("textacy", 19.1),
)


@dataclass(frozen=True)
class SystemResult:
    """One system's score, or ``score=None`` with the reason it could not run."""

    name: str
    score: CarbScore | None
    note: str = ""


@dataclass(frozen=True)
class CarbRun:
    """A CaRB evaluation: each system's result, and kg's output lines in CaRB's format."""

    systems: list[SystemResult]
    kg_lines: list[str]
    sentences: int
    gold: int  # gold tuples of those sentences


def read_sentences(path: str | Path) -> list[str]:
    """The non-blank lines of a file, each exactly as given."""
    from kg.ingest.decode import read_text

    return [line for line in read_text(path).splitlines() if line.strip()]


def kg_lines(sentences: Sequence[str], *, nlp=None) -> list[str]:
    """kg's facts of each sentence, as ``kg extract --lines --format carb`` writes them."""
    from kg.views.extraction import carb_line, extract_rows

    return [carb_line(row) for row in extract_rows(sentences, lines=True, nlp=nlp, benchmark=True)]


def kg_predictions(lines: Sequence[str]) -> list[CarbTuple]:
    """CaRB-format lines read back as tuples, exactly as a file of them would be."""
    parsed = (parse_prediction_line(line, n) for n, line in enumerate(lines, 1))
    return [t for t in parsed if t is not None]


def textacy_predictions(sentences: Sequence[str], *, nlp=None) -> list[CarbTuple] | None:
    """textacy's ``subject_verb_object_triples`` as (subject; verb; object), confidence 1.0.

    None when textacy is not installed (``pip install 'kg[eval]'``).
    """
    try:
        from textacy.extract.triples import subject_verb_object_triples
    except ImportError:
        return None
    from kg.parse.nlp import load_pipeline

    nlp = nlp or load_pipeline()
    tuples = []
    for sentence, doc in zip(sentences, nlp.pipe(sentences, batch_size=64)):
        for triple in subject_verb_object_triples(doc):
            args = (_words(triple.subject), _words(triple.object))
            tuples.append(CarbTuple(sentence, _words(triple.verb), args, 1.0))
    return tuples


def _words(tokens) -> str:
    return " ".join(t.text for t in tokens)


def run_carb(sentences_path: str | Path, gold_path: str | Path, *, nlp=None) -> CarbRun:
    """Score kg and textacy on the sentences of ``sentences_path`` against their gold tuples.

    Gold tuples of sentences not in the file are left out, so a slice scores on its own.
    """
    sentences = read_sentences(sentences_path)
    keys = {sentence_key(s.strip()) for s in sentences}
    gold = [t for t in read_gold(gold_path) if sentence_key(t.sentence) in keys]
    lines = kg_lines(sentences, nlp=nlp)
    systems = [SystemResult("kg", score_against_gold(kg_predictions(lines), gold))]
    baseline = textacy_predictions(sentences, nlp=nlp)
    if baseline is None:
        systems.append(SystemResult("textacy", None, "unavailable: pip install textacy"))
    else:
        systems.append(SystemResult("textacy", score_against_gold(baseline, gold), "SVO triples, confidence 1.0"))
    return CarbRun(systems, lines, len(sentences), len(gold))


def render_table(run: CarbRun) -> str:
    """The results side by side, then the published test-split F1 for reference."""
    header = ("system", "precision", "recall", "F1", "AUC", "facts")
    rows = [_row(result) for result in run.systems]
    lines = [f"CaRB on {run.sentences} sentences, {run.gold} gold tuples (percent):", *_aligned([header, *rows])]
    notes = [f"  {r.name}: {r.note}" for r in run.systems if r.note]
    lines += notes + ["", "Published CaRB F1, TEST split, from the papers (not comparable to dev):"]
    lines += _aligned([("system", "F1"), *((name, f"{f1:.1f}") for name, f1 in PUBLISHED_F1)])
    return "\n".join(lines) + "\n"


def _row(result: SystemResult) -> tuple[str, ...]:
    s = result.score
    if s is None:
        return (result.name, "-", "-", "-", "-", "-")
    values = (s.precision, s.recall, s.f1, s.auc)
    return (result.name, *(f"{100 * v:.1f}" for v in values), str(s.n_predicted))


def _aligned(rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))).rstrip()
        for row in rows
    ]
