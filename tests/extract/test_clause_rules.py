"""kg.extract.clauses on hand-built parses, through the extractor: the whole set of facts a verb
clause gives (active, passive with its agent, negated), whatever the model would predict."""

from __future__ import annotations

from kg.extract import extract_parsed
from kg.model import Document
from tests.extract.handbuilt import from_rows


def facts(doc) -> set[tuple[str, str, str, bool, str]]:
    extraction = extract_parsed(Document("d", doc.text), doc)
    return {(f.subject.text, f.relation, f.object.text, f.negated, f.kind) for f in extraction.facts}


def test_an_active_clause_with_an_object(nlp):
    doc = from_rows(
        nlp,
        """
        1 Apple NNP 2 nsubj ent=B-ORG
        2 acquired VBD 0 ROOT
        3 Beats NNP 4 compound ent=B-ORG
        4 Electronics NNP 2 dobj ent=I-ORG
        5 . . 2 punct
        """,
    )
    assert facts(doc) == {("Apple", "acquire", "Beats Electronics", False, "clause")}


def test_a_passive_with_its_agent_puts_the_agent_first(nlp):
    doc = from_rows(
        nlp,
        """
        1 The DT 2 det
        2 bridge NN 4 nsubjpass
        3 was VBD 4 auxpass
        4 designed VBN 0 ROOT
        5 by IN 4 agent
        6 Gustave NNP 7 compound ent=B-PERSON
        7 Eiffel NNP 5 pobj ent=I-PERSON
        8 . . 4 punct
        """,
    )
    assert facts(doc) == {("Gustave Eiffel", "design", "The bridge", False, "passive")}


def test_a_negated_clause_is_negated(nlp):
    doc = from_rows(
        nlp,
        """
        1 The DT 2 det
        2 minister NN 5 nsubj
        3 did VBD 5 aux
        4 not RB 5 neg
        5 sign VB 0 ROOT
        6 the DT 7 det
        7 treaty NN 5 dobj
        8 . . 5 punct
        """,
    )
    assert facts(doc) == {("The minister", "sign", "the treaty", True, "clause")}
