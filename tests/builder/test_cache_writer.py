"""The cache writer: entries written on a thread beside the parse, all on disk when it closes,
and a failed write one line (KG305) at the next put or at the close."""

from __future__ import annotations

import threading

import pytest

from kg.builder.cache import CacheWriter, ExtractionCache
from kg.errors import StoreError
from kg.model import ConceptMention, Document, Extraction, Mention, Sentence


def extraction(doc_id: str) -> Extraction:
    text = "Tony Blair spoke."
    document = Document(id=doc_id, text=text)
    mention = Mention(id=0, text="Tony Blair", start=0, end=10, sentence=0, label="PERSON")
    concept = ConceptMention(key="speech", text="spoke", sentence=0)
    return Extraction(document, sentences=[Sentence(0, 0, len(text), text)], mentions=[mention], concepts=[concept])


def test_every_entry_is_readable_once_the_writer_is_closed(tmp_path):
    cache = ExtractionCache(tmp_path / "cache")
    with CacheWriter(cache, depth=2) as writer:
        for n in range(20):
            writer.put(f"{n:02d}" + "a" * 30, extraction(f"doc-{n}"))
    for n in range(20):
        key = f"{n:02d}" + "a" * 30
        assert cache.intact(key)
        assert cache.load(key, f"doc-{n}").document.id == f"doc-{n}"
        assert [m.text for m in cache.mentions(key)] == ["Tony Blair"]
    assert not any(t.name == "kg-cache-writer" for t in threading.enumerate())


def test_the_writer_thread_starts_at_the_first_entry(tmp_path):
    """Not before: spaCy forks its parsing processes when the first document is asked for."""
    writer = CacheWriter(ExtractionCache(tmp_path / "cache"))
    assert not any(t.name == "kg-cache-writer" for t in threading.enumerate())
    writer.put("b" * 32, extraction("one"))
    assert any(t.name == "kg-cache-writer" for t in threading.enumerate())
    writer.close()
    assert not any(t.name == "kg-cache-writer" for t in threading.enumerate())


def test_a_failed_write_is_one_line_naming_the_file_and_stops_the_writing(tmp_path):
    (tmp_path / "cache").write_text("a file where the cache's folder should be")
    cache = ExtractionCache(tmp_path / "cache")
    writer = CacheWriter(cache)
    writer.put("c" * 32, extraction("first"))
    with pytest.raises(StoreError) as failed:
        writer.close()
    assert failed.value.code == "KG305"
    assert str(tmp_path / "cache") in str(failed.value) and "'first'" in str(failed.value)


def test_a_put_after_a_failure_raises_it(tmp_path):
    (tmp_path / "cache").write_text("not a folder")
    writer = CacheWriter(ExtractionCache(tmp_path / "cache"), depth=1)
    writer.put("d" * 32, extraction("first"))
    with pytest.raises(StoreError) as failed:
        for n in range(100):  # the failure reaches the feeder within a few entries
            writer.put(f"{n:02d}" + "e" * 30, extraction(f"later-{n}"))
    assert failed.value.code == "KG305"
    writer.__exit__(StoreError, failed.value, None)
    assert not any(t.name == "kg-cache-writer" for t in threading.enumerate())
