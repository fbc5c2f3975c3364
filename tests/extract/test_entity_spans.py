"""Mention spans are names: roles, possessives and headline capitals cut, glued names split,
on parses stated by hand (tests/extract/handbuilt.py) and on the real model."""

from __future__ import annotations

from kg.extract import extract_parsed, extract_text
from kg.extract.entities import consistent_entities, headline_end
from kg.extract.mentions import MentionIndex
from kg.model import Document
from tests.extract.handbuilt import from_rows


def ents(doc):
    consistent_entities(doc)
    return [(e.text, e.label_) for e in doc.ents]


def test_a_role_glued_to_a_name_is_cut_and_the_party_in_it_kept(nlp):
    doc = from_rows(
        nlp,
        """
        1  Labour   NNP  2  compound  ent=B-PERSON
        2  MP       NNP  4  compound  ent=I-PERSON
        3  Louise   NNP  4  compound  ent=I-PERSON
        4  Ellman   NNP  5  nsubj     ent=I-PERSON
        5  said     VBD  0  ROOT
        6  .        .    5  punct
        """,
    )
    assert ents(doc) == [("Labour", "NORP"), ("Louise Ellman", "PERSON")]
    index = MentionIndex.from_doc(doc)
    ellman = next(m for m in index.mentions if m.text == "Louise Ellman")
    assert ellman.role == "labour mp" and ellman.verb == "say"


def test_a_title_before_a_name_is_a_role_not_the_name(nlp):
    doc = from_rows(
        nlp,
        """
        1  President  NNP  2  compound  ent=B-PERSON
        2  Trump      NNP  3  nsubj     ent=I-PERSON
        3  spoke      VBD  0  ROOT
        4  .          .    3  punct
        """,
    )
    assert ents(doc) == [("Trump", "PERSON")]
    assert MentionIndex.from_doc(doc).mentions[0].role == "president"


def test_a_word_that_is_no_first_name_before_one_is_cut(nlp):
    doc = from_rows(
        nlp,
        """
        1  Blairite  NNP  3  compound  ent=B-PERSON
        2  Alan      NNP  3  compound  ent=I-PERSON
        3  Milburn   NNP  4  nsubj     ent=I-PERSON
        4  spoke     VBD  0  ROOT
        5  .         .    4  punct
        """,
    )
    assert ents(doc) == [("Alan Milburn", "PERSON")]


def test_a_courtesy_title_alone_is_no_name_and_one_before_a_name_makes_a_person(nlp):
    doc = from_rows(
        nlp,
        """
        1  Mr     NNP  3  nsubj  ent=B-ORG
        2  Blair  NNP  1  flat   ent=I-ORG
        3  met    VBD  0  ROOT
        4  Mr     NNP  3  dobj   ent=B-PERSON
        5  .      .    3  punct
        """,
    )
    assert ents(doc) == [("Mr Blair", "PERSON")]


def test_a_courtesy_title_before_an_organisation_span_makes_it_a_person(nlp):
    doc = from_rows(
        nlp,
        """
        1  Mr        NNP  2  compound  sent=start
        2  Campbell  NNP  3  nsubj     ent=B-ORG
        3  denied    VBD  0  ROOT
        4  it        PRP  3  dobj
        5  .         .    3  punct
        """,
    )
    assert ents(doc) == [("Mr Campbell", "PERSON")]


def test_a_party_opening_a_sentence_before_a_role_is_a_name_when_capitalised_elsewhere(nlp):
    rows = """
        1  Conservative  JJ   2  amod      sent=start
        2  co-chairman   NN   4  compound
        3  Liam          NNP  4  compound  ent=B-PERSON
        4  Fox           NNP  5  nsubj     ent=I-PERSON
        5  spoke         VBD  0  ROOT
        6  .             .    5  punct
        7  The           DT   9  det       sent=start
        8  Conservative  JJ   9  amod
        9  leader        NN   10 nsubj
        10 left          VBD  0  ROOT
        11 .             .    10 punct
        """
    party = ("Conservative", "NORP")  # the later one is the same name, untagged
    assert ents(from_rows(nlp, rows)) == [party, ("Liam Fox", "PERSON"), party]
    lower = rows.replace("8  Conservative  JJ", "8  new           JJ")
    assert ents(from_rows(nlp, lower)) == [("Liam Fox", "PERSON")]  # only the sentence capitalises it


def test_a_span_ending_in_a_role_without_a_first_name_is_its_party_only(nlp):
    doc = from_rows(
        nlp,
        """
        1  Labour    NNP  2  compound  ent=B-PERSON
        2  MPs       NNPS 3  nsubj     ent=I-PERSON
        3  rebelled  VBD  0  ROOT
        4  against   IN   3  prep
        5  Michael   NNP  6  compound  ent=B-PERSON
        6  Mansfield NNP  7  compound  ent=I-PERSON
        7  QC        NNP  4  pobj      ent=I-PERSON
        8  .         .    3  punct
        """,
    )
    assert ents(doc) == [("Labour", "NORP"), ("Michael Mansfield QC", "PERSON")]


