"""`kg build` on what users really have: any encoding, odd file names, missing sources, the same
file name in two folders (issue 14; issue 17 items 5, 15 and 19)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from tests.conftest import ROOT

runner = CliRunner()
#: ../shared beside the clone (CI, /work/main), or two levels up from a worktree in wt/
BBC_199 = next(
    (p for p in (base / "shared/corpora/bbc/sport/199.txt" for base in ROOT.parents[:2]) if p.exists()),
    ROOT.parent / "shared/corpora/bbc/sport/199.txt",
)
STORY = "Acme Corp hired Bob Jones in Paris on Monday, the company said.\n"


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def stderr_lines(result) -> list[str]:
    return result.stderr.splitlines()


def test_a_build_whose_only_source_is_missing_makes_no_store_and_one_line(tmp_path):
    store = tmp_path / "store"
    result = run("build", tmp_path / "missing", "--store", store)
    assert result.exit_code == 1
    assert stderr_lines(result) == [f"error: KG103: {tmp_path / 'missing'}: no such file or folder"]
    assert not store.exists()


@pytest.mark.slow
def test_a_build_whose_sources_all_fail_leaves_an_existing_store_as_it_was(tmp_path):
    (tmp_path / "a.txt").write_text(STORY)
    store = tmp_path / "store"
    assert run("build", tmp_path / "a.txt", "--store", store, "--quiet").exit_code == 0
    before = sorted(p.name for p in store.iterdir())
    result = run("build", tmp_path / "missing.txt", tmp_path / "gone", "--store", store)
    assert result.exit_code == 1 and len(stderr_lines(result)) == 2  # one line a source
    assert all(line.startswith("error: KG103: ") for line in stderr_lines(result))
    assert sorted(p.name for p in store.iterdir()) == before


@pytest.mark.slow
def test_a_newline_in_a_file_name_cannot_forge_a_line(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(STORY)
    (folder / "photo\nerror: KG999: forged.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "empty\r\x1b[2Kwarning: forged\u2028.txt").write_text("")
    result = run("build", folder, "--store", tmp_path / "store", "--quiet")
    lines = stderr_lines(result)
    assert result.exit_code == 1
    assert not any("forged" in line and not line.startswith(("error: KG101", "warning: ")) for line in lines)
    assert f"error: KG101: {folder}/photo\\nerror: KG999: forged.txt: not a text file" in lines
    assert f"warning: {folder}/empty\\r\\x1b[2Kwarning: forged\\u2028.txt: no text" in lines
    assert len(lines) == 3  # the two above and "1 source(s) could not be read"


@pytest.mark.slow
def test_the_same_stem_in_two_folders_gives_two_documents(tmp_path):
    for folder, text in (("business", STORY), ("sport", "Chelsea sacked Adrian Mutu on Friday.\n")):
        (tmp_path / "bbc" / folder).mkdir(parents=True)
        (tmp_path / "bbc" / folder / "001.txt").write_text(text)
    result = run("build", tmp_path / "bbc", "--store", tmp_path / "store", "--quiet")
    assert result.exit_code == 0, result.output
    ids = run(
        "query",
        "SELECT ?id { ?d a kg:Document ; dcterms:identifier ?id } ORDER BY ?id",
        "--store",
        tmp_path / "store",
        "--format",
        "csv",
    )
    assert ids.stdout.split() == ["id", "business/001", "sport/001"]


@pytest.mark.slow
def test_replacing_a_document_on_purpose_says_so_in_the_summary(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY)
    store = tmp_path / "store"
    first = run("build", path, "--store", store)
    assert "replaced" not in first.stderr
    path.write_text(STORY.replace("Monday", "Tuesday"))
    again = run("build", path, "--store", store)
    assert again.exit_code == 0
    assert "1 documents (1 parsed, 0 cached, 1 replaced" in again.stderr


@pytest.mark.slow
@pytest.mark.skipif(not BBC_199.exists(), reason="needs ../shared/corpora/bbc")
def test_bbc_sport_199_builds_with_a_warning(tmp_path):
    result = run("build", BBC_199, "--store", tmp_path / "store", "--quiet")
    assert result.exit_code == 0
    assert stderr_lines(result) == [f"warning: {BBC_199}: not UTF-8; read as cp1252 (detected)"]


def test_an_unknown_encoding_is_one_line(tmp_path):
    (tmp_path / "a.txt").write_text(STORY)
    result = run("build", tmp_path / "a.txt", "--store", tmp_path / "store", "--encoding", "klingon-8")
    assert result.exit_code == 1
    assert stderr_lines(result) == [
        "error: KG124: unknown encoding 'klingon-8' (try utf-8, cp1252, latin-1, shift_jis)"
    ]
    assert not Path(tmp_path / "store").exists()
