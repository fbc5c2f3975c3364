"""The ``kg:`` vocabulary: the closed namespace in kg/graph/namespaces.py and ontology/kg.ttl declare
the same terms, an undeclared term is refused, and every ``kg:`` term used anywhere (the code, the
named queries, the shapes, a built graph) is declared."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.graph.namespaces import KG, KG_NS, OWL, RDF, DefinedNamespace
from kg.graph.ontology import ontology_dir

ROOT = Path(__file__).resolve().parents[2]
DECLARING = {RDF + "Property", OWL + "Class", OWL + "DatatypeProperty", OWL + "ObjectProperty"}
USE = re.compile(r"\bkg:([A-Za-z_][\w-]*)|ontology#([A-Za-z_]\w*)")


def declared_in_ontology() -> set[str]:
    """The local names kg.ttl types as a class or a property."""
    triples = ox.parse(path=ontology_dir() / "kg.ttl", format=ox.RdfFormat.TURTLE)
    return {
        t.subject.value.removeprefix(KG_NS)
        for t in triples
        if t.predicate.value == RDF + "type" and t.object.value in DECLARING and t.subject.value.startswith(KG_NS)
    }


def used_in(path: Path) -> set[str]:
    text = path.read_text(encoding="utf-8")
    return {a or b for a, b in USE.findall(text)}


def test_the_namespace_and_the_ontology_declare_the_same_terms():
    assert set(KG.terms()) == declared_in_ontology()
    assert len(KG.terms()) == len(set(KG.terms()))


def test_a_declared_term_is_a_named_node_and_an_undeclared_one_is_refused():
    assert KG.Fact == KG["Fact"] == ox.NamedNode(KG_NS + "Fact") and KG + "text" == KG_NS + "text"
    assert "Fact" in KG and "Nonsense" not in KG and str(KG) == KG_NS
    for use in (lambda: KG.Nonsense, lambda: KG["Nonsense"], lambda: KG + "Nonsense", lambda: KG["_NS"]):
        with pytest.raises(AttributeError, match="is not a term of KG"):
            use()


def test_a_namespace_is_closed_over_its_own_annotations():
    class EX(DefinedNamespace):
        _NS = "http://example.org/"
        thing: ox.NamedNode

    assert EX.terms() == ("thing",) and list(EX) == [ox.NamedNode("http://example.org/thing")]
    with pytest.raises(AttributeError):
        EX["Fact"]  # a term of KG is not a term of EX


@pytest.mark.parametrize(
    "files",
    [
        sorted((ROOT / "kg").rglob("*.py")),
        sorted((ROOT / "ontology").rglob("*.rq")),
        [ROOT / "ontology" / "shapes.ttl"],
        sorted((ROOT / "notebooks").glob("*.ipynb")),
        [ROOT / "README.md"],
    ],
    ids=["code", "queries", "shapes", "notebooks", "readme"],
)
def test_every_term_used_is_declared(files):
    assert files
    undeclared = {str(p.relative_to(ROOT)): sorted(used_in(p) - set(KG.terms())) for p in files}
    assert {p: terms for p, terms in undeclared.items() if terms} == {}


def test_a_built_graph_uses_only_declared_terms(seed_graph):
    iris = set()
    for quad in seed_graph.store.db.quads_for_pattern(None, None, None, None):
        iris.update(t.value for t in (quad.subject, quad.predicate, quad.object) if isinstance(t, ox.NamedNode))
    used = {iri.removeprefix(KG_NS) for iri in iris if iri.startswith(KG_NS)}
    assert used and used <= set(KG.terms())
