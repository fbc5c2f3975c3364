"""The explorer and Linked Data over real HTTP (kg serve in a thread, urllib as the client):
content negotiation of entity, document and fact IRIs, retired IRIs redirecting, 404s, the
service description, search, the pages' safety headers and escaping, the query page and its
downloads, cut answers said and logged, and page requests while a rebuild switches the store."""

from __future__ import annotations

import csv
import io
import json
import re
import threading
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest

from kg.graph.iri import concept_iri, doc_iri, sentence_iri
from kg.graph.namespaces import KG_NS
from kg.store.store import Store
from kg.views.serve import serve
from kg.views.serve.html import CSP, local_path, normalise_base, web_url
from tests.views.explorer import (
    EVIL_DOC,
    GONE,
    HOSTILE_TEXT,
    IMG,
    JS_URL,
    PEACE_TALKS,
    RETIRED,
    SCRIPT,
    explorer_store,
    iri,
)

PESKOV = iri("Dmitry Peskov", "peskov")
MADURO = iri("Nicolás Maduro", "maduro")
SD = "http://www.w3.org/ns/sparql-service-description#"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}), NoRedirect)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("explorer") / "store"
    explorer_store(path)
    return path


@pytest.fixture(scope="module")
def root(store):
    with serve(store, "127.0.0.1", 0) as server:
        yield server.url.rsplit("/", 1)[0]


def get(url: str, accept: str | None = None) -> tuple[int, dict, str]:
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with OPENER.open(request, timeout=60) as answer:
            return answer.status, answer.headers, answer.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read().decode("utf-8")


def path_of(value: str) -> str:
    return local_path(value) or ""


def triples(text: str, fmt: ox.RdfFormat) -> list[ox.Triple]:
    return [q.triple for q in ox.parse(text.encode("utf-8"), format=fmt)]


# ---------------------------------------------------------------- content negotiation
def test_an_entity_iri_answers_html_to_a_browser(root):
    status, headers, text = get(root + path_of(PESKOV), BROWSER)
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert headers["Vary"] == "Accept" and headers["Content-Security-Policy"] == CSP
    assert "<h1>" in text and "Dmitry Peskov" in text and "Peskov</span>" in text  # the alias
    assert "spokesman" in text and "Kremlin silent" in text  # a role and a document that mentions him


@pytest.mark.parametrize(
    ("accept", "media", "fmt"),
    [
        ("text/turtle", "text/turtle", ox.RdfFormat.TURTLE),
        ("application/n-triples", "application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/ld+json", "application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/rdf+xml;q=0.9, text/html;q=0.1", "application/rdf+xml", ox.RdfFormat.RDF_XML),
    ],
)
def test_an_entity_iri_answers_rdf_by_accept_with_its_provenance(root, accept, media, fmt):
    status, headers, text = get(root + path_of(PESKOV), accept)
    assert status == 200 and headers["Content-Type"].startswith(media) and headers["Vary"] == "Accept"
    graph = triples(text, fmt)
    about = {(t.predicate.value, str(t.object.value)) for t in graph if t.subject == ox.NamedNode(PESKOV)}
    assert ("http://www.w3.org/2000/01/rdf-schema#label", "Dmitry Peskov") in about
    assert ("http://www.w3.org/2004/02/skos/core#altLabel", "Peskov") in about
    facts = {t.subject for t in graph if t.predicate.value.endswith("#subject") and t.object == ox.NamedNode(PESKOV)}
    assert len(facts) >= 2  # said, role ...
    sentences = {t.object for t in graph if t.subject in facts and t.predicate.value == KG_NS + "sentence"}
    texts = {t.object.value for t in graph if t.subject in sentences and t.predicate.value == KG_NS + "text"}
    assert "Peskov is the Kremlin spokesman." in texts  # the sentence nodes come along
    assert {t.object.value for t in graph if t.subject in sentences and t.predicate.value == KG_NS + "document"} == {
        doc_iri("d1")
    }
    titles = {t.object.value for t in graph if t.predicate.value == "http://purl.org/dc/terms/title"}
    assert "Kremlin silent" in titles  # the source's metadata comes along


def test_format_parameter_overrides_accept_and_unknown_formats_are_406(root):
    status, headers, _ = get(root + path_of(PESKOV) + "?format=nt", BROWSER)
    assert status == 200 and headers["Content-Type"] == "application/n-triples"
    assert get(root + path_of(PESKOV), "image/png")[0] == 406
    assert get(root + path_of(PESKOV) + "?format=pdf")[0] == 406


