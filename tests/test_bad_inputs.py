"""One test (or more) per row of ../shared/BAD_INPUTS.md that applies, named ``row N``.

Rows covered elsewhere are listed in docs/BAD_INPUTS_STATUS.md with their test. Everything
here runs the real thing: the CLI through typer's runner, the real spaCy pipeline, real files.
"""

from __future__ import annotations

import errno
import json
import time
import tracemalloc

import pyoxigraph as ox
import pytest
import rdflib
from typer.testing import CliRunner

import kg
from kg.cli import app
from kg.errors import ExportError, InputError, QueryError
from kg.extract import extract_text
from kg.ingest.decode import MAX_DOCUMENT_BYTES
from kg.ingest.sources import iter_documents, text_document
from kg.parse import chunks
from kg.store.importer import parse_rdf
from kg.store.queries import MAX_NESTING, check_query

GOOD = "Acme Corp bought Beta Industries in London on Monday. Jane Smith said the deal was good.\n"
LABELS = "SELECT ?l WHERE { ?e a kg:Entity ; rdfs:label ?l } ORDER BY ?l"


def cli(*args, input=None):
    return CliRunner().invoke(app, [str(a) for a in args], input=input)


def build(*sources, store):
    result = cli("build", *sources, "--store", store, "--workers", "1", "--quiet")
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def one_line_error(result, *words):
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert "Traceback" not in result.output and lines, result.output
    for word in words:
        assert any(word in line for line in lines), (word, result.output)


def labels(store) -> list[str]:
    return [row[0] for row in kg.open_graph(store).query(LABELS).rows]


def reparses(store) -> None:
    """The graph serialises in every RDF format and each parses back (rdflib) whole: the union's
    triples from ttl and nt, every quad from trig, nquads and jsonld."""
    graph = kg.open_graph(store)
    triples = len({str(q.triple) for q in graph.store.db})
    for fmt, parser in [("ttl", "turtle"), ("nt", "nt"), ("trig", "trig"), ("nquads", "nquads"), ("jsonld", "json-ld")]:
        data = graph.export(fmt)
        if fmt in ("ttl", "nt"):
            parsed = rdflib.Graph().parse(data=data, format=parser)
            assert len(parsed) == triples > 0, fmt
        else:
            dataset = rdflib.Dataset().parse(data=data, format=parser)
            assert len(list(dataset.quads((None, None, None, None)))) == len(graph) > 0, fmt


