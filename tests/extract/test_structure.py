"""What is inside the ends of a fact: concepts of noun phrases, the entities they name, their
entity-valued prepositional parts, addressees and meetings named by nouns."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from kg.extract import extract_text
from kg.extract.concepts import concept_key


def parsed(nlp, words, heads, deps, pos, lemmas, ents=None):
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas, ents=ents)
    return doc


def test_concept_key_keeps_compounds_and_adjectives_and_drops_names_and_determiners(nlp):
    doc = parsed(
        nlp,
        ["the", "Ukraine", "peace", "talks", "failed"],
        [3, 3, 3, 4, 4],
        ["det", "compound", "compound", "nsubj", "ROOT"],
        ["DET", "PROPN", "NOUN", "NOUN", "VERB"],
        ["the", "Ukraine", "peace", "talk", "fail"],
        ["O", "B-GPE", "O", "O", "O"],
    )
    assert concept_key(doc[3]) == ("peace talks", "peace talks")  # "talks" keeps its plural


def test_concept_key_lemmatises_the_head_and_skips_words_that_only_point(nlp):
    doc = parsed(
        nlp,
        ["the", "same", "low", "oil", "prices"],
        [4, 4, 4, 4, 4],
        ["det", "amod", "amod", "compound", "ROOT"],
        ["DET", "ADJ", "ADJ", "NOUN", "NOUN"],
        ["the", "same", "low", "oil", "price"],
    )
    assert concept_key(doc[4]) == ("low oil price", "low oil prices")


def test_a_partitive_gives_way_to_what_it_counts(nlp):
    doc = parsed(
        nlp,
        ["three", "hours", "of", "talks"],
        [1, 1, 1, 2],
        ["nummod", "ROOT", "prep", "pobj"],
        ["NUM", "NOUN", "ADP", "NOUN"],
        ["three", "hour", "of", "talk"],
    )
    assert concept_key(doc[1]) == ("talks", "talks")
    assert concept_key(doc[1], end=2) is None  # the phrase stops before "of": "three hours" is a value


def test_names_and_values_are_not_concepts(nlp):
    doc = parsed(
        nlp,
        ["Moscow", "met", "two", "hours"],
        [1, 1, 3, 1],
        ["nsubj", "ROOT", "nummod", "dobj"],
        ["PROPN", "VERB", "NUM", "NOUN"],
        ["Moscow", "meet", "two", "hour"],
        ["B-GPE", "O", "B-TIME", "I-TIME"],
    )
    assert concept_key(doc[0]) is None and concept_key(doc[3]) is None


def _fact(extraction, relation):
    return next(f for f in extraction.facts if f.relation == relation)


def test_entity_valued_parts_of_an_object(nlp):
    extraction = extract_text("Beijing may end its support for Kim Jong Un and put pressure on Seoul.", nlp=nlp)
    mentions = extraction.mentions

    def parts(fact):  # a phrase after the object is parsed as its own argument, or inside it
        return [(path, mentions[m].text) for arg in (fact.object, *fact.extras) for path, m in arg.parts]

    end = _fact(extraction, "end")
    assert end.object.concept == "support" and parts(end) == [("support for", "Kim Jong Un")]
    assert parts(_fact(extraction, "put")) == [("pressure on", "Seoul")]  # "on Seoul" completes the object's noun


def test_every_entity_named_in_a_statement(nlp):
    extraction = extract_text("Angela Merkel said that France and Poland would sign the treaty.", nlp=nlp)
    say = _fact(extraction, "say")
    assert {extraction.mentions[m].text for m in say.object.names} == {"France", "Poland"}
    assert say.object.concept is None  # a clause, not a noun phrase


@pytest.mark.parametrize(
    "text, addressee",
    [
        ('"We are ready," Olaf Scholz told Emmanuel Macron on Friday.', "Emmanuel Macron"),
        ('"The talks are over," the minister told reporters.', "reporters"),
        ("Boris Johnson urged the European Union to lift the ban.", "the European Union"),
        ("Theresa May said to journalists that she would stay.", "journalists"),
    ],
)
def test_addressees(nlp, text, addressee):
    extraction = extract_text(text, nlp=nlp)
    found = [f.addressee for f in extraction.facts if f.addressee is not None]
    assert found and found[0].text == addressee


def test_no_addressee_without_a_statement_or_request(nlp):
    extraction = extract_text("Boris Johnson met the European Union negotiators.", nlp=nlp)
    assert all(f.addressee is None for f in extraction.facts)


@pytest.mark.parametrize(
    "text, pairs",
    [
        (
            "After hours of talks with Chinese president Xi Jinping, Joe Biden said the meeting was useful.",
            {("Joe Biden", "Xi Jinping")},
        ),
        ("Talks between Israel and Egypt resumed on Monday.", {("Israel", "Egypt")}),
        ("Angela Merkel held a meeting with Emmanuel Macron in Berlin.", {("Angela Merkel", "Emmanuel Macron")}),
    ],
)
def test_meetings_named_by_nouns(nlp, text, pairs):
    extraction = extract_text(text, nlp=nlp)
    mentions = extraction.mentions
    found = {
        (mentions[f.subject.mention].text, mentions[f.object.mention].text)
        for f in extraction.facts
        if f.kind == "meeting"
    }
    assert pairs <= found


def test_a_meeting_noun_without_participants_is_no_meeting(nlp):
    extraction = extract_text("The meeting ended without a deal, Joe Biden said.", nlp=nlp)
    assert not [f for f in extraction.facts if f.kind == "meeting"]


@pytest.mark.parametrize(
    "text, phrase, key",
    [
        ("The Speaker rejected the motion on Tuesday.", "The Speaker", "speaker"),  # a title the tagger took for a name
        ("More students went to university last year.", "university", "university"),  # lower case, tagged a name
        ("Applicants will be tested in their own country.", "Applicants", "applicant"),  # a plural opening a sentence
        ("The charity helps the poor in London.", "the poor", "poor"),  # an adjective standing for people
    ],
)
def test_concepts_the_tagger_hides(nlp, text, phrase, key):
    extraction = extract_text(text, nlp=nlp)
    ends = {arg.text: arg.concept for f in extraction.facts for arg in (f.subject, f.object)}
    assert ends.get(phrase) == key


def test_a_name_the_tagger_missed_is_no_concept(nlp):
    doc = parsed(
        nlp,
        ["Pompeo", "held", "talks"],
        [1, 1, 1],
        ["nsubj", "ROOT", "dobj"],
        ["PROPN", "VERB", "NOUN"],
        ["Pompeo", "hold", "talk"],
    )
    assert concept_key(doc[0]) is None and concept_key(doc[2]) == ("talks", "talks")


def test_a_nationality_used_as_an_adjective_names_no_one(nlp):
    extraction = extract_text("Michael Howard said British voters would reject the plan of France.", nlp=nlp)
    say = _fact(extraction, "say")
    assert {extraction.mentions[m].text for m in say.object.names} == {"France"}


def test_a_description_no_one_is_found_for_falls_back_to_its_concept(nlp):
    from kg.resolve.facts import end_node

    extraction = extract_text(
        "The minister told the party leader to focus on the election. He rejected the plan.", nlp=nlp
    )
    tell = _fact(extraction, "tell")
    assert extraction.mentions[tell.subject.mention].kind == "nominal"  # "the minister": a person, resolved later
    assert (tell.subject.concept, tell.addressee.concept) == ("minister", "party leader")
    assert {"minister", "party leader"} <= {c.key for c in extraction.concepts}
    doc_id = extraction.document.id
    assert end_node({}, doc_id, tell.subject).concept == "minister"  # resolution found no one
    found = {(doc_id, tell.subject.mention): "person-1"}
    assert end_node(found, doc_id, tell.subject).entity == "person-1"  # resolution found the person
    rejected = _fact(extraction, "reject")
    assert rejected.subject.concept is None  # a pronoun is no concept


@pytest.mark.parametrize(
    "text, person, title",
    [
        ("Also due to attend are US Secretary of State Condoleezza Rice and foreign ministers.", "Condoleezza Rice",
         "secretary of state"),
        ("Prime Minister Tony Blair has yet to name the date of the election.", "Tony Blair", "prime minister"),
    ],
)  # fmt: skip
def test_a_title_is_no_organisation_and_no_part(nlp, text, person, title):
    """``Secretary of State`` links no entity named State, ``Prime Minister`` none named Prime."""
    extraction = extract_text(text, nlp=nlp)
    roles = [r for r in extraction.roles if extraction.mentions[r.person].text == person]
    assert [r.title for r in roles] == [title]
    owners = {extraction.mentions[r.organization].text for r in roles if r.organization is not None}
    assert not owners & {"State", "Prime"}
    parts = {extraction.mentions[m].text for f in extraction.facts for a in (f.subject, f.object) for _, m in a.parts}
    assert not parts & {"State", "Prime"}
