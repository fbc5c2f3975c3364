"""An intransitive verb with a named subject is a fact with no object: a fact node with its
time and place, an empty object in the facts CSV, no direct triple."""

from __future__ import annotations

import csv
import io

import pytest

import kg
from kg.extract import extract_parsed, extract_text
from kg.model import Document
from kg.views.extraction import FactRow, carb_line, rows_of
from tests.extract.handbuilt import from_rows


def _stated(nlp, table, keep_pronouns=False):
    doc = from_rows(nlp, table)
    extraction = extract_parsed(Document("d", doc.text), doc, keep_pronouns=keep_pronouns)
    return [f for f in extraction.facts if not f.inferred]


RESIGNED = """
1 Blunkett  NNP 2 nsubj ent=B-PERSON
2 quit      VBD 0 ROOT  lemma=quit
3 .         .   2 punct
"""


def test_a_named_subject_and_an_intransitive_verb_make_a_fact(nlp):
    [fact] = _stated(nlp, RESIGNED)
    assert (fact.subject.text, fact.relation, fact.kind) == ("Blunkett", "quit", "event")
    assert fact.object.absent and fact.object.mention is None


COLLAPSED = """
1 Strikes   NNS 7 nsubj
2 between   IN  1 prep
3 miners    NNS 2 pobj
4 and       CC  3 cc
5 the       DT  6 det
6 Coal      NNP 3 conj  ent=B-ORG
7 ended     VBD 0 ROOT  lemma=end
8 last      JJ  9 amod  ent=B-DATE
9 month     NN  7 npadvmod ent=I-DATE
10 .        .   7 punct
"""


def test_an_event_keeps_its_time(nlp):
    [fact] = _stated(nlp, COLLAPSED)
    assert (fact.relation, fact.object.absent) == ("end", True)
    assert [(e.role, e.text) for e in fact.extras] == [("time", "last month")]


def test_an_unresolved_pronoun_is_no_named_subject(nlp):
    table = "1 He PRP 2 nsubj\n2 quit VBD 0 ROOT lemma=quit\n3 . . 2 punct"
    assert _stated(nlp, table, keep_pronouns=True) == []


RELATIVE = """
1 The      DT  2 det
2 man      NN  5 nsubj
3 who      WP  4 nsubj
4 quit     VBD 2 relcl  lemma=quit
5 was      VBD 0 ROOT
6 Blunkett NNP 5 attr   ent=B-PERSON
7 .        .   5 punct
"""


def test_a_relative_clause_is_no_event(nlp):
    assert not any(f.kind == "event" for f in _stated(nlp, RELATIVE))


@pytest.mark.parametrize(
    "text, subject, relation",
    [
        ("David Trimble resigned.", "David Trimble", "resign"),
        (
            "Negotiations between Iran and the EU collapsed on Thursday.",
            "Negotiations between Iran and the EU",
            "collapse",
        ),
    ],
)
def test_events_with_the_real_model(nlp, text, subject, relation):
    rows = [r for r in rows_of(extract_text(text, nlp=nlp)) if r.kind == "event"]
    assert [(r.subject, r.relation, r.object) for r in rows] == [(subject, relation, "")]


def test_carb_output_of_an_event_puts_its_preposition_in_the_relation():
    row = FactRow(
        "s", "Talks", "collapse", "", 0.7, False, "", "event", (("time", "Monday"),), ("on Monday",), "", "collapsed"
    )
    assert carb_line(row).split("\t")[1:] == ["0.700", "collapsed on", "Talks", "Monday"]
    bare = FactRow("s", "Blair", "resign", "", 0.4, False, "", "event", (), (), "", "resigned")
    assert carb_line(bare).split("\t")[1:] == ["0.400", "resigned", "Blair"]


@pytest.fixture(scope="module")
def event_graph(tmp_path_factory):
    folder = tmp_path_factory.mktemp("events")
    (folder / "news.txt").write_text("Sir Menzies Campbell resigned on Sunday.\n", encoding="utf-8")
    return kg.build([str(folder / "news.txt")], folder / "store")


def test_the_graph_has_an_event_node_without_object(event_graph):
    [row] = [f for f in event_graph.facts() if f["relation"] == "resign"]
    assert row["subject"] == "Menzies Campbell" and row["object"] == ""
    ask = (
        "ASK { ?f a kg:Fact ; rdf:predicate ?p ; kg:time ?t . ?p rdfs:label 'resign' "
        "FILTER NOT EXISTS { ?f rdf:object ?o } }"
    )
    assert event_graph.query(ask).boolean is True
    assert event_graph.query("ASK { ?s ?p ?o . ?p rdfs:label 'resign' }").boolean is False  # no direct triple
    exported = event_graph.export("csv").decode()
    [line] = [r for r in csv.DictReader(io.StringIO(exported)) if r["relation"] == "resign"]
    assert line["object"] == ""


def test_an_event_passes_the_shapes(event_graph):
    pyshacl = pytest.importorskip("pyshacl")
    import rdflib

    from tests.conftest import ROOT

    data = rdflib.Dataset()
    data.parse(data=event_graph.export("nquads").decode(), format="nquads")
    shapes = rdflib.Graph().parse(ROOT / "ontology" / "shapes.ttl")
    union = rdflib.Graph()
    for subject, predicate, obj, _ in data.quads((None, None, None, None)):
        union.add((subject, predicate, obj))
    conforms, _, report = pyshacl.validate(union, shacl_graph=shapes)
    assert conforms, report
