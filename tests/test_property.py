"""Property-based tests (hypothesis): random and adversarial text through cleaning, extraction
and the whole build; nothing crashes and every output parses back."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kg
from kg.errors import InputError
from kg.extract import extract_documents
from kg.ingest.clean import clean_text
from kg.model import Document
from kg.parse import chunks

#: Pieces that have broken text pipelines: controls, surrogates, format and bidi characters,
#: markup, SPARQL and Turtle syntax, quotes, very long words, names.
ADVERSARIAL = st.sampled_from([
    "\x00", "\x0b", "\r\n", "\ufeff", "\ud800", "\udfff", "\u200b", "\u202e", "\ufffe", "\u2028", "\u0301",
    "<script>alert(1)</script>", "</script>", '"><img src=x onerror=alert(1)>', '" } ; DELETE WHERE { ?s ?p ?o } #',
    "@prefix x: <y> .", "_:b0", "<http://e/a>", "\\u0000", "%00", "'''", '"""', "Z" * 3000,
    "Dmitry Peskov", "Acme Corp", "said", "Mr", "He", "the", ".", "\n\n", " ",
])  # fmt: skip
TEXT = st.lists(st.one_of(st.text(max_size=30), ADVERSARIAL), max_size=25).map(" ".join)
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FAST
@given(TEXT)
def test_cleaning_is_idempotent_and_leaves_no_unsafe_character(text):
    cleaned = clean_text(text)
    assert clean_text(cleaned) == cleaned
    cleaned.encode("utf-8")  # no lone surrogate
    assert not any(ch in cleaned for ch in "\x00\x0b\ufeff\u200b\u202e\ufffe\r")


@FAST
@given(st.text(max_size=300), st.integers(min_value=1, max_value=60))
def test_chunks_join_back_and_respect_the_limit(text, limit):
    pieces = chunks(text, limit)
    assert "".join(pieces) == text and all(len(piece) <= limit for piece in pieces)


@FAST
@given(TEXT)
def test_extraction_never_crashes_and_offsets_hold(nlp, text):
    text = clean_text(text)
    if not text:
        return
    (extraction,) = extract_documents([Document("p", text)], nlp=nlp)
    for sentence in extraction.sentences:
        assert text[sentence.start : sentence.end] == sentence.text
    for fact in extraction.facts:
        assert 0 <= fact.confidence <= 1 and fact.subject.text and (fact.object.text or fact.kind == "event")


@pytest.mark.slow  # builds many generated corpora
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(TEXT, min_size=1, max_size=3))
def test_the_whole_build_survives_and_every_output_reparses(nlp, tmp_path_factory, texts):
    root = tmp_path_factory.mktemp("prop")
    for number, text in enumerate(texts):
        (root / f"{number}.txt").write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        graph = kg.build([str(root)], root / "store", nlp=nlp, on_warning=lambda m: None, on_error=lambda m: None)
    except InputError as err:  # no file could be read (all binary): nothing is built, no store made
        assert err.code == "KG123" and not (root / "store").exists()
        return
    for fmt, parser in [("ttl", "turtle"), ("nt", "nt"), ("nquads", "nquads")]:
        data = graph.export(fmt)
        target = rdflib.Dataset() if fmt == "nquads" else rdflib.Graph()
        target.parse(data=data, format=parser)
        assert len(target) > 0
    quads = list(ox.parse(graph.export("trig"), format=ox.RdfFormat.TRIG))
    assert len(quads) == len(graph)
    assert not any(isinstance(t, ox.BlankNode) for q in quads for t in (q.subject, q.object))
    for entity in graph.entities():
        assert entity["label"].strip() == entity["label"] != ""
    graph.render(root / "graph.html")
    assert "<script>alert(1)</script>" not in (root / "graph.html").read_text(encoding="utf-8")
