"""Entity resolution within and across documents, on articles written for these tests."""

from __future__ import annotations

import pytest

from kg.extract import extract_documents
from kg.model import Document
from kg.resolve.entities import resolve
from kg.resolve.names import acronym, first_names_match, name_key, person_parts


def resolved(nlp, *texts):
    docs = [Document(id=f"d{n}", text=t) for n, t in enumerate(texts)]
    return resolve(extract_documents(docs, nlp=nlp))


def entity_named(resolution, label):
    found = [e for e in resolution.entities.values() if e.label == label]
    assert found, f"no entity {label!r} in {[e.label for e in resolution.entities.values()]}"
    return found[0]


def entity_with_alias(resolution, name):
    return [e for e in resolution.entities.values() if name == e.label or name in e.aliases]


@pytest.mark.parametrize(
    "first, second",
    [
        ("U.S.", "US"),
        ("the United States", "USA"),
        ("U.S.A.", "United States of America"),
        ("Nicolás Maduro", "Nicolas Maduro"),
        ("The Kremlin", "Kremlin"),
    ],
)
def test_name_keys_meet(first, second):
    from kg.resolve.names import PLACE_ALIASES

    def canonical(text):
        key = name_key(text)
        return name_key(PLACE_ALIASES.get(key, key))

    assert canonical(first) == canonical(second)


def test_name_helpers():
    assert person_parts("Mr Peskov") == ["peskov"]
    assert person_parts("President Donald Trump") == ["donald", "trump"]
    assert first_names_match("sergey", "sergei") and first_names_match("dmitry", "dmitri")
    assert first_names_match("d", "dmitry")
    assert not first_names_match("dmitry", "sergey") and first_names_match("john", "joan") is not None
    assert acronym("North Atlantic Treaty Organization") == "nato"
    assert acronym("United Nations") == "un"


def test_one_person_for_full_name_surname_and_title(nlp):
    r = resolved(
        nlp,
        "Kremlin spokesman Dmitry Peskov spoke on Monday. Mr Peskov said the talks were useful. "
        "Peskov added that he was optimistic.",
    )
    people = entity_with_alias(r, "Peskov")
    assert len(people) == 1
    person = people[0]
    assert person.label == "Dmitry Peskov" and person.type == "Person"
    assert person.mentions >= 3
    assert {"Mr Peskov", "Peskov"} <= set(person.aliases)


def test_spelling_variants_across_documents(nlp):
    r = resolved(
        nlp,
        "Russian Foreign Minister Sergey Lavrov arrived in Geneva.",
        "Sergei Lavrov met the delegation in Vienna.",
        "Lavrov said the meeting was productive.",
    )
    lavrov = entity_with_alias(r, "Lavrov")
    assert len(lavrov) == 1
    assert {"Sergey Lavrov", "Sergei Lavrov"} <= {lavrov[0].label, *lavrov[0].aliases}
    assert lavrov[0].documents == ["d0", "d1", "d2"]


def test_president_and_surname_join_the_full_name(nlp):
    r = resolved(
        nlp,
        "Donald Trump spoke at the rally in Ohio.",
        "President Trump signed the order on Friday.",
        "Donald Trump flew to Florida on Sunday. Trump later played golf.",
    )
    trump = entity_with_alias(r, "Trump")
    assert len(trump) == 1 and trump[0].label == "Donald Trump"
    assert trump[0].aliases == ["Trump"]  # "President" is a role, cut from the name
    assert len(trump[0].documents) == 3


def test_country_aliases_are_one_entity(nlp):
    r = resolved(
        nlp,
        "The US imposed sanctions on Iran.",
        "Officials said the United States would act.",
        "Officials in the USA were surprised.",
        "Iran said the U.S. had broken the deal.",
    )
    us = entity_named(r, "United States")
    assert us.type == "Place"
    assert {"US", "U.S."} <= set(us.aliases)
    assert len(us.documents) == 4


def test_people_sharing_a_first_name_stay_apart(nlp):
    r = resolved(nlp, "Dmitry Peskov met Dmitry Medvedev in Moscow. Medvedev said little.")
    assert entity_named(r, "Dmitry Peskov").id != entity_named(r, "Dmitry Medvedev").id
    assert "Medvedev" in entity_named(r, "Dmitry Medvedev").aliases


def test_a_surname_joins_the_person_of_its_own_document(nlp):
    r = resolved(
        nlp,
        "Boris Johnson visited Kyiv. Johnson promised more aid.",
        "American golfer Dustin Johnson won the tournament. Johnson thanked his caddie.",
    )
    boris = entity_named(r, "Boris Johnson")
    dustin = entity_named(r, "Dustin Johnson")
    assert boris.id != dustin.id
    assert boris.documents == ["d0"] and dustin.documents == ["d1"]


def test_an_ambiguous_surname_is_not_merged(nlp):
    r = resolved(
        nlp,
        "Boris Johnson visited Kyiv.",
        "Dustin Johnson won the tournament.",
        "Johnson was seen in London on Friday.",
    )
    for person in ("Boris Johnson", "Dustin Johnson"):
        assert "d2" not in entity_named(r, person).documents


def test_acronym_joins_the_full_name(nlp):
    r = resolved(
        nlp,
        "The North Atlantic Treaty Organization held a summit in Madrid.",
        "NATO leaders agreed on new spending targets.",
    )
    nato = entity_with_alias(r, "NATO")
    assert len(nato) == 1 and len(nato[0].documents) == 2


