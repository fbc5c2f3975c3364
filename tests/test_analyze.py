"""kg.analyze: centrality, communities, paths and counts over the networkx view."""

from __future__ import annotations


import networkx as nx
import pytest

from kg.analyze import (
    Centrality,
    NoPathError,
    PathStep,
    UnknownEntityError,
    central_entities,
    communities,
    find_path,
    graph_stats,
    resolve_entity,
)
from .graphs import E, entity, fact, literal
from kg.errors import KGError

@pytest.fixture
def star():
    g = nx.MultiDiGraph()
    hub = entity(g, "kremlin", "Kremlin", "Organization", mentions=30)
    for i in range(6):
        leaf = entity(g, f"p{i}", f"Person {i}")
        fact(g, leaf, hub, "visit")
    other = entity(g, "x", "Xi Jinping")
    fact(g, other, E + "p0", "meet")
    fact(g, E + "p0", literal(g, "q", "many quotes"), "say")  # literals are not ranked
    return g


def test_central_entities_ranks_the_hub_first(star):
    top = central_entities(star, top=3)
    assert len(top) == 3 and all(isinstance(c, Centrality) for c in top)
    assert top[0].label == "Kremlin" and top[0].type == "Organization" and top[0].degree == 6
    assert top[1].label == "Person 0"  # pointed to by Xi
    assert top[0].pagerank > top[1].pagerank > top[2].pagerank
    everyone = central_entities(star, top=100)
    assert "many quotes" not in {c.label for c in everyone}
    assert len(everyone) == 8
    assert abs(sum(c.pagerank for c in everyone) - 1.0) < 1e-6


def test_central_entities_is_deterministic(star):
    shuffled = nx.MultiDiGraph()
    shuffled.add_nodes_from(reversed(list(star.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(star.edges(keys=True, data=True))))
    assert central_entities(star, top=100) == central_entities(shuffled, top=100)
    # equal ranks (persons 1-5) come out by label
    tied = [c.label for c in central_entities(star, top=100) if c.label.startswith("Person") and c.label != "Person 0"]
    assert tied == sorted(tied)


def test_communities_of_two_cliques():
    g = nx.MultiDiGraph()
    left = [entity(g, f"l{i}", f"Left {i}") for i in range(4)]
    right = [entity(g, f"r{i}", f"Right {i}", "Organization") for i in range(5)]
    for group in (left, right):
        for i, u in enumerate(group):
            for v in group[i + 1:]:
                fact(g, u, v, "work with")
    fact(g, left[0], right[0], "meet")
    fact(g, left[1], literal(g, "lit", "Monday"), "arrive on")
    found = communities(g)
    assert found == [[f"Right {i}" for i in range(5)], [f"Left {i}" for i in range(4)]]
    assert communities(nx.MultiDiGraph()) == []


def test_communities_without_edges_are_singletons():
    g = nx.MultiDiGraph()
    entity(g, "b", "Beta")
    entity(g, "a", "Alpha")
    assert communities(g) == [["Alpha"], ["Beta"]]
    assert communities(g, min_size=2) == []


@pytest.fixture
def chain():
    g = nx.MultiDiGraph()
    peskov = entity(g, "peskov", "Dmitry Peskov", aliases="Peskov|Kremlin spokesman")
    putin = entity(g, "putin", "Vladimir Putin")
    xi = entity(g, "xi", "Xi Jinping")
    china = entity(g, "china", "China", "Place")
    entity(g, "loner", "Lonely Entity")
    fact(g, peskov, putin, "speak for", document="d1", sentence="Peskov speaks for Putin.")
    fact(g, xi, putin, "meet", document="d2", sentence="Xi met Putin in Moscow.", confidence=0.9)
    fact(g, xi, putin, "meet", document="d3", sentence="Xi and Putin met again.", confidence=0.6)
    fact(g, xi, china, "lead", document="d2", sentence="Xi leads China.")
    # a shared literal must not connect entities
    q = literal(g, "monday", "Monday")
    fact(g, peskov, q, "speak on")
    fact(g, china, q, "announce on")
    return g


def test_find_path_returns_chain_with_sentences(chain):
    steps = find_path(chain, "peskov", "CHINA")  # alias and case-insensitive
    assert all(isinstance(s, PathStep) for s in steps)
    assert [(s.subject, s.relation, s.object) for s in steps] == [
        ("Dmitry Peskov", "speak for", "Vladimir Putin"),
        ("Xi Jinping", "meet", "Vladimir Putin"),  # stated direction kept
        ("Xi Jinping", "lead", "China"),
    ]
    assert [s.document for s in steps] == ["d1", "d2", "d2"]
    assert steps[1].sentence == "Xi met Putin in Moscow."  # the most confident fact
    assert steps[0].sentence == "Peskov speaks for Putin."
    assert find_path(chain, "Dmitry Peskov", "kremlin spokesman") == []


def test_find_path_unknown_entity(chain):
    with pytest.raises(UnknownEntityError) as info:
        find_path(chain, "Dmitry Peskov", "Boris Johnson")
    error = info.value
    assert isinstance(error, KGError) and error.code == "KG440"
    assert "Boris Johnson" in str(error)
    with pytest.raises(UnknownEntityError):
        find_path(chain, "Monday", "China")  # literals are not entities


def test_find_path_no_path(chain):
    with pytest.raises(NoPathError) as info:
        find_path(chain, "Lonely Entity", "China")
    assert info.value.code == "KG441" and "Lonely Entity" in str(info.value)


def test_resolve_entity_prefers_label_over_alias():
    g = nx.MultiDiGraph()
    a = entity(g, "a", "Georgia", "Place")
    entity(g, "b", "Georgia Meloni", aliases="Georgia")
    assert resolve_entity(g, "  georgia ") == [a]
    assert resolve_entity(g, a) == [a]  # an IRI works too


def test_graph_stats(chain):
    stats = graph_stats(chain)
    assert stats.nodes == 6 and stats.edges == 6
    assert stats.entities == 5 and stats.literals == 1
    assert stats.by_type == {"Person": 4, "Place": 1}
    assert stats.by_relation["meet"] == 2
    assert stats.documents == 3