@pytest.fixture(scope="module")
def mixed(tmp_path_factory, nlp):
    """One build over a folder of good and bad files (rows 1, 2, 4-8, 11): the CLI result and store."""
    root = tmp_path_factory.mktemp("mixed")
    src = root / "in"
    src.mkdir()
    (src / "good.txt").write_text(GOOD)
    (src / "empty.txt").write_text("")
    (src / "blank.txt").write_text("  \n\t \n")
    (src / "latin.txt").write_bytes("Caf\u00e9 society met in Paris.".encode("latin-1"))
    (src / "bom.txt").write_bytes("\ufeffAcme hired Bob Jones in Rome.".encode())
    (src / "controls.txt").write_text("Delta Group\x00 met\x01 Carl Diaz\ufffe in Madrid\x7f on Tuesday.\x0b")
    (src / "hidden.txt").write_text("Epsilon\u200bCorp sued \u202eFrank Green in Berlin.")
    (src / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (src / "feed.jsonl").write_text(json.dumps({"text": "Zeta Bank hired Gina Hall \ud800 in Oslo."}) + "\n{bad json\n")
    store = root / "store"
    return build(src, store=store), store, src


# --- text ingest ---------------------------------------------------------------------------


@pytest.mark.slow  # over a second of CPU: left out of make check
def test_row_1_empty_file_is_a_warning_and_changes_nothing(mixed, tmp_path, nlp):
    result, _, src = mixed
    assert f"warning: {src / 'empty.txt'}: no text" in result.output
    kg.build([str(src / "good.txt")], tmp_path / "s", nlp=nlp)
    before = kg.open_graph(tmp_path / "s").export("nquads")
    again = build(src / "empty.txt", store=tmp_path / "s")
    assert again.exit_code == 0 and "no text" in again.output
    assert kg.open_graph(tmp_path / "s").export("nquads") == before


def test_row_2_whitespace_only_file_gives_no_blank_entity(mixed):
    result, store, src = mixed
    assert f"warning: {src / 'blank.txt'}: no text" in result.output
    assert all(label.strip() == label and label for label in labels(store))


@pytest.mark.slow  # parses a text longer than max_length
def test_row_3_text_over_max_length_is_parsed_in_chunks_with_facts_from_every_chunk(nlp):
    paragraphs = [f"Firm{i} Holdings bought Target{i} Limited in London. " + "pad" * 1700 for i in range(200)]
    text = "\n\n".join(paragraphs) + "\n\nOmega Partners hired Zoe Quinn in Paris."
    assert len(text) > nlp.max_length == 1_000_000
    extraction = extract_text(text, nlp=nlp)
    with_facts = " | ".join(
        extraction.sentences[fact.sentence].text for fact in extraction.facts if fact.relation in ("buy", "hire")
    )
    for name in ("Target0 ", "Target100 ", "Target199 ", "Zoe Quinn"):  # first, middle, last chunks
        assert name in with_facts, name
    assert all(text[s.start : s.end] == s.text for s in extraction.sentences)


def test_row_3_chunks_cut_at_line_breaks_then_sentences_and_join_back():
    text = "One two three.\nFour five six. Seven eight nine. Ten eleven twelve thirteen"
    pieces = chunks(text, 20)
    assert "".join(pieces) == text and all(len(p) <= 20 for p in pieces)
    assert pieces[0] == "One two three.\n" and pieces[1] == "Four five six. "
    assert chunks("x" * 45, 20) == ["x" * 20, "x" * 20, "x" * 5]


def test_row_3_50_mb_single_line_is_refused_before_reading_and_others_build(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "huge.txt").write_bytes(b"word " * 10_000_000)
    (tmp_path / "in" / "good.txt").write_text(GOOD)
    started = time.monotonic()
    result = build(tmp_path / "in", store=tmp_path / "store")
    assert time.monotonic() - started < 15
    one_line_error(result, f"KG107: {tmp_path / 'in' / 'huge.txt'}: 50,000,000 bytes, over the limit")
    assert "Acme Corp" in labels(tmp_path / "store")


def test_row_3_over_long_jsonl_line_is_skipped_with_its_line_number(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        json.dumps({"text": "x " * (MAX_DOCUMENT_BYTES // 2 + 1)}) + "\n" + json.dumps({"text": GOOD}) + "\n"
    )
    warnings: list[str] = []
    docs = list(iter_documents([str(path)], on_warning=warnings.append))
    assert len(docs) == 1 and warnings[0].startswith(f"{path}:1: ") and "over the limit" in warnings[0]


def test_row_4_latin1_is_read_with_a_warning_naming_the_encoding_and_the_rest_is_built(mixed):
    result, store, src = mixed
    assert f"warning: {src / 'latin.txt'}: not UTF-8; read as cp1252 (detected)" in result.output
    one_line_error(result, "1 source(s) could not be read; the others were built")  # photo.txt
    assert "Acme Corp" in labels(store) and "Paris" in labels(store)


def test_row_5_bom_is_dropped(mixed):
    _, store, src = mixed
    (doc,) = iter_documents([str(src / "bom.txt")])
    assert doc.text.startswith("Acme hired") and "Bob Jones" in labels(store)
    assert not any("\ufeff" in label for label in labels(store))


@pytest.mark.slow  # over a second of CPU: left out of make check
def test_row_6_lone_surrogate_is_removed_and_the_graph_serialises(mixed):
    _, store, _ = mixed
    assert "Gina Hall" in labels(store)
    reparses(store)


@pytest.mark.slow  # over a second of CPU: left out of make check
def test_row_7_control_characters_and_nonchars_are_stripped_and_every_format_reparses(mixed):
    _, store, _ = mixed
    assert {"Delta Group", "Carl Diaz", "Madrid"} <= set(labels(store))
    data = kg.open_graph(store).export("nt").decode()
    assert not any(ch in data for ch in "\x00\x01\x7f\ufffe")
    reparses(store)


def test_row_8_zero_width_and_bidi_characters_are_removed(mixed):
    _, store, _ = mixed
    assert "EpsilonCorp" in labels(store) and "Frank Green" in labels(store)
    assert not any(ch in label for label in labels(store) for ch in "\u200b\u202e")


def test_row_9_crlf_and_lf_copies_give_identical_triples(nlp):
    lf = "Kremlin talks\n\nDmitry Peskov met Sergey Lavrov in Moscow.\nHe said talks went well.\n"
    docs = [text_document(text, id="same") for text in (lf, lf.replace("\n", "\r\n"))]
    assert docs[0] == docs[1]
    first, second = (extract_text(d.text, nlp=nlp) for d in docs)
    assert first.facts == second.facts and first.facts


@pytest.mark.slow  # over a second of CPU: left out of make check
def test_row_10_a_100000_character_word_gives_bounded_iris(tmp_path):
    (tmp_path / "long.txt").write_text("Acme Corp bought " + "Z" * 100_000 + " in London.\n")
    assert build(tmp_path / "long.txt", store=tmp_path / "store").exit_code == 0
    quads = list(ox.parse(kg.open_graph(tmp_path / "store").export("nquads"), format=ox.RdfFormat.N_QUADS))
    iris = {
        t.value for q in quads for t in (q.subject, q.predicate, q.object, q.graph_name) if isinstance(t, ox.NamedNode)
    }
    assert max(map(len, iris)) < 200


def test_row_11_binary_file_is_not_a_text_file(mixed):
    result, _, src = mixed
    one_line_error(result, f"error: KG101: {src / 'photo.txt'}: not a text file")


@pytest.mark.slow  # over a second of CPU: left out of make check
def test_row_11_a_folder_named_like_a_file_is_read_as_a_folder(tmp_path):
    (tmp_path / "dir.txt").mkdir()
    result = build(tmp_path / "dir.txt", store=tmp_path / "store")
    assert result.exit_code == 0 and f"warning: {tmp_path / 'dir.txt'}: no documents found" in result.output


def test_row_12_empty_folder_is_exit_0_with_a_warning(tmp_path):
    (tmp_path / "none").mkdir()
    result = build(tmp_path / "none", store=tmp_path / "store")
    assert result.exit_code == 0 and f"warning: {tmp_path / 'none'}: no documents found" in result.output
    assert labels(tmp_path / "store") == []


def test_row_12_symlink_loop_and_unreadable_folder_do_not_hang(tmp_path):
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "sub" / "a.txt").write_text(GOOD)
    (tmp_path / "in" / "sub" / "loop").symlink_to(tmp_path / "in")
    docs = list(iter_documents([str(tmp_path / "in")]))
    assert [d.id for d in docs] == ["sub/a"]


@pytest.mark.slow  # builds 10,000 articles
def test_row_13_ten_thousand_articles_stream_in_bounded_memory(tmp_path):
    path = tmp_path / "many.jsonl"
    with path.open("w") as fh:
        for n in range(10_000):
            fh.write(json.dumps({"id": f"n{n}", "text": f"Company {n} hired person {n} in city {n}. " * 8}) + "\n")
    tracemalloc.start()
    count = sum(1 for _ in iter_documents([str(path)]))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == 10_000
    assert peak < 2_000_000 < 3_000_000 < path.stat().st_size  # never more than a few documents at once


@pytest.mark.parametrize("value", [None, b"Acme hired Bob.", 42])
def test_row_14_extract_of_a_non_string_is_an_input_error(value, nlp):
    with pytest.raises(InputError) as err:
        extract_text(value, nlp=nlp)
    assert err.value.code == "KG106"


# --- graph building ------------------------------------------------------------------------


def test_row_22_article_text_with_an_update_is_kept_as_text(tmp_path):
    hostile = 'x" } ; DELETE WHERE { ?s ?p ?o } ; INSERT DATA { <http://e/a> <http://e/b> "c" } #'
    (tmp_path / "a.txt").write_text(f"Acme Corp said {hostile} on Monday.\n")
    (tmp_path / "b.txt").write_text(GOOD)
    assert build(tmp_path, store=tmp_path / "store").exit_code == 0
    graph = kg.open_graph(tmp_path / "store")
    assert "Beta Industries" in labels(tmp_path / "store")
    assert graph.query("ASK { ?s ?p <http://e/a> }").boolean is False
    assert graph.query("ASK { ?s ?p ?o }").boolean and "Acme Corp" in labels(tmp_path / "store")


# --- SPARQL --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from tests.records import sample_store

    path = tmp_path_factory.mktemp("q") / "store"
    sample_store(path)
    return path


def test_row_21_a_parameter_is_a_value_never_query_text(store):
    injection = 'Bob" . ?s ?p ?o . ?s <http://www.w3.org/2000/01/rdf-schema#label> "Bob'
    result = cli("query", "facts-about", "--store", store, "--param", f"entity={injection}", "--format", "csv")
    assert result.exit_code == 0 and result.output.strip().splitlines()[1:] == []
    honest = cli("query", "facts-about", "--store", store, "--param", "entity=Peskov", "--format", "csv")
    assert len(honest.output.strip().splitlines()) > 1


@pytest.mark.parametrize("update, row", [
    ("INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }", 23), ("DELETE WHERE { ?s ?p ?o }", 23),
    ("LOAD <http://169.254.169.254/latest/meta-data>", 26), ("CLEAR ALL", 23),
], ids=["row 23 insert", "row 23 delete", "row 26 load", "row 23 clear"])  # fmt: skip
def test_row_23_26_updates_are_refused_and_the_graph_is_unchanged(store, update, row):
    before = kg.open_graph(store).export("nquads")
    one_line_error(cli("query", update, "--store", store), "KG402", "read-only")
    assert kg.open_graph(store).export("nquads") == before


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://169.254.169.254/latest/meta-data/> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <http://example.org/sparql> { ?s ?p ?o } }",
], ids=["row 24 metadata", "row 24 silent"])  # fmt: skip
def test_row_24_service_is_refused_before_evaluation(store, query):
    one_line_error(cli("query", query, "--store", store), "KG403", "SERVICE")  # no_network checks no attempt


@pytest.mark.parametrize("query", [
    "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <http://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
], ids=["row 25 file", "row 25 http"])  # fmt: skip
def test_row_25_from_is_refused(store, query):
    one_line_error(cli("query", query, "--store", store), "KG403", "FROM")


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { " + "{ " * 3000 + "?s ?p ?o" + " }" * 3000 + " }",
    "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }",
    "SELECT * WHERE { FILTER(" + "!" * 100_000 + "true) }",
    "SELECT * WHERE { FILTER(1" + "+1" * 20_000 + ") }",
], ids=["row 27 groups", "row 27 brackets", "row 27 negations", "row 27 long chain"])  # fmt: skip
def test_row_27_deep_nesting_is_refused_before_the_parser_overflows(store, query):
    one_line_error(cli("query", query, "--store", store), "KG408")


