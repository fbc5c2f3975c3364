"""kg.views.render: a safe, self-contained, deterministic HTML page from a graph view."""

from __future__ import annotations

import json
import math
import os
import re

import networkx as nx
import pytest

from kg.errors import ExportError, KGError
from kg.views import render
from kg.views.nodes import UnknownEntityError
from kg.views.render import RenderSummary, render_html
from tests.graphs import entity, fact, literal

HOSTILE_IMG = "<img src=x onerror=alert(1)>"
HOSTILE_SCRIPT = "</script><script>alert(1)</script>"


def page_data(html: str, name: str):
    match = re.search(rf'<script type="application/json" id="kg-{name}">(.*?)</script>', html, re.S)
    assert match, name
    return json.loads(match.group(1))


def labels(html: str) -> set[str]:
    return {n["label"] for n in page_data(html, "nodes")}


@pytest.fixture
def hostile_graph():
    g = nx.MultiDiGraph()
    peskov = entity(g, "dmitry_peskov-1a2b3c4d5e", "Dmitry Peskov", mentions=9, documents="d1|d2")
    img = entity(g, "img-0000000001", HOSTILE_IMG, "Organization", mentions=2)
    scr = entity(g, "scr-0000000002", HOSTILE_SCRIPT, "Place")
    quote = literal(g, "q1", "<b>href</b> " + HOSTILE_SCRIPT)
    fact(g, peskov, img, "say", document="d1", sentence=f'He said <a href="javascript:alert(1)">x</a> {HOSTILE_IMG}')
    fact(g, peskov, scr, "cooperate in", document="d2", sentence=HOSTILE_SCRIPT, attributed_to=HOSTILE_IMG)
    fact(g, peskov, quote, "say", document="d2", sentence="quote with href=http://evil", negated=True)
    return g


def render_to(tmp_path, graph, name="graph.html", **kwargs) -> tuple[str, RenderSummary]:
    summary = render_html(graph, tmp_path / name, **kwargs)
    return (tmp_path / name).read_text(encoding="utf-8"), summary


# --------------------------------------------------------------------------- self-contained


def test_page_is_self_contained_with_vis_inline(tmp_path, hostile_graph):
    html, summary = render_to(tmp_path, hostile_graph)
    assert summary.nodes == 4 and summary.edges == 3 and summary.path == tmp_path / "graph.html"
    assert "vis-network" in html and "vis.Network" in html  # the library and its use, inline
    assert len(html) > 400_000
    # no external (or local) resources: no src=/href= on script or link tags, no CDN hosts
    assert not re.search(r"<(script|link)\b[^>]*\b(src|href)\s*=", html, re.I)
    for host in ("cdn.jsdelivr.net", "cdnjs.cloudflare.com", "unpkg.com", "bootstrap"):
        assert host not in html
    assert "Dmitry Peskov" in html


def test_only_expected_urls_and_opaque_ids(tmp_path, chain):
    html, _ = render_to(tmp_path, chain)
    hosts = set(re.findall(r"https?://([^/\s\"'\\)]+)", html))
    # entity IRIs (in tooltips), the SVG namespace and licence/credit links inside vis-network
    assert hosts <= {
        "w3id.org",
        "www.w3.org",
        "almende.com",
        "opensource.org",
        "www.apache.org",
        "github.com",
        "visjs.github.io",
    }, hosts
    assert all(isinstance(n["id"], int) for n in page_data(html, "nodes"))


def test_lone_surrogate_does_not_break_writing(tmp_path):
    g = nx.MultiDiGraph()
    entity(g, "a", "bad \ud800 text")
    html, summary = render_to(tmp_path, g)
    assert summary.nodes == 1 and "bad ? text" in html


def test_legend_lists_types_present(tmp_path, hostile_graph):
    html, _ = render_to(tmp_path, hostile_graph)
    legend = html[html.index('id="kg-legend"') : html.index('id="kg-status"')]
    assert "Person (1)" in legend and "Organization (1)" in legend and "Place (1)" in legend
    assert "Literal value (1)" in legend
    assert render.TYPE_COLOURS["Person"] in legend


