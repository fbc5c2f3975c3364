"""The relation taxonomy (ontology/relations.ttl, kg.graph.taxonomy): its shape, how relations
are classified, the quads that place a build's relations in it, and quadrant queries."""

from __future__ import annotations

from collections import Counter

import pyoxigraph as ox
import pytest

from kg.graph.iri import relation_iri
from kg.graph.namespaces import KG, RDF, RDFS, REL_NS
from kg.graph.ontology import ontology_dir
from kg.graph.quads import relation_quads
from kg.graph.taxonomy import TAXONOMY_FILE, relation_class, taxonomy

QUADRANTS = {"VerbalCooperation", "MaterialCooperation", "VerbalConflict", "MaterialConflict"}


def _triples() -> list[ox.Triple]:
    return list(ox.parse(path=ontology_dir() / TAXONOMY_FILE, format=ox.RdfFormat.TURTLE))


def _name(iri: str | None) -> str | None:
    return iri.removeprefix(REL_NS) if iri else None


def test_each_verb_is_in_one_class_only():
    verbs = Counter(t.object.value for t in _triples() if t.predicate.value == KG + "verb")
    assert len(verbs) > 1000
    assert [v for v, n in verbs.items() if n > 1] == []


def test_every_class_has_a_label_a_comment_and_reaches_a_quadrant_or_a_group():
    tax, triples = taxonomy(), _triples()
    typed: dict[str, set[str]] = {}
    for t in triples:
        if t.predicate.value == RDF + "type":
            typed.setdefault(t.subject.value, set()).add(t.object.value)
    roots = {s for s, kinds in typed.items() if kinds & {KG + "Quadrant", KG + "RelationGroup"}}
    assert {_name(r) for r in roots if KG + "Quadrant" in typed[r]} == QUADRANTS
    assert all(KG + "RelationClass" in kinds for kinds in typed.values())  # typed so without inference
    classes = [s for s, kinds in typed.items() if kinds == {KG + "RelationClass"}]
    assert len(classes) >= 30
    for cls in classes:
        assert cls in tax.labels, cls
        assert any(t.subject.value == cls and t.predicate.value == RDFS + "comment" for t in triples), cls
        assert set(tax.ancestors(cls)) & roots, cls


@pytest.mark.parametrize(
    "relation, cls, quadrant",
    [
        ("say", "Statement", None),
        ("not say", "Statement", None),
        ("tell", "Statement", None),
        ("warn", "Threat", "VerbalConflict"),
        ("urge", "Appeal", "VerbalCooperation"),
        ("meet", "Meeting", "VerbalCooperation"),
        ("talk to", "Contact", "VerbalCooperation"),
        ("vote for", "Support", "VerbalCooperation"),  # the whole relation before its verb
        ("vote against", "Opposition", "VerbalConflict"),
        ("vote", "Election", None),
        ("step down", "OfficeChange", None),  # the verb with its particle
        ("step down from", "OfficeChange", None),
        ("criticise", "Accusation", "VerbalConflict"),
        ("criticize", "Accusation", "VerbalConflict"),  # -ize folds onto -ise
        ("co-operate with", "Cooperation", "MaterialCooperation"),  # a hyphen or none
        ("re-elect", "OfficeChange", None),  # a prefix is dropped last
        ("be arrested", "Coercion", "MaterialConflict"),  # a passive by its participle's lemma
        ("be given to", "Transfer", None),  # irregular participle
        ("be planned", "Intention", None),  # doubled consonant
        ("be in", "Being", None),
        ("role", "HoldOffice", None),
        ("attack", "Attack", "MaterialConflict"),
        ("supply", "Aid", "MaterialCooperation"),
    ],
)
def test_relations_are_classified_by_their_main_verb(relation, cls, quadrant):
    found = relation_class(relation)
    assert (_name(found), _name(taxonomy().quadrant(found))) == (cls, quadrant)


def test_a_verb_not_in_the_table_has_no_class():
    assert relation_class("xyzzy") is None and relation_class("be xyzzied") is None


def test_relation_quads_place_relations_in_the_taxonomy():
    quads = list(relation_quads(["support", "not support", "xyzzy"]))

    def objects(label, predicate):
        return [
            q.object.value for q in quads if q.subject.value == relation_iri(label) and q.predicate.value == predicate
        ]

    assert objects("support", RDFS + "subPropertyOf") == [REL_NS + "Support"]
    assert objects("not support", RDFS + "subPropertyOf") == []  # denying support is no support
    assert objects("not support", KG + "negationOf") == [REL_NS + "Support"]
    assert objects("xyzzy", RDFS + "subPropertyOf") == objects("xyzzy", KG + "negationOf") == []


QUADRANT_COUNTS = """
SELECT ?quadrant (COUNT(?fact) AS ?n) WHERE {
  ?fact rdf:predicate ?p ; kg:negated false .
  ?p rdfs:subPropertyOf+ ?q . ?q a kg:Quadrant ; rdfs:label ?quadrant .
} GROUP BY ?quadrant"""


@pytest.mark.slow
def test_cooperation_and_conflict_are_one_query_on_a_built_graph(tmp_path):
    import kg

    (tmp_path / "a.txt").write_text(
        "Germany criticised France over the budget. Germany met France in Berlin on Monday. "
        "Germany signed a trade agreement with France. Germany attacked France's plan.\n"
    )
    graph = kg.build([str(tmp_path / "a.txt")], tmp_path / "store", quiet=True)
    counts = {q: int(n) for q, n in graph.query(QUADRANT_COUNTS).rows}
    assert counts.get("verbal conflict", 0) >= 1  # criticise
    assert counts.get("material conflict", 0) >= 1  # attack, by the verb's class (it was a plan)
    assert counts.get("verbal cooperation", 0) >= 2  # meet, sign
    stats = graph.stats()
    assert sum(stats["facts by relation class"].values()) == sum(stats["facts by relation"].values())
