"""A damaged extraction-cache entry: extracted again when its document is among the build's
sources, else one line (KG306) naming the document; the store is left as it was."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import kg
from kg.builder.cache import ExtractionCache, content_hash
from kg.cli import app
from kg.errors import StoreError
from kg.ingest.sources import iter_documents

A = "Angela Merkel met Emmanuel Macron in Paris on Monday. They discussed the budget."
B = "Vladimir Putin visited Beijing. He signed a trade agreement with Xi Jinping."


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(A, encoding="utf-8")
    (folder / "b.txt").write_text(B, encoding="utf-8")
    return folder


def entry(store, source, part=""):
    """The cache file of the document read from ``source``."""
    document = next(iter_documents([str(source)]))
    cache = ExtractionCache(store / "cache")
    return cache, content_hash(document), cache._path(content_hash(document), part)


def truncate(path):
    path.write_bytes(path.read_bytes()[:40])


def empty(path):
    path.write_bytes(b"")


def overwrite(path):
    data = path.read_bytes()
    path.write_bytes(b"\x00" * 16 + data[16:])


@pytest.mark.slow  # over a second of CPU: left out of make check
@pytest.mark.parametrize("damage", [truncate, empty, overwrite])
@pytest.mark.parametrize("part", ["", ".mentions"])
def test_a_damaged_entry_of_a_source_is_extracted_again(corpus, tmp_path, nlp, damage, part):
    store = tmp_path / "store"
    first = kg.build([str(corpus)], store, nlp=nlp)
    before = first.export("nquads")
    cache, key, path = entry(store, corpus / "a.txt", part)
    damage(path)
    assert not cache.intact(key)
    again = kg.build([str(corpus)], store, nlp=nlp)
    assert (again.summary.new, again.summary.cached) == (1, 1)
    assert cache.intact(key) and cache.get(key) is not None
    assert again.export("nquads") == before


def test_a_damaged_entry_of_a_document_not_in_the_build_is_one_line_naming_it(corpus, tmp_path, nlp):
    store = tmp_path / "store"
    kg.build([str(corpus / "a.txt")], store, nlp=nlp)
    before = kg.open_graph(store).export("nquads")
    _, _, path = entry(store, corpus / "a.txt")
    truncate(path)
    _, _, mentions = entry(store, corpus / "a.txt", ".mentions")
    truncate(mentions)
    with pytest.raises(StoreError) as err:
        kg.build([str(corpus / "b.txt")], store, nlp=nlp)
    assert err.value.code == "KG306" and "document 'a'" in err.value.message
    assert kg.open_graph(store).export("nquads") == before  # nothing was written
    result = CliRunner().invoke(app, ["build", str(corpus / "b.txt"), "--store", str(store), "--quiet"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.strip().splitlines() == [
        "error: KG306: document 'a': its cached extraction is missing or damaged; build it again from its source"
    ]


@pytest.mark.xfail(
    reason="damage inside an entry (its first and last bytes intact) is found only when the entry is read: "
    "KG306 naming the document, not a new extraction",
    strict=True,
)
def test_damage_inside_an_entry_of_a_source_is_extracted_again(corpus, tmp_path, nlp):
    store = tmp_path / "store"
    kg.build([str(corpus / "a.txt")], store, nlp=nlp)
    _, _, path = entry(store, corpus / "a.txt")
    data = path.read_bytes()
    path.write_bytes(data[:1] + b"#" * 20 + data[21:])
    graph = kg.build([str(corpus)], store, nlp=nlp, min_confidence=0)  # a new cut: every document's quads
    assert graph.summary.new == 2
