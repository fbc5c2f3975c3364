"""Each rule of entity resolution on mentions written for it (no parse: the mentions are what
extraction would hand over), so a test states exactly the evidence a rule sees."""

from __future__ import annotations

from kg.model import Document, Extraction, Mention
from kg.resolve.entities import resolve


def doc(doc_id: str, *mentions, date: str | None = None) -> Extraction:
    """An extraction whose mentions are ``(text, label)`` or ``(text, label, {field: value})``
    (``kind``, ``antecedent``, ``role``, ``before``, ``verb``), one sentence each."""
    made, offset = [], 0
    for number, item in enumerate(mentions):
        text, label, *rest = item
        fields = rest[0] if rest else {}
        made.append(Mention(number, text, offset, offset + len(text), number, label, **fields))
        offset += len(text) + 1
    return Extraction(Document(doc_id, "", date=date), mentions=made)


def entity_of(resolution, extraction: Extraction, mention: int):
    entity_id = resolution.mention_entity.get((extraction.document.id, mention))
    return resolution.entities.get(entity_id) if entity_id else None


def he(antecedent: int) -> tuple:
    return ("he", "PERSON", {"kind": "pronoun", "antecedent": antecedent})


def test_mr_goes_to_the_man_and_mrs_to_the_woman_of_one_surname():
    d = doc("d0", ("Tony Blair", "PERSON"), ("Cherie Blair", "PERSON"), ("Mr Blair", "PERSON"), ("Mrs Blair", "PERSON"))
    r = resolve([d])
    tony, cherie = entity_of(r, d, 0), entity_of(r, d, 1)
    assert tony.id != cherie.id
    assert entity_of(r, d, 2) is tony and entity_of(r, d, 3) is cherie


def test_a_bare_surname_of_two_people_of_a_document_goes_to_the_corpus_most_salient():
    spouses = doc("d0", ("Tony Blair", "PERSON"), ("Cherie Blair", "PERSON"), ("Blair", "PERSON"))
    others = [doc(f"d{n}", ("Tony Blair", "PERSON")) for n in range(1, 4)]
    r = resolve([spouses, *others])
    assert entity_of(r, spouses, 2).label == "Tony Blair"


def test_a_single_name_joins_its_own_document_first_then_the_most_salient_person():
    tony = [doc(f"t{n}", ("Tony Blair", "PERSON"), ("Mr Blair", "PERSON")) for n in range(3)]
    ian = doc("met", ("Sir Ian Blair", "PERSON"), ("Sir Ian", "PERSON"), ("Mr Blair", "PERSON"))
    alone = doc("z", ("Mr Blair", "PERSON"))
    r = resolve([*tony, ian, alone])
    assert entity_of(r, ian, 1).label == entity_of(r, ian, 2).label == "Ian Blair"
    assert entity_of(r, alone, 0).label == "Tony Blair"
    assert entity_of(r, ian, 0).id != entity_of(r, tony[0], 0).id


def test_no_salient_person_when_two_are_named_as_often():
    r = resolve(
        [doc("a", ("Boris Johnson", "PERSON")), doc("b", ("Dustin Johnson", "PERSON")), doc("c", ("Johnson", "PERSON"))]
    )
    assert len({e.id for e in r.entities.values() if "Johnson" in e.label}) == 3


def test_gender_from_a_pronoun_picks_the_person():
    d = doc("d0", ("Tony Blair", "PERSON"), ("Cherie Blair", "PERSON"), ("Blair", "PERSON"), he(2))
    r = resolve([d])
    assert entity_of(r, d, 2).label == "Tony Blair"


def test_a_surname_tagged_a_place_is_the_person_the_document_names():
    d = doc("d0", ("Robert Kilroy-Silk", "PERSON"), ("Kilroy-Silk", "GPE"), ("Kilroy-Silk", "ORG"))
    elsewhere = doc("d1", ("Washington", "GPE"), ("Denzel Washington", "PERSON"))
    city = doc("d2", ("Washington", "GPE", {"before": "in"}))
    r = resolve([d, elsewhere, city])
    assert entity_of(r, d, 1) is entity_of(r, d, 0) is entity_of(r, d, 2)
    assert entity_of(r, d, 0).type == "Person"
    assert entity_of(r, city, 0).type == "Place"
    assert entity_of(r, elsewhere, 0).type == "Place"  # a place of the same name elsewhere


def test_a_surname_modifying_a_noun_is_the_person_the_document_names():
    """``the Blair government``: the article is the noun's; elsewhere ``the Elbe`` is a thing."""
    d = doc("d0", ("Tony Blair", "PERSON"), ("Blair", "PERSON", {"before": "the"}))
    river = doc("d1", ("Elbe", "PERSON", {"before": "the"}), ("Hamburg", "GPE"))
    r = resolve([d, river])
    assert entity_of(r, d, 1) is entity_of(r, d, 0)
    assert entity_of(r, river, 0).type != "Person"


