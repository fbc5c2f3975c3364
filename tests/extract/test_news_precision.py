"""Rules read off a precision check of kg's facts on news (eval/precision/): what did not
happen (``failed to return``), what a speaker denies, questions, who does what an infinitive
after a noun says, participles describing a copula's subject, fronted phrases, particles of a
state, the speaker of ``..., saying``, and the tense of an inferred relation."""

from __future__ import annotations

from kg.extract import extract_parsed
from kg.model import Document
from kg.views.extraction import extract_rows
from tests.extract.handbuilt import from_rows


def _facts(nlp, table):
    doc = from_rows(nlp, table)
    return [f for f in extract_parsed(Document("d", doc.text), doc, keep_pronouns=True).facts if not f.inferred]


def _rows(nlp, text):
    return list(extract_rows([text], nlp=nlp, benchmark=True))


# "Ferguson failed to return after the trip ."
FAILED_TO = """
1 Ferguson NNP 2 nsubj ent=B-PERSON
2 failed   VBD 0 ROOT  lemma=fail
3 to       TO  4 aux
4 return   VB  2 xcomp
5 after    IN  4 prep
6 the      DT  7 det
7 trip     NN  5 pobj
8 .        .   2 punct
"""


def test_what_someone_failed_to_do_did_not_happen(nlp):
    [fact] = [f for f in _facts(nlp, FAILED_TO) if "return" in f.relation]
    assert (fact.subject.text, fact.relation, fact.object.text, fact.negated) == (
        "Ferguson",
        "return after",
        "the trip",
        True,
    )
    assert ("modality", "fail") in fact.qualifiers
    [kept] = [
        f
        for f in _facts(nlp, FAILED_TO.replace("failed   VBD 0 ROOT  lemma=fail", "tried    VBD 0 ROOT  lemma=try"))
        if "return" in f.relation
    ]
    assert not kept.negated


def test_refusing_with_the_real_model(nlp):
    rows = _rows(nlp, "Lord Callaghan refused to hold an early election.")
    assert [r.negated for r in rows if "hold" in r.relation] == [True]


# "Ministers deny they were spurred into action ."
DENY = """
1 Ministers NNS 2 nsubj
2 deny      VBP 0 ROOT  lemma=deny
3 they      PRP 5 nsubjpass
4 were      VBD 5 auxpass lemma=be
5 spurred   VBN 2 ccomp lemma=spur
6 into      IN  5 prep
7 action    NN  6 pobj
8 .         .   2 punct
"""


def test_what_a_speaker_denies_is_negated(nlp):
    spurred = [f for f in _facts(nlp, DENY) if "spur" in f.relation]
    assert spurred and all(f.negated for f in spurred)
    assert [f.attributed_to.text for f in spurred] == ["Ministers"]
    said = _facts(nlp, DENY.replace("deny      VBP 0 ROOT  lemma=deny", "say       VBP 0 ROOT  lemma=say"))
    assert not any(f.negated for f in said if "spur" in f.relation)


def test_a_negated_think_denies_what_it_reports_with_the_real_model(nlp):
    rows = list(extract_rows(["Lord Woolf said he did not think there would be difficulties."], nlp=nlp))
    assert [(r.subject, r.negated, r.attributed_to) for r in rows if r.object == "difficulties"] == [
        ("there", True, "Lord Woolf")
    ]


def test_a_question_states_nothing(nlp):
    rows = _rows(nlp, "Won't voters looking for an alternative still gravitate to the Conservatives?")
    assert [r for r in rows if r.kind not in {"modifier", "possessive", "apposition"}] == []
    assert _rows(nlp, "Voters looking for an alternative still gravitate to the Conservatives.")


# "the prime minister 's intention to serve a full term was clear ."
OWNED_INFINITIVE = """
1  the       DT  3  det
2  prime     JJ  3  amod
3  minister  NN  5  poss
4  's        POS 3  case
5  intention NN  10 nsubj
6  to        TO  7  aux
7  serve     VB  5  acl
8  a         DT  9  det
9  term      NN  7  dobj
10 was       VBD 0  ROOT lemma=be
11 clear     JJ  10 acomp
12 .         .   10 punct
"""


def test_the_owner_of_an_intention_does_what_it_says(nlp):
    [serve] = [f for f in _facts(nlp, OWNED_INFINITIVE) if f.relation == "serve"]
    assert (serve.subject.text, serve.object.text) == ("the prime minister", "a term")


def test_an_infinitive_after_a_noun_names_no_one_else(nlp):
    table = OWNED_INFINITIVE.replace("3  minister  NN  5  poss", "3  minister  NN  5  compound").replace(
        "4  's        POS 3  case", "4  's        POS 3  punct"
    )
    assert [f for f in _facts(nlp, table) if f.relation == "serve"] == []  # the intention does not serve


def test_the_first_to_do_something_and_those_who_try_to_with_the_real_model(nlp):
    rows = _rows(nlp, "In 1984, KOMO became the first television station to broadcast in stereo.")
    assert [r.subject for r in rows if r.relation.startswith("broadcast")] == ["KOMO"]
    rows = _rows(nlp, "They lick their eyes in order to keep them moist.")
    assert {r.subject for r in rows if r.relation == "keep"} == {"They"}


# "The Crybaby is the album by Melvins , released in 2000 ."
DESCRIBED = """
1  The      DT  2  det
2  Crybaby  NNP 3  nsubj ent=B-WORK_OF_ART
3  is       VBZ 0  ROOT  lemma=be
4  the      DT  5  det
5  album    NN  3  attr
6  by       IN  5  prep
7  Melvins  NNP 6  pobj  ent=B-ORG
8  ,        ,   5  punct
9  released VBN 5  acl   lemma=release
10 in       IN  9  prep
11 2000     CD  10 pobj  ent=B-DATE
12 .        .   3  punct
"""


def test_a_participle_after_a_copulas_complement_describes_its_subject(nlp):
    released = [f for f in _facts(nlp, DESCRIBED) if "release" in f.relation]
    assert [f.subject.text for f in released] in (["The Crybaby"], ["Crybaby"])  # the name, not the album


def test_a_fronted_phrase_joins_no_relation_with_the_real_model(nlp):
    rows = _rows(nlp, "Unlike Europe, the Pacific Basin countries have growing proportions of youths.")
    assert not any("unlike" in r.relation for r in rows)
    assert any(r.relation == "have" for r in rows)


def test_a_state_keeps_its_particle_with_the_real_model(nlp):
    rows = _rows(nlp, "But judicial reviews into five other deaths in southern Iraq were ruled out.")
    assert [r.object for r in rows if r.kind == "state"] == ["ruled out"]


def test_saying_is_said_by_the_subject_of_the_clause_with_the_real_model(nlp):
    rows = _rows(
        nlp,
        "Ms Khan dubbed herself a hope-monger, saying she was confident the passions could overcome the challenges.",
    )
    assert [r.attributed_to for r in rows if r.relation == "overcome"] == ["Ms Khan"]


def test_an_inferred_relation_takes_the_sentence_tense_with_the_real_model(nlp):
    from kg.views.extraction import carb_line

    rows = _rows(nlp, "The mayor of Leeds opened the bridge in 1998.")
    assert [carb_line(r).split("\t")[2] for r in rows if r.kind == "modifier"] == ["was of"]
    rows = _rows(nlp, "The mayor of Leeds opens the bridge today.")
    assert [carb_line(r).split("\t")[2] for r in rows if r.kind == "modifier"] == ["is of"]
