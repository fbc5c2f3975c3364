"""Subjects: the expletive of ``there is/are``, a subject the parser hid inside another
phrase, a demonstrative subject in benchmark mode."""

from __future__ import annotations

from kg.extract import extract_parsed, extract_text
from kg.model import Document
from kg.views.extraction import extract_rows, rows_of
from tests.extract.handbuilt import from_rows


def _stated(nlp, table, keep_pronouns=True):
    doc = from_rows(nlp, table)
    extraction = extract_parsed(Document("d", doc.text), doc, keep_pronouns=keep_pronouns)
    return [f for f in extraction.facts if not f.inferred]


THERE = """
1 There       EX  2 expl
2 are         VBP 0 ROOT
3 four        CD  4 nummod
4 candidates  NNS 2 attr
5 in          IN  2 prep
6 the         DT  7 det
7 ward        NN  5 pobj
8 .           .   2 punct
"""


def test_there_is_a_fact_with_there_as_its_subject(nlp):
    [fact] = _stated(nlp, THERE, keep_pronouns=False)  # never a pronoun to resolve
    assert (fact.subject.text, fact.relation, fact.object.text) == ("There", "be", "four candidates")
    assert [(e.role, e.text) for e in fact.extras] == [("in", "the ward")]


# "After leaving Leeds , Bradford , Aire Valley Trust opens a depot ."  The parser put the
# trust in the list of towns: the verb has no subject.
HIDDEN_SUBJECT = """
1  After    IN  8  prep
2  leaving  VBG 1  pcomp
3  Leeds    NNP 2  dobj      ent=B-GPE
4  ,        ,   3  punct
5  Bradford NNP 3  conj      ent=B-GPE
6  ,        ,   5  punct
7  Trust    NNP 5  conj      ent=B-ORG
8  opens    VBZ 0  ROOT      lemma=open
9  a        DT  10 det
10 depot    NN  8  dobj
11 .        .   8  punct
"""


def test_a_name_right_before_a_verb_without_subject_is_its_subject(nlp):
    [fact] = _stated(nlp, HIDDEN_SUBJECT)
    assert (fact.subject.text, fact.relation, fact.object.text) == ("Trust", "open", "a depot")
    assert [e.text for e in fact.extras] == ["leaving Leeds, Bradford"]


OBJECT_BEFORE = """
1 Leeds  NNP 2 nsubj ent=B-GPE
2 won    VBD 0 ROOT  lemma=win
3 .      .   2 punct
"""


def test_a_verb_with_its_own_subject_is_left_alone(nlp):
    assert [f.subject.text for f in _stated(nlp, OBJECT_BEFORE)] == ["Leeds"]


def test_there_were_with_the_real_model(nlp):
    found = {
        (r.subject, r.relation, r.object) for r in rows_of(extract_text("There were 1,204 voters in Ely.", nlp=nlp))
    }
    assert ("There", "be", "1,204 voters") in found


def test_a_hidden_subject_with_the_real_model(nlp):
    text = "Upon leaving Kent County , Adams Township , Mill Creek enters Ross County ."
    found = {(r.subject, r.relation, r.object) for r in rows_of(extract_text(text, nlp=nlp))}
    assert ("Mill Creek", "enter", "Ross County") in found


def test_a_demonstrative_subject_stays_in_benchmark_mode(nlp):
    rows = list(extract_rows(["That amounts to a fifth of the budget ."], benchmark=True, nlp=nlp))
    assert ("That", "amounts to") in {(r.subject, r.surface) for r in rows}


# "The row is over alleged Russian violations . It is withdrawing from the treaty ."  The
# tagger called "Russian" a place; it is an adjective inside a prepositional phrase.
ADJECTIVE_IN_PHRASE = """
1  The         DT  2  det
2  row         NN  3  nsubj
3  is          VBZ 0  ROOT
4  over        IN  3  prep
5  alleged     JJ  7  amod
6  Russian     JJ  7  amod     ent=B-GPE
7  violations  NNS 4  pobj
8  .           .   3  punct
9  It          PRP 11 nsubj    sent=start
10 is          VBZ 11 aux
11 withdrawing VBG 0  ROOT     lemma=withdraw
12 from        IN  11 prep
13 the         DT  14 det
14 treaty      NN  12 pobj
15 .           .   11 punct
"""


def test_a_subject_is_never_taken_from_an_adjective_inside_a_phrase(nlp):
    doc = from_rows(nlp, ADJECTIVE_IN_PHRASE)
    extraction = extract_parsed(Document("d", doc.text), doc)
    withdraw = [f for f in extraction.facts if f.relation.startswith("withdraw")]
    assert withdraw == []  # "It" has no antecedent it could stand for: the fact is dropped
    assert all(m.kind != "pronoun" for m in extraction.mentions)


def test_a_subject_is_never_taken_from_an_adjective_with_the_real_model(nlp):
    text = (
        "The talks collapsed over alleged Russian violations of the accord. "
        "It is withdrawing from the treaty in response to alleged Russian violations."
    )
    rows = list(extract_rows([text], nlp=nlp))
    assert not any("Russia" in r.subject for r in rows if r.relation.startswith("withdraw"))
