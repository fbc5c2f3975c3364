"""The explorer in a real headless Chromium (tests/browser.py, offline: every host name but
127.0.0.1 resolves to nothing, every request recorded): a person searches "peskov", opens the
entity page, follows a fact to its sentence in the document, opens the neighbourhood, clicks a
node, runs a named query and sorts it; no page logs a console error or a CSP violation, none
asks for anything but the server, and hostile article text (script, ``<img onerror>``, a
``javascript:`` URL) is shown as text. Also: ``kg render``'s focus view has no node on another.

Skipped when Chromium is missing, unless KG_REQUIRE_BROWSER=1 (as in CI), where that fails.
"""

from __future__ import annotations

import json
import os
import shutil
import urllib.parse

import pytest

import kg
from kg.views.render import render_html
from kg.views.serve import serve
from tests.browser import READY, Browser, find_chromium
from tests.conftest import SEEDS
from tests.views.explorer import IMG, JS_URL, SCRIPT

pytestmark = pytest.mark.slow  # builds the seeds and drives headless Chromium

HOSTILE = {
    "id": "hostile",
    "title": f"{SCRIPT} Kremlin {IMG}",
    "url": JS_URL,
    "source": f"{IMG}",
    "text": f"Kremlin spokesman Dmitry Peskov said {SCRIPT} talks with Washington were difficult. "
    f"Sergey Lavrov met {IMG} in Moscow on Monday, Peskov added.",
}
#: How the first column of the results table is ordered, as a person reads it (case ignored).
SORTED = """(function () {
  var cells = [...document.querySelectorAll('#kg-table tbody tr td:first-child')]
    .map(c => c.innerText.trim().toLowerCase());
  var up = true, down = true;
  for (var i = 1; i < cells.length; i++) {
    var order = cells[i - 1].localeCompare(cells[i]);
    up = up && order <= 0; down = down && order >= 0;
  }
  return up && down ? "constant" : up ? "ascending" : down ? "descending" : "unsorted";
})()"""
LOADED = "document.readyState === 'complete' && location.protocol === 'http:'"
#: Pairs of node ids whose drawn boxes (label included) overlap.
OVERLAPS = """(function () {
  var n = kgNetwork, ids = n.body.data.nodes.getIds(), boxes = ids.map(function (id) { return n.getBoundingBox(id); });
  var bad = [];
  for (var i = 0; i < ids.length; i++) for (var j = i + 1; j < ids.length; j++) {
    var a = boxes[i], b = boxes[j];
    if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) bad.push([ids[i], ids[j]]);
  }
  return bad;
})()"""


@pytest.fixture(scope="module")
def browser():
    executable = find_chromium()
    if executable is None:
        reason = "chromium not found (apt-get install chromium, or set KG_CHROMIUM)"
        if os.environ.get("KG_REQUIRE_BROWSER") == "1":
            pytest.fail(f"KG_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    with Browser(executable, width=1280, height=900) as running:
        yield running


@pytest.fixture(scope="module")
def site(tmp_path_factory, nlp):
    """The seed articles and one hostile article, built and served."""
    folder = tmp_path_factory.mktemp("articles")
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, folder / seed.name)
    (folder / "hostile.jsonl").write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    store = folder.parent / "store"
    kg.build([str(folder)], store, nlp=nlp)
    with serve(store, "127.0.0.1", 0) as server:
        yield server.url.rsplit("/", 1)[0]


def visit(browser, url: str, ready: str = LOADED):
    page = browser.open(url)
    page.wait_for(ready, timeout=120)
    return page


def settle(browser, page, ready: str = LOADED) -> None:
    """Wait for the navigation a click started, and for late console messages."""
    page.wait_for(f"!window.__kgOld && {ready}", timeout=120)
    browser.pump(0.3)


def click(page, selector: str) -> None:
    """Follow a link as a person would: a mouse click on it."""
    page.evaluate("window.__kgOld = true")
    point = page.evaluate(
        f"(function () {{ var e = document.querySelector({json.dumps(selector)}); e.scrollIntoView();"
        " var r = e.getClientRects()[0]; return [r.left + Math.min(5, r.width / 2), r.top + r.height / 2]; })()"
    )
    for kind in ("mousePressed", "mouseReleased"):
        page.send("Input.dispatchMouseEvent", type=kind, x=point[0], y=point[1], button="left", clickCount=1)


def clean(page, root: str) -> None:
    assert page.errors == []
    outside = [r for r in page.requests if not r.startswith(root + "/") and not r.startswith("data:")]
    assert outside == []