# --------------------------------------------------------------------------- escaping


def test_hostile_text_appears_only_escaped(tmp_path, hostile_graph):
    html, _ = render_to(tmp_path, hostile_graph, title="<script>alert('title')</script>")
    assert "<img" not in html.lower()
    assert "<script>alert" not in html
    assert "<a href" not in html
    # every </script> in the file closes one of the page's own five script blocks
    assert html.count("</script>") == html.count("<script") - 1 == 5  # vis has one "<script>" string
    # tooltips are never inserted as HTML
    assert "innerHTML" not in html
    assert "textContent = text" in html
    # the heading is escaped, not passed through
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in html
    # the hostile strings are in the data, JSON-escaped, and come back intact
    nodes = page_data(html, "nodes")
    assert HOSTILE_IMG in {n["label"] for n in nodes}
    assert HOSTILE_SCRIPT in {n["label"] for n in nodes}
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in html
    assert "\\u003c/script\\u003e" in html
    edges = page_data(html, "edges")
    titles = "\n".join(e["title"] for e in edges)
    assert HOSTILE_SCRIPT in titles and 'href="javascript:alert(1)"' in titles


def test_tooltips_are_plain_text(tmp_path, hostile_graph):
    html, _ = render_to(tmp_path, hostile_graph)
    edges = {e["label"]: e for e in page_data(html, "edges")}
    say = edges["say"]["title"]
    assert say.startswith(f"Dmitry Peskov -say-> {HOSTILE_IMG}")
    assert "[d1]" in say and "confidence 0.80" in say
    coop = edges["cooperate in"]["title"]
    assert f"Attributed to: {HOSTILE_IMG}" in coop
    assert "Negated: no" in coop and "Support: 1 fact in 1 document" in coop and "Documents: d2" in coop
    assert f"“{HOSTILE_SCRIPT}”" in coop  # the source sentence
    assert "Attributed to: nobody (stated by the article)" in say
    negated = edges["not say"]
    assert negated["dashes"] is True and "Negated: yes" in negated["title"]
    node = next(n for n in page_data(html, "nodes") if n["label"] == "Dmitry Peskov")
    assert "Type: Person" in node["title"] and "Mentions: 9" in node["title"] and "d1, d2" in node["title"]


def test_hebrew_arabic_emoji_preserved(tmp_path):
    g = nx.MultiDiGraph()
    a = entity(g, "a", "בנימין נתניהו")
    b = entity(g, "b", "القاهرة", "Place")
    c = entity(g, "c", "🚀 SpaceX", "Organization")
    fact(g, a, b, "visit", sentence="נתניהו ביקר בקהיר 🇮🇱")
    fact(g, c, b, "launch from")
    html, _ = render_to(tmp_path, g, title="חדשות 📰")
    for text in ("בנימין נתניהו", "القاهرة", "🚀 SpaceX", "נתניהו ביקר בקהיר 🇮🇱", "חדשות 📰"):
        assert text in html
    assert (tmp_path / "graph.html").read_bytes().decode("utf-8")  # valid UTF-8


# --------------------------------------------------------------------------- determinism


