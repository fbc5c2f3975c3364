"""kg.extract.speech on hand-built parses: which clause a speech verb reports, whose speech a
token is in, and ``According to X``, whatever the model would predict for the sentences."""

from __future__ import annotations

from kg.extract.speech import according_to, content_clauses, is_speech_verb, speech_verb_of
from tests.extract.handbuilt import from_rows

SAID_THAT = """
1 Peskov NNP 2 nsubj ent=B-PERSON
2 said VBD 0 ROOT
3 talks NNS 4 nsubj
4 were VBD 2 ccomp
5 useful JJ 4 acomp
6 . . 2 punct
"""

INTERRUPTED = """
1 The DT 2 det
2 talks NNS 7 nsubj
3 , , 7 punct
4 he PRP 5 nsubj
5 said VBD 7 parataxis
6 , , 7 punct
7 were VBD 0 ROOT
8 useful JJ 7 acomp
9 . . 7 punct
"""

ACCORDING = """
1 According VBG 6 prep
2 to IN 1 prep
3 Reuters NNP 2 pobj ent=B-ORG
4 , , 6 punct
5 prices NNS 6 nsubj
6 rose VBD 0 ROOT
7 . . 6 punct
"""


def test_the_ccomp_of_a_speech_verb_is_what_was_said(nlp):
    doc = from_rows(nlp, SAID_THAT)
    said, were, useful = doc[1], doc[3], doc[4]
    assert is_speech_verb(said) and not is_speech_verb(were)
    assert content_clauses(said) == [were] and content_clauses(were) == []
    assert speech_verb_of(useful) == said and speech_verb_of(were) == said
    assert speech_verb_of(said) is None  # the speech verb itself is not reported speech


def test_a_speech_verb_interrupting_its_clause_reports_that_clause(nlp):
    doc = from_rows(nlp, INTERRUPTED)
    said, were, useful = doc[4], doc[6], doc[7]
    assert content_clauses(said) == [were]
    assert speech_verb_of(useful) == said
    assert speech_verb_of(doc[3]) is None  # "he", the speaker, is outside what he said


def test_the_head_of_an_interrupted_clause_is_reported_speech(nlp):
    doc = from_rows(nlp, INTERRUPTED)
    assert speech_verb_of(doc[6]) == doc[4]


def test_a_verb_that_is_not_one_of_saying_reports_nothing(nlp):
    doc = from_rows(nlp, SAID_THAT.replace("said VBD", "knew VBD"))
    assert content_clauses(doc[1]) == [] and speech_verb_of(doc[4]) is None


def test_according_to_names_the_source(nlp):
    doc = from_rows(nlp, ACCORDING)
    assert according_to(doc[:]).text == "Reuters"
    assert according_to(from_rows(nlp, SAID_THAT)[:]) is None
