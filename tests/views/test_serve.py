"""The SPARQL endpoint (kg serve) through a real HTTP client, SPARQLWrapper, and urllib."""

from __future__ import annotations

import csv
import io
import json
import signal
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.store.store import Store
from kg.views.serve import negotiate, serve
from tests.records import sample_store

SPARQLWrapper = pytest.importorskip("SPARQLWrapper")
from SPARQLWrapper import CSV, JSON, POST, POSTDIRECTLY, TSV, TURTLE, XML  # noqa: E402
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed  # noqa: E402

LABELS = "SELECT ?e ?label WHERE { ?e a kg:Person ; rdfs:label ?label } ORDER BY ?label"
PEOPLE = ["Dmitry Peskov", "Vladimir Putin"]
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # ~3 s on the sample store


@contextmanager
def running(path, **options):
    """A server over the store at ``path`` on a free loopback port, in a thread, shut down after."""
    with serve(path, "127.0.0.1", 0, **options) as server:
        yield server


@pytest.fixture(scope="module")
def endpoint(store_path):
    with running(store_path) as server:
        yield server.url


def client(url, query, fmt=JSON, method=None, direct=False):
    sparql = SPARQLWrapper.SPARQLWrapper(url)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    sparql.setTimeout(20)
    if method:
        sparql.setMethod(method)
    if direct:
        sparql.setRequestMethod(POSTDIRECTLY)
    return sparql.query()


def http(url, query=None, *, accept=None, data=None, ctype=None, params=None):
    """(status, headers, body text) of a plain urllib request."""
    fields = dict(params or {}, **({"query": query} if query is not None else {}))
    full = url + ("?" + urllib.parse.urlencode(fields) if fields else "")
    request = urllib.request.Request(full, data=data, method="POST" if data is not None else "GET")
    for name, value in (("Accept", accept), ("Content-Type", ctype)):
        if value:
            request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.headers, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read().decode("utf-8")


# ---------------------------------------------------------------- results by Accept
def test_select_json_over_get(endpoint):
    answer = client(endpoint, LABELS).convert()
    assert answer["head"]["vars"] == ["e", "label"]
    rows = answer["results"]["bindings"]
    assert [row["label"]["value"] for row in rows] == PEOPLE
    assert rows[0]["e"]["type"] == "uri" and rows[0]["e"]["value"].startswith("https://w3id.org/kg-news/entity/")
    assert rows[0]["label"] == {"type": "literal", "value": "Dmitry Peskov"}  # xsd:string: no datatype


def test_json_keeps_datatypes_and_languages(endpoint):
    query = 'SELECT ?c ?l WHERE { ?f kg:confidence ?c . kg:Person rdfs:label ?l . FILTER(LANG(?l) = "en") } LIMIT 1'
    row = client(endpoint, query).convert()["results"]["bindings"][0]
    assert row["c"]["datatype"].startswith("http://www.w3.org/2001/XMLSchema#")
    assert row["l"]["xml:lang"] == "en"


def test_select_xml(endpoint):
    document = client(endpoint, LABELS, XML).convert()  # a minidom Document
    literals = [node.firstChild.data for node in document.getElementsByTagName("literal")]
    assert literals == PEOPLE
    assert len(document.getElementsByTagName("uri")) == 2
    assert document.documentElement.getAttribute("xmlns") == "http://www.w3.org/2005/sparql-results#"


def test_select_csv(endpoint):
    text = client(endpoint, LABELS, CSV).convert().decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["e", "label"]
    assert [row[1] for row in rows[1:]] == PEOPLE
    assert text.endswith("\r\n")


def test_select_tsv(endpoint):
    lines = client(endpoint, LABELS, TSV).convert().decode("utf-8").splitlines()
    assert lines[0] == "?e\t?label"
    assert [line.split("\t")[1] for line in lines[1:]] == [f'"{p}"' for p in PEOPLE]
    assert all(line.split("\t")[0].startswith("<https://") for line in lines[1:])


