"""Reported speech: quotations over several sentences, the narrator's clause, coordinated
speech verbs, reporting clauses at the end or after a participle, quote marks and
apostrophes, and who a reporting ``he`` or a reported ``it`` stands for."""

from __future__ import annotations

import pytest

from kg.extract import extract_parsed, extract_text
from kg.extract.arguments import strip_quotes
from kg.model import Document
from kg.views.extraction import rows_of
from tests.extract.handbuilt import from_rows


def _facts(nlp, table):
    doc = from_rows(nlp, table)
    return extract_parsed(Document("d", doc.text), doc).facts


def _rows(text, nlp):
    return list(rows_of(extract_text(text, nlp=nlp)))


# 'Ms Lee said: "Taxes will fall. "Growth will follow."'  (a new paragraph of one quotation)
SPEAKER_BEFORE = """
1  Ms      NNP 2  compound ent=B-PERSON
2  Lee     NNP 3  nsubj    ent=I-PERSON
3  said    VBD 0  ROOT     lemma=say
4  :       :   3  punct
5  "       ``  3  punct    space=no
6  Taxes   NNS 8  nsubj    lemma=tax
7  will    MD  8  aux
8  fall    VB  3  ccomp
9  .       .   3  punct
10 "       ``  13 punct    sent=start space=no
11 Growth  NN  13 nsubj
12 will    MD  13 aux
13 follow  VB  0  ROOT
14 .       .   13 punct    space=no
15 "       ''  13 punct
"""


def test_every_sentence_of_a_quotation_is_its_speakers(nlp):
    facts = _facts(nlp, SPEAKER_BEFORE)
    said = sorted((f.subject.text, f.object.text) for f in facts if f.kind == "speech")
    assert said == [("Ms Lee", "Growth will follow"), ("Ms Lee", "Taxes will fall")]
    follow = [f for f in facts if f.relation == "follow"]
    assert follow and follow[0].attributed_to is not None and follow[0].attributed_to.text == "Ms Lee"


def test_a_quotation_over_two_sentences_belongs_to_the_speaker_named_after_it(nlp):
    rows = _rows("“The levy has failed. Nobody can defend it now,” Ms Warren wrote.", nlp)
    assert ("Ms Warren", "write", "The levy has failed") in {(r.subject, r.relation, r.object) for r in rows}
    failed = [r for r in rows if r.relation == "fail"]
    assert failed and failed[0].attributed_to == "Ms Warren"


# "Both sides held firm — Ms Lee said Korea saw no proof."
NARRATOR = """
1  Both   DT  2  det
2  sides  NNS 3  nsubj
3  held   VBD 8  ccomp    lemma=hold
4  firm   JJ  3  acomp
5  —      :   8  punct
6  Ms     NNP 7  compound ent=B-PERSON
7  Lee    NNP 8  nsubj    ent=I-PERSON
8  said   VBD 0  ROOT     lemma=say
9  Korea  NNP 10 nsubj    ent=B-GPE
10 saw    VBD 8  ccomp    lemma=see
11 no     DT  12 det
12 proof  NN  10 dobj
13 .      .   8  punct
"""


def test_the_narrators_clause_is_not_the_speakers(nlp):
    facts = _facts(nlp, NARRATOR)
    assert [f.object.text for f in facts if f.kind == "speech"] == ["Korea saw no proof"]
    held = [f for f in facts if f.relation == "hold"]
    assert held and held[0].attributed_to is None
    saw = [f for f in facts if f.relation == "see"]
    assert saw and saw[0].attributed_to is not None and saw[0].attributed_to.text == "Ms Lee"


def test_the_narrators_clause_with_the_real_model(nlp):
    rows = _rows("Both sides dug into their positions after the meeting — Mr Hammond said Britain saw no proof.", nlp)
    assert [r.object for r in rows if r.kind == "speech"] == ["Britain saw no proof"]
    assert [r.attributed_to for r in rows if r.relation == "dig into"] == [""]


def test_coordinated_speech_verbs_each_keep_their_content(nlp):
    rows = _rows("Ms Warren said that Britain saw no need for a delay, and urged the council to vote.", nlp)
    assert [r.object for r in rows if r.relation == "say"] == ["Britain saw no need for a delay"]
    urged = [r for r in rows if r.relation == "urge"]
    assert [(r.subject, r.object, r.attributed_to) for r in urged] == [("Ms Warren", "the council", "")]


