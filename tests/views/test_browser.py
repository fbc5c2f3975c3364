"""The rendered page in a real headless Chromium (driven over the DevTools protocol, tests/browser.py):
it loads offline with no console errors, the network holds the expected nodes, the layout
stabilises and stops, a screenshot has real pixels, and hostile article text runs no script.

Skipped when Chromium is missing, unless KG_REQUIRE_BROWSER=1 (as in CI), where that fails.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections import Counter

import networkx as nx
import pytest

import kg
from kg.ingest.clean import clip
from kg.views.nodes import is_entity_node
from kg.views.render import TYPE_COLOURS, render_html
from tests.browser import READY, Browser, find_chromium, png_pixels
from tests.graphs import entity, fact, literal

pytestmark = pytest.mark.slow  # drives headless Chromium

SCRIPT_PAYLOAD = "<script>window.__pwned=1</script>"
IMG_PAYLOAD = '<img src=x onerror="window.__pwned=1">'
HOSTILE_ARTICLE = (
    f"Kremlin spokesman Dmitry Peskov said {SCRIPT_PAYLOAD} talks with Washington were difficult.\n"
    f"Sergey Lavrov met {IMG_PAYLOAD} in Moscow on Monday, Peskov added.\n"
)
NODE_LABELS = "kgNetwork.body.data.nodes.get().map(function (n) { return n.label; })"


@pytest.fixture(scope="module")
def browser():
    executable = find_chromium()
    if executable is None:
        reason = "chromium not found (apt-get install chromium, or set KG_CHROMIUM)"
        if os.environ.get("KG_REQUIRE_BROWSER") == "1":
            pytest.fail(f"KG_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    with Browser(executable, width=1280, height=800) as running:
        yield running


def load(browser, path):
    """Open a rendered page, wait until it is laid out, and check it loaded offline, cleanly."""
    page = browser.open(path.resolve().as_uri())
    assert page.wait_for(READY, timeout=120) == "ready"
    browser.pump(0.3)  # late console messages
    assert page.errors == []
    assert page.requests == [path.resolve().as_uri()]  # nothing but the page itself
    return page


def assert_no_remote_resources(html: str) -> None:
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=", html, re.I)
    assert "@import" not in html and "url(http" not in html


# --------------------------------------------------------------------------- the seed graph


def test_seed_page_loads_offline_and_holds_the_graph(browser, seed_graph, tmp_path):
    path = tmp_path / "graph.html"
    summary = seed_graph.render(path)
    assert_no_remote_resources(path.read_text(encoding="utf-8"))
    page = load(browser, path)
    names = set(page.evaluate(NODE_LABELS))
    assert {"Dmitry Peskov", "Sergey Lavrov", "Rex Tillerson", "Russia"} <= names
    assert len(names) <= summary.nodes == page.evaluate("kgNetwork.body.data.nodes.length")
    assert page.evaluate("kgNetwork.body.data.edges.length") == summary.edges
    drawn = page.evaluate("Object.keys(kgNetwork.getPositions()).length")
    assert drawn == summary.nodes
    # the layout stabilised and the simulation is off: nothing moves any more
    assert page.evaluate("kgNetwork.physics.physicsEnabled") is False
    before = page.evaluate("JSON.stringify(kgNetwork.getPositions())")
    time.sleep(0.5)
    assert page.evaluate("JSON.stringify(kgNetwork.getPositions())") == before
    # the legend is on the page, one row per type present
    legend = page.evaluate("document.getElementById('kg-legend').innerText")
    assert "Person" in legend and "Place" in legend and "Literal value" in legend


def test_screenshot_has_real_pixels(browser, seed_graph, tmp_path):
    path = tmp_path / "graph.html"
    seed_graph.render(path, focus="Sergey Lavrov", hops=1)
    page = load(browser, path)
    shot = page.screenshot(tmp_path / "graph.png")
    assert shot.stat().st_size > 10_000
    width, height, rows = png_pixels(shot)
    assert (width, height) == (1280, 800)
    channels = len(rows[0]) // width
    pixels = Counter(bytes(row[x : x + 3]) for row in rows[100:] for x in range(0, len(row), channels))
    assert len(pixels) > 50  # text, nodes, edges: not a blank page
    person = bytes.fromhex(TYPE_COLOURS["Person"][1:])
    assert pixels[person] > 50  # Lavrov's (and his neighbours') blue dots are drawn


def test_focus_page_holds_only_the_neighbourhood(browser, seed_graph, tmp_path):
    graph = seed_graph.to_networkx()
    lavrov = next(n for n, d in graph.nodes(data=True) if d.get("label") == "Sergey Lavrov")
    around = set(nx.all_neighbors(graph, lavrov)) | {lavrov}
    # literal values are drawn as boxes with their text clipped to 40 characters
    expected = {
        graph.nodes[n]["label"] if is_entity_node(graph, n) else clip(graph.nodes[n]["label"], 40) for n in around
    }
    path = tmp_path / "lavrov.html"
    summary = render_html(graph, path, focus="Sergey Lavrov", hops=1)
    page = load(browser, path)
    shown = page.evaluate(NODE_LABELS)
    assert set(shown) == expected and len(shown) == len(around) == summary.nodes
    assert "Dmitry Peskov" not in shown and "Sergey Lavrov" in shown


# --------------------------------------------------------------------------- hostile text


@pytest.fixture
def hostile_page(tmp_path, nlp):
    """A real article carrying script in its sentences, plus entities and an attribution that
    are script: labels, tooltips and the caption all hold it."""
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "evil.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    graph = kg.build([str(tmp_path / "articles")], tmp_path / "store", nlp=nlp).to_networkx()
    evil = entity(graph, "evil-0000000001", SCRIPT_PAYLOAD, "Organization", mentions=4)
    img = entity(graph, "evil-0000000002", IMG_PAYLOAD, "Person", mentions=4)
    fact(
        graph,
        evil,
        img,
        "fund",
        document="evil",
        sentence=f"{SCRIPT_PAYLOAD} funds {IMG_PAYLOAD}.",
        attributed_to=IMG_PAYLOAD,
    )
    fact(graph, img, literal(graph, "evil-literal", IMG_PAYLOAD), "say", document="evil", negated=True)
    path = tmp_path / "evil.html"
    render_html(graph, path, title=f"{SCRIPT_PAYLOAD}{IMG_PAYLOAD}")
    return path


#: A point (page coordinates) where the mouse is over the given node or edge and nothing else.
FIND_POINT = """(function (kind, id) {
  var n = kgNetwork, box = document.getElementById('kg-network').getBoundingClientRect();
  for (var t = 0.5, step = 0; step < 40; step++, t = 0.5 + (step % 2 ? 1 : -1) * Math.ceil(step / 2) * 0.02) {
    // a node's centre, or a point on the edge as drawn (curved or not)
    var d = n.canvasToDOM(kind === 'node' ? n.getPositions([id])[id] : n.body.edges[id].edgeType.getPoint(t));
    var node = n.getNodeAt(d), edge = n.getEdgeAt(d);
    if (kind === 'node' ? node === id : node === undefined && edge === id) {
      return [d.x + box.left, d.y + box.top];
    }
  }
  return null;
})"""


def hover(page, kind: str, item_id: int) -> str:
    """Move the mouse onto a node (or a free stretch of an edge) and return the tooltip's text."""
    point = page.evaluate(f"{FIND_POINT}({json.dumps(kind)}, {item_id})")
    assert point, f"no free point on {kind} {item_id}"
    for dx in (0, 1):  # two moves: vis shows the tooltip after a hover and a short delay
        page.send("Input.dispatchMouseEvent", type="mouseMoved", x=point[0] + dx, y=point[1])
    return page.wait_for(
        "(function () { var t = document.querySelector('div.vis-tooltip');"
        " return t && t.style.visibility !== 'hidden' && t.textContent; })()",
        timeout=10,
    )