def test_ask_json_and_xml(endpoint):
    assert client(endpoint, 'ASK { ?e rdfs:label "Vladimir Putin" }').convert()["boolean"] is True
    assert client(endpoint, 'ASK { ?e rdfs:label "Nobody" }').convert()["boolean"] is False
    document = client(endpoint, 'ASK { ?e rdfs:label "Vladimir Putin" }', XML).convert()
    assert document.getElementsByTagName("boolean")[0].firstChild.data == "true"


def test_construct_as_turtle_and_ntriples(endpoint):
    from rdflib import Graph

    query = "CONSTRUCT { ?e rdfs:label ?l } WHERE { ?e a kg:Person ; rdfs:label ?l }"
    turtle = client(endpoint, query, TURTLE).convert()
    graph = Graph().parse(data=turtle, format="turtle")
    assert sorted(str(o) for o in graph.objects()) == PEOPLE
    status, headers, text = http(endpoint, query, accept="application/n-triples")
    assert status == 200 and headers["Content-Type"] == "application/n-triples"
    assert len(text.strip().splitlines()) == 2 and all(line.endswith(" .") for line in text.strip().splitlines())


def test_unacceptable_format_is_406(endpoint):
    status, _, text = http(endpoint, LABELS, accept="image/png")
    assert status == 406 and "application/sparql-results+json" in text


def test_negotiation_follows_quality_and_specificity():
    assert negotiate(None, "results") == "json"
    assert negotiate("*/*", "results") == "json"
    assert negotiate("text/*", "results") == "xml"  # text/xml, before text/csv
    assert negotiate("application/sparql-results+json;q=0.5, text/tab-separated-values", "results") == "tsv"
    assert negotiate("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "results") == "xml"
    assert negotiate("*/*, text/csv", "results") == "csv"
    assert negotiate("text/csv;q=0", "results") is None
    assert negotiate("*/*", "graph") == "ttl"
    assert negotiate("application/n-triples", "graph") == "nt"
    assert negotiate("application/sparql-results+json", "graph") is None


# ---------------------------------------------------------------- the protocol's three ways
def test_post_form_and_post_body(endpoint):
    for direct in (False, True):
        answer = client(endpoint, LABELS, method=POST, direct=direct).convert()
        assert [row["label"]["value"] for row in answer["results"]["bindings"]] == PEOPLE


def test_bad_requests_are_400_or_415(endpoint):
    assert http(endpoint, data=b"", ctype="application/x-www-form-urlencoded")[0] == 400  # no query
    assert http(endpoint, params={"default-graph-uri": "x"})[0] == 400  # parameters but no query
    assert http(endpoint, LABELS, params={"default-graph-uri": "http://x"})[0] == 400
    status, _, _ = http(endpoint, LABELS, data=b"query=x", ctype="application/sparql-query")
    assert status == 400  # a query in the URL and one in the body
    assert http(endpoint, data=LABELS.encode(), ctype="text/plain")[0] == 415
    assert http(endpoint, data=b"query=%ff", ctype="application/x-www-form-urlencoded")[0] == 400
    assert http(endpoint.replace("/sparql", "/nowhere"))[0] == 404


def test_root_page_names_the_endpoint_escaped(tmp_path):
    path = tmp_path / "<b>&store"
    sample_store(path)
    with running(path) as server:
        status, headers, text = http(server.url.replace("/sparql", "/"))
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert server.url in text and "&lt;b&gt;&amp;store" in text and "<b>" not in text


# ---------------------------------------------------------------- read-only, limits, refusals
def test_updates_are_refused_and_the_store_is_unchanged(endpoint, store_path):
    before = len(Store.open(store_path))
    update = "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }"
    for direct in (False, True):  # update= in a form, and an application/sparql-update body
        with pytest.raises(urllib.error.HTTPError) as refused:
            client(endpoint, update, method=POST, direct=direct)
        assert refused.value.code == 403
    assert http(endpoint, params={"update": update})[0] == 403
    status, _, text = http(endpoint, update)  # an update given as query=
    assert status == 403 and text.startswith("KG402") and len(text.splitlines()) == 1
    assert len(Store.open(store_path)) == before
    assert client(endpoint, "ASK { <http://example.org/a> ?p ?o }").convert()["boolean"] is False


def test_syntax_error_is_400_with_the_message(endpoint):
    with pytest.raises(QueryBadFormed) as bad:
        client(endpoint, "SELECT ?x WHERE { ?x ?y }")
    assert "KG401" in str(bad.value)
    status, _, text = http(endpoint, "SELEKT * WHERE { ?s ?p ?o }")
    assert status == 400 and text.startswith("KG401") and len(text.splitlines()) == 1


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }",
    ],
)
def test_service_and_from_are_refused(endpoint, query):
    with pytest.raises(urllib.error.HTTPError) as refused:
        client(endpoint, query)
    assert refused.value.code == 403
    assert http(endpoint, query)[2].startswith("KG403")