def test_a_first_name_joins_the_full_name_that_starts_with_it():
    d = doc("d0", ("Ken Livingstone", "PERSON"), ("Ken", "PERSON"), ("Sir Ian Blair", "PERSON"), ("Sir Ian", "PERSON"))
    r = resolve([d])
    assert entity_of(r, d, 1) is entity_of(r, d, 0)
    assert entity_of(r, d, 3) is entity_of(r, d, 2)


def test_parties_and_their_members_forms_are_one_entity():
    forms = [("Conservative Party", "ORG"), ("Conservatives", "NORP"), ("Tories", "NORP"), ("Tory", "NORP")]
    forms += [("the Conservative party", "ORG"), ("Labour", "ORG"), ("the Labour Party", "ORG"), ("Labour", "PERSON")]
    forms += [("Liberal Democrats", "NORP"), ("Liberal Democrat", "NORP"), ("Lib Dems", "PERSON"), ("Lib Dem", "NORP")]
    d = doc("d0", *forms)
    r = resolve([d])
    conservative = {entity_of(r, d, i).id for i in range(5)}
    labour = {entity_of(r, d, i).id for i in range(5, 8)}
    libdem = {entity_of(r, d, i).id for i in range(8, 12)}
    assert len(conservative) == len(labour) == len(libdem) == 1
    assert len(conservative | labour | libdem) == 3
    assert r.entities[next(iter(conservative))].label == "Conservative Party"
    assert r.entities[next(iter(libdem))].label == "Liberal Democrats"
    assert all(r.entities[e].type != "Person" for e in conservative | labour | libdem)


def test_a_group_with_an_organisations_name_is_an_organisation():
    d = doc("d0", ("Tories", "NORP"), ("Conservatives", "NORP"), ("Conservative Party", "ORG"), ("Russians", "NORP"))
    r = resolve([d])
    assert entity_of(r, d, 0) is entity_of(r, d, 2) and entity_of(r, d, 0).type == "Organization"
    assert entity_of(r, d, 3).type == "Group"  # no name of it is an organisation's


def test_acronyms_of_any_spelling_join_their_long_form():
    a = doc("a", ("the U.S. Geological Survey", "ORG"), ("USGS", "ORG"))
    b = doc("b", ("U. S. Geological Survey", "ORG"), ("Advanced Micro Devices Inc.", "ORG"), ("AMD", "ORG"))
    r = resolve([a, b])
    assert entity_of(r, a, 0) is entity_of(r, a, 1) is entity_of(r, b, 0)
    assert entity_of(r, b, 1) is entity_of(r, b, 2)
    assert entity_of(r, b, 1).label == "Advanced Micro Devices Inc."


def test_legal_suffixes_and_short_forms():
    d = doc(
        "d0",
        ("Microsoft Corp.", "ORG"),
        ("Microsoft", "ORG"),
        ("Microsoft Research", "ORG"),
        ("New Orleans", "GPE"),
        ("New Orleans Saints", "ORG"),
        ("Saints", "ORG"),
        ("Elbe River", "LOC"),
        ("the Elbe", "PERSON", {"before": "the"}),
    )
    r = resolve([d])
    assert entity_of(r, d, 0) is entity_of(r, d, 1)
    assert entity_of(r, d, 2).id != entity_of(r, d, 1).id  # a subsidiary stays apart
    assert entity_of(r, d, 4) is entity_of(r, d, 5)
    assert entity_of(r, d, 3).id != entity_of(r, d, 4).id
    assert entity_of(r, d, 6) is entity_of(r, d, 7) and entity_of(r, d, 6).type == "Location"


def test_a_place_inside_an_organisations_name_keeps_them_apart():
    d = doc(
        "d0",
        ("Telecom Egypt", "ORG"),
        ("Egypt", "GPE"),
        ("Surrey Police", "ORG"),
        ("Surrey", "GPE"),
        ("Vodafone UK", "ORG"),
        ("Vodafone", "ORG"),
    )
    r = resolve([d])
    assert len({entity_of(r, d, i).id for i in range(6)}) == 6
    assert entity_of(r, d, 1).type == "Place" and entity_of(r, d, 0).type == "Organization"


def test_a_name_never_leaks_into_an_entity_containing_it():
    d = doc("d0", ("Louise Ellman", "PERSON", {"role": "labour mp"}), ("Labour", "ORG"), ("Labour", "PERSON"))
    r = resolve([d])
    ellman = entity_of(r, d, 0)
    assert "Labour" not in ellman.aliases and entity_of(r, d, 1).id != ellman.id
    assert entity_of(r, d, 1) is entity_of(r, d, 2)


def test_no_entity_is_a_courtesy_title_alone():
    d = doc("d0", ("Mr", "PERSON"), ("Mr.", "ORG"), ("Mr Blair", "ORG"))
    r = resolve([d])
    assert [e.label for e in r.entities.values()] == ["Mr Blair"]
    assert entity_of(r, d, 2).type == "Person"