def test_output_is_byte_identical(tmp_path, hostile_graph):
    render_html(hostile_graph, tmp_path / "one.html")
    render_html(hostile_graph, tmp_path / "two.html")
    # the same graph built in another order
    shuffled = nx.MultiDiGraph()
    shuffled.add_nodes_from(reversed(list(hostile_graph.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(hostile_graph.edges(keys=True, data=True))))
    render_html(shuffled, tmp_path / "three.html")
    one = (tmp_path / "one.html").read_bytes()
    assert one == (tmp_path / "two.html").read_bytes() == (tmp_path / "three.html").read_bytes()
    assert b"Math.random" not in one.split(b"</script>", 1)[1]  # nothing random outside vis


def test_physics_off_precomputes_layout_deterministically(tmp_path, hostile_graph):
    html, _ = render_to(tmp_path, hostile_graph, physics=False)
    again, _ = render_to(tmp_path, hostile_graph, "again.html", physics=False)
    assert html == again
    assert page_data(html, "options")["physics"]["enabled"] is False
    assert all("x" in n and "y" in n for n in page_data(html, "nodes"))


def test_physics_stops_after_stabilising(tmp_path, hostile_graph):
    html, _ = render_to(tmp_path, hostile_graph)
    options = page_data(html, "options")
    assert options["physics"]["enabled"] is True
    assert "barnesHut" in options["physics"]
    assert 0 < options["physics"]["stabilization"]["iterations"] <= 1000
    assert 'network.once("stabilizationIterationsDone"' in html
    assert "network.setOptions({ physics: false })" in html
    assert options["edges"]["smooth"]["enabled"] is True


# --------------------------------------------------------------------------- edges


def test_parallel_facts_collapse_into_one_wider_edge(tmp_path):
    g = nx.MultiDiGraph()
    a = entity(g, "a", "Russia", "Place")
    b = entity(g, "b", "China", "Place")
    fact(g, a, b, "cooperate in", key="f1", document="d1", sentence="Russia and China cooperate in energy.")
    fact(g, a, b, "cooperate in", key="f2", document="d2", sentence="They cooperate in trade.")
    fact(g, a, b, "cooperate in", key="f3", document="d2", sentence="Cooperation in space.", start=50, end=70)
    fact(g, a, b, "cooperate in", key="f4", document="d3", negated=True, sentence="Not in arms.")
    fact(g, b, a, "cooperate in", key="f5", document="d3", sentence="China cooperates in grain.")
    html, summary = render_to(tmp_path, g)
    assert summary.edges == 3 and summary.facts == 5
    edges = page_data(html, "edges")
    by_label = {}
    for e in edges:
        by_label.setdefault(e["label"], []).append(e)
    main = next(e for e in by_label["cooperate in"] if e["from"] != e["to"] and "3 facts" in e["title"])
    assert "3 facts in 2 documents" in main["title"]
    for sentence in ("Russia and China cooperate in energy.", "They cooperate in trade.", "Cooperation in space."):
        assert sentence in main["title"]
    single = next(e for e in by_label["cooperate in"] if e is not main)
    assert main["width"] > single["width"] == 1.0
    assert by_label["not cooperate in"][0]["width"] == 1.0


def test_smooth_edges_off_for_many_edges(tmp_path):
    g = nx.MultiDiGraph()
    nodes = [entity(g, f"n{i:02d}", f"Node {i:02d}") for i in range(50)]
    for i, u in enumerate(nodes):
        for v in nodes[i + 1 :]:
            fact(g, u, v, "meet")
    html, summary = render_to(tmp_path, g)
    assert summary.edges == 1225
    options = page_data(html, "options")
    assert options["edges"]["smooth"]["enabled"] is False
    assert options["physics"]["stabilization"]["iterations"] <= 500


# --------------------------------------------------------------------------- filtering


@pytest.fixture
def chain():
    """A -> B <- C -> D -> E, plus a literal on C."""
    g = nx.MultiDiGraph()
    ids = {name: entity(g, name.lower(), name) for name in "ABCDE"}
    g.nodes[ids["C"]]["aliases"] = "Charlie|The C"
    fact(g, ids["A"], ids["B"], "know")
    fact(g, ids["C"], ids["B"], "know")
    fact(g, ids["C"], ids["D"], "know")
    fact(g, ids["D"], ids["E"], "know")
    q = literal(g, "q", "a quote by C")
    fact(g, ids["C"], q, "say")
    return g


def test_focus_keeps_ego_graph_ignoring_direction(tmp_path, chain):
    html, summary = render_to(tmp_path, chain, focus="c", hops=1)
    assert labels(html) == {"B", "C", "D", "a quote by C"}
    assert summary.nodes == 4
    html, _ = render_to(tmp_path, chain, focus="THE c", hops=2)  # alias, case-insensitive
    assert labels(html) == {"A", "B", "C", "D", "E", "a quote by C"}
    html, _ = render_to(tmp_path, chain, focus="a", hops=0)
    assert labels(html) == {"A"}


def test_focus_does_not_hop_through_literals(tmp_path):
    g = nx.MultiDiGraph()
    a, b = entity(g, "a", "Alpha"), entity(g, "b", "Beta")
    monday = literal(g, "monday", "Monday")
    fact(g, a, monday, "arrive on")
    fact(g, b, monday, "leave on")
    html, _ = render_to(tmp_path, g, focus="alpha", hops=3)
    assert labels(html) == {"Alpha", "Monday"}


def test_unknown_focus_is_a_clean_error(tmp_path, chain):
    with pytest.raises(UnknownEntityError) as info:
        render_html(chain, tmp_path / "graph.html", focus="Nobody")
    assert isinstance(info.value, KGError) and "Nobody" in str(info.value)
    assert not (tmp_path / "graph.html").exists()


def test_types_filter_keeps_attached_literals(tmp_path):
    g = nx.MultiDiGraph()
    p = entity(g, "p", "Peskov", "Person")
    k = entity(g, "k", "Kremlin", "Organization")
    m = entity(g, "m", "Moscow", "Place")
    fact(g, p, k, "speak for")
    fact(g, k, m, "be in")
    fact(g, p, literal(g, "q1", "no comment"), "say")
    fact(g, m, literal(g, "q2", "cold"), "be")
    html, summary = render_to(tmp_path, g, types={"person", "Organization"})
    assert labels(html) == {"Peskov", "Kremlin", "no comment"}
    assert summary.edges == 2


def test_max_nodes_keeps_highest_degree(tmp_path):
    g = nx.MultiDiGraph()
    hub = entity(g, "hub", "Hub")
    leaves = [entity(g, f"l{i}", f"Leaf {i}") for i in range(5)]
    for leaf in leaves:
        fact(g, leaf, hub, "visit")
    x, y = entity(g, "x", "Xavier"), entity(g, "y", "Yolanda")
    fact(g, x, y, "meet")
    fact(g, x, y, "call")
    fact(g, x, hub, "visit")
    html, summary = render_to(tmp_path, g, max_nodes=3)
    # Hub has degree 6, Xavier 3, Yolanda 2, each leaf 1
    assert labels(html) == {"Hub", "Xavier", "Yolanda"}
    assert summary.capped and summary.nodes == 3 and summary.total_nodes == 8
    assert summary.warnings and "3 of 8" in summary.warnings[0]
    assert "3 of 8" in html  # the warning is on the page too
    # ties (all leaves have degree 1) are broken by label
    html, _ = render_to(tmp_path, g, max_nodes=5)
    assert labels(html) == {"Hub", "Xavier", "Yolanda", "Leaf 0", "Leaf 1"}


def test_large_graph_is_capped(tmp_path):  # its speed: bench/timings.py
    g = nx.MultiDiGraph()
    previous = None
    for i in range(6000):
        node = entity(g, f"e{i}", f"Entity {i}", mentions=i % 7)
        if previous:
            fact(g, previous, node, "follow")
        previous = node
    html, summary = render_to(tmp_path, g, max_nodes=500)
    assert 450 < summary.nodes <= 500 and summary.capped and summary.total_nodes == 6000
    nodes, edges = page_data(html, "nodes"), page_data(html, "edges")
    assert len(nodes) == summary.nodes
    # no node left alone by the cap: each one is in a fact on the page
    assert {n["id"] for n in nodes} == {e["from"] for e in edges} | {e["to"] for e in edges}


def test_cap_drops_nodes_left_without_a_fact_but_keeps_the_focus(tmp_path):
    g = nx.MultiDiGraph()
    hub, other = entity(g, "hub", "Hub"), entity(g, "other", "Other")
    loner = entity(g, "loner", "Loner")  # degree 3, all to literals that the cap cuts
    for i in range(3):
        fact(g, hub, entity(g, f"h{i}", f"Spoke {i}"), "visit")
        fact(g, loner, literal(g, f"q{i}", f"quote {i}"), "say")
    fact(g, other, hub, "call")
    fact(g, other, hub, "meet")
    html, summary = render_to(tmp_path, g, max_nodes=3)  # Hub (5 facts), Loner (3), Other (2)
    assert labels(html) == {"Hub", "Other"} and "showing 2 of 9 nodes" in summary.warnings[0]
    html, _ = render_to(tmp_path, g, max_nodes=2, focus="Loner", hops=1)
    assert labels(html) == {"Loner", "quote 0"}


def test_bad_arguments(tmp_path, chain):
    with pytest.raises(ExportError):
        render_html(chain, tmp_path / "g.html", max_nodes=0)
    with pytest.raises(ExportError):
        render_html(chain, tmp_path / "g.html", hops=-1)
    with pytest.raises(ExportError):
        render_html(chain, tmp_path)  # a directory


def test_empty_graph_renders(tmp_path):
    html, summary = render_to(tmp_path, nx.MultiDiGraph())
    assert summary.nodes == 0 and summary.edges == 0
    assert page_data(html, "nodes") == [] and page_data(html, "edges") == []


# --------------------------------------------------------------------------- writing


def test_no_lib_folder_in_cwd_and_parent_created(tmp_path, monkeypatch, hostile_graph):
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    summary = render_html(hostile_graph, "out/graph.html")
    assert (cwd / "out" / "graph.html").is_file()
    assert summary.path == cwd / "out" / "graph.html" or summary.path.resolve() == (cwd / "out" / "graph.html")
    assert sorted(os.listdir(cwd)) == ["out"]
    assert sorted(os.listdir(cwd / "out")) == ["graph.html"]


def test_failed_render_leaves_target_unchanged(tmp_path, monkeypatch, hostile_graph):
    target = tmp_path / "graph.html"
    target.write_text("OLD", encoding="utf-8")

    def boom(value):
        raise RuntimeError("render failed")

    monkeypatch.setattr(render, "safe_json", boom)
    with pytest.raises(RuntimeError):
        render_html(hostile_graph, target)
    assert target.read_text(encoding="utf-8") == "OLD"
    assert os.listdir(tmp_path) == ["graph.html"]


def test_failed_write_leaves_target_unchanged(tmp_path, monkeypatch, hostile_graph):
    target = tmp_path / "graph.html"
    target.write_text("OLD", encoding="utf-8")

    def failing_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(render.os, "replace", failing_replace)
    with pytest.raises(ExportError) as info:
        render_html(hostile_graph, target)
    assert "graph.html" in str(info.value)
    assert target.read_text(encoding="utf-8") == "OLD"
    assert os.listdir(tmp_path) == ["graph.html"]  # the temporary file was removed


def test_uses_pyvis_network(monkeypatch, tmp_path, hostile_graph):
    seen = {}
    original = render._network

    def spy(nodes, edges, physics):
        net = original(nodes, edges, physics)
        seen["net"] = net
        return net

    monkeypatch.setattr(render, "_network", spy)
    render_html(hostile_graph, tmp_path / "g.html")
    from pyvis.network import Network

    net = seen["net"]
    assert isinstance(net, Network) and net.directed
    assert len(net.get_nodes()) == 4 and len(net.get_edges()) == 3


def test_entities_in_no_fact_are_left_out_of_a_graph_of_facts(tmp_path):
    g = nx.MultiDiGraph()
    a, b = entity(g, "a", "Alpha Corp", "Organization"), entity(g, "b", "Beta Ltd", "Organization")
    entity(g, "c", "Lonely Town", "Place")
    fact(g, a, b, "acquire")
    html, summary = render_to(tmp_path, g)
    assert summary.nodes == 2 and labels(html) == {"Alpha Corp", "Beta Ltd"}


# --------------------------------------------------------------------------- support


@pytest.fixture
def supported_graph():
    """Russia -sanction-> Iran in three documents (once negated), Iran -buy-> oil in one."""
    g = nx.MultiDiGraph()
    russia, iran = entity(g, "r", "Russia", "Place"), entity(g, "i", "Iran", "Place")
    for n, doc in enumerate(("d1", "d2", "d2", "d3")):
        fact(g, russia, iran, "sanction", key=f"s{n}", document=doc, sentence=f"Sanctions {n}.")
    fact(g, russia, iran, "sanction", key="neg", document="d4", negated=True)
    fact(g, iran, literal(g, "oil", "oil"), "buy", key="b", document="d1")
    return g


def test_edge_width_grows_with_documents_not_repeats(tmp_path, supported_graph):
    html, _ = render_to(tmp_path, supported_graph)
    edges = {e["label"]: e for e in page_data(html, "edges")}
    assert "Support: 4 facts in 3 documents" in edges["sanction"]["title"]
    assert "Documents: d1, d2, d3" in edges["sanction"]["title"]
    assert edges["sanction"]["width"] == round(1 + 2 * math.log2(3), 2) > edges["buy"]["width"] == 1.0


@pytest.mark.parametrize(
    ("min_support", "expected", "edge_labels"),
    [
        (1, {"Russia", "Iran", "oil"}, {"sanction", "not sanction", "buy"}),
        (2, {"Russia", "Iran"}, {"sanction"}),  # repeats in one document do not count twice
        (3, {"Russia", "Iran"}, {"sanction"}),
        (4, set(), set()),
    ],
)
def test_min_support_keeps_facts_found_in_enough_documents(
    tmp_path, supported_graph, min_support, expected, edge_labels
):
    html, _ = render_to(tmp_path, supported_graph, min_support=min_support)
    assert labels(html) == expected
    assert {e["label"] for e in page_data(html, "edges")} == edge_labels
    if min_support > 1:
        assert f"facts found in {min_support} documents or more" in html


def test_min_support_with_focus_keeps_the_focus(tmp_path, supported_graph):
    html, _ = render_to(tmp_path, supported_graph, min_support=5, focus="Iran", hops=1)
    assert labels(html) == {"Iran"}


def test_min_support_below_one_is_an_error(tmp_path, supported_graph):
    with pytest.raises(ExportError, match="min_support"):
        render_html(supported_graph, tmp_path / "g.html", min_support=0)


def test_page_marks_itself_ready_once_laid_out(tmp_path, supported_graph):
    """The browser test (test_browser.py) waits for this mark; with physics it comes after
    stabilising, when the simulation is switched off."""
    html, _ = render_to(tmp_path, supported_graph)
    script = html[html.rindex("<script>") :]
    assert script.index('network.once("stabilizationIterationsDone"') < script.index("network.setData(")
    assert 'container.dataset.kgState = "ready"' in script


def test_cli_render_options(tmp_path, seed_graph):
    from typer.testing import CliRunner

    from kg.cli import app

    out = tmp_path / "g.html"
    args = ["render", "--store", str(seed_graph.path), "-o", str(out)]
    result = CliRunner().invoke(
        app,
        [*args, "--focus", "Sergey Lavrov", "--hops", "1", "--min-support", "2", "--no-physics", "--max-nodes", "50"],
    )
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "Sergey Lavrov" in labels(html) and page_data(html, "options")["physics"]["enabled"] is False
    assert "facts found in 2 documents or more" in html
    result = CliRunner().invoke(app, [*args, "--force", "--min-support", "0"])
    assert (
        result.exit_code == 1
        and "error: KG508: min_support must be at least 1" in result.output
        and "Traceback" not in result.output
    )
