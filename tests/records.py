"""Hand-made records covering every mapping rule, and a store built from them (shared by tests)."""

from __future__ import annotations

from kg.graph.quads import build_quads
from kg.model import Document, Entity, GraphFact, Node
from kg.store.store import Store

S1 = "Dmitry Peskov said the Kremlin would not comment on Monday."
S2 = "Peskov is the Kremlin spokesman."
S3 = "Vladimir Putin met Peskov in Moscow."
TEXT1 = f"{S1} {S2}"


def sample_records() -> tuple[list[Document], list[GraphFact], dict[str, Entity]]:
    """Two documents, four entities, facts covering every mapping rule (shared by other tests)."""
    entities = {
        "peskov": Entity("peskov", "Dmitry Peskov", "Person", ["Peskov"], ["d1", "d2"], 4),
        "kremlin": Entity("kremlin", "Kremlin", "Organization", ["the Kremlin"], ["d1"], 2),
        "putin": Entity("putin", "Vladimir Putin", "Person", ["Putin"], ["d2"], 1),
        "moscow": Entity("moscow", "Moscow", "Place", [], ["d2"], 1),
    }
    docs = [
        Document("d1", TEXT1, "Kremlin silent", "2024-01-02", "https://example.org/a?x=1&y=<2>", "CGTN"),
        Document("d2", S3, "Putin meets aide", None, None, None),
    ]
    end2 = len(S1) + 1 + len(S2)
    facts = [
        GraphFact(Node("peskov"), "say", Node(literal="the Kremlin would not comment"), "d1", 0, S1, 0,
                  len(S1), kind="speech", confidence=0.9),
        GraphFact(Node("kremlin"), "comment", Node(literal="on Monday"), "d1", 0, S1, 0, len(S1),
                  negated=True, attributed_to=Node("peskov"), confidence=0.61234,
                  extras=(("time", Node(literal="Monday")), ("with", Node("putin")))),
        GraphFact(Node("peskov"), "role", Node(literal="spokesman"), "d1", 1, S2, len(S1) + 1, end2,
                  kind="role", confidence=0.8),
        GraphFact(Node(literal="The talks"), "cooperate in", Node("moscow"), "d1", 1, S2, len(S1) + 1,
                  end2),
        GraphFact(Node("putin"), "meet", Node("peskov"), "d2", 0, S3, 0, len(S3),
                  extras=(("place", Node("moscow")),)),
        # the same fact again from the same sentence: one fact node
        GraphFact(Node("putin"), "meet", Node("peskov"), "d2", 0, S3, 0, len(S3),
                  extras=(("place", Node("moscow")),)),
    ]  # fmt: skip
    return docs, facts, entities


def sample_store(path) -> Store:
    """A store at ``path`` holding the graph of :func:`sample_records`."""
    from tests.shapes import assert_conforms

    with Store.writing(path) as writer:
        writer.replace(build_quads(*sample_records()))
    store = Store.open(path)
    assert_conforms(store)
    return store