def test_row_27_nesting_up_to_the_limit_runs(store):
    depth = MAX_NESTING - 2
    check_query("SELECT * WHERE { " + "{ " * depth + "?s ?p ?o" + " }" * depth + " }")
    result = cli("query", "SELECT * WHERE { " + "{ " * 40 + "?s ?p ?o" + " }" * 40 + " } LIMIT 1", "--store", store)
    assert result.exit_code == 0


def test_row_28_cartesian_product_stops_at_the_time_and_row_limits(store):
    cross = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    started = time.monotonic()
    one_line_error(cli("query", f"SELECT (COUNT(*) AS ?n) {cross[9:]}", "--store", store, "--timeout", "0.5"), "KG404")
    assert time.monotonic() - started < 5
    result = kg.open_graph(store).query(cross, limit=50, timeout=10)
    assert len(result.rows) == 50 and result.truncated
    capped = cli("query", cross, "--store", store, "--limit", "5", "--format", "csv")
    assert capped.exit_code == 0 and len(capped.stdout.strip().splitlines()) == 6  # header + 5 rows
    assert "warning: only the first 5 rows" in capped.stderr


def test_row_29_syntax_error_names_line_and_column(store):
    one_line_error(cli("query", "SELECT ?s WHERE {\n  ?s ?p ?o .\n  FILTER( }", "--store", store), "KG401", "3:")


