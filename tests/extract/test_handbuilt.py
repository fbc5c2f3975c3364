"""The hand-built Doc helper: a table gives the parse it states, and a model parse written out as
a table builds back into the same Doc (so the extractor sees no difference)."""

from __future__ import annotations

import pytest

from kg.extract import extract_parsed
from kg.model import Document
from kg.views.extraction import rows_of
from tests.extract.handbuilt import build_doc, from_rows, to_rows

TEXTS = [
    "Apple acquired Beats Electronics in 2014, he said.",
    'Vladimir Putin met Xi Jinping in Moscow. "We agree," said Dmitry Peskov (the Kremlin spokesman).',
    "The bridge wasn't designed by Gustave Eiffel's firm, according to Reuters.",
]


def token_view(doc):
    return [
        (t.text, t.whitespace_, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_)
        for t in doc
    ]


@pytest.mark.parametrize("text", TEXTS)
def test_a_model_parse_round_trips_through_its_table(text, nlp):
    parsed = nlp(text)
    built = from_rows(nlp, to_rows(parsed))
    assert built.text == parsed.text
    assert token_view(built) == token_view(parsed)
    assert [s.start for s in built.sents] == [s.start for s in parsed.sents]
    facts = [
        {(r.subject, r.relation, r.object) for r in rows_of(extract_parsed(Document("t", text), d))}
        for d in (parsed, built)
    ]
    assert facts[0] == facts[1]


def test_the_table_states_the_parse(nlp):
    doc = from_rows(
        nlp,
        """
        1 Apple NNP 2 nsubj ent=B-ORG
        2 bought VBD 0 ROOT
        3 Beats NNP 4 compound ent=B-ORG
        4 Electronics NNP 2 dobj ent=I-ORG lemma=electronics
        5 . . 2 punct
        6 It PRP 7 nsubj sent=start
        7 paid VBD 0 ROOT
        8 $ $ 7 dobj space=yes
        9 3bn CD 8 nummod
        """,
    )
    assert doc.text == "Apple bought Beats Electronics. It paid $ 3bn"
    assert [(e.text, e.label_) for e in doc.ents] == [("Apple", "ORG"), ("Beats Electronics", "ORG")]
    assert [s.text for s in doc.sents] == ["Apple bought Beats Electronics.", "It paid $ 3bn"]
    assert [(t.pos_, t.lemma_) for t in doc[:2]] == [("PROPN", "Apple"), ("VERB", "buy")]  # from the model's rules
    assert doc[3].lemma_ == "electronics" and doc[3].head.text == "bought" and doc[6].dep_ == "ROOT"


def test_lists_and_overrides(nlp):
    doc = build_doc(
        nlp, ["She", "resigned"], tags=["PRP", "VBD"], heads=[1, 1], deps=["nsubj", "ROOT"], pos=[None, "AUX"]
    )
    assert [t.pos_ for t in doc] == ["PRON", "AUX"] and str(doc[1].morph) == "Tense=Past|VerbForm=Fin"


@pytest.mark.parametrize(
    "table, message",
    [
        ("1 a DT 2 det\n3 b NN 0 ROOT", "row 2"),
        ("1 a DT 2 det\n2 b NN 1 dobj", "heads loop"),
        ("1 a DT 0 det", "labelled ROOT"),
        ("1 a DT 0 ROOT colour=red", "not one of"),
    ],
)
def test_a_malformed_table_is_refused(table, message, nlp):
    with pytest.raises(ValueError, match=message):
        from_rows(nlp, table)
