"""spaCy's warnings during a build: captured, counted, each shown once (issue 17, item 16: a
1.2 MB article wrote 1.75 MB of W102 warnings, --quiet or not)."""

from __future__ import annotations

import warnings

import pytest

import kg
from kg.parse.parser_warnings import captured, summarise

SENTENCE = "Acme Corp hired {} engineers in London on Monday, the company said.\n"


def test_repeated_warnings_are_one_clipped_line_with_a_count():
    with captured() as caught:
        for n in range(50):
            warnings.warn(
                f"[W102] Skipping unsupported user data 'x: {'y' * 10_000}{n}' while merging docs.", stacklevel=2
            )
    lines = summarise(caught)
    assert len(caught) == 50 and len(lines) == 1
    assert lines[0].startswith("spaCy: [W102] Skipping") and lines[0].endswith("(50 times)")
    assert len(lines[0]) < 200


def test_other_warnings_are_not_taken_for_the_parsers(recwarn):
    with captured() as caught:
        warnings.warn("a library's own deprecation", DeprecationWarning, stacklevel=2)
    assert summarise(caught) == [] and "a library's own deprecation" in str(recwarn.pop().message)


@pytest.mark.slow  # over a second of CPU: left out of make check
def test_a_long_article_parsed_in_workers_warns_no_flood(tmp_path, nlp, capfd):
    """An article over spaCy's max_length is parsed in chunks that are merged (W102 per chunk)."""
    text = "".join(SENTENCE.format(n) for n in range(120))  # 8 kB: 8 chunks of 1,000 characters
    (tmp_path / "long.txt").write_text(text)
    limit, nlp.max_length = nlp.max_length, 1000
    messages: list[str] = []
    try:
        graph = kg.build(
            [str(tmp_path / "long.txt")], tmp_path / "store", nlp=nlp, workers=2, on_warning=messages.append
        )
    finally:
        nlp.max_length = limit
    assert graph.summary.sentences == 120 and graph.summary.facts > 0
    assert all(len(m) < 300 for m in messages) and not any("W102" in m for m in messages)
    assert len(capfd.readouterr().err) < 2000