def test_row_29_query_is_text():
    with pytest.raises(QueryError) as err:
        check_query(b"SELECT * WHERE { ?s ?p ?o }")
    assert err.value.code == "KG406"


# --- RDF parsing: kg import ----------------------------------------------------------------

ENTITY_XML = (
    b'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
    b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://e/">'
    b'<rdf:Description rdf:about="http://e/a"><ex:p>&x;</ex:p></rdf:Description></rdf:RDF>'
)
LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY a "lol">'
    + b"".join(b'<!ENTITY %c "%s">' % (98 + i, b"&%c;" % (97 + i) * 10) for i in range(9))
    + b']><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    b'rdf:about="http://e/a"><rdf:value>&j;</rdf:value></rdf:Description></rdf:RDF>'
)


def imported(store) -> int:
    return len(
        kg.open_graph(store)
        .query(
            "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "
            "'https://w3id.org/kg-news/graph/import/')) }"
        )
        .rows
    )


@pytest.mark.parametrize("name, data, row", [
    ("entity.rdf", ENTITY_XML, 30), ("entity.ttl", ENTITY_XML, 30),
    ("laughs.rdf", LAUGHS, 31), ("laughs.xml", LAUGHS, 31),
], ids=["row 30 rdfxml", "row 30 xml as ttl", "row 31 laughs", "row 31 laughs xml"])  # fmt: skip
def test_row_30_31_rdf_xml_and_entities_are_refused_at_once(store, tmp_path, name, data, row):
    (tmp_path / name).write_bytes(data)
    started = time.monotonic()
    one_line_error(cli("import", tmp_path / name, "--store", store), "KG108", str(tmp_path / name))
    assert time.monotonic() - started < 1 and imported(store) == 0


