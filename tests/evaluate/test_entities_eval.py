"""The entity-resolution evaluation: cluster scores, the shipped gold, and ``kg eval entities``."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import InputError
from kg.evaluate.clusters import bcubed, pairwise
from kg.evaluate.entities import read_gold, run_entity_eval
from tests.conftest import ROOT

GOLD = ROOT / "eval" / "entities" / "gold.jsonl"


def test_bcubed_and_pairwise_by_hand():
    gold = {"a": 1, "b": 1, "c": 2}
    predicted = {"a": "x", "b": "y", "c": "y"}
    b3 = bcubed(gold, predicted)
    assert b3.precision == pytest.approx(2 / 3) and b3.recall == pytest.approx(2 / 3)
    pairs = pairwise(gold, predicted)
    assert pairs.precision == 0 and pairs.recall == 0 and pairs.f1 == 0
    perfect = bcubed(gold, {"a": 0, "b": 0, "c": 1})
    assert perfect.precision == perfect.recall == perfect.f1 == 1
    lumped = bcubed(gold, {"a": 0, "b": 0, "c": 0})
    assert lumped.recall == 1 and lumped.precision == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)
    with pytest.raises(ValueError):
        bcubed(gold, {"a": 0})


def test_the_shipped_gold_has_forty_articles_and_a_held_out_part():
    articles = read_gold(GOLD)
    assert len(articles) >= 40
    assert {a.split for a in articles} == {"dev", "test"}
    assert sum(len(a.mentions) for a in articles if a.split == "test") >= 200
    kinds = {a.article.split("/")[0] for a in articles}
    assert kinds == {"bbc:politics", "bbc:business", "written"}


def test_written_articles_ship_whole_and_bbc_ones_only_as_references():
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        assert set(record) == {"article", "split", "mentions"}  # no article text is stored
        if record["article"].startswith("written/"):
            text = (GOLD.parent / record["article"]).read_text(encoding="utf-8")
            for m in record["mentions"]:
                assert text[m["start"] : m["end"]] == m["text"], (record["article"], m)


def test_a_malformed_gold_line_is_one_error(tmp_path):
    bad = tmp_path / "gold.jsonl"
    bad.write_text('{"article": "written/x.txt"}\n', encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_gold(bad)
    assert err.value.code == "KG120"


def test_a_mention_that_does_not_match_its_article_is_one_error(tmp_path):
    (tmp_path / "written").mkdir()
    (tmp_path / "written" / "a.txt").write_text("Tony Blair spoke in Leeds.\n", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    record = {
        "article": "written/a.txt",
        "split": "dev",
        "mentions": [{"start": 0, "end": 4, "text": "Tony Blair", "entity": "tb"}],
    }
    gold.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        run_entity_eval(gold, bbc_root=tmp_path / "no-corpus")
    assert err.value.code == "KG121"


@pytest.mark.slow
def test_kg_eval_entities_scores_the_written_articles_without_the_corpus(tmp_path):
    result = CliRunner().invoke(app, ["eval", "entities", "--gold", str(GOLD), "--bbc", str(tmp_path)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(line.startswith("dev: ") for line in lines) and any(line.startswith("test: ") for line in lines)
    systems = [line.split()[0] for line in lines if line.startswith("  ") and line.split()[0] != "system"]
    assert {"kg", "same"} <= set(systems)
    assert "not found, left out: 32 articles" in result.output