def test_document_and_fact_iris_dereference(root):
    status, headers, text = get(root + path_of(EVIL_DOC), "text/turtle")
    assert status == 200
    graph = triples(text, ox.RdfFormat.TURTLE)
    assert any(t.predicate.value == KG_NS + "text" and t.object.value == HOSTILE_TEXT for t in graph)
    sentence = next(t.subject for t in graph if t.predicate.value == KG_NS + "document")
    assert sentence.value.startswith(EVIL_DOC + "#sentence-")  # its sentences, described with it
    fact = next(t.subject.value for t in graph if t.predicate.value == KG_NS + "sentence" and t.object == sentence)
    status, _, text = get(root + path_of(fact), "application/n-triples")
    assert status == 200 and f"<{fact}> <{KG_NS}sentence> <{sentence.value}>" in text
    assert f"<{sentence.value}> <{KG_NS}text>" in text  # the fact's sentence, with its text
    status, headers, text = get(root + path_of(fact), BROWSER)
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert f'href="{path_of(EVIL_DOC)}#sentence-' in text  # the fact links to its sentence


def test_a_sentence_iri_dereferences_to_its_document(root):
    """A sentence's IRI is a hash IRI of its document's: a client sends it without the fragment,
    and gets the document, whose page marks the sentence with the fragment as its id and whose
    description holds the sentence's triples."""
    sentence = sentence_iri("evil", 1)
    url = root + path_of(sentence)
    assert url.endswith("#sentence-1")
    status, headers, text = get(url, BROWSER)
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert '<mark id="sentence-1" class="kg-sentence">' in text and 'href="#sentence-1"' in text
    status, _, text = get(url, "text/turtle")
    about = {(t.predicate.value, str(t.object.value)) for t in triples(text, ox.RdfFormat.TURTLE)
             if t.subject == ox.NamedNode(sentence)}  # fmt: skip
    assert (KG_NS + "document", EVIL_DOC) in about and (KG_NS + "sentenceIndex", "1") in about
    assert (RDF_TYPE, KG_NS + "Sentence") in about


def test_a_retired_iri_redirects_301_to_its_replacement(root):
    for accept in (BROWSER, "text/turtle"):
        status, headers, _ = get(root + path_of(RETIRED), accept)
        assert status == 301 and headers["Location"] == path_of(MADURO) and headers["Vary"] == "Accept"
    status, headers, _ = get(root + path_of(RETIRED) + "?format=jsonld")
    assert status == 301 and headers["Location"] == path_of(MADURO) + "?format=jsonld"


def test_unknown_iris_are_404(root):
    unknown = root + "/kg-news/entity/nobody-0000000000"
    status, headers, text = get(unknown, "text/turtle")
    assert status == 404 and text.startswith("not found: https://w3id.org/kg-news/entity/nobody-0000000000")
    status, headers, text = get(unknown, BROWSER)
    assert status == 404 and headers["Content-Type"].startswith("text/html") and "Not in this graph" in text
    assert get(root + "/kg-news/entity/bad%20iri%3E", "text/turtle")[0] in (400, 404)
    assert get(root + "/elsewhere", BROWSER)[0] == 404
    status, _, text = get(root + path_of(GONE), "text/turtle")  # the registry remembers it, the graph does not
    assert status == 404 and text.startswith(f"not found: {GONE}")


def test_the_ontology_iri_is_the_ontology(root):
    status, _, text = get(root + "/kg-news/ontology", "text/turtle")
    graph = triples(text, ox.RdfFormat.TURTLE)
    assert status == 200 and any(t.subject.value == KG_NS + "Fact" for t in graph)


# ---------------------------------------------------------------- the service description
def test_sparql_without_a_query_is_a_service_description(root):
    status, headers, text = get(root + "/sparql")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    graph = triples(text, ox.RdfFormat.TURTLE)
    endpoint = ox.NamedNode(root + "/sparql")
    about = {(t.predicate.value, t.object.value) for t in graph if t.subject == endpoint}
    assert (RDF_TYPE, SD + "Service") in about and (SD + "endpoint", endpoint.value) in about
    assert (SD + "supportedLanguage", SD + "SPARQL11Query") in about
    assert (SD + "feature", SD + "UnionDefaultGraph") in about
    assert (SD + "resultFormat", "http://www.w3.org/ns/formats/SPARQL_Results_JSON") in about
    names = {t.object.value for t in graph if t.predicate.value == SD + "name"}
    assert "https://w3id.org/kg-news/graph/entities" in names
    comment = next(o for p, o in about if p.endswith("#comment"))
    assert "10,000 rows" in comment and "X-KG-Truncated" in comment
    status, headers, _ = get(root + "/sparql", "application/ld+json")
    assert status == 200 and headers["Content-Type"] == "application/ld+json"
    status, headers, _ = get(root + "/sparql", BROWSER)
    assert status == 303 and headers["Location"] == "/query"


RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


# ---------------------------------------------------------------- search and the home page
def hits(root, query):
    status, _, text = get(root + "/search.json?q=" + urllib.parse.quote(query))
    assert status == 200
    return [hit["label"] for hit in json.loads(text)["hits"]]


def test_search_is_accent_and_case_insensitive_prefix_matching_ranked_by_mentions(root):
    assert hits(root, "nicolas") == ["Nicolás Maduro"]  # accent-insensitive
    assert hits(root, "NIC") == ["Nicolás Maduro", "Nicola Sturgeon"]  # 7 mentions before 3
    assert hits(root, "maduro") == ["Nicolás Maduro"]  # a later word of the label, and the alias
    assert hits(root, "pesk") == ["Dmitry Peskov"] and hits(root, "dm pe") == ["Dmitry Peskov"]
    assert hits(root, "the krem") == ["Kremlin"]  # an alias
    assert hits(root, "eskov") == [] and hits(root, "  ") == []


def test_the_search_page_works_without_script(root):
    status, _, text = get(root + "/search?q=peskov", BROWSER)
    assert status == 200 and f'href="{path_of(PESKOV)}"' in text


def test_home_has_counts_central_entities_and_latest_documents(root):
    status, headers, text = get(root + "/", BROWSER)
    assert status == 200 and headers["Content-Security-Policy"] == CSP
    assert re.search(r"<strong>7</strong> entities", text) and re.search(r"<strong>3</strong> documents", text)
    assert re.search(r"<strong>2</strong> concepts", text)  # peace talks, talks
    central = text.split('id="kg-central"')[1].split("</ol>")[0]
    assert "Vladimir Putin" in central  # linked to Peskov, Moscow and Maduro
    latest = text.split('id="kg-latest"')[1].split("</ol>")[0]
    assert latest.index("Caracas") < latest.index("Kremlin silent")  # 2024-03-05 before 2024-01-02


# ---------------------------------------------------------------- safety
def test_pages_escape_article_text_and_never_link_a_javascript_url(root):
    status, _, text = get(root + path_of(EVIL_DOC), BROWSER)
    assert status == 200
    assert SCRIPT not in text and IMG not in text
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in text
    assert f'href="{JS_URL}' not in text and JS_URL in text  # shown as text
    assert 'href="https://example.org' not in text
    status, _, text = get(root + path_of(doc_iri("d1")), BROWSER)
    assert "https://example.org/a?x=1&amp;y=&lt;2&gt;" in text and 'href="https://example.org' not in text
    assert re.findall(r"<script\b[^>]*>", text) == ['<script src="/static/kg.js">']
    assert web_url("https://example.org/a?x=1&y=2") == "https://example.org/a?x=1&y=2"
    assert web_url(JS_URL) is None and web_url("https://example.org/<2>") is None and web_url("//x.org") is None


def test_every_asset_is_served_by_kg_itself(root):
    status, _, text = get(root + "/neighbourhood?entity=" + urllib.parse.quote(PESKOV), BROWSER)
    assert status == 200
    sources = re.findall(r'(?:src|href)="([^"#]*)"', text)
    assert sources and all(s.startswith("/") or s.startswith("data:") for s in sources), sources
    for asset in ("/static/vis-network.min.js", "/static/vis-network.css", "/static/graph.js", "/static/kg.js"):
        status, _, body = get(root + asset)
        assert status == 200 and len(body) > 100
    assert get(root + "/static/../meta.json")[0] == 404


# ---------------------------------------------------------------- the query page
def test_a_named_query_runs_with_its_parameters_and_links_its_cells(root):
    status, _, text = get(root + "/query?name=who-said-what&entity=peskov&run=1", BROWSER)
    assert status == 200 and 'id="kg-table"' in text
    assert f'href="{path_of(doc_iri("d1"))}"' in text  # the document column links to its page
    assert f'href="{path_of(PESKOV)}"' in text  # a speaker's label links to the entity
    assert "the Kremlin would not comment" in text and "kg-truncated" not in text


def test_a_named_query_with_a_required_parameter_shows_its_form_first(root):
    status, _, text = get(root + "/query?name=facts-about", BROWSER)
    assert status == 200 and 'name="entity"' in text and 'id="kg-table"' not in text


