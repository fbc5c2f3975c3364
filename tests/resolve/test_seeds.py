"""The seed articles built into a store keep every merge the resolver made on them before its
rules were rewritten (issue 12), and the types issue 12 corrected stay corrected."""

from __future__ import annotations

import pytest

#: Each entity of the seeds by its label, with every name the resolver merged into it.
SEED_MERGES = {
    "Dmitry Peskov": {"Mr Peskov", "Peskov"},
    "Dmitry Medvedev": {"Mr Dmitry Medvedev", "Mr Medvedev"},
    "Sergey Lavrov": {"Sergei Lavrov", "Lavrov", "Mr Lavrov"},
    "Rex Tillerson": {"Mr Tillerson", "Tillerson"},
    "Vladimir Putin": {"Mr Putin", "Mr. Putin", "Putin"},
    "Donald Trump": {"Trump"},  # "President Trump": the office is cut from the name
    "United States": {"U.S.", "US", "USA"},
    "United Kingdom": {"Britain"},
    "Russia": {"Russian Federation"},
    "European Union": {"E.U.", "EU"},
    "Moscow": {"MOSCOW"},
}


@pytest.fixture(scope="module")
def seed_entities(seed_graph):
    return seed_graph.entities()


def _carrying(entities, name):
    return [e for e in entities if name == e["label"] or name in e["aliases"]]


@pytest.mark.parametrize("label", sorted(SEED_MERGES))
def test_the_seeds_keep_their_merges(seed_entities, label):
    entities = _carrying(seed_entities, label)
    assert len(entities) == 1, f"{label!r} is the label or alias of {[e['label'] for e in entities]}"
    assert entities[0]["label"] == label
    assert SEED_MERGES[label] <= set(entities[0]["aliases"])
    for alias in SEED_MERGES[label]:
        assert len(_carrying(seed_entities, alias)) == 1, f"{alias!r} is carried by more than one entity"


@pytest.mark.parametrize(
    "label, expected",
    [
        ("Dmitry Peskov", "Person"),
        ("Vladimir Putin", "Person"),
        ("United States", "Place"),
        ("Moscow", "Place"),
        ("Xinhua", "Organization"),  # a news agency, not a place
        ("Twitter", "Organization"),
    ],
)
def test_the_seeds_types(seed_entities, label, expected):
    assert [e["type"] for e in _carrying(seed_entities, label)] == [expected]


@pytest.mark.parametrize("label", ["COVID-19", "Twitter", "Elbe"])
def test_no_seed_thing_is_a_person(seed_entities, label):
    """(COVID-19 takes part in no fact of the graph, so it may be no node of it at all.)"""
    assert "Person" not in [e["type"] for e in _carrying(seed_entities, label)]


def test_no_seed_entity_is_a_courtesy_title(seed_entities):
    assert not [e for e in seed_entities if e["label"] in {"Mr", "Mr.", "Mrs", "President"}]