def test_a_possessive_is_cut_from_the_name(nlp):
    doc = from_rows(
        nlp,
        """
        1  Tony   NNP  2  compound  ent=B-PERSON
        2  Blair  NNP  4  poss      ent=I-PERSON
        3  's     POS  2  case      ent=I-PERSON  space=yes
        4  plan   NN   5  nsubj
        5  failed VBD  0  ROOT
        6  .      .    5  punct
        """,
    )
    assert ents(doc) == [("Tony Blair", "PERSON")]


def test_a_person_at_the_end_of_an_organisation_span_is_that_person(nlp):
    doc = from_rows(
        nlp,
        """
        1  State      NNP  3  compound  ent=B-ORG
        2  Rex        NNP  3  compound  ent=I-ORG
        3  Tillerson  NNP  4  nsubj     ent=I-ORG
        4  spoke      VBD  0  ROOT
        5  .          .    4  punct
        6  Tillerson  NNP  7  nsubj     ent=B-PERSON  sent=start
        7  left       VBD  7  ROOT
        8  .          .    7  punct
        """,
    )
    assert ents(doc)[0] == ("Rex Tillerson", "PERSON")


def test_a_person_modifying_a_role_or_ending_in_an_organisation_word_is_an_organisation(nlp):
    doc = from_rows(
        nlp,
        """
        1  Lib        NNP  3  compound  ent=B-PERSON
        2  Dem        NNP  3  compound  ent=I-PERSON
        3  Treasury   NNP  4  compound  ent=I-PERSON
        4  spokesman  NN   6  compound
        5  Vince      NNP  6  compound  ent=B-PERSON
        6  Cable      NNP  10 nsubj     ent=I-PERSON
        7  and        CC   6  cc
        8  Surrey     NNP  9  compound  ent=B-PERSON
        9  Police     NNP  6  conj
        10 spoke      VBD  0  ROOT
        11 .          .    10 punct
        """,
    )
    assert ents(doc) == [("Lib Dem Treasury", "ORG"), ("Vince Cable", "PERSON"), ("Surrey Police", "ORG")]


def test_adjacent_names_of_one_thing_join(nlp):
    doc = from_rows(
        nlp,
        """
        1  Liberal    NNP  2  compound  ent=B-ORG
        2  Democrat   NNP  3  compound  ent=B-NORP
        3  plans      NNS  4  nsubj
        4  failed     VBD  0  ROOT
        5  .          .    4  punct
        """,
    )
    assert ents(doc) == [("Liberal Democrat", "NORP")]


def test_a_title_case_headline_is_re_anchored_on_the_names_of_the_body(nlp):
    text = "Comedian Jo Brand Launches Charity Tour\n\nComedian Jo Brand will tour 20 towns, her agent said."
    extraction = extract_text(text, nlp=nlp)
    names = [(m.text, m.start) for m in extraction.mentions if m.kind == "name" and m.label == "PERSON"]
    assert names == [("Jo Brand", 9), ("Jo Brand", 50)]


def test_a_sentence_case_headline_keeps_its_names(nlp):
    doc = nlp("Labour plans maternity pay rise\n\nMaternity pay is to rise, Patricia Hewitt said.")
    assert headline_end(doc) > 0
    assert ("Labour", "ORG") in ents(doc)
    assert headline_end(nlp("Blair wins. He said so.\n\nMore text.")) == 0  # a sentence, not a headline


def test_an_unresolved_role_description_is_a_mention_with_its_role(nlp):
    extraction = extract_parsed(Document("d", ""), nlp("The prime minister said the talks were useful."))
    nominal = [m for m in extraction.mentions if m.kind == "nominal"]
    assert [(m.text, m.antecedent, m.role) for m in nominal] == [("The prime minister", None, "prime minister")]
    assert extraction.facts and extraction.facts[0].subject.mention == nominal[0].id


def test_the_context_of_a_name_is_recorded(nlp):
    extraction = extract_text("In a video published on Twitter, Xinhua reported the meeting.", nlp=nlp)
    by_text = {m.text: m for m in extraction.mentions if m.kind == "name"}
    assert by_text["Twitter"].before == "on"
    assert by_text["Xinhua"].verb == "report"


def test_a_qualifier_joined_by_a_hyphen_qualifies_the_role(nlp):
    text = "The ex-Conservative chancellor Ken Clarke spoke. Chancellor Gordon Brown replied. The chancellor said no."
    mentions = extract_text(text, nlp=nlp).mentions
    clarke = next(m for m in mentions if m.text == "Ken Clarke")
    assert clarke.role is not None and "ex" in clarke.role.split()
    nominal = next(m for m in mentions if m.kind == "nominal")
    assert mentions[nominal.antecedent].text == "Gordon Brown"