def test_row_cap_truncates_and_says_so(store_path):
    with running(store_path, max_rows=3) as server:
        status, headers, text = http(server.url, "SELECT * WHERE { ?s ?p ?o }")
        assert status == 200 and headers["X-KG-Truncated"] == "true"
        assert len(json.loads(text)["results"]["bindings"]) == 3
        status, headers, text = http(server.url, "SELECT * WHERE { ?s ?p ?o } LIMIT 2", accept="text/csv")
        assert status == 200 and headers["X-KG-Truncated"] is None and len(text.splitlines()) == 3
        status, headers, text = http(server.url, "CONSTRUCT WHERE { ?s ?p ?o }")
        assert status == 200 and headers["X-KG-Truncated"] == "true"


def test_time_limit_gives_503_and_stops_the_query_so_its_slot_is_free(store_path):
    with running(store_path, timeout=0.2, workers=1) as server:
        status, headers, text = http(server.url, SLOW)
        assert status == 503 and text.startswith("KG404") and "timed out" in text and headers["Retry-After"]
        assert "stopped" in text
        status, _, text = http(server.url, "ASK {}")  # the only worker was killed and replaced
        assert status == 200 and json.loads(text)["boolean"] is True


def test_a_rebuilt_store_is_served_without_a_restart(tmp_path):
    path = tmp_path / "store"
    sample_store(path)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    with running(path) as server:
        first = client(server.url, count).convert()["results"]["bindings"][0]["n"]["value"]
        with Store.writing(path) as writer:
            writer.replace([])
        second = client(server.url, count).convert()["results"]["bindings"][0]["n"]["value"]
    assert int(first) > 0 and second == "0"


# ---------------------------------------------------------------- the command
def test_serve_on_a_missing_store_is_one_line_exit_1(tmp_path):
    result = CliRunner().invoke(app, ["serve", "--store", str(tmp_path / "none")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.startswith("error: KG301") and len(result.output.strip().splitlines()) == 1


@pytest.mark.slow  # serves from a subprocess
@pytest.mark.parametrize("signum", [signal.SIGINT, pytest.param(signal.SIGTERM, marks=pytest.mark.slow)])
def test_kg_serve_announces_and_stops_on_ctrl_c_or_sigterm(store_path, signum):
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--store", str(store_path), "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        line = process.stderr.readline()
        assert line.startswith(f"serving {store_path} at http://127.0.0.1:") and "(Ctrl-C to stop)" in line
        url = line.split(" at ", 1)[1].split()[0]
        assert url.endswith("/sparql")
        assert client(url, 'ASK { ?e rdfs:label "Dmitry Peskov" }').convert()["boolean"] is True
        process.send_signal(signum)
        assert process.wait(timeout=20) == 0
        assert process.stderr.read() == ""
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
        process.stderr.close()


def test_rdflib_sparqlstore_reads_the_endpoint(endpoint):
    """rdflib's SPARQLStore (a Graph over a remote endpoint) works through the ASGI server."""
    from rdflib import Graph, Literal, URIRef
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = Graph(store=SPARQLStore(endpoint, returnFormat="json"))
    label = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
    labels = {str(o) for o in graph.objects(None, label) if isinstance(o, Literal)}
    assert set(PEOPLE) <= labels
    rows = list(graph.query(LABELS.replace("kg:Person", "<https://w3id.org/kg-news/ontology#Person>")))
    assert [str(row[1]) for row in rows] == PEOPLE
