"""The CaRB scorer on hand-made cases; every expected number is worked out in the comments."""

from __future__ import annotations

import io

import pytest

from kg.errors import InputError
from kg.evaluate.carb import (
    CarbTuple,
    match,
    parse_gold_line,
    parse_prediction_line,
    read_gold,
    score_against_gold,
    sentence_key,
    write_curve,
)

S1 = "Jobs founded Apple ."
S2 = "Gates founded Microsoft ."


def t(relation, *args, sentence=S1, confidence=1.0):
    return CarbTuple(sentence, relation, tuple(args), confidence)


def test_exact_match_scores_one_everywhere():
    gold = [t("founded", "Jobs", "Apple")]
    result = score_against_gold([t("founded", "Jobs", "Apple", confidence=0.9)], gold)
    assert match(gold[0], gold[0]) == (1.0, 1.0)
    assert (result.precision, result.recall, result.f1) == (1.0, 1.0, 1.0)
    # curve (R 1, P 1) closed with (R 0, P 1): one trapezoid of width 1 and height 1
    assert result.auc == 1.0 and result.threshold == 0.9
    assert (result.n_gold, result.n_predicted) == (1, 1)


def test_partial_overlap_counts_tokens():
    # gold binarised: (Bill Gates ; founded ; Microsoft in 1975): 1 + 2 + 3 = 6 tokens
    # predicted: (Gates ; founded ; Microsoft Corporation): 1 + 1 + 2 = 4 tokens
    # matched: founded, Gates, Microsoft = 3 -> P 3/4, R 3/6, F1 0.6
    gold = t("founded", "Bill Gates", "Microsoft", "in 1975")
    predicted = t("founded", "Gates", "Microsoft Corporation", confidence=0.5)
    assert match(gold, predicted) == (0.75, 0.5)
    result = score_against_gold([predicted], [gold])
    assert (result.precision, result.recall) == (0.75, 0.5)
    assert result.f1 == pytest.approx(0.6)
    # (R 0.5, P 0.75) to (R 0, P 1): 0.5 * (0.75 + 1) / 2
    assert result.auc == pytest.approx(0.4375)


def test_no_relation_word_in_common_is_no_match():
    gold = t("founded", "Jobs", "Apple")
    assert match(gold, t("established", "Jobs", "Apple")) == (0, 0)
    assert match(gold, t("Founded", "Jobs", "Apple")) == (0, 0)  # case-sensitive


def test_be_matches_any_form_of_be():
    # was/born/in against be/born/in: born, in, then be~was -> 3 of 3 relation tokens
    gold = t("was born in", "Obama", "Hawaii")
    assert match(gold, t("be born in", "Obama", "Hawaii")) == (1.0, 1.0)


def test_missing_second_argument_is_no_match():
    assert match(t("founded", "Jobs", "Apple"), t("founded", "Jobs")) == (0, 0)


def test_speech_arguments_may_be_swapped():
    # straight: only "said" matches: P 1/(1+3+1), R 1/(1+1+3); swapped: everything matches
    said = t("said", "Peskov", "talks will continue")
    reversed_order = t("said", "talks will continue", "Peskov")
    assert match(said, reversed_order) == (1.0, 1.0)
    announced = t("announced", "Peskov", "talks will continue")
    assert match(announced, t("announced", "talks will continue", "Peskov")) == (0.2, 0.2)


def test_best_f1_threshold_is_chosen():
    # at 0.3: A and B, recall 1, precision (1 + 0) / 2 -> F1 2/3; at 0.9: only A -> F1 1
    gold = [t("founded", "Jobs", "Apple")]
    preds = [t("founded", "Jobs", "Apple", confidence=0.9), t("ate", "x", "y", confidence=0.3)]
    result = score_against_gold(preds, gold)
    assert (result.threshold, result.precision, result.recall, result.f1) == (0.9, 1.0, 1.0, 1.0)
    assert [(c, round(p, 4), r) for c, p, r in result.curve] == [(0.3, 0.5, 1.0), (0.9, 1.0, 1.0)]


def test_one_prediction_serves_two_gold_tuples_for_recall():
    # G1 matched fully (R 1); G2 (met ; Merkel ; Macron in Paris): 3 of 5 tokens (R 0.6)
    # recall (1 + 0.6) / 2 = 0.8; precision pairs the prediction with one gold: 1 / 1
    gold = [t("met", "Merkel", "Macron"), t("met", "Merkel", "Macron", "in Paris")]
    result = score_against_gold([t("met", "Merkel", "Macron")], gold)
    assert (result.precision, result.recall) == pytest.approx((1.0, 0.8))
    assert result.f1 == pytest.approx(2 * 0.8 / 1.8)