def test_pronouns_take_the_entity_of_their_antecedent(nlp):
    text = "Angela Merkel arrived in Paris on Monday. She met Emmanuel Macron at the Elysee."
    docs = [Document(id="d0", text=text)]
    extraction = next(extract_documents(docs, nlp=nlp))
    r = resolve([extraction])
    merkel = entity_named(r, "Angela Merkel")
    met = [f for f in r.graph_facts(extraction) if f.relation == "meet"]
    assert met and met[0].subject.entity == merkel.id
    assert merkel.mentions == 2


def test_resolution_does_not_depend_on_document_order(nlp):
    texts = ["Sergei Lavrov met the delegation.", "Lavrov said it was useful.", "Sergey Lavrov left Geneva."]
    docs = [Document(id=f"d{n}", text=t) for n, t in enumerate(texts)]
    extractions = list(extract_documents(docs, nlp=nlp))
    forward = resolve(extractions)
    backward = resolve(list(reversed(extractions)))
    assert sorted((e.id, e.label, tuple(e.aliases)) for e in forward.entities.values()) == sorted(
        (e.id, e.label, tuple(e.aliases)) for e in backward.entities.values()
    )


def test_a_title_of_the_other_gender_is_someone_else(nlp):
    r = resolved(
        nlp,
        "Conservative leader Michael Howard spoke in Leeds. Mr Howard said taxes were too high. "
        "Mr Howard later met Mrs Howard at the station.",
    )
    michael = entity_named(r, "Michael Howard")
    assert "Mr Howard" in michael.aliases and "Mrs Howard" not in michael.aliases
    assert entity_with_alias(r, "Mrs Howard")[0].id != michael.id


def test_a_sentence_initial_us_is_not_the_united_states(nlp):
    r = resolved(nlp, "Us and them: the debate in Ohio. The US imposed sanctions.")
    us = entity_named(r, "United States")
    assert "Us" not in us.aliases


def test_a_title_of_the_other_gender_elsewhere_is_someone_else(nlp):
    r = resolved(
        nlp,
        "Conservative leader Michael Howard spoke in Leeds. Mr Howard said taxes were too high.",
        "Mrs Howard opened the flower show in Folkestone on Saturday.",
    )
    michael = entity_named(r, "Michael Howard")
    assert michael.documents == ["d0"] and "Mrs Howard" not in michael.aliases


def test_form_keys_acronyms_and_clipped_forms():
    from kg.resolve.forms import clipped, form_key, short_form_links
    from kg.resolve.names import acronym_form, acronyms, clean_name

    assert clean_name("the the Labour Party's") == "Labour Party"
    assert {form_key(n) for n in ("Conservative Party", "Conservatives", "Tories", "Tory", "the Tory Party")} == {
        "conservative"
    }
    assert form_key("Microsoft Corp.") == form_key("Microsoft") != form_key("Microsoft Research")
    assert form_key("Vodafone Group plc") == form_key("Vodafone") != form_key("Vodafone UK")
    assert name_key("U. S. Geological Survey") == name_key("U.S. Geological Survey")
    assert "usgs" in acronyms("U. S. Geological Survey") and "amd" in acronyms("Advanced Micro Devices Inc.")
    assert "idb" in acronyms("Inter-American Development Bank") and "ongc" in acronyms("Oil & Natural Gas Corp")
    assert acronym_form("U.S.G.S.") == "usgs" and acronym_form("Opec") == "" and acronym_form("Mr") == ""
    assert clipped(form_key("Lib Dems"), form_key("Liberal Democrats")) and not clipped("lib", "liberal")
    places = {"new orleans", "egypt", "surrey"}
    keys = ["new orleans saint", "saint", "elbe", "elbe river", "egypt", "telecom egypt", "surrey", "surrey police"]
    assert sorted(short_form_links(keys, places)) == [("elbe", "elbe river"), ("saint", "new orleans saint")]


def test_demonym_endings_and_role_qualifiers():
    from kg.extract.mentions import role_fits
    from kg.resolve.demonyms import country_of

    places = {"russia": "r", "ukraine": "u", "iran": "i", "italy": "it", "united kingdom": "uk"}
    assert [country_of(d, places) for d in ("Russian", "Ukrainians", "Iranian", "Italian", "British")] == [
        "r",
        "u",
        "i",
        "it",
        "uk",
    ]
    assert country_of("Conservative", places) is None
    assert role_fits({"chancellor"}, ("german", "chancellor"))
    assert not role_fits({"chancellor"}, ("shadow", "chancellor"))
    assert role_fits({"shadow", "chancellor"}, ("shadow", "chancellor"))
    assert role_fits({"chancellor"}, ("chancellor", "of", "the", "exchequer"))
    assert not role_fits({"chancellor"}, ("chancellor", "friend"))  # the friend of the chancellor
    assert not role_fits({"prime", "minister"}, ("spokes", "for", "the", "prime", "minister"))


@pytest.mark.slow
def test_kg_stats_lists_names_shared_by_several_entities(tmp_path):
    import kg

    texts = tmp_path / "docs"
    texts.mkdir()
    (texts / "a.txt").write_text("Boris Johnson visited Kyiv. Johnson promised aid.\n", encoding="utf-8")
    (texts / "b.txt").write_text(
        "Golfer Dustin Johnson won the Masters. Johnson thanked his caddie.\n", encoding="utf-8"
    )
    graph = kg.build([str(texts)], tmp_path / "store")
    shared = graph.stats()["ambiguous names (one name, several entities)"]
    assert shared == {"Johnson": 2}
