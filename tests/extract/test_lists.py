"""Lists inside an argument give one fact per item; an argument is its noun phrase, and the
prepositional phrases after it are arguments of their own."""

from __future__ import annotations

import pytest

from kg.extract import extract_parsed, extract_text
from kg.model import Document
from kg.views.extraction import rows_of
from tests.extract.handbuilt import from_rows


def _facts(nlp, table):
    doc = from_rows(nlp, table)
    extraction = extract_parsed(Document("d", doc.text), doc, keep_pronouns=True)
    return [f for f in extraction.facts if not f.inferred]


# "The board audits municipal and regional budgets."
ADJECTIVE_LIST = """
1 The        DT  2 det
2 board      NN  3 nsubj
3 audits     VBZ 0 ROOT   lemma=audit
4 municipal  JJ  7 amod
5 and        CC  4 cc
6 regional   JJ  4 conj
7 budgets    NNS 3 dobj
8 .          .   3 punct
"""


def test_a_list_of_adjectives_gives_one_fact_per_item(nlp):
    facts = _facts(nlp, ADJECTIVE_LIST)
    assert sorted((f.subject.text, f.relation, f.object.text) for f in facts) == [
        ("The board", "audit", "municipal budgets"),
        ("The board", "audit", "regional budgets"),
    ]


# "Both Dutch and Belgian farmers oppose the levy."
SUBJECT_LIST = """
1 Both     CC  2 preconj
2 Dutch    JJ  5 amod     ent=B-NORP
3 and      CC  2 cc
4 Belgian  JJ  2 conj     ent=B-NORP
5 farmers  NNS 6 nsubj
6 oppose   VBP 0 ROOT     lemma=oppose
7 the      DT  8 det
8 levy     NN  6 dobj
9 .        .   6 punct
"""


def test_a_list_in_the_subject_splits_and_loses_its_both(nlp):
    subjects = sorted(f.subject.text for f in _facts(nlp, SUBJECT_LIST))
    assert subjects == ["Belgian farmers", "Dutch farmers"]


# "Fans cheered the Trinidad and Tobago squad."
LIST_IN_A_NAME = """
1 Fans      NNS 2 nsubj
2 cheered   VBD 0 ROOT     lemma=cheer
3 the       DT  7 det
4 Trinidad  NNP 7 compound ent=B-GPE
5 and       CC  4 cc       ent=I-GPE
6 Tobago    NNP 4 conj     ent=I-GPE
7 squad     NN  2 dobj
8 .         .   2 punct
"""


def test_a_list_inside_a_name_is_not_split(nlp):
    assert [f.object.text for f in _facts(nlp, LIST_IN_A_NAME)] == ["the Trinidad and Tobago squad"]


# "Inspectors visited the depot in Gdansk."  ("in Gdansk" on the noun)
TRAILING_PHRASE = """
1 Inspectors  NNS 2 nsubj
2 visited     VBD 0 ROOT   lemma=visit
3 the         DT  4 det
4 depot       NN  2 dobj
5 in          IN  4 prep
6 Gdansk      NNP 5 pobj   ent=B-GPE
7 .           .   2 punct
"""


def test_a_prepositional_phrase_after_the_object_is_an_argument_of_its_own(nlp):
    [fact] = _facts(nlp, TRAILING_PHRASE)
    assert (fact.subject.text, fact.relation, fact.object.text) == ("Inspectors", "visit", "the depot")
    assert [(e.role, e.text, e.mention is not None) for e in fact.extras] == [("place", "Gdansk", True)]


# "The plan is popular with pensioners."  (the adjective's complement stays with it)
ADJECTIVE_COMPLEMENT = """
1 The        DT  2 det
2 plan       NN  3 nsubj
3 is         VBZ 0 ROOT
4 popular    JJ  3 acomp
5 with       IN  4 prep
6 pensioners NNS 5 pobj
7 .          .   3 punct
"""


def test_an_adjectives_complement_is_not_split_off(nlp):
    [fact] = _facts(nlp, ADJECTIVE_COMPLEMENT)
    assert fact.object.text == "popular with pensioners"


# "Fighting between Serbs and Croats resumed." / "a fight between A and B" is one thing
JOINT = """
1 Troops    NNS 2 nsubj
2 patrolled VBD 0 ROOT   lemma=patrol
3 between   IN  2 prep
4 Serbia    NNP 3 pobj   ent=B-GPE
5 and       CC  4 cc
6 Kosovo    NNP 4 conj   ent=B-GPE
7 .         .   2 punct
"""


def test_between_takes_its_whole_list(nlp):
    objects = [(f.relation, f.object.text) for f in _facts(nlp, JOINT)]
    assert objects == [("patrol between", "Serbia and Kosovo")]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The regulator will police wholesale and retail energy markets.",
            {
                ("The regulator", "police", "wholesale energy markets"),
                ("The regulator", "police", "retail energy markets"),
            },
        ),
        (
            "British and Irish ministers signed the protocol.",
            {("British ministers", "sign", "the protocol"), ("Irish ministers", "sign", "the protocol")},
        ),
    ],
)
def test_lists_split_with_the_real_model(nlp, text, expected):
    found = {(r.subject, r.relation, r.object) for r in rows_of(extract_text(text, nlp=nlp))}
    assert expected <= found


def test_the_object_is_its_noun_phrase_with_the_real_model(nlp):
    rows = [r for r in rows_of(extract_text("Auditors criticised the contract with Siemens.", nlp=nlp))]
    criticise = [r for r in rows if r.relation == "criticise"]
    assert [(r.object, r.extras) for r in criticise] == [("the contract", (("with", "Siemens"),))]


def test_between_keeps_its_list_in_an_inferred_fact_too(nlp):
    extraction = extract_text("Talks between Serbia and Kosovo stalled in May.", nlp=nlp)
    between = [f.object.text for f in extraction.facts if f.relation == "be between"]
    assert between == ["Serbia and Kosovo"]
