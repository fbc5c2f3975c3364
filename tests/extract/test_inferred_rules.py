"""kg.extract.inferred on hand-built parses, through the extractor (extract_parsed): an
apposition gives ``is``, a possessive ``has``, a noun's prepositional modifier ``is in``, each
kind marked inferred; the whole set of inferred facts of each sentence, exactly."""

from __future__ import annotations

from kg.extract import extract_parsed
from kg.extract.confidence import INFERRED_KINDS
from kg.model import Document
from tests.extract.handbuilt import from_rows


def inferred(doc) -> set[tuple[str, str, str, str]]:
    extraction = extract_parsed(Document("d", doc.text), doc)
    return {(f.subject.text, f.relation, f.object.text, f.kind) for f in extraction.facts if f.kind in INFERRED_KINDS}


def test_an_apposition_of_a_thing_is_a_be_fact(nlp):
    doc = from_rows(
        nlp,
        """
        1 Gazprom NNP 7 nsubj ent=B-ORG
        2 , , 1 punct
        3 the DT 6 det
        4 Russian JJ 6 amod ent=B-NORP
        5 gas NN 6 compound
        6 giant NN 1 appos
        7 grew VBD 0 ROOT
        8 . . 7 punct
        """,
    )
    assert inferred(doc) == {("Gazprom", "be", "the Russian gas giant", "apposition")}


def test_a_possessive_is_a_have_fact(nlp):
    doc = from_rows(
        nlp,
        """
        1 Russia NNP 3 poss ent=B-GPE
        2 's POS 1 case
        3 commitment NN 6 nsubj
        4 to IN 3 prep
        5 peace NN 4 pobj
        6 wavered VBD 0 ROOT
        7 . . 6 punct
        """,
    )
    assert inferred(doc) == {
        ("Russia", "have", "commitment to peace", "possessive"),
        ("Russia's commitment", "be to", "peace", "modifier"),  # the modifier rule reads the same phrase
    }


def test_a_prepositional_modifier_of_a_noun_is_a_be_in_fact(nlp):
    doc = from_rows(
        nlp,
        """
        1 Four CD 3 nummod
        2 other JJ 3 amod
        3 countries NNS 7 nsubj
        4 in IN 3 prep
        5 Europe NNP 4 pobj ent=B-LOC
        6 have VBP 7 aux
        7 signed VBN 0 ROOT
        8 . . 7 punct
        """,
    )
    assert inferred(doc) == {("Four other countries", "be in", "Europe", "modifier")}


def test_a_pronoun_owner_gives_no_fact(nlp):
    doc = from_rows(
        nlp,
        """
        1 Its PRP$ 2 poss
        2 commitment NN 3 nsubj
        3 wavered VBD 0 ROOT
        """,
    )
    assert inferred(doc) == set()