def test_downloads_as_csv_and_json(root):
    status, headers, text = get(root + "/query.csv?name=who-said-what&entity=Peskov")
    assert status == 200 and headers["Content-Disposition"] == 'attachment; filename="who-said-what.csv"'
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["speaker", "verb", "statement", "document"] and rows[1][0] == "Dmitry Peskov"
    query = urllib.parse.quote("SELECT ?l WHERE { ?e a kg:Person ; rdfs:label ?l } ORDER BY ?l")
    status, headers, text = get(root + f"/query.json?query={query}")
    labels = [b["l"]["value"] for b in json.loads(text)["results"]["bindings"]]
    assert status == 200 and labels == ["Dmitry Peskov", "Nicola Sturgeon", "Nicolás Maduro", "Vladimir Putin"]


def test_a_bad_query_is_shown_on_the_page(root):
    status, _, text = get(root + "/query?query=" + urllib.parse.quote("SELECT ?x WHERE {"), BROWSER)
    assert status == 400 and "KG401" in text and 'class="kg-error"' in text
    status, _, text = get(root + "/query?query=" + urllib.parse.quote("DELETE WHERE { ?s ?p ?o }"), BROWSER)
    assert status == 403 and "KG402" in text


def test_a_cut_answer_is_said_on_the_page_in_the_header_and_in_the_log(store, capfd):
    with serve(store, "127.0.0.1", 0, max_rows=2) as server:
        root = server.url.rsplit("/", 1)[0]
        query = urllib.parse.quote("SELECT ?s WHERE { ?s ?p ?o }")
        status, _, text = get(f"{root}/query?query={query}", BROWSER)
        assert status == 200 and 'id="kg-truncated"' in text
        status, headers, text = get(f"{root}/query.csv?query={query}")
        assert headers["X-KG-Truncated"] == "true" and len(text.splitlines()) == 3
        status, headers, _ = get(f"{root}/sparql?query={query}")
        assert headers["X-KG-Truncated"] == "true"
    logged = capfd.readouterr().err
    assert "warning: answer cut at the limit of 2 rows" in logged and "SELECT ?s WHERE" in logged


@pytest.mark.slow  # over a second of CPU: left out of make check
def test_the_default_row_limit_fits_the_store(tmp_path):
    """rdflib's SPARQLStore asks ``SELECT ?s WHERE { ?s ?p ?o }``-like patterns: with more than
    10,000 triples, a fixed cap of 10,000 silently cut them; the default is the store's size."""
    many = [
        ox.Quad(ox.NamedNode(f"http://example.org/s{i}"), ox.NamedNode("http://example.org/p"), ox.Literal(str(i)))
        for i in range(12_000)
    ]
    with Store.writing(tmp_path / "store") as writer:
        writer.replace(many)
    with serve(tmp_path / "store", "127.0.0.1", 0) as server:
        status, headers, text = get(server.url + "?query=" + urllib.parse.quote("SELECT ?s WHERE { ?s ?p ?o }"))
        assert status == 200 and headers["X-KG-Truncated"] is None
        assert len(json.loads(text)["results"]["bindings"]) == 12_000


def test_base_maps_the_iri_base_to_another_path(store):
    assert normalise_base("https://kg.example.org/ld") == "/ld/" and normalise_base("kg-news") == "/kg-news/"
    with serve(store, "127.0.0.1", 0, base="/ld/") as server:
        root = server.url.rsplit("/", 1)[0]
        assert get(root + "/ld/entity/" + PESKOV.rsplit("/", 1)[1], "text/turtle")[0] == 200
        _, _, text = get(root + "/search?q=peskov", BROWSER)
        assert f'href="/ld/entity/{PESKOV.rsplit("/", 1)[1]}"' in text
        assert get(root + path_of(PESKOV), "text/turtle")[0] == 404


# ---------------------------------------------------------------- a rebuild under load
@pytest.mark.slow  # rebuilds while threads request pages
def test_pages_keep_answering_while_a_rebuild_switches_the_store(tmp_path):
    from kg.graph.quads import build_quads
    from tests.records import sample_records
    from tests.views.explorer import explorer_records

    path = tmp_path / "store"
    explorer_store(path)
    builds = [list(build_quads(*sample_records())), list(build_quads(*explorer_records()))]
    failures: list[str] = []
    stop = threading.Event()
    # room for every page's queries to wait: on a loaded machine the default queue (4 per worker)
    # fills and answers 503 "busy", which is load shedding, not the switch this test is about
    with serve(path, "127.0.0.1", 0, waiting=64) as server:
        root = server.url.rsplit("/", 1)[0]
        paths = ["/", "/search?q=pes", path_of(PESKOV), path_of(doc_iri("d1")), "/query?name=who-said-what"]

        def hammer(offset: int) -> None:
            n = offset
            while not stop.is_set():
                status, _, text = get(root + paths[n % len(paths)], BROWSER)
                if status != 200 or "</html>" not in text:
                    failures.append(f"{paths[n % len(paths)]}: {status} {text[:120]}")
                n += 1

        threads = [threading.Thread(target=hammer, args=(i,)) for i in range(4)]
        for thread in threads:
            thread.start()
        try:
            for round_ in range(6):
                with Store.writing(path) as writer:
                    writer.replace(builds[round_ % 2])
        finally:
            stop.set()
            for thread in threads:
                thread.join(60)
        with Store.writing(path) as writer:
            writer.replace(builds[0])  # the sample records: 4 entities, 2 documents
        status, _, text = get(root + "/", BROWSER)
    assert failures == []
    assert status == 200 and re.search(r"<strong>4</strong> entities", text)  # the new build's counts


