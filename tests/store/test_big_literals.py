"""Big literals (issue 17, items 13 and 14): `kg import` of a 50 MB literal or a 20 MB N-Triples
line was a traceback; one 5 MB literal made `kg export` 35 times slower (RocksDB keeps it in one
block that every read of a neighbouring term reads again), so imports refuse literals over
MAX_LITERAL_CHARS."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.store.importer import MAX_LITERAL_CHARS
from kg.store.store import Store
from tests.records import sample_store


@pytest.fixture
def store_path(tmp_path):
    path = tmp_path / "store"
    sample_store(path)
    return path


@pytest.mark.parametrize(
    ("name", "size", "why"),
    [
        ("line.nt", 20_000_000, "over the 16 MB that the RDF parser reads at once"),
        ("literal.ttl", 50_000_000, "over the 16 MB that the RDF parser reads at once"),
        ("five.nt", 5_000_000, f"literal of 5,000,000 characters; at most {MAX_LITERAL_CHARS:,}"),
        ("half.nt", 500_000, f"literal of 500,000 characters; at most {MAX_LITERAL_CHARS:,}"),
    ],
)
def test_an_import_with_a_huge_literal_is_one_line_and_the_store_is_unchanged(tmp_path, store_path, name, size, why):
    before = len(Store.open(store_path))
    (tmp_path / name).write_text(f'<http://example.org/s> <http://example.org/p> "{"a" * size}" .\n')
    result = CliRunner().invoke(app, ["import", str(tmp_path / name), "--store", str(store_path)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.startswith(f"error: KG114: {tmp_path / name}: ") and why in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert len(Store.open(store_path)) == before


def test_a_literal_at_the_limit_imports_and_exports(tmp_path, store_path):
    text = "word " * (MAX_LITERAL_CHARS // 5)
    (tmp_path / "long.nt").write_text(f'<http://example.org/s> <http://example.org/p> "{text}" .\n')
    assert CliRunner().invoke(app, ["import", str(tmp_path / "long.nt"), "--store", str(store_path)]).exit_code == 0
    exported = CliRunner().invoke(app, ["export", "--store", str(store_path), "--format", "nt"])
    assert exported.exit_code == 0 and text in exported.output
