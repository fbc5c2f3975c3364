"""kg.views.analytics and kg.views.links: entity links, centrality, communities, paths and counts; and the
`kg analyze` / `kg path` commands on the seed graph."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import KGError
from kg.views.analytics import (
    Centrality,
    Community,
    NoPathError,
    PathStep,
    analyze,
    central_entities,
    communities,
    find_path,
    network_stats,
)
from kg.views.links import link_graph
from kg.views.nodes import AmbiguousEntityError, UnknownEntityError, resolve_entity, resolve_one
from kg.views.report import CENTRAL_COLUMNS, render_analysis, render_path
from tests.conftest import SEEDS
from tests.graphs import E, entity, fact, literal


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
    assert top[0].facts == 6 and top[0].mentions == 30
    assert top[1].label == "Person 0"  # linked to the hub and to Xi
    assert top[0].pagerank > top[1].pagerank > top[2].pagerank
    everyone = central_entities(star, top=100)
    assert "many quotes" not in {c.label for c in everyone}
    assert len(everyone) == 8
    assert abs(sum(c.pagerank for c in everyone) - 1.0) < 1e-6


def test_pagerank_is_networkx_pagerank_on_the_undirected_links(star):
    pytest.importorskip("scipy")
    expected = nx.pagerank(nx.Graph(link_graph(star).to_undirected()), alpha=0.85, tol=1e-12, max_iter=1000)
    for c in central_entities(star, top=100):
        assert c.pagerank == pytest.approx(expected[c.id], abs=1e-6)


def test_central_entities_is_deterministic(star):
    shuffled = nx.MultiDiGraph()
    shuffled.add_nodes_from(reversed(list(star.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(star.edges(keys=True, data=True))))
    assert central_entities(star, top=100) == central_entities(shuffled, top=100)
    # equal ranks (persons 1-5) come out by label
    tied = [c.label for c in central_entities(star, top=100) if c.label.startswith("Person") and c.label != "Person 0"]
    assert tied == sorted(tied)


def test_a_shared_literal_links_nobody():
    g = nx.MultiDiGraph()
    monday = literal(g, "monday", "Monday")
    people = [entity(g, f"p{i}", f"Person {i}") for i in range(5)]
    for p in people:
        fact(g, p, monday, "arrive on")
    assert link_graph(g).number_of_edges() == 0
    ranks = {c.pagerank for c in central_entities(g, top=10)}
    assert len(ranks) == 1  # nobody is more central than anybody else
    assert communities(g) == []  # no group of two or more


@pytest.fixture
def world():
    g = nx.MultiDiGraph()
    entity(g, "moscow", "Moscow", "Place")
    entity(g, "maduro", "Nicolás Maduro", aliases="Maduro")
    entity(g, "caracas", "Caracas", "Place")
    entity(g, "us", "United States", "Place", aliases="US|U.S.")
    entity(g, "russia", "Russia", "Place")
    entity(g, "peskov", "Dmitry Peskov", aliases="Peskov")
    return g


def test_an_argument_link_links_entities_and_a_name_inside_a_literal_does_not(world):
    moscow, maduro = E + "moscow", E + "maduro"
    sentence = "Moscow may terminate its support for Nicolás Maduro in Caracas."
    own = fact(world, moscow, literal(world, "l1", "its support for Nicolás Maduro in Caracas"), "terminate",
               sentence=sentence, key="f1")  # fmt: skip
    fact(world, moscow, maduro, "terminate support for", kind="argument", fact_key=own, sentence=sentence)
    links = link_graph(world)
    assert sorted(links.successors(moscow)) == [maduro]  # Caracas is only a word of the literal
    (data,) = links.get_edge_data(moscow, maduro).values()
    assert data["via"] == "argument" and data["fact"] == "f1"
    assert data["note"] == "Nicolás Maduro in an argument (terminate support for)"
    assert data["subject"] == "Moscow" and data["relation"] == "terminate support for"


def test_a_concept_links_nobody(world):
    talks = "https://w3id.org/kg-news/concept/talks"
    world.add_node(talks, label="talks", type="Concept", mentions=2, documents="d1")
    fact(world, E + "russia", talks, "hold")
    fact(world, E + "us", talks, "hold")
    assert link_graph(world).number_of_edges() == 0
    assert talks not in {c.id for c in central_entities(world, top=100)}


def test_every_kind_of_edge_links_its_two_entities(world):
    fact(world, E + "russia", E + "us", "cooperate with", attributed_to="Dmitry Peskov", key="f2")
    fact(world, E + "peskov", E + "russia", "say", kind="statement", fact_key="f3")
    fact(world, E + "peskov", E + "us", "tell", kind="addressee", fact_key="f3")
    fact(world, E + "russia", E + "moscow", "cooperate in", kind="place", fact_key="f2")
    links = link_graph(world)
    vias = {(u, v): d["via"] for u, v, d in links.edges(data=True)}
    assert vias == {
        (E + "russia", E + "us"): "object",
        (E + "peskov", E + "russia"): "statement",
        (E + "peskov", E + "us"): "addressee",
        (E + "russia", E + "moscow"): "place",
    }


def test_communities_of_two_cliques():
    g = nx.MultiDiGraph()
    left = [entity(g, f"l{i}", f"Left {i}") for i in range(4)]
    right = [entity(g, f"r{i}", f"Right {i}", "Organization") for i in range(5)]
    for group in (left, right):
        for i, u in enumerate(group):
            for v in group[i + 1 :]:
                fact(g, u, v, "work with")
    fact(g, left[0], right[0], "meet")
    fact(g, left[1], literal(g, "lit", "Monday"), "arrive on")
    entity(g, "alone", "Alone")
    found = communities(g)
    assert all(isinstance(c, Community) for c in found)
    assert [sorted(c.members) for c in found] == [[f"Right {i}" for i in range(5)], [f"Left {i}" for i in range(4)]]
    assert found[0].members[0] == "Right 0"  # the bridge is the most central member
    assert found[0].name == " / ".join(found[0].members[:3])
    assert [len(c.members) for c in communities(g, min_size=1)] == [5, 4, 1]
    assert communities(nx.MultiDiGraph()) == []
    shuffled = nx.MultiDiGraph()
    shuffled.add_nodes_from(reversed(list(g.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(g.edges(keys=True, data=True))))
    assert communities(shuffled) == found


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
    fact(
        g,
        xi,
        literal(g, "visit", "a visit by Vladimir Putin"),
        "welcome",
        document="d4",
        sentence="Xi welcomed a visit by Vladimir Putin.",
        confidence=0.95,
    )
    fact(g, xi, china, "lead", document="d2", sentence="Xi leads China.")
    # a shared literal must not connect entities
    q = literal(g, "monday", "Monday")
    fact(g, peskov, q, "speak on")
    fact(g, china, q, "announce on")
    return g


def test_find_path_returns_chain_with_sentences(chain):
    steps = find_path(chain, "peskov", "CHINA")  # alias and case-insensitive
    assert all(isinstance(s, PathStep) for s in steps)
    assert [(s.source, s.target) for s in steps] == [
        ("Dmitry Peskov", "Vladimir Putin"), ("Vladimir Putin", "Xi Jinping"), ("Xi Jinping", "China"),
    ]  # fmt: skip
    assert [(s.subject, s.relation, s.object, s.forward) for s in steps] == [
        ("Dmitry Peskov", "speak for", "Vladimir Putin", True),
        ("Xi Jinping", "meet", "Vladimir Putin", False),  # stated direction kept
        ("Xi Jinping", "lead", "China", True),
    ]
    # a fact between the two beats a more confident one that only names Putin in its object,
    # and the more confident of the two direct facts is shown
    assert steps[1].via == "object" and steps[1].sentence == "Xi met Putin in Moscow."
    assert [s.document for s in steps] == ["d1", "d2", "d2"]
    assert find_path(chain, "Dmitry Peskov", "kremlin spokesman") == []


def test_find_path_is_accent_insensitive_and_limited(world):
    own = fact(world, E + "moscow", literal(world, "l1", "its support for Nicolás Maduro"), "terminate", key="f1")
    fact(world, E + "moscow", E + "maduro", "terminate support for", kind="argument", fact_key=own)
    fact(world, E + "russia", E + "moscow", "govern")
    steps = find_path(world, "russia", "nicolas maduro")
    assert [s.target for s in steps] == ["Moscow", "Nicolás Maduro"] and steps[1].via == "argument"
    with pytest.raises(NoPathError) as info:
        find_path(world, "Russia", "Maduro", max_hops=1)
    assert info.value.code == "KG441" and "has 2 facts" in str(info.value)


def test_find_path_unknown_entity_lists_close_names(chain):
    with pytest.raises(UnknownEntityError) as info:
        find_path(chain, "President Xi", "China")
    error = info.value
    assert isinstance(error, KGError) and error.code == "KG440"
    assert str(error) == "KG440: no entity named 'President Xi' in the graph; close: Xi Jinping"
    with pytest.raises(UnknownEntityError) as info:
        find_path(chain, "Dmitry Peskov", "Boris Johnson")
    assert str(info.value).endswith("no entity named 'Boris Johnson' in the graph")
    with pytest.raises(UnknownEntityError):
        find_path(chain, "Monday", "China")  # literals are not entities


def test_ambiguous_name(chain):
    entity(chain, "china2", "China", "Organization")
    with pytest.raises(AmbiguousEntityError) as info:
        find_path(chain, "Xi Jinping", "china")
    message = str(info.value)
    assert info.value.code == "KG442" and "'china' names 2 entities" in message
    assert E + "china" in message and E + "china2" in message
    assert resolve_one(chain, E + "china2") == E + "china2"  # an IRI picks one


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


def test_network_stats(chain):
    stats = network_stats(chain)
    assert stats.nodes == 7 and stats.edges == 7
    assert stats.entities == 5 and stats.literals == 2
    assert stats.by_type == {"Person": 4, "Place": 1}
    assert stats.by_relation["meet"] == 2
    assert stats.documents == 4
    assert (stats.links, stats.linked, stats.components, stats.largest) == (3, 4, 1, 4)


def test_path_report(chain):
    text = render_path(find_path(chain, "Dmitry Peskov", "China"))
    lines = text.splitlines()
    assert lines[0] == "Dmitry Peskov -> Vladimir Putin -> Xi Jinping -> China: 3 fact(s)"
    assert "2. Vladimir Putin <- Xi Jinping" in text
    assert "   Xi Jinping -meet-> Vladimir Putin" in lines
    assert "   d2: Xi met Putin in Moscow." in lines
    steps = json.loads(render_path(find_path(chain, "Dmitry Peskov", "China"), "json"))
    assert [s["document"] for s in steps] == ["d1", "d2", "d2"] and steps[1]["forward"] is False
    with pytest.raises(KGError) as info:
        render_path([], "xml")
    assert info.value.code == "KG501"


def test_analysis_report(star):
    analysis = analyze(star, top=3)
    table = render_analysis(analysis)
    assert "Central entities" in table and "Communities" in table
    rows = list(csv.DictReader(io.StringIO(render_analysis(analysis, "csv"))))
    assert list(rows[0]) == CENTRAL_COLUMNS and [r["label"] for r in rows][:2] == ["Kremlin", "Person 0"]
    assert [r["label"] for r in rows] == [c.label for c in central_entities(star, top=3)]
    assert rows[0]["community"] == "1" and rows[0]["id"] == E + "kremlin"
    data = json.loads(render_analysis(analysis, "json"))
    assert data["stats"]["entities"] == 8 and data["communities"][0]["members"][0] == "Kremlin"


# --------------------------------------------------------------------------- the seed graph

runner = CliRunner()


def test_seed_analysis_ranks_entities_not_literals(seed_graph):
    analysis = seed_graph.analyze(top=10)
    network = seed_graph.to_networkx()
    assert all(not c.id.startswith("literal:") and network.nodes[c.id]["type"] != "Literal" for c in analysis.central)
    labels = [c.label for c in analysis.central]
    assert {"United States", "Russia", "Sergey Lavrov", "Dmitry Peskov"} <= set(labels)
    members = [m for c in analysis.communities for m in c.ids]
    assert len(members) == len(set(members)) and len(analysis.communities) >= 2
    assert analysis.stats.documents == 5 and analysis.stats.largest > analysis.stats.linked / 2


def test_seed_path_is_a_chain_of_real_sentences(seed_graph):
    texts = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    steps = seed_graph.find_path("Pompeo", "Nicolás Maduro")
    assert 1 <= len(steps) <= 6
    assert steps[0].source == "Pompeo" and steps[-1].target == "Nicolás Maduro"
    assert all(a.target == b.source for a, b in zip(steps, steps[1:]))
    for step in steps:
        assert step.sentence and step.sentence in " ".join(texts[step.document].split("\n"))


def _run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.mark.parametrize("command", ["analyze", "path"])
def test_cli_help(command):
    result = _run(command, "--help")
    assert result.exit_code == 0 and "--store" in result.output


def test_cli_analyze(seed_graph):
    result = _run("analyze", "--store", seed_graph.path, "--top", "5")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("5 documents, ") and "United States" in result.output
    rows = list(csv.DictReader(io.StringIO(_run("analyze", "--store", seed_graph.path, "-f", "csv").output)))
    # the two powers of the seed articles lead, within 1% of each other's PageRank: either may be first
    assert len(rows) == 10 and {rows[0]["label"], rows[1]["label"]} == {"United States", "Russia"}
    data = json.loads(_run("analyze", "--store", seed_graph.path, "-f", "json", "--top", "3").output)
    assert len(data["central"]) == 3 and data["communities"]


def test_cli_path(seed_graph):
    result = _run("path", "Pompeo", "nicolas maduro", "--store", seed_graph.path)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith("Pompeo -> ")
    assert "-> Nicolás Maduro: " in result.output and "004_6676e491cd5a915a: " in result.output


@pytest.mark.parametrize("args,code,words", [
    (("path", "Mike Pompeo", "Nicolás Maduro"), "KG440", ["'Mike Pompeo'", "close: Pompeo"]),
    (("path", "Pompeo", "Nicolás Maduro", "--max-hops", "1"), "KG441", ["--max-hops 1"]),
    (("path", "Pompeo", "Nicolás Maduro", "-f", "csv"), "KG501", ["table, json"]),
    (("analyze", "--format", "xml"), "KG501", ["table, json, csv"]),
])  # fmt: skip
def test_cli_errors_are_one_line(seed_graph, args, code, words):
    result = _run(*args, "--store", seed_graph.path)
    message = result.output.strip()
    assert result.exit_code == 1 and "Traceback" not in message and len(message.splitlines()) == 1
    assert message.startswith(f"error: {code}: ") and all(w in message for w in words)