def test_one_gold_tuple_validates_one_prediction_for_precision():
    # two identical predictions, one gold: recall 1, precision (1 + nothing) / 2
    gold = [t("founded", "Jobs", "Apple")]
    result = score_against_gold([t("founded", "Jobs", "Apple"), t("founded", "Jobs", "Apple")], gold)
    assert (result.precision, result.recall) == (0.5, 1.0)
    assert result.f1 == pytest.approx(2 / 3)


def test_auc_with_graded_confidences():
    # S1: A 0.9 exact. S2: B 0.6 wrong, C 0.3 exact. Thresholds 0.3, 0.6, 0.9:
    #   0.3: P (1 + 1) / 3 = 2/3, R 2/2 = 1   -> F1 0.8 (best)
    #   0.6: P (1 + 0) / 2 = 1/2, R 1/2
    #   0.9: P 1 / 1 = 1,         R 1/2
    # AUC over (1, 2/3) (0.5, 0.5) (0.5, 1) (0, 1): 0.5 * (2/3 + 1/2) / 2 + 0 + 0.5 * 2 / 2 = 19/24
    gold = [t("founded", "Jobs", "Apple"), t("founded", "Gates", "Microsoft", sentence=S2)]
    preds = [
        t("founded", "Jobs", "Apple", confidence=0.9),
        t("ate", "Gates", "lunch", sentence=S2, confidence=0.6),
        t("founded", "Gates", "Microsoft", sentence=S2, confidence=0.3),
    ]
    result = score_against_gold(preds, gold)
    assert result.threshold == 0.3
    assert (result.precision, result.recall, result.f1) == pytest.approx((2 / 3, 1.0, 0.8))
    assert result.auc == pytest.approx(19 / 24)
    out = io.StringIO()
    write_curve(result, out)
    assert out.getvalue().splitlines()[0] == "Precision\tRecall\tConfidence"
    assert [float(line.split("\t")[1]) for line in out.getvalue().splitlines()[1:]] == [0.5, 0.5, 1.0]


def test_nothing_right_scores_zero_not_nan():
    result = score_against_gold([t("ate", "x", "y", confidence=0.5)], [t("founded", "Jobs", "Apple")])
    assert (result.precision, result.recall, result.f1, result.auc) == (0.0, 0.0, 0.0, 0.0)


def test_no_predictions_at_all():
    result = score_against_gold([], [t("founded", "Jobs", "Apple")])
    assert (result.f1, result.auc, result.threshold, result.n_gold) == (0.0, 0.0, None, 1)


def test_gold_sentences_without_predictions_count_against_recall():
    gold = [t("founded", "Jobs", "Apple"), t("founded", "Gates", "Microsoft", sentence=S2)]
    result = score_against_gold([t("founded", "Jobs", "Apple")], gold)
    assert (result.precision, result.recall) == (1.0, 0.5)


def test_sentences_meet_without_spaces_punctuation_or_ptb_brackets():
    assert sentence_key("Jobs ( Steve ) founded Apple .") == sentence_key("Jobs -LRB- Steve -RRB- founded Apple")
    result = score_against_gold(
        [t("founded", "Jobs", "Apple", sentence="Jobs founded Apple.")], [t("founded", "Jobs", "Apple")]
    )
    assert result.f1 == 1.0


def test_gold_reader_drops_context_arguments(tmp_path):
    path = tmp_path / "gold.tsv"
    path.write_text(f"{S1}\tfounded\tJobs\tApple\tC: he said\n\n {S1} \t founded \tJobs\t\n", encoding="utf-8")
    assert read_gold(path) == [t("founded", "Jobs", "Apple"), t("founded", "Jobs")]
    assert parse_gold_line("   ") is None
    with pytest.raises(InputError) as error:
        parse_gold_line("a sentence without a relation", 3)
    assert error.value.code == "KG113" and str(error.value).startswith("KG113: gold line 3: ")


def test_prediction_lines_and_their_errors():
    assert parse_prediction_line(f"{S1}\t0.25\tfounded\tJobs\tApple\tin 1976") == t(
        "founded", "Jobs", "Apple", "in 1976", confidence=0.25
    )
    with pytest.raises(InputError) as error:
        parse_prediction_line(f"{S1}\thigh\tfounded\tJobs", 7)
    assert error.value.code == "KG112" and "line 7" in str(error.value)
