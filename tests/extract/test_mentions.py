"""kg.extract.mentions on hand-built parses: which entity spans are mentions and with what text,
which pronouns find an antecedent (by label and gender), and the name key that ties the names of
one person in a document."""

from __future__ import annotations

from kg.extract.mentions import MentionIndex
from tests.extract.handbuilt import from_rows

ROWS = """
    1 Mrs NNP 2 compound ent=B-PERSON
    2 Quinn NNP 3 nsubj ent=I-PERSON
    3 met VBD 0 ROOT
    4 Russia NNP 6 poss ent=B-GPE
    5 's POS 4 case ent=I-GPE
    6 envoy NN 3 dobj
    7 . . 3 punct
    8 She PRP 9 nsubj sent=start
    9 left VBD 0 ROOT
    10 . . 9 punct
    11 He PRP 12 nsubj sent=start
    12 stayed VBD 0 ROOT
    13 . . 12 punct
    14 Quinn NNP 15 nsubj sent=start ent=B-PERSON
    15 returned VBD 0 ROOT
    16 . . 15 punct
"""


def test_names_are_mentions_without_their_possessive(nlp):
    index = MentionIndex.from_doc(from_rows(nlp, ROWS))
    assert [(m.text, m.label, m.kind, m.sentence) for m in index.mentions] == [
        ("Mrs Quinn", "PERSON", "name", 0),
        ("Russia", "GPE", "name", 0),
        ("Quinn", "PERSON", "name", 3),
    ]


def test_a_courtesy_title_gives_the_gender_and_the_pronoun_of_that_gender_finds_her(nlp):
    doc = from_rows(nlp, ROWS)
    index = MentionIndex.from_doc(doc)
    assert index.gender_of(0) == "f"
    she = index.resolve_pronoun(doc[7])
    assert she is not None and index.mentions[she].antecedent == 0 and index.mentions[she].kind == "pronoun"
    assert index.resolve_pronoun(doc[10]) is None  # no man named before "He"


def test_the_names_of_one_person_share_a_key(nlp):
    index = MentionIndex.from_doc(from_rows(nlp, ROWS))
    assert index.name_key(0) == index.name_key(2) == "quinn"
    assert index.same_entity(0, 2) and not index.same_entity(0, 1)
