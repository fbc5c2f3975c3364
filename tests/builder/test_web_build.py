"""Building the graph from the web: a folder of news pages, a crawl, a list of URLs. Titles,
dates, outlets, authors and URLs reach the document nodes; no page furniture reaches a fact."""

from __future__ import annotations

import threading

import pytest
from typer.testing import CliRunner

import kg
from kg.cli import app
from tests.ingest.test_fetch import Handler, QuietServer
from tests.ingest.test_html import EXPECTED, FURNITURE, PAGES
from tests.ingest.test_warc import HERALD, WIRE, write_crawl

pytestmark = pytest.mark.slow  # builds stores with the model

DOCUMENTS = """
SELECT ?id ?title ?date ?source ?author ?url WHERE {
  ?d a kg:Document ; dcterms:identifier ?id .
  OPTIONAL { ?d dcterms:title ?title } OPTIONAL { ?d dcterms:date ?date }
  OPTIONAL { ?d dcterms:source ?source } OPTIONAL { ?d dcterms:creator ?author }
  OPTIONAL { ?d schema:url ?url }
} ORDER BY ?id
"""
FACT_TEXT = """
SELECT ?text WHERE {
  { ?f a kg:Fact ; kg:sentence/kg:text ?text } UNION { ?f a kg:Fact ; rdf:subject ?text FILTER(isLiteral(?text)) }
  UNION { ?f a kg:Fact ; rdf:object ?text FILTER(isLiteral(?text)) } UNION { ?f a kg:Fact ; kg:extra ?text }
  UNION { ?e a kg:Entity ; rdfs:label ?text }
}
"""


def rows(graph, sparql: str) -> list[list]:
    return [list(row) for row in graph.query(sparql).rows]


@pytest.fixture(scope="module")
def pages_graph(tmp_path_factory, nlp):
    warnings: list[str] = []
    graph = kg.build([str(PAGES)], tmp_path_factory.mktemp("pages") / "store", nlp=nlp, on_warning=warnings.append)
    return graph, warnings


def test_a_folder_of_news_pages_builds_with_their_metadata(pages_graph):
    graph, warnings = pages_graph
    found = {row[0]: row[1:] for row in rows(graph, DOCUMENTS)}
    assert sorted(found) == sorted(EXPECTED)  # the section page has no article
    for page, expected in EXPECTED.items():
        assert found[page] == [expected[key] for key in ("title", "date", "source", "author", "url")]
    assert warnings == [f"{PAGES / 'topic-index.html'}: no article text in the page"]


def test_no_page_furniture_in_any_fact_or_entity(pages_graph):
    graph, _ = pages_graph
    texts = [row[0] for row in rows(graph, FACT_TEXT) if row[0]]
    assert texts  # the pages gave facts
    leaked = sorted({word for text in texts for word in FURNITURE if word in text})
    assert leaked == []
    assert not any(marker in text for text in texts for marker in ("<", "li>", "dir=", "{", "Helvetica"))


def test_a_crawl_builds(tmp_path, nlp):
    crawl = write_crawl(tmp_path / "crawl.warc.gz", compress=True)
    graph = kg.build([str(crawl)], tmp_path / "store", nlp=nlp)
    urls = [row[5] for row in rows(graph, DOCUMENTS)]
    assert urls == [HERALD, WIRE]


def test_a_list_of_urls_builds_and_each_failed_url_is_one_line(tmp_path):
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        urls = tmp_path / "urls.txt"
        urls.write_text(f"{base}/news/felixstowe\n{base}/missing\n{base}/photo\n", encoding="utf-8")
        store = tmp_path / "store"
        result = CliRunner().invoke(app, ["build", f"{base}/plain", "--urls", str(urls), "--store", str(store), "-q"])
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert result.exit_code == 1  # some sources failed; the others are built
    assert result.stderr.splitlines() == [
        f"error: KG116: {base}/missing: HTTP 404 Not Found",
        f"error: KG119: {base}/photo: not a web page or text (image/png)",
        "error: 2 source(s) could not be read; the others were built",
    ]
    titles = [row[1] for row in rows(kg.open_graph(store), DOCUMENTS)]
    assert titles == ["Dock workers strike over pay at Port of Felixstowe", "Port strike ends"]