def test_types_follow_all_the_evidence():
    d = doc(
        "d0",
        ("Twitter", "PERSON", {"before": "on"}),
        ("COVID-19", "PERSON"),
        ("Xinhua", "GPE", {"verb": "report"}),
        ("Nicolás Maduro", "WORK_OF_ART"),
        ("Moscow", "GPE", {"verb": "say"}),
        ("Moscow", "GPE", {"before": "in"}),
        ("Scottish National Party", "PERSON"),
    )
    r = resolve([d])
    types = [entity_of(r, d, i).type for i in (0, 1, 2, 3, 4, 6)]
    assert types == ["Organization", "Event", "Organization", "Person", "Place", "Organization"]


def test_a_description_resolves_to_the_role_holder_of_its_document_then_of_the_corpus():
    named = [doc(f"d{n}", ("Tony Blair", "PERSON", {"role": "prime minister"})) for n in range(2)]
    named += [doc(f"g{n}", ("Gordon Brown", "PERSON", {"role": "chancellor"})) for n in range(2)]
    named += [doc(f"l{n}", ("Oliver Letwin", "PERSON", {"role": "shadow chancellor"})) for n in range(3)]
    pm = {"kind": "nominal", "role": "prime minister"}
    chancellor = {"kind": "nominal", "role": "chancellor"}
    alone = doc("x", ("Mr Blair", "PERSON"), ("the prime minister", "PERSON", pm))
    local = doc(
        "y", ("Silvio Berlusconi", "PERSON", {"role": "italian prime minister"}), ("the prime minister", "PERSON", pm)
    )
    other = doc("z", ("Gordon Brown", "PERSON"), ("the chancellor", "PERSON", chancellor))
    nobody = doc("w", ("the archbishop", "PERSON", {"kind": "nominal", "role": "archbishop"}))
    r = resolve([*named, alone, local, other, nobody])
    assert entity_of(r, alone, 1).label == "Tony Blair"
    assert entity_of(r, local, 1).label == "Silvio Berlusconi"
    assert entity_of(r, other, 1).label == "Gordon Brown"  # not the shadow chancellor
    assert entity_of(r, nobody, 0) is None  # the fact keeps the description as a literal


def test_a_description_is_the_holder_of_its_role_not_of_a_role_about_it():
    chancellor = ("the chancellor", "PERSON", {"kind": "nominal", "role": "chancellor"})
    d = doc(
        "d0",
        ("Charlie Whelan", "PERSON", {"role": "chancellor friend"}),  # the chancellor's friend
        ("Ken Clarke", "PERSON", {"role": "ex conservative chancellor"}),
        ("Gordon Brown", "PERSON", {"role": "chancellor of the exchequer"}),
        chancellor,
    )
    kelly = ("Tom Kelly", "PERSON", {"role": "spokesman for the prime minister"})
    spokesman = [doc(f"k{n}", kelly) for n in range(3)]
    pm = doc("d2", ("the prime minister", "PERSON", {"kind": "nominal", "role": "prime minister"}))
    r = resolve([d, *spokesman, pm])
    assert entity_of(r, d, 3).label == "Gordon Brown"
    assert entity_of(r, pm, 0) is None  # Tom Kelly speaks for the prime minister; he is not one


def test_the_corpus_role_holder_is_the_one_at_that_date():
    then = [doc(f"old{n}", ("John Major", "PERSON", {"role": "prime minister"}), date="1995-05-01") for n in range(3)]
    now = [doc(f"new{n}", ("Tony Blair", "PERSON", {"role": "prime minister"}), date="2005-05-01") for n in range(2)]
    pm = ("the prime minister", "PERSON", {"kind": "nominal", "role": "prime minister"})
    question = doc("q", pm, date="2005-03-01")
    r = resolve([*then, *now, question])
    assert entity_of(r, question, 0).label == "Tony Blair"


def test_demonyms_link_to_their_country():
    d = doc("d0", ("Russia", "GPE"), ("Russian", "NORP"), ("Syria", "GPE"), ("Syrian", "NORP"), ("British", "NORP"))
    d2 = doc("d1", ("Britain", "GPE"), ("Ukraine", "GPE"), ("Ukrainian", "NORP"))
    r = resolve([d, d2])
    assert entity_of(r, d, 1).demonym_of == entity_of(r, d, 0).id
    assert entity_of(r, d, 3).demonym_of == entity_of(r, d, 2).id
    assert entity_of(r, d, 4).demonym_of == entity_of(r, d2, 0).id  # British -> United Kingdom
    assert entity_of(r, d2, 2).demonym_of == entity_of(r, d2, 1).id


def test_the_result_does_not_depend_on_the_order_of_documents():
    docs = [
        doc("a", ("Tony Blair", "PERSON"), ("Mr Blair", "PERSON")),
        doc("b", ("Mr Blair", "PERSON"), ("Tories", "NORP")),
        doc("c", ("Conservative Party", "ORG"), ("Cherie Blair", "PERSON")),
    ]
    one, two = resolve(docs), resolve(list(reversed(docs)))
    assert one.entities == two.entities and one.mention_entity == two.mention_entity
