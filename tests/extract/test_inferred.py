"""Relations a sentence does not write (is, has, is in from noun phrases) are marked inferred,
rank below every stated fact, and stay out of a graph built with the default cut."""

from __future__ import annotations

import itertools

import pytest

import kg
from kg.extract import extract_parsed, extract_text
from kg.extract.confidence import BASE_CONFIDENCE, INFERRED_CEILING, INFERRED_KINDS, STATED_FLOOR, score
from kg.model import Argument, Document
from tests.extract.handbuilt import from_rows

NAMED = Argument("Oslo", 0, 4, mention=0)
LONG = Argument(" ".join(["word"] * 12), 0, 60)
SHORT = Argument("it", 0, 2)


def _all_scores(kind):
    """The confidence of ``kind`` over every combination of shape the scorer looks at."""
    for flags in itertools.product((False, True), repeat=4):
        for subject, obj in ((NAMED, NAMED), (LONG, SHORT), (SHORT, LONG)):
            for extras, words in itertools.product((0, 1, 5), (5, 40, 300)):
                inherited, resolved, attributed, subordinate = flags
                yield score(
                    kind,
                    subject,
                    obj,
                    inherited=inherited,
                    resolved=resolved,
                    attributed=attributed,
                    subordinate=subordinate,
                    extras=extras,
                    sentence_words=words,
                )


def test_every_inferred_score_is_below_every_stated_score():
    stated = [kind for kind in BASE_CONFIDENCE if kind not in INFERRED_KINDS] + ["an unknown rule"]
    lowest_stated = min(min(_all_scores(kind)) for kind in stated)
    highest_inferred = max(max(_all_scores(kind)) for kind in INFERRED_KINDS)
    assert highest_inferred <= INFERRED_CEILING < STATED_FLOOR <= lowest_stated


# "Two ministers from Norway signed the accord." with "from Norway" on the noun
MODIFIED_SUBJECT = """
1 Two       CD  2 nummod
2 ministers NNS 5 nsubj
3 from      IN  2 prep
4 Norway    NNP 3 pobj   ent=B-GPE
5 signed    VBD 0 ROOT
6 the       DT  7 det
7 accord    NN  5 dobj
8 .         .   5 punct
"""


def test_a_modifier_fact_is_marked_inferred_and_ranks_below_the_clause(nlp):
    doc = from_rows(nlp, MODIFIED_SUBJECT)
    facts = extract_parsed(Document("d", doc.text), doc).facts
    by_kind = {f.kind: f for f in facts}
    assert by_kind["modifier"].inferred and (by_kind["modifier"].relation, by_kind["modifier"].object.text) == (
        "be from",
        "Norway",
    )
    assert not by_kind["clause"].inferred
    assert by_kind["clause"].confidence > by_kind["modifier"].confidence


def test_in_a_long_sentence_stated_facts_still_outrank_inferred_ones(nlp):
    text = (
        "After a long meeting of the board in the capital on a wet Tuesday in late November, the chairman "
        "of the regional water company, Norway's oldest utility, which was founded in 1901 by a group of "
        "engineers from Bergen, said that the firm would invest heavily in new pipes for the homes of "
        "farmers in the north of the country."
    )
    facts = extract_text(text, nlp=nlp).facts
    stated = [f.confidence for f in facts if not f.inferred]
    inferred = [f.confidence for f in facts if f.inferred]
    assert stated and inferred and min(stated) > max(inferred)
    assert {f.kind for f in facts if f.inferred} <= INFERRED_KINDS


@pytest.fixture(scope="module")
def article(tmp_path_factory):
    path = tmp_path_factory.mktemp("inferred") / "article.txt"
    path.write_text(
        "Two ministers from Norway signed the accord in Geneva on Monday. "
        "Sweden's foreign minister praised the text.\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.slow  # over a second of CPU: left out of make check
def test_inferred_facts_stay_out_of_the_graph_by_default(article, tmp_path):
    default = kg.build([str(article)], tmp_path / "default")
    everything = kg.build([str(article)], tmp_path / "all", min_confidence=0)
    assert any(f["relation"] == "sign" for f in default.facts())
    assert not any(f["relation"] in {"be from", "have"} for f in default.facts())
    assert {"be from", "have"} <= {f["relation"] for f in everything.facts()}
    marked = everything.query("SELECT (COUNT(?f) AS ?n) WHERE { ?f kg:inferred true }")
    assert int(marked.rows[0][0] or 0) >= 2
