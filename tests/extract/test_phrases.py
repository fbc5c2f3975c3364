"""kg.extract.phrases on hand-built parses: what a phrase headed by a token holds (no
coordinated siblings, no clauses, prepositional phrases cut only where they are arguments of
their own), one phrase per item of a modifier list (but not inside a name), and negation."""

from __future__ import annotations

from kg.extract.phrases import conjuncts, detachable, is_negated, list_items, phrase_tokens, span_text
from tests.extract.handbuilt import from_rows

SUMMIT = """
    1 Leaders NNS 2 nsubj
    2 held VBD 0 ROOT
    3 the DT 4 det
    4 summit NN 2 dobj
    5 in IN 4 prep
    6 Brussels NNP 5 pobj ent=B-GPE
    7 and CC 4 cc
    8 talks NNS 4 conj
    9 . . 2 punct
"""

CAPITAL = """
    1 They PRP 2 nsubj
    2 visited VBD 0 ROOT
    3 the DT 4 det
    4 capital NN 2 dobj
    5 of IN 4 prep
    6 France NNP 5 pobj ent=B-GPE
    7 . . 2 punct
"""

ELECTIONS = """
    1 Parties NNS 2 nsubj
    2 fought VBD 0 ROOT
    3 federal JJ 6 amod
    4 and CC 3 cc
    5 state NN 3 conj
    6 elections NNS 2 dobj
    7 . . 2 punct
"""

BOSNIA = """
    1 He PRP 2 nsubj
    2 coached VBD 0 ROOT
    3 the DT 7 det
    4 Bosnia NNP 7 compound ent=B-GPE
    5 and CC 4 cc ent=I-GPE
    6 Herzegovina NNP 4 conj ent=I-GPE
    7 team NN 2 dobj
    8 . . 2 punct
"""


def phrase(doc, index: int, **options) -> str:
    return span_text(phrase_tokens(doc[index], **options))


def test_a_phrase_leaves_out_its_coordinated_siblings(nlp):
    doc = from_rows(nlp, SUMMIT)
    assert phrase(doc, 3) == "the summit in Brussels"
    assert [t.text for t in conjuncts(doc[3])] == ["summit", "talks"]


def test_a_place_after_a_noun_is_cut_but_a_noun_of_is_kept(nlp):
    summit, capital = from_rows(nlp, SUMMIT), from_rows(nlp, CAPITAL)
    assert detachable(summit[4]) and phrase(summit, 3, cut_preps=True) == "the summit"
    assert not detachable(capital[4]) and phrase(capital, 3, cut_preps=True) == "the capital of France"


def test_a_modifier_list_gives_one_phrase_per_item(nlp):
    doc = from_rows(nlp, ELECTIONS)
    variants = list_items(doc[5], phrase_tokens(doc[5]))
    assert [span_text(v) for v in variants] == ["federal elections", "state elections"]


def test_a_list_inside_a_name_is_not_split(nlp):
    doc = from_rows(nlp, BOSNIA)
    variants = list_items(doc[6], phrase_tokens(doc[6]))
    assert [span_text(v) for v in variants] == ["the Bosnia and Herzegovina team"]


def test_negation_is_read_from_the_verbs_own_children(nlp):
    doc = from_rows(
        nlp,
        """
        1 Moscow NNP 4 nsubj ent=B-GPE
        2 did VBD 4 aux
        3 not RB 4 neg
        4 sign VB 0 ROOT
        5 . . 4 punct
        """,
    )
    assert is_negated(doc[3]) and not is_negated(from_rows(nlp, CAPITAL)[1])
