"""kg.extract.arguments on hand-built parses: a name is its mention, a pronoun is its antecedent
or nothing, a definite description finds the person introduced with that role, a list of
modifiers gives one argument per item, and quotes and pointing words are not arguments."""

from __future__ import annotations

from kg.extract.arguments import ArgumentMaker, literal_argument, strip_quotes
from kg.extract.mentions import MentionIndex
from tests.extract.handbuilt import from_rows

PESKOV = """
    1 Spokesman NNP 3 compound
    2 Dmitry NNP 3 compound ent=B-PERSON
    3 Peskov NNP 4 nsubj ent=I-PERSON
    4 spoke VBD 0 ROOT
    5 . . 4 punct
    6 He PRP 7 nsubj sent=start
    7 left VBD 0 ROOT
    8 . . 7 punct
    9 The DT 10 det sent=start
    10 spokesman NN 11 nsubj
    11 returned VBD 0 ROOT
    12 . . 11 punct
"""

IT_RAINED = """
    1 It PRP 2 nsubj
    2 rained VBD 0 ROOT
    3 . . 2 punct
"""


def maker_for(doc, **options) -> ArgumentMaker:
    return ArgumentMaker(MentionIndex.from_doc(doc), **options)


def test_a_name_is_its_mention(nlp):
    doc = from_rows(nlp, PESKOV)
    maker = maker_for(doc)
    peskov = maker.make(doc[2])
    assert peskov is not None and peskov.text == "Dmitry Peskov"
    assert maker.mentions.mentions[peskov.mention].kind == "name"


def test_a_pronoun_is_its_antecedent_and_a_definite_description_the_person_with_that_role(nlp):
    doc = from_rows(nlp, PESKOV)
    maker = maker_for(doc)
    name = maker.make(doc[2])
    he, spokesman = maker.make(doc[5]), maker.make(doc[9])
    assert he is not None and he.text == "He" and maker.mentions.same_entity(he.mention, name.mention)
    assert spokesman is not None and spokesman.text == "The spokesman"
    assert maker.mentions.mentions[spokesman.mention].kind == "nominal"
    assert maker.mentions.same_entity(spokesman.mention, name.mention)


def test_a_pronoun_with_no_antecedent_is_no_argument_unless_pronouns_are_kept(nlp):
    doc = from_rows(nlp, IT_RAINED)
    assert maker_for(doc).make(doc[0]) is None
    kept = maker_for(doc, keep_pronouns=True).make(doc[0])
    assert kept is not None and (kept.text, kept.mention) == ("It", None)


def test_a_modifier_list_gives_one_argument_per_item(nlp):
    doc = from_rows(
        nlp,
        """
        1 Parties NNS 2 nsubj
        2 fought VBD 0 ROOT
        3 federal JJ 6 amod
        4 and CC 3 cc
        5 state NN 3 conj
        6 elections NNS 2 dobj
        7 . . 2 punct
        """,
    )
    items = maker_for(doc).make_items(doc[5])
    assert [(a.text, doc.text[a.start : a.end]) for a in items] == [
        ("federal elections", "federal and state elections"),  # the span a piece of a list comes from
        ("state elections", "state elections"),
    ]


def test_quotes_punctuation_and_pointing_words_are_not_arguments(nlp):
    doc = from_rows(
        nlp,
        """
        1 “ `` 3 punct space=no
        2 that DT 3 nsubj
        3 helps VBZ 0 ROOT
        4 ” '' 3 punct
        """,
    )
    assert literal_argument([doc[0], doc[3]]) is None  # nothing but punctuation
    assert literal_argument([doc[1]]) is None and literal_argument([doc[1]], keep_pointing=True).text == "that"
    assert strip_quotes("“long day”") == "long day"
