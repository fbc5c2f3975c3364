"""A store for the explorer's tests: the sample records (tests/records.py), plus a document whose
text, title and URL are hostile (script, an ``<img onerror>``, a ``javascript:`` URL), entities
whose names need accent- and case-insensitive search, and an IRI retired by a merge."""

from __future__ import annotations

import pyoxigraph as ox

from kg.graph.iri import concept_iri, doc_iri, entity_iri
from kg.graph.namespaces import DCTERMS, GRAPH_NS, KG_NS, OWL
from kg.graph.quads import build_quads, concept_quads
from kg.model import Concept, Document, Entity, GraphFact, Node
from kg.store.store import Store
from tests.records import sample_records

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'
JS_URL = "javascript:window.__pwned=1"
HOSTILE_SENTENCE = f"Nicolás Maduro said {SCRIPT} the talks failed."
HOSTILE_TEXT = f"{HOSTILE_SENTENCE} Nicola Sturgeon met {IMG} in Caracas."
RETIRED = entity_iri("Nicolas Maduro Moros", "maduro-old")
GONE = entity_iri("Someone Removed", "gone")  # in the registry only: its documents were removed


def explorer_records() -> tuple[list[Document], list[GraphFact], dict[str, Entity]]:
    docs, facts, entities = sample_records()
    entities |= {
        "maduro": Entity("maduro", "Nicolás Maduro", "Person", ["Maduro"], ["evil"], 7),
        "sturgeon": Entity("sturgeon", "Nicola Sturgeon", "Person", [], ["evil"], 3),
        "caracas": Entity("caracas", "Caracas", "Place", [], ["evil"], 1),
    }
    docs.append(Document("evil", HOSTILE_TEXT, f"{SCRIPT} Caracas {IMG}", "2024-03-05", JS_URL, f"{IMG} News"))
    second = len(HOSTILE_SENTENCE) + 1
    facts += [
        GraphFact(Node("maduro"), "say", Node(literal=f"{SCRIPT} the talks failed"), "evil", 0, HOSTILE_SENTENCE,
                  0, len(HOSTILE_SENTENCE), kind="speech", confidence=0.9),
        GraphFact(Node("sturgeon"), "meet", Node(literal=IMG), "evil", 1, HOSTILE_TEXT[second:], second,
                  len(HOSTILE_TEXT), extras=(("place", Node("caracas")),), confidence=0.7),
        GraphFact(Node("maduro"), "criticise", Node("putin"), "evil", 0, HOSTILE_SENTENCE, 0,
                  len(HOSTILE_SENTENCE), negated=True, confidence=0.6),
        # issue 11's structure: a role with its title and organisation, whom a statement was said
        # to (a kg:Link to the addressee), a concept at the end of a fact
        GraphFact(Node("maduro"), "role", Node("caracas"), "evil", 0, HOSTILE_SENTENCE, 0, len(HOSTILE_SENTENCE),
                  kind="role", title="president", confidence=0.8),
        GraphFact(Node("sturgeon"), "tell", Node(literal="the talks went well"), "evil", 1, HOSTILE_TEXT[second:],
                  second, len(HOSTILE_TEXT), kind="speech", addressee=Node("maduro"), confidence=0.85),
        GraphFact(Node("putin"), "discuss", Node(concept="peace talks", literal="the peace talks"), "evil", 1,
                  HOSTILE_TEXT[second:], second, len(HOSTILE_TEXT), confidence=0.7),
    ]  # fmt: skip
    return docs, facts, entities


#: The concepts of :func:`explorer_records`: ``peace talks``, narrower than ``talks``.
CONCEPTS = [
    Concept("peace talks", "peace talks", ["the peace talks"], ["evil"], 1, broader="talks"),
    Concept("talks", "talks", [], ["evil"], 0),
]
PEACE_TALKS = concept_iri("peace talks")


def retirement_quads() -> list[ox.Quad]:
    """The identifier registry's record of a merge (the old IRI replaced by Maduro's) and of an
    entity no document names any more."""
    graph, new = ox.NamedNode(GRAPH_NS + "identifiers"), ox.NamedNode(entity_iri("Nicolás Maduro", "maduro"))
    old = ox.NamedNode(RETIRED)
    return [
        ox.Quad(old, ox.NamedNode(DCTERMS + "isReplacedBy"), new, graph),
        ox.Quad(old, ox.NamedNode(OWL + "sameAs"), new, graph),
        ox.Quad(ox.NamedNode(GONE), ox.NamedNode(KG_NS + "nameKey"), ox.Literal("someone removed"), graph),
    ]


def explorer_store(path) -> Store:
    """A store at ``path`` holding :func:`explorer_records` and the retired IRI."""
    with Store.writing(path) as writer:
        writer.replace([*build_quads(*explorer_records()), *concept_quads(CONCEPTS), *retirement_quads()])
    return Store.open(path)


def iri(label: str, key: str) -> str:
    return entity_iri(label, key)


EVIL_DOC = doc_iri("evil")
