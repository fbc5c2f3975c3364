"""The CLI through typer's runner: exit codes, one-line errors, no tracebacks."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from kg.cli import app
from tests.conftest import SEEDS
from tests.test_docs import cli_commands

runner = CliRunner()


def run(*args, input=None):
    return runner.invoke(app, [str(a) for a in args], input=input)


def assert_clean_failure(result, *words):
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    message = result.output.strip()
    assert message.startswith("error:") and len(message.splitlines()) == 1, message
    for word in words:
        assert word in message


@pytest.mark.parametrize("command", sorted(cli_commands()))
def test_every_command_has_help(command):
    result = run(*command.split(), "--help")
    text = " ".join(re.sub("[│╭╮╰╯─]", " ", result.output).split())  # rich draws boxes around the help
    assert result.exit_code == 0 and text.startswith(f"Usage: kg {command} ")
    summary = " ".join((cli_commands()[command].help or "").split())
    assert summary and summary in text


def test_extract_tsv_has_header_and_one_fact_a_line():
    result = run("extract", "--format", "tsv", "Angela Merkel visited Paris. She met Emmanuel Macron.")
    lines = result.output.strip().splitlines()
    assert lines[0] == "sentence\tsubject\trelation\tobject\tconfidence"
    rows = [line.split("\t") for line in lines[1:]]
    assert ["She met Emmanuel Macron.", "Angela Merkel", "meet", "Emmanuel Macron"] in [r[:4] for r in rows]
    assert all(0 < float(r[4]) <= 1 for r in rows)


def test_extract_reads_stdin_lines_as_jsonl():
    result = run(
        "extract",
        "-",
        "--lines",
        "--format",
        "jsonl",
        input="Apple bought Beats.\nThe minister did not sign the treaty.\n",
    )
    records = [json.loads(line) for line in result.output.splitlines()]
    assert {(r["subject"], r["relation"], r["object"]) for r in records} >= {("Apple", "buy", "Beats")}
    assert [r["relation"] for r in records if r["negated"]] == ["not sign"]
    assert records[0]["sentence"] == "Apple bought Beats."


@pytest.mark.slow  # builds the seeds through the CLI
def test_build_query_export_stats_render(tmp_path):
    store = tmp_path / "store"
    result = run("build", SEEDS, "--store", store)
    assert result.exit_code == 0, result.output
    assert "5 documents" in result.output
    result = run("query", "roles", "--store", store, "--format", "csv")
    assert result.exit_code == 0 and "Dmitry Peskov,Kremlin spokesman" in result.output
    result = run("query", "SELECT (COUNT(*) AS ?n) WHERE { ?f a kg:Fact }", "--store", store, "--format", "json")
    assert int(json.loads(result.output)["results"]["bindings"][0]["n"]["value"]) > 100
    out = tmp_path / "facts.csv"
    assert run("export", "--store", store, "--format", "csv", "-o", out).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("subject,relation,object,negated,attributed_to,document")
    assert_clean_failure(run("export", "--store", store, "--format", "csv", "-o", out), "exists")
    assert run("export", "--store", store, "--format", "ttl", "-o", out, "--force").exit_code == 0
    result = run("stats", "--store", store)
    assert result.exit_code == 0 and "Person" in result.output and "say" in result.output
    html = tmp_path / "graph.html"
    assert run("render", "--store", store, "-o", html).exit_code == 0
    assert "Dmitry Peskov" in html.read_text(encoding="utf-8")


@pytest.mark.slow  # over a second of CPU: left out of make check
def test_build_quiet_prints_nothing(tmp_path):
    result = run("build", sorted(SEEDS.glob("*.txt"))[0], "--store", tmp_path / "s", "--quiet")
    assert result.exit_code == 0 and result.output == ""


def test_missing_source_is_a_clean_error(tmp_path):
    result = run("build", tmp_path / "nope.txt", "--store", tmp_path / "s")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "no such file" in result.output


def test_query_errors_are_one_line(tmp_path, seed_graph):
    store = seed_graph.path
    assert_clean_failure(run("query", "SELECT ?x WHERE { ?x", "--store", store), "KG401")
    assert_clean_failure(run("query", "INSERT DATA { <a:b> <a:c> <a:d> }", "--store", store), "KG402")
    assert_clean_failure(run("query", "SELECT * WHERE { ?s ?p ?o }", "--store", tmp_path / "missing"), "KG301")


def test_bad_format_is_refused(seed_graph):
    result = run("export", "--store", seed_graph.path, "--format", "docx")
    assert_clean_failure(result, "KG501", "unknown export format 'docx'")


@pytest.mark.slow  # over a second of CPU: left out of make check
def test_unreadable_sources_fail_the_build_but_the_rest_is_built(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Angela Merkel visited Paris on Monday.", encoding="utf-8")
    (folder / "photo.txt").write_bytes(b"\x89PNG\x00\x00\x00binary")
    (folder / "latin.txt").write_bytes("Caf\xe9 owners protested.".encode("latin-1"))
    store = tmp_path / "store"
    result = run("build", folder, "--store", store, "--quiet")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "photo.txt: not a text file" in result.output
    assert "latin.txt: not UTF-8; read as cp1252 (detected)" in result.output
    built = run(
        "query", "SELECT ?id WHERE { ?d a kg:Document ; dcterms:identifier ?id }", "--store", store, "--format", "csv"
    )
    assert sorted(built.output.split()) == ["good", "id", "latin"]


def test_render_refuses_to_overwrite_without_force(tmp_path, seed_graph):
    store = seed_graph.path
    html = tmp_path / "graph.html"
    html.write_text("keep me", encoding="utf-8")
    assert_clean_failure(run("render", "--store", store, "-o", html), "exists")
    assert html.read_text(encoding="utf-8") == "keep me"
    assert run("render", "--store", store, "-o", html, "--force").exit_code == 0