def test_hostile_text_runs_no_script(browser, hostile_page):
    html = hostile_page.read_text(encoding="utf-8")
    assert "window.__pwned" in html  # the payloads are in the page, as data
    page = load(browser, hostile_page)  # no request for "x": the <img> was never an element
    labels = page.evaluate(NODE_LABELS)
    assert SCRIPT_PAYLOAD in labels and IMG_PAYLOAD in labels
    assert any("__pwned" in label and label != SCRIPT_PAYLOAD for label in labels)  # from the article
    nodes = json.loads(page.evaluate("JSON.stringify(kgNetwork.body.data.nodes.get({fields: ['id', 'label']}))"))
    edges = json.loads(page.evaluate("JSON.stringify(kgNetwork.body.data.edges.get({fields: ['id', 'label']}))"))
    node_id = next(n["id"] for n in nodes if n["label"] == IMG_PAYLOAD)
    tooltip = hover(page, "node", node_id)
    assert tooltip.startswith(IMG_PAYLOAD) and "Type: Person" in tooltip
    edge_id = next(e["id"] for e in edges if e["label"] == "fund")
    tooltip = hover(page, "edge", edge_id)
    assert f"Attributed to: {IMG_PAYLOAD}" in tooltip and f"“{SCRIPT_PAYLOAD} funds {IMG_PAYLOAD}.”" in tooltip
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert page.evaluate("document.scripts.length") == 5  # the page's own, none injected
    assert page.evaluate("document.title") == f"{SCRIPT_PAYLOAD}{IMG_PAYLOAD}"
    assert page.errors == [] and page.requests == [hostile_page.resolve().as_uri()]


# --------------------------------------------------------------------------- a large graph


def test_large_graph_stabilises_and_stops(browser, tmp_path):
    graph = nx.MultiDiGraph()
    people = [entity(graph, f"p{i:04d}", f"Person {i:04d}", mentions=i % 30) for i in range(400)]
    for i, person in enumerate(people):
        for step in (1, 7, 31):
            fact(
                graph,
                person,
                people[(i * step + step) % len(people)],
                "meet",
                key=f"f{i}-{step}",
                document=f"d{i % 50}",
            )
    path = tmp_path / "large.html"
    summary = render_html(graph, path, max_nodes=300)
    assert summary.nodes == 300 and summary.capped
    page = load(browser, path)
    assert page.evaluate("kgNetwork.body.data.nodes.length") == 300
    assert page.evaluate("kgNetwork.physics.physicsEnabled") is False
    before = page.evaluate("JSON.stringify(kgNetwork.getPositions())")
    time.sleep(0.5)
    assert page.evaluate("JSON.stringify(kgNetwork.getPositions())") == before
