"""IRI minting: deterministic, bounded, safe for any text."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys

import pyoxigraph as ox
import pytest

from kg.graph.iri import (
    doc_graph_iri,
    doc_iri,
    entity_iri,
    fact_iri,
    local_name,
    mint,
    relation_iri,
    sentence_iri,
    slug,
)
from kg.graph.namespaces import DOC_NS, ENTITY_NS, GRAPH_NS, REL_NS

LOCAL = re.compile(r"[a-z0-9_]{1,48}-[0-9a-f]{10}")


def test_mint_is_slug_plus_sha1_prefix():
    expected = hashlib.sha1(b"Dmitry Peskov").hexdigest()[:10]
    assert mint(ENTITY_NS, "Dmitry Peskov") == f"{ENTITY_NS}dmitry_peskov-{expected}"


def test_mint_is_deterministic_and_keyed():
    assert mint(ENTITY_NS, "Bob") == mint(ENTITY_NS, "Bob")
    assert mint(ENTITY_NS, "Bob", key="1") != mint(ENTITY_NS, "Bob", key="2")
    assert mint(ENTITY_NS, "Bob", key="1").startswith(ENTITY_NS + "bob-")


@pytest.mark.slow  # mints in subprocesses
def test_mint_same_in_other_processes():
    code = "from kg.graph.iri import mint; print(mint('x/', 'Zürich «Ω» 42', key='k'))"
    outputs = set()
    for seed in ("1", "2", "3"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        outputs.add(out.stdout.strip())
    assert outputs == {mint("x/", "Zürich «Ω» 42", key="k")}


@pytest.mark.parametrize(
    "text",
    ['<>"{}|^`\\ # ? / % \n', "a b", "", "   ", "\x00\x1f\x7f", "\ud800lone", "../../etc/passwd", "ﬁ ligature"],
)
def test_hostile_text_gives_a_valid_iri(text):
    value = mint(ENTITY_NS, text)
    assert LOCAL.fullmatch(local_name(value))
    ox.NamedNode(value)  # pyoxigraph validates IRIs


def test_huge_text_is_bounded():  # its speed: bench/timings.py
    text = "word " * 20_000
    value = mint(ENTITY_NS, text)
    assert len(local_name(value)) <= 48 + 1 + 10
    assert value != mint(ENTITY_NS, text + "x")  # the hash covers the whole text


def test_unicode_folds_to_ascii():
    assert slug("Zürich") == "zurich"
    assert slug("Ångström café") == "angstrom_cafe"
    assert slug("北京") == "x"
    assert mint(ENTITY_NS, "北京") != mint(ENTITY_NS, "上海")
    assert slug("--Hello,   World!--") == "hello_world"
    assert len(slug("a" * 100)) == 48


def test_relation_iri():
    assert relation_iri("cooperate in") == REL_NS + "cooperate_in"
    assert relation_iri("say") == REL_NS + "say"
    assert relation_iri("say", negated=True) == REL_NS + "not_say"
    assert relation_iri("not say") == REL_NS + "not_say"
    for lossy in ("Say", "pull-out of", "say  to", "a/b", "x" * 60, ""):
        assert LOCAL.fullmatch(local_name(relation_iri(lossy))), lossy
    assert relation_iri("Say") != relation_iri("say")


def test_document_entity_fact_iris():
    assert doc_iri("bbc/001.txt").startswith(DOC_NS + "bbc_001_txt-")
    assert doc_graph_iri("bbc/001.txt") == GRAPH_NS + local_name(doc_iri("bbc/001.txt"))
    assert entity_iri("Peskov", "e1") == mint(ENTITY_NS, "Peskov", key="e1")
    one = fact_iri("d", 1, "say", "s", "o", False, text="s say o")
    assert one != fact_iri("d", 1, "say", "s", "o", True, text="s say o")
    assert one != fact_iri("d", 2, "say", "s", "o", False, text="s say o")
    assert local_name(one).startswith("s_say_o-")


def test_a_sentence_iri_is_a_hash_iri_of_its_documents():
    """What a browser asks for (the IRI without its fragment) is the document; the fragment is
    the sentence's index, so two builds give the same IRI and each sentence its own."""
    iri = sentence_iri("bbc/001.txt", 3)
    document, hashed, fragment = iri.partition("#")
    assert (document, hashed, fragment) == (doc_iri("bbc/001.txt"), "#", "sentence-3")
    assert local_name(iri) == "sentence-3"
    assert sentence_iri("bbc/001.txt", 4) != iri and sentence_iri("bbc/002.txt", 3) != iri
    ox.NamedNode(iri)  # a valid IRI
