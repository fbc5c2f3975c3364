"""The identifier registry: entities keep their IRIs across builds; merges retire one IRI."""

from __future__ import annotations

from kg.model import Entity
from kg.resolve.identifiers import IdentifierRecord, assign_identifiers


def mint(label: str, entity_id: str) -> str:
    return f"ent:{label.lower().replace(' ', '_')}|{entity_id}"


def person(entity_id: str, label: str, *aliases: str) -> Entity:
    return Entity(entity_id, label, "Person", list(aliases))


def test_a_new_entity_gets_a_minted_iri_and_is_registered():
    entities = {"p:lavrov": person("p:lavrov", "Sergey Lavrov", "Lavrov")}
    registry = assign_identifiers(entities, {}, mint)
    assert entities["p:lavrov"].iri == "ent:sergey_lavrov|p:lavrov"
    assert registry == {
        "ent:sergey_lavrov|p:lavrov": IdentifierRecord("ent:sergey_lavrov|p:lavrov", {"sergey lavrov", "lavrov"})
    }


def test_a_new_preferred_label_keeps_the_iri():
    first = {"p:sergey lavrov": person("p:sergey lavrov", "Sergey Lavrov", "Lavrov")}
    registry = assign_identifiers(first, {}, mint)
    later = {"p:sergei lavrov": person("p:sergei lavrov", "Sergei Lavrov", "Sergey Lavrov", "Lavrov")}
    registry = assign_identifiers(later, registry, mint)
    assert later["p:sergei lavrov"].iri == first["p:sergey lavrov"].iri
    assert registry[later["p:sergei lavrov"].iri].keys == {"sergey lavrov", "sergei lavrov", "lavrov"}
    assert len(registry) == 1


def test_a_merge_keeps_one_iri_and_retires_the_other():
    apart = {
        "p:a": person("p:a", "Dmitry Peskov", "Peskov"),
        "p:b": person("p:b", "Dmitri Peskov"),
    }
    registry = assign_identifiers(apart, {}, mint)
    kept, retired = apart["p:a"].iri, apart["p:b"].iri
    merged = {"p:a": person("p:a", "Dmitry Peskov", "Dmitri Peskov", "Peskov")}
    registry = assign_identifiers(merged, registry, mint)
    assert merged["p:a"].iri == kept
    assert registry[retired].replaced_by == kept and registry[kept].replaced_by is None


def test_retired_chains_point_at_a_live_iri():
    registry = {
        "a": IdentifierRecord("a", {"x"}, replaced_by="b"),
        "b": IdentifierRecord("b", {"x", "y"}),
        "c": IdentifierRecord("c", {"x", "y", "z"}),
    }
    entities = {"p:c": person("p:c", "Z", "X", "Y")}
    entities["p:c"].aliases = ["x", "y"]
    updated = assign_identifiers({"p:z": Entity("p:z", "z", "Person", ["x", "y"])}, registry, mint)
    assert updated["b"].replaced_by == "c" and updated["a"].replaced_by == "c"


def test_a_split_gives_the_other_part_a_new_iri():
    registry = assign_identifiers({"p:a": person("p:a", "John Smith", "Smith", "J Smith")}, {}, mint)
    (old,) = registry
    split = {"p:a": person("p:a", "John Smith", "Smith"), "p:b": person("p:b", "Jane Smith", "J Smith")}
    assign_identifiers(split, registry, mint)
    assert split["p:a"].iri == old and split["p:b"].iri not in (None, old)


def test_one_alias_in_common_does_not_retire_an_iri():
    registry = assign_identifiers(
        {"o:labour": Entity("o:labour", "Labour", "Organization", ["Labour Party", "the Labour party"])}, {}, mint
    )
    (labour,) = registry
    later = {"p:ellman": person("p:ellman", "Louise Ellman", "Labour")}  # the party's documents are gone
    updated = assign_identifiers(later, registry, mint)
    assert updated[labour].replaced_by is None  # dormant, not merged into the MP
    assert later["p:ellman"].iri != labour