# "Britain must trade with China, Secretary Fox has said."  (the parser took Fox for an
# apposition of China and left "said" without a subject)
HAS_SAID = """
1  Britain    NNP 3  nsubj    ent=B-GPE
2  must       MD  3  aux
3  trade      VB  10 ccomp
4  with       IN  3  prep
5  China      NNP 4  pobj     ent=B-GPE
6  ,          ,   5  punct
7  Secretary  NNP 8  compound ent=B-PERSON
8  Fox        NNP 5  appos    ent=I-PERSON
9  has        VBZ 10 aux
10 said       VBN 0  ROOT     lemma=say
11 .          .   10 punct
"""


def test_x_has_said_at_the_end_is_speech(nlp):
    facts = _facts(nlp, HAS_SAID)
    said = [(f.subject.text, f.object.text) for f in facts if f.kind == "speech"]
    assert said == [("Fox", "Britain must trade with China")]  # the title is a role, not the name
    trade = [f for f in facts if f.relation == "trade with"]
    assert [(f.object.text, f.attributed_to.text if f.attributed_to else None) for f in trade] == [("China", "Fox")]


def test_x_has_said_at_the_end_with_the_real_model(nlp):
    text = (
        "Britain still needs to work with China in areas of common interest including Tibet, "
        "UK Trade Secretary Liam Fox has said."
    )
    rows = _rows(text, nlp)
    assert ("Liam Fox", "say") in {(r.subject, r.relation) for r in rows}
    work = [r for r in rows if r.relation == "work with"]
    assert work and work[0].attributed_to == "Liam Fox"
    assert not any("Liam Fox" in text for r in work for _, text in r.extras)


def test_a_reporting_clause_after_a_participle_opening_is_speech(nlp):
    text = (
        "Fresh from two days of talks in Beijing, Boris Johnson said on Friday that the two countries would meet again."
    )
    said = [r for r in _rows(text, nlp) if r.relation == "say"]
    assert [(r.subject, r.object) for r in said] == [("Boris Johnson", "the two countries would meet again")]


def test_closing_quote_marks_stay_in_a_statement(nlp):
    said = [r for r in _rows("Ms Warren said it had been a “long day”.", nlp) if r.relation == "say"]
    assert [r.object for r in said] == ["it had been a “long day”"]


@pytest.mark.parametrize(
    "raw, kept",
    [
        ('"a symbol,"', "a symbol"),
        ("a “long day”", "a “long day”"),
        ("“It was a “long day” for us,”", "It was a “long day” for us"),
        ("It was over for us,”", "It was over for us"),
        ('he was "hurt" by it', 'he was "hurt" by it'),
        ("the world’s", "the world’s"),
    ],
)
def test_strip_quotes_keeps_quotations_whole(raw, kept):
    assert strip_quotes(raw) == kept


def test_a_right_single_quote_inside_a_word_is_an_apostrophe(nlp):
    from kg.parse.apostrophes import as_written, straight_apostrophes

    assert straight_apostrophes("the world’s ‘best’ O’Neill") == "the world's ‘best’ O'Neill"
    assert as_written("world's two", 4, 15, "The world’s two") == "world’s two"
    rows = _rows("The world’s two largest economies must cooperate, Mr Hammond said.", nlp)
    assert [r.object for r in rows if r.relation == "say"] == ["The world’s two largest economies must cooperate"]
    cooperate = [r for r in rows if r.relation == "cooperate"]
    assert [r.subject for r in cooperate] == ["The world’s two largest economies"]


def test_a_reporting_he_is_the_speaker_before_not_the_man_he_speaks_of(nlp):
    text = 'Tom Smith, the MP for Leeds, said Mr Brown was "tired". But Mr Brown had been "hurt" by the row, he added.'
    added = [r for r in _rows(text, nlp) if r.relation == "add"]
    assert [r.subject for r in added] == ["Tom Smith"]


def test_a_reported_it_is_the_speaker_not_a_nationality_nearby(nlp):
    text = (
        "China rejects the charge. The Canadian government has said it is pulling out of the accord "
        "in response to alleged Chinese breaches."
    )
    pulled = [r for r in _rows(text, nlp) if r.relation == "pull out of"]
    assert [r.subject for r in pulled] == ["The Canadian government"]


