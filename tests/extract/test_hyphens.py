"""A hyphenated word is one word in relations, arguments and entity names (real model)."""

from __future__ import annotations

from kg.extract import extract_text
from kg.views.extraction import rows_of


def _rows(text, nlp):
    return list(rows_of(extract_text(text, nlp=nlp)))


def _words(rows):
    return {w for r in rows for part in (r.subject, r.relation, r.object) for w in part.split()}


def test_a_hyphenated_verb_is_one_relation(nlp):
    rows = _rows("The mayor was re-elected party leader in 2019.", nlp)
    assert ("The mayor", "be re-elected", "party leader") in {(r.subject, r.relation, r.object) for r in rows}
    assert not {"re", "elected", "-"} & _words(rows)


def test_a_hyphenated_verb_keeps_its_preposition(nlp):
    rows = _rows("The council co-opted two engineers onto the committee.", nlp)
    assert any(r.subject == "The council" and r.relation.startswith("co-opt") for r in rows)
    assert not any(r.relation.startswith("co ") for r in rows)


def test_a_hyphenated_noun_is_not_a_list(nlp):
    rows = _rows("Most of the tenants were non-residents.", nlp)
    assert [r.object for r in rows if r.relation == "be"] == ["non-residents"]


def test_hyphenated_names_and_modifiers_stay_whole(nlp):
    extraction = extract_text("Hans-Dietrich Genscher praised the post-war de-escalation talks.", nlp=nlp)
    names = {m.text for m in extraction.mentions if m.kind == "name"}
    assert "Hans-Dietrich Genscher" in names
    objects = {r.object for r in rows_of(extraction) if r.relation == "praise"}
    assert objects == {"the post-war de-escalation talks"}