def test_from_a_name_to_its_facts_sources_neighbourhood_and_a_query(browser, site):
    page = visit(browser, site + "/")
    page.send("Runtime.evaluate", expression="document.querySelector('.kg-search-big input').focus()")
    page.send("Input.insertText", text="peskov")
    page.wait_for("!!document.querySelector('.kg-search-big .kg-suggestions a')", timeout=20)
    assert page.evaluate("document.querySelector('.kg-search-big .kg-suggestions a').textContent") == "Dmitry Peskov"
    click(page, ".kg-search-big .kg-suggestions a")
    settle(browser, page)
    assert page.evaluate("document.querySelector('h1').textContent.trim()") == "Dmitry Peskov"
    assert page.evaluate("document.querySelectorAll('#said .kg-fact').length") > 3
    assert "Kremlin spokesman" in page.evaluate("document.getElementById('roles').innerText")
    entity = page.evaluate("location.href")

    click(page, "#said .kg-quote a")  # a fact's sentence, in its document
    settle(browser, page)
    anchor = page.evaluate("location.hash")
    assert anchor.startswith("#s") and page.evaluate("document.querySelector(':target').tagName") == "MARK"
    sentence = page.evaluate("document.querySelector(':target').innerText")
    assert "Peskov" in sentence or "he said" in sentence or "spokesman" in sentence
    assert page.evaluate(f"!!document.querySelector('#f-{anchor[1:]} .kg-fact')")  # listed beside it
    clean(page, site)

    page = visit(browser, entity)
    click(page, "#kg-neighbourhood-link")
    settle(browser, page, READY + " === 'ready'")
    labels = page.evaluate("kgNetwork.body.data.nodes.get().map(function (n) { return n.label; })")
    assert "Dmitry Peskov" in labels and len(labels) > 5
    assert page.evaluate(OVERLAPS) == []
    clean(page, site)

    page = visit(browser, site + "/query")
    click(page, "#kg-named a[href='/query?name=who-said-what']")
    settle(browser, page)
    rows = page.evaluate("document.querySelectorAll('#kg-table tbody tr').length")
    assert rows > 10
    click(page, "#kg-table th:nth-child(1) button")
    assert page.evaluate(SORTED) == "ascending"
    page.evaluate("document.querySelector('#kg-table th:nth-child(1) button').click()")
    assert page.evaluate(SORTED) == "descending"  # the second click sorts the other way
    assert page.evaluate("document.getElementById('kg-csv').getAttribute('href')").startswith("/query.csv?")
    clean(page, site)


def test_a_neighbourhood_node_opens_its_page_and_the_filters_apply(browser, site):
    page = visit(browser, site + "/search?q=russia")
    click(page, "#kg-hits a")
    settle(browser, page)
    iri = "https://w3id.org/kg-news/" + page.evaluate("location.pathname").split("/", 2)[2]
    url = f"{site}/neighbourhood?entity={urllib.parse.quote(iri, safe='')}&hops=1"
    page = visit(browser, url, READY + " === 'ready'")
    kinds = page.evaluate("kgNetwork.body.data.nodes.get().map(function (n) { return n.kind; })")
    assert "Literal" in kinds and page.evaluate(OVERLAPS) == []
    others = page.evaluate(
        "kgNetwork.body.data.nodes.get().filter(function (n) { return n.kind !== 'Literal' && n.label !== 'Russia'; })"
        ".map(function (n) { return [n.id, n.label, n.kind]; })"
    )
    assert others and "Concept" in kinds  # a concept node (concept:...) opens its page too
    node, label, _ = next(o for o in others if o[2] == "Concept")
    page.evaluate("window.scrollTo(0, 0); window.__kgOld = true")
    point = page.evaluate(
        f"(function () {{ var p = kgNetwork.canvasToDOM(kgNetwork.getPositions([{node}])[{node}]);"
        " var r = document.getElementById('kg-network').getBoundingClientRect();"
        " return [p.x + r.left, p.y + r.top]; })()"
    )
    for kind in ("mousePressed", "mouseReleased"):
        page.send("Input.dispatchMouseEvent", type=kind, x=point[0], y=point[1], button="left", clickCount=1)
    settle(browser, page)
    assert page.evaluate("document.querySelector('h1').textContent.trim()") == label
    clean(page, site)
    page = visit(browser, url + "&entities_only=1", READY + " === 'ready'")
    kinds = page.evaluate("kgNetwork.body.data.nodes.get().map(function (n) { return n.kind; })")
    entities = [o for o in others if o[2] != "Concept"]
    assert "Literal" not in kinds and "Concept" not in kinds and len(kinds) == len(entities) + 1
    clean(page, site)


def test_hostile_article_text_is_shown_as_text(browser, site):
    page = visit(browser, site + "/query?name=documents-mentioning&entity=Dmitry%20Peskov&run=1")
    href = page.evaluate(
        "[...document.querySelectorAll('#kg-table a')].map(a => a.getAttribute('href'))"
        ".find(h => h.indexOf('/doc/hostile') > 0)"
    )
    assert href
    page = visit(browser, site + href)
    browser.pump(0.3)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert page.evaluate("document.scripts.length") == 1  # kg.js, nothing injected
    assert SCRIPT in page.evaluate("document.querySelector('h1').textContent")
    assert SCRIPT in page.evaluate("document.querySelector('.kg-body').textContent")
    assert page.evaluate("[...document.links].some(a => a.protocol === 'javascript:')") is False
    assert JS_URL in page.evaluate("document.querySelector('.kg-meta-list').innerText")
    assert SCRIPT in page.evaluate("document.title")
    clean(page, site)


def test_render_focus_view_puts_no_node_on_another_and_names_itself(browser, seed_graph, tmp_path):
    path = tmp_path / "peskov.html"
    render_html(seed_graph.to_networkx(), path, focus="Peskov", hops=1, name="seeds")
    page = browser.open(path.resolve().as_uri())
    assert page.wait_for(READY, timeout=120) == "ready"
    assert page.evaluate("kgNetwork.body.data.nodes.length") > 10
    assert page.evaluate(OVERLAPS) == []
    assert page.evaluate("document.title") == "Dmitry Peskov, 1 hop — seeds"
    assert page.errors == []