@pytest.mark.parametrize(
    "context",
    ["http://schema.org/", "file:///etc/passwd", ["https://w3id.org/x.jsonld"]],
    ids=["row 32 http", "row 32 file", "row 32 list"],
)
def test_row_32_jsonld_remote_context_is_never_fetched(store, tmp_path, context):
    (tmp_path / "doc.jsonld").write_text(json.dumps({"@context": context, "@id": "http://e/a", "name": "x"}))
    one_line_error(cli("import", tmp_path / "doc.jsonld", "--store", store), "KG111", "not fetched")


def test_row_32_inline_jsonld_context_imports(tmp_path, nlp):
    kg.build([], tmp_path / "store", nlp=nlp)
    (tmp_path / "doc.jsonld").write_text(
        json.dumps({"@context": {"name": "http://e/name"}, "@id": "http://e/a", "name": "x"})
    )
    assert cli("import", tmp_path / "doc.jsonld", "--store", tmp_path / "store").exit_code == 0
    assert imported(tmp_path / "store") == 1


def test_row_33_owl_imports_is_data_not_followed(tmp_path, nlp):
    kg.build([], tmp_path / "store", nlp=nlp)
    (tmp_path / "onto.ttl").write_text(
        "<http://e/o> <http://www.w3.org/2002/07/owl#imports> <http://example.org/x> .\n"
    )
    result = cli("import", tmp_path / "onto.ttl", "--store", tmp_path / "store")  # no_network: no fetch tried
    assert result.exit_code == 0 and imported(tmp_path / "store") == 1


@pytest.mark.slow  # over a second of CPU: left out of make check
def test_row_34_turtle_nested_deep_parses_or_fails_cleanly(tmp_path):
    depth = 10_000
    (tmp_path / "deep.ttl").write_text(
        "<http://e/a> <http://e/p> "
        + "[ <http://e/p> " * depth
        + "<http://e/o>"
        + " ]" * depth
        + " .\n( " * 1
        + "( " * depth
        + ") " * (depth + 1)
        + "<http://e/p> 1 .\n"
    )
    triples = parse_rdf(tmp_path / "deep.ttl")
    assert len(triples) > 2 * depth and all(not isinstance(t.subject, ox.BlankNode) for t in triples)


@pytest.mark.slow  # over a second of CPU: left out of make check
def test_row_35_malformed_turtle_names_the_line_and_leaves_the_store(tmp_path, nlp):
    kg.build([], tmp_path / "store", nlp=nlp)
    good = tmp_path / "good.ttl"
    good.write_text("<http://e/a> <http://e/p> <http://e/o> .\n")
    assert cli("import", good, "--store", tmp_path / "store", "--name", "data").exit_code == 0
    before = kg.open_graph(tmp_path / "store").export("nquads")
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix ex: <http://e/> .\nex:a ex:b ex:c .\nex:a ex:b "unterminated .\n')
    one_line_error(cli("import", bad, "--store", tmp_path / "store", "--name", "data"), f"KG110: {bad}:3:")
    truncated = tmp_path / "cut.nt"
    truncated.write_text("<http://e/a> <http://e/b> <http://e/c> .\n<http://e/a> <http://e/b> ")
    one_line_error(cli("import", truncated, "--store", tmp_path / "store"), f"KG110: {truncated}:2:")
    assert kg.open_graph(tmp_path / "store").export("nquads") == before