# "Ms Warren said that Britain saw no need, and urged the council to vote."  (the parser put
# "urged" inside what was said, as a conjunct of "saw")
COORDINATED = """
1  Ms       NNP 2  compound ent=B-PERSON
2  Warren   NNP 3  nsubj    ent=I-PERSON
3  said     VBD 0  ROOT     lemma=say
4  that     IN  6  mark
5  Britain  NNP 6  nsubj    ent=B-GPE
6  saw      VBD 3  ccomp    lemma=see
7  no       DT  8  det
8  need     NN  6  dobj
9  ,        ,   6  punct
10 and      CC  6  cc
11 urged    VBD 6  conj     lemma=urge
12 the      DT  13 det
13 council  NN  11 dobj
14 to       TO  15 aux
15 vote     VB  11 xcomp
16 .        .   3  punct
"""


def test_a_coordinated_speech_verb_is_the_speakers_own_act(nlp):
    facts = _facts(nlp, COORDINATED)
    assert [f.object.text for f in facts if f.relation == "say"] == ["Britain saw no need"]
    urged = [f for f in facts if f.relation == "urge"]
    assert [(f.subject.text, f.object.text, f.attributed_to) for f in urged] == [("Ms Warren", "the council", None)]
    saw = [f for f in facts if f.relation == "see"]
    assert [f.attributed_to.text if f.attributed_to else None for f in saw] == ["Ms Warren"]


# "Fresh from talks with Xi Jinping, Boris Johnson said that the two countries would meet."
# (the parser took the name for an apposition inside the opening phrase: "said" has no subject)
PARTICIPLE_OPENING = """
1  Fresh     JJ  10 advcl
2  from      IN  1  prep
3  talks     NNS 2  pobj     lemma=talk
4  with      IN  3  prep
5  Xi        NNP 6  compound ent=B-PERSON
6  Jinping   NNP 4  pobj     ent=I-PERSON
7  ,         ,   6  punct
8  Boris     NNP 9  compound ent=B-PERSON
9  Johnson   NNP 6  appos    ent=I-PERSON
10 said      VBD 0  ROOT     lemma=say
11 that      IN  16 mark
12 the       DT  14 det
13 two       CD  14 nummod
14 countries NNS 16 nsubj    lemma=country
15 would     MD  16 aux
16 meet      VB  10 ccomp
17 .         .   10 punct
"""


def test_a_reporting_clause_after_a_participle_opening_with_its_subject_hidden(nlp):
    facts = _facts(nlp, PARTICIPLE_OPENING)
    said = [(f.subject.text, f.object.text) for f in facts if f.kind == "speech"]
    assert said == [("Boris Johnson", "the two countries would meet")]
    meet = [f for f in facts if f.relation == "meet" and f.kind != "meeting"]  # the talks are a meeting too
    assert [f.attributed_to.text if f.attributed_to else None for f in meet] == ["Boris Johnson"]
    assert not any("Johnson" in f.object.text for f in facts if f.kind != "speech")


# 'Tom Smith said Mr Brown was "tired". But Mr Brown had been "hurt" by the row, he added.'
HE_ADDED = """
1  Tom    NNP 2  compound ent=B-PERSON
2  Smith  NNP 3  nsubj    ent=I-PERSON
3  said   VBD 0  ROOT     lemma=say
4  Mr     NNP 5  compound ent=B-PERSON
5  Brown  NNP 6  nsubj    ent=I-PERSON
6  was    VBD 3  ccomp    lemma=be
7  "      ``  8  punct
8  tired  JJ  6  acomp
9  "      ''  6  punct
10 .      .   3  punct
11 But    CC  17 cc       sent=start
12 Mr     NNP 13 compound ent=B-PERSON
13 Brown  NNP 17 nsubjpass ent=I-PERSON
14 had    VBD 17 aux
15 been   VBN 17 auxpass  lemma=be
16 "      ``  17 punct
17 hurt   VBN 24 ccomp    lemma=hurt
18 "      ''  17 punct
19 by     IN  17 prep
20 the    DT  21 det
21 row    NN  19 pobj
22 ,      ,   24 punct
23 he     PRP 24 nsubj
24 added  VBD 0  ROOT     lemma=add
25 .      .   24 punct
"""


def test_a_reporting_he_stands_for_the_speaker_before(nlp):
    doc = from_rows(nlp, HE_ADDED)
    extraction = extract_parsed(Document("d", doc.text), doc)
    added = [f for f in extraction.facts if f.relation == "add"]
    assert [extraction.mentions[f.subject.mention].text for f in added if f.subject.mention is not None] == [
        "Tom Smith"
    ]
    hurt = [f for f in extraction.facts if f.relation == "hurt"]
    assert [extraction.mentions[f.attributed_to.mention].text for f in hurt if f.attributed_to] == ["Tom Smith"]
