"""kg.extract.roles on hand-built parses: a title before a name and a common-noun apposition are
roles of the person; determiners, honorifics, other people and named appositions are not."""

from __future__ import annotations

from kg.extract.roles import person_roles, title_gender
from tests.extract.handbuilt import from_rows


def roles(doc) -> list[tuple[str, str]]:
    return [(ent.text, " ".join(t.text for t in tokens)) for ent, tokens in person_roles(list(doc.ents))]


def test_a_title_before_the_name_is_a_role(nlp):
    doc = from_rows(
        nlp,
        """
        1 Kremlin NNP 2 compound ent=B-ORG
        2 spokesman NN 4 compound
        3 Dmitry NNP 4 compound ent=B-PERSON
        4 Peskov NNP 5 nsubj ent=I-PERSON
        5 spoke VBD 0 ROOT
        6 . . 5 punct
        """,
    )
    assert roles(doc) == [("Dmitry Peskov", "Kremlin spokesman")]


def test_determiners_and_honorifics_are_not_part_of_the_role(nlp):
    doc = from_rows(
        nlp,
        """
        1 The DT 3 det
        2 foreign JJ 3 amod
        3 minister NN 6 compound
        4 Mr NNP 6 compound
        5 Sergey NNP 6 compound ent=B-PERSON
        6 Lavrov NNP 7 nsubj ent=I-PERSON
        7 spoke VBD 0 ROOT
        """,
    )
    assert roles(doc) == [("Sergey Lavrov", "foreign minister")]


def test_a_common_noun_apposition_is_a_role_and_a_named_one_is_not(nlp):
    table = """
        1 Peskov NNP 6 nsubj ent=B-PERSON
        2 , , 1 punct
        3 the DT 5 det
        4 Kremlin NNP 5 compound ent=B-ORG
        5 spokesman NN 1 appos
        6 spoke VBD 0 ROOT
        """
    assert roles(from_rows(nlp, table)) == [("Peskov", "Kremlin spokesman")]
    named = table.replace("5 spokesman NN 1 appos", "5 Smith NNP 1 appos ent=B-PERSON")
    assert roles(from_rows(nlp, named)) == []


def test_a_name_before_a_name_is_not_a_title(nlp):
    doc = from_rows(
        nlp,
        """
        1 Putin NNP 3 compound ent=B-PERSON
        2 aide NN 3 compound
        3 Ushakov NNP 4 nsubj ent=B-PERSON
        4 spoke VBD 0 ROOT
        """,
    )
    assert roles(doc) == []


def test_only_people_get_roles(nlp):
    doc = from_rows(
        nlp,
        """
        1 Tech NN 2 compound
        2 giant NN 3 compound
        3 Apple NNP 4 nsubj ent=B-ORG
        4 grew VBD 0 ROOT
        """,
    )
    assert roles(doc) == []


def test_title_gender():
    assert (title_gender("Mrs Howard"), title_gender("Mr. Blair"), title_gender("Howard")) == ("f", "m", None)
