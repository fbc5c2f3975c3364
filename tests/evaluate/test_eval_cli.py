"""``kg extract --format carb`` and ``kg eval carb`` through typer's runner."""

from __future__ import annotations

import re
import sys

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.evaluate.carb import parse_prediction_line, sentence_key
from tests.conftest import ROOT

runner = CliRunner()
CARB = ROOT / "eval" / "carb"


def run(*args, input=None):
    return runner.invoke(app, [str(a) for a in args], input=input)


def test_carb_format_copies_each_line_exactly():
    lines = ["Apple  bought Beats in 2014 .", "`` We will not leave , '' Peskov told reporters ."]
    result = run("extract", "-", "--lines", "--format", "carb", input="\n".join(lines) + "\n\n")
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.output.splitlines()]
    assert rows and all(len(row) >= 5 and row[0] in lines for row in rows)
    assert all(0 < float(row[1]) <= 1 for row in rows)
    assert ["Apple  bought Beats in 2014 .", "bought", "Apple", "Beats", "in 2014"] in [
        [row[0], *row[2:]] for row in rows
    ]
    assert parse_prediction_line(result.output.splitlines()[0]).sentence == rows[0][0]


def test_carb_format_without_lines_uses_each_sentence():
    result = run("extract", "--format", "carb", "Apple bought Beats. Google bought Fitbit.")
    sentences = {line.split("\t")[0] for line in result.output.splitlines()}
    assert sentences == {"Apple bought Beats.", "Google bought Fitbit."}


@pytest.mark.slow  # runs kg and textacy on CaRB sentences
def test_eval_carb_prints_both_systems(tmp_path):
    sentences = CARB.joinpath("dev.txt").read_text(encoding="utf-8").splitlines()[:10]
    keys = {sentence_key(s) for s in sentences}
    gold = [
        line
        for line in CARB.joinpath("dev_gold.tsv").read_text(encoding="utf-8").splitlines()
        if sentence_key(line.split("\t")[0].strip()) in keys
    ]
    (tmp_path / "dev.txt").write_text("\n".join(sentences) + "\n", encoding="utf-8")
    (tmp_path / "gold.tsv").write_text("\n".join(gold) + "\n", encoding="utf-8")
    out = tmp_path / "kg.tsv"
    result = run("eval", "carb", "--sentences", tmp_path / "dev.txt", "--gold", tmp_path / "gold.tsv", "--output", out)
    assert result.exit_code == 0, result.output
    assert f"CaRB on 10 sentences, {len(gold)} gold tuples" in result.output
    for system in ("kg", "textacy"):
        row = re.search(rf"^{system} +([\d.]+) +([\d.]+) +([\d.]+) +([\d.]+) +(\d+)$", result.output, re.M)
        assert row, f"no numbers for {system}:\n{result.output}"
        assert all(0 <= float(value) <= 100 for value in row.groups()[:4])
    assert "TEST split" in result.output and "CIGL-OIE" in result.output
    written = out.read_text(encoding="utf-8").splitlines()
    assert written and {line.split("\t")[0] for line in written} <= set(sentences)


def test_eval_carb_missing_gold_is_a_clean_error(tmp_path):
    (tmp_path / "dev.txt").write_text("Apple bought Beats .\n", encoding="utf-8")
    result = run("eval", "carb", "--sentences", tmp_path / "dev.txt", "--gold", tmp_path / "nope.tsv")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.startswith("error:") and "nope.tsv" in result.output


def test_without_textacy_the_baseline_is_unavailable(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "textacy.extract.triples", None)  # import now fails
    (tmp_path / "dev.txt").write_text("Apple bought Beats in 2014 .\n", encoding="utf-8")
    (tmp_path / "gold.tsv").write_text(
        "Apple bought Beats in 2014 .\tbought\tApple\tBeats\tin 2014\n", encoding="utf-8"
    )
    result = run("eval", "carb", "--sentences", tmp_path / "dev.txt", "--gold", tmp_path / "gold.tsv")
    assert result.exit_code == 0, result.output
    assert re.search(r"^textacy +- +- +- +- +-$", result.output, re.M)
    assert "textacy: unavailable" in result.output and re.search(r"^kg +[\d.]+ ", result.output, re.M)
