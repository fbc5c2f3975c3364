"""kg.extract.entities on hand-built parses: a person's name extends over the proper nouns that
modify it and a courtesy title, and a later untagged mention of a name or surname gets its label."""

from __future__ import annotations

from kg.extract.entities import consistent_entities
from tests.extract.handbuilt import from_rows


def ents(doc) -> list[tuple[str, str]]:
    consistent_entities(doc)
    return [(e.text, e.label_) for e in doc.ents]


def test_a_cut_first_name_and_a_courtesy_title_join_the_name(nlp):
    doc = from_rows(
        nlp,
        """
        1 Mr NNP 3 compound
        2 Dmitry NNP 3 compound
        3 Peskov NNP 4 nsubj ent=B-PERSON
        4 spoke VBD 0 ROOT
        """,
    )
    assert ents(doc) == [("Mr Dmitry Peskov", "PERSON")]


def test_a_title_word_with_its_own_modifier_stays_out_of_the_name(nlp):
    doc = from_rows(
        nlp,
        """
        1 U.S. NNP 2 compound ent=B-GPE
        2 President NNP 4 compound
        3 Donald NNP 4 compound ent=B-PERSON
        4 Trump NNP 5 nsubj ent=I-PERSON
        5 spoke VBD 0 ROOT
        """,
    )
    assert ents(doc) == [("U.S.", "GPE"), ("Donald Trump", "PERSON")]


def test_a_later_untagged_surname_and_name_get_the_label(nlp):
    doc = from_rows(
        nlp,
        """
        1 Donald NNP 2 compound ent=B-PERSON
        2 Trump NNP 3 nsubj ent=I-PERSON
        3 visited VBD 0 ROOT
        4 Moscow NNP 3 dobj ent=B-GPE
        5 . . 3 punct
        6 Trump NNP 7 nsubj sent=start
        7 left VBD 0 ROOT
        8 Moscow NNP 7 dobj
        9 . . 7 punct
        """,
    )
    assert ents(doc) == [("Donald Trump", "PERSON"), ("Moscow", "GPE"), ("Trump", "PERSON"), ("Moscow", "GPE")]


def test_a_lowercase_word_is_never_made_an_entity(nlp):
    doc = from_rows(
        nlp,
        """
        1 Apple NNP 2 nsubj ent=B-ORG
        2 sells VBZ 0 ROOT
        3 apple NN 4 compound lemma=apple
        4 juice NN 2 dobj
        """,
    )
    assert ents(doc) == [("Apple", "ORG")]