@pytest.mark.slow  # builds and imports
def test_row_19_35_import_replaces_its_graph_atomically_with_skolem_iris(tmp_path, nlp):
    kg.build([], tmp_path / "store", nlp=nlp)
    base = kg.open_graph(tmp_path / "store").export("nquads")
    path = tmp_path / "people.ttl"
    path.write_text('@prefix ex: <http://e/> .\nex:a ex:knows [ ex:name "Bob" ] , [ ex:name "Eve" ] .\n')
    for _ in range(2):  # the same file twice: one copy, the same IRIs
        assert cli("import", path, "--store", tmp_path / "store").exit_code == 0
    first = kg.open_graph(tmp_path / "store").export("nquads")
    assert imported(tmp_path / "store") == 4 and b"_:" not in first
    assert b"https://w3id.org/kg-news/.well-known/genid/people-1" in first
    assert set(base.splitlines()) <= set(first.splitlines())  # the built graph is kept


def test_row_20_ill_typed_literal_is_kept_with_a_warning(tmp_path):
    (tmp_path / "typed.ttl").write_text(
        '<http://e/a> <http://e/n> "abc"^^<http://www.w3.org/2001/XMLSchema#integer> ;'
        ' <http://e/m> "12"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'
    )
    warnings: list[str] = []
    (_, _) = sorted(parse_rdf(tmp_path / "typed.ttl", on_warning=warnings.append), key=str)
    assert warnings == [f'{tmp_path / "typed.ttl"}: ill-typed literal "abc"^^xsd:integer kept as written']


def test_row_36_a_url_is_a_local_path_never_fetched(store):
    one_line_error(cli("import", "http://example.org/data.ttl", "--store", store), "KG103", "no such file")
    # kg build fetches http(s) URLs (issue 14): a port nobody listens on is one line
    one_line_error(build("http://127.0.0.1:9/news.txt", store=store), "KG116", "could not fetch")


@pytest.mark.slow  # builds twice
def test_imported_graph_survives_a_rebuild(tmp_path, nlp):
    (tmp_path / "a.txt").write_text(GOOD)
    kg.build([str(tmp_path / "a.txt")], tmp_path / "store", nlp=nlp)
    (tmp_path / "x.nt").write_text("<http://e/a> <http://e/p> <http://e/o> .\n")
    assert cli("import", tmp_path / "x.nt", "--store", tmp_path / "store").exit_code == 0
    (tmp_path / "b.txt").write_text("Gamma Ltd hired John Brown in Paris.\n")
    kg.build([str(tmp_path / "b.txt")], tmp_path / "store", nlp=nlp)
    assert imported(tmp_path / "store") == 1


# --- persistence and CLI -------------------------------------------------------------------


def test_row_37_a_failing_export_leaves_the_previous_file_byte_identical(store, tmp_path, monkeypatch):
    import kg.views.export

    target = tmp_path / "graph.ttl"
    kg.open_graph(store).export("ttl", target)
    before = target.read_bytes()
    real = kg.views.export.export

    def half_then_fail(store_, fmt, out, what="facts"):
        real(store_, fmt, out, what=what)
        raise UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed")

    monkeypatch.setattr(kg.views.export, "export", half_then_fail)
    with pytest.raises(UnicodeEncodeError):
        kg.open_graph(store).export("ttl", target)
    assert target.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_row_39_disk_full_is_a_clean_error_and_the_old_file_stays(store, tmp_path, monkeypatch):
    import kg.store.writing

    target = tmp_path / "graph.nt"
    target.write_bytes(b"old\n")

    def no_space(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(kg.store.writing.os, "fsync", no_space)
    with pytest.raises(ExportError) as err:
        kg.open_graph(store).export("nt", target)
    assert err.value.code == "KG503" and "No space left on device" in err.value.message
    assert target.read_bytes() == b"old\n" and [p.name for p in tmp_path.iterdir()] == ["graph.nt"]
    result = cli("export", "--store", store, "--format", "nt", "-o", target, "--force")
    one_line_error(result, "KG503")


def test_row_52_missing_file_and_missing_store_are_one_line(tmp_path, store):
    one_line_error(build(tmp_path / "missing.txt", store=tmp_path / "s"), "KG103")
    one_line_error(cli("query", "roles", "--store", tmp_path / "nowhere"), "KG301")
    one_line_error(cli("import", tmp_path / "missing.ttl", "--store", store), "KG103")


def test_row_53_export_does_not_overwrite_without_force(store, tmp_path):
    target = tmp_path / "out.ttl"
    target.write_text("mine")
    result = cli("export", "--store", store, "-o", target)
    one_line_error(result, "error: KG505: ", "exists; use --force")
    assert target.read_text() == "mine"