# ---------------------------------------------------------------- issue 11's structure on the pages
def test_an_entity_page_shows_roles_with_their_title_addressees_and_links_that_reach_it(root):
    status, _, text = get(root + path_of(MADURO), BROWSER)
    assert status == 200
    roles = text.split('id="roles"')[1].split("</section>")[0]
    assert 'class="kg-rel"' in roles and ">president</span>" in roles and ">Caracas</a>" in roles
    facts = text.split('id="facts"')[1].split("</section>")[0]
    assert "Nicola Sturgeon" in facts and ">addressee</span>" in facts  # her statement, said to him
    assert "kg-negated" in facts and "1 negated" in facts  # he did not criticise Putin
    linked = text.split('id="linked"')[1].split("</section>")[0]
    assert "Nicola Sturgeon" in linked and "Vladimir Putin" in linked and "Caracas" in linked
    status, _, text = get(root + path_of(iri("Nicola Sturgeon", "sturgeon")), BROWSER)
    said = text.split('id="said"')[1].split("</section>")[0]
    assert "the talks went well" in said and f'to <a class="kg-node" href="{path_of(MADURO)}">' in said


def test_a_concept_iri_has_its_page_and_its_description(root):
    status, headers, text = get(root + path_of(PEACE_TALKS), BROWSER)
    assert status == 200 and headers["Vary"] == "Accept"
    assert re.search(r"<h1>.*peace talks</h1>", text) and ">Concept</span>" in text
    assert f'Broader: <a class="kg-entity" href="{path_of(concept_iri("talks"))}">' in text
    assert "Vladimir Putin" in text and "discuss" in text  # the fact it ends
    assert "kg-neighbourhood-link" not in text  # the neighbourhood is drawn around entities
    status, _, text = get(root + path_of(PEACE_TALKS), "text/turtle")
    labels = {t.object.value for t in triples(text, ox.RdfFormat.TURTLE) if t.subject == ox.NamedNode(PEACE_TALKS)}
    assert status == 200 and "peace talks" in labels
    assert hits(root, "peace") == ["peace talks"]  # concepts are found too, after entities


def test_the_neighbourhood_draws_concepts_and_links_with_labels(root):
    status, _, text = get(root + "/neighbourhood?entity=" + urllib.parse.quote(iri("Vladimir Putin", "putin")), BROWSER)
    nodes = json.loads(text.split('id="kg-nodes">')[1].split("</script>")[0])
    assert (
        status == 200
        and {"label": "peace talks", "kind": "Concept"}.items()
        <= next(n for n in nodes if n["label"] == "peace talks").items()
    )
    links = json.loads(text.split('id="kg-links">')[1].split("</script>")[0])
    concept = next(str(i) for i, n in enumerate(nodes) if n["label"] == "peace talks")
    assert links[concept] == path_of(PEACE_TALKS)


def test_an_entity_description_has_the_facts_that_reach_it_by_a_link(root):
    status, _, text = get(root + path_of(MADURO), "application/n-triples")
    graph = triples(text, ox.RdfFormat.N_TRIPLES)
    links = {t.subject for t in graph if t.predicate.value == KG_NS + "target" and t.object == ox.NamedNode(MADURO)}
    kinds = {t.object.value for t in graph if t.subject in links and t.predicate.value == KG_NS + "linkKind"}
    facts = {t.subject for t in graph if t.predicate.value == KG_NS + "link" and t.object in links}
    sentences = {t.object for t in graph if t.subject in facts and t.predicate.value == KG_NS + "sentence"}
    texts = {t.object.value for t in graph if t.subject in sentences and t.predicate.value == KG_NS + "text"}
    assert status == 200 and "addressee" in kinds and any(s.startswith("Nicola Sturgeon met") for s in texts)
