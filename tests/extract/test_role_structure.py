"""Roles as structure: the person, the normalised title and the organisation or country it
belongs to, on hand-built parses (the rule exactly) and with the real model."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from kg.extract import extract_text
from kg.extract.roles import role_structure


def handbuilt(nlp, words, heads, deps, pos, ents):
    """A parsed Doc from its words, absolute heads, labels, tags and IOB entity tags."""
    return Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, ents=ents)


def test_title_and_owner_of_a_title_before_a_name(nlp):
    doc = handbuilt(
        nlp,
        ["Kremlin", "spokesman", "Dmitry", "Peskov", "spoke"],
        [1, 3, 3, 4, 4],
        ["compound", "compound", "compound", "nsubj", "ROOT"],
        ["PROPN", "NOUN", "PROPN", "PROPN", "VERB"],
        ["B-ORG", "O", "B-PERSON", "I-PERSON", "O"],
    )
    title, owner = role_structure(list(doc[0:2]))
    assert title == "spokesman" and owner is not None and owner.text == "Kremlin"


def test_a_portfolio_is_part_of_the_title_not_an_organisation(nlp):
    doc = handbuilt(
        nlp,
        ["US", "Secretary", "of", "State", "Rex", "Tillerson", "spoke"],
        [1, 5, 1, 2, 5, 6, 6],
        ["compound", "compound", "prep", "pobj", "compound", "nsubj", "ROOT"],
        ["PROPN", "PROPN", "ADP", "PROPN", "PROPN", "PROPN", "VERB"],
        ["B-GPE", "O", "O", "B-ORG", "B-PERSON", "I-PERSON", "O"],
    )
    title, owner = role_structure(list(doc[0:4]))
    assert title == "secretary of state"
    assert owner is not None and owner.text == "US"


def test_the_organisation_of_an_of_phrase(nlp):
    doc = handbuilt(
        nlp,
        ["deputy", "head", "of", "Russia", "’s", "Security", "Council"],
        [1, 1, 1, 6, 3, 6, 2],
        ["amod", "ROOT", "prep", "poss", "case", "compound", "pobj"],
        ["ADJ", "NOUN", "ADP", "PROPN", "PART", "PROPN", "PROPN"],
        ["O", "O", "O", "B-GPE", "O", "B-ORG", "I-ORG"],
    )
    title, owner = role_structure(list(doc))
    assert title == "deputy head"
    assert owner is not None and owner.text == "Security Council"


@pytest.mark.parametrize(
    "text, person, title, organization",
    [
        (
            "Kremlin spokesman Dmitry Peskov said on Monday that the talks were over.",
            "Dmitry Peskov",
            "spokesman",
            "Kremlin",
        ),
        ("France's president Emmanuel Macron arrived in Berlin on Tuesday.", "Emmanuel Macron", "president", "France"),
        ("U.S. Ambassador to Germany Amy Gutmann said the talks went well.", "Amy Gutmann", "ambassador", "U.S."),
        ("Canada's prime minister Justin Trudeau arrived in London.", "Justin Trudeau", "prime minister", "Canada"),
        ("Mr Tom Hardy, deputy head of Britain's Home Office, resigned.", "Mr Tom Hardy", "deputy head", "Home Office"),
        ("US Secretary of State Antony Blinken met the king.", "Antony Blinken", "secretary of state", "US"),
        (
            "Former Microsoft chief executive Steve Ballmer bought a team.",
            "Steve Ballmer",
            "chief executive",
            "Microsoft",
        ),
    ],
)
def test_roles_from_sentences(nlp, text, person, title, organization):
    extraction = extract_text(text, nlp=nlp)
    mentions = extraction.mentions
    found = {
        (mentions[r.person].text, r.title, mentions[r.organization].text if r.organization is not None else None)
        for r in extraction.roles
    }
    assert (person, title, organization) in found


def test_a_role_keeps_its_words_and_offsets(nlp):
    text = "Italian prime minister Giorgia Meloni spoke."
    role = extract_text(text, nlp=nlp).roles[0]
    assert text[role.start : role.end] == role.text == "Italian prime minister"
    assert role.title == "prime minister" and role.sentence == 0


def test_courtesy_titles_and_qualifiers_are_not_titles(nlp):
    roles = extract_text("The former Labour leader, Mr Neil Kinnock, spoke on Friday.", nlp=nlp).roles
    assert all(r.title and "former" not in r.title and "mr" not in r.title.split() for r in roles)
    assert not extract_text("Mr Neil Kinnock spoke on Friday.", nlp=nlp).roles


def test_an_entity_drawn_over_title_words_is_not_the_organisation(nlp):
    doc = handbuilt(
        nlp,
        ["New", "Home", "Secretary", "Charles", "Clarke", "spoke"],
        [2, 2, 4, 4, 5, 5],
        ["amod", "compound", "compound", "compound", "nsubj", "ROOT"],
        ["PROPN", "PROPN", "PROPN", "PROPN", "PROPN", "VERB"],
        ["B-ORG", "I-ORG", "O", "B-PERSON", "I-PERSON", "O"],
    )
    title, owner = role_structure(list(doc[0:3]))
    assert title == "home secretary" and owner is None
