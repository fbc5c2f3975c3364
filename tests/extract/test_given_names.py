"""The given-name list: gender-guesser's verdicts, read from the user's cache after the first process."""

from __future__ import annotations

import json

import gender_guesser.detector as gender_guesser
import pytest

from kg.extract import given_names


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    """An empty cache directory, and no table or guesses remembered from earlier tests."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    given_names.gender_table.cache_clear()
    given_names._guess.cache_clear()
    yield tmp_path / "kg"
    given_names.gender_table.cache_clear()
    given_names._guess.cache_clear()


def test_the_first_table_is_written_to_the_cache_and_agrees_with_gender_guesser(fresh_cache):
    table = given_names.gender_table()
    written = list(fresh_cache.glob("given-names-*.json"))
    assert len(written) == 1
    assert json.loads(written[0].read_text(encoding="utf-8")) == table
    detector = gender_guesser.Detector(case_sensitive=False)
    for name in ("john", "mary", "andrea", "kim", "vladimir", "theresa", "zzqx"):
        assert table.get(name, "unknown") == detector.get_gender(name)


def test_a_later_process_reads_the_cache_instead_of_the_list(fresh_cache):
    given_names.gender_table()
    path = next(fresh_cache.glob("given-names-*.json"))
    path.write_text(json.dumps({"qwertyuiop": "female"}), encoding="utf-8")
    given_names.gender_table.cache_clear()
    assert given_names.first_name_gender("Qwertyuiop") == "f"
    assert not given_names.is_given_name("John")  # the cache is the table: the list was not read


def test_a_corrupt_cache_is_replaced_by_the_list(fresh_cache):
    fresh_cache.mkdir(parents=True)
    from importlib.metadata import version

    (fresh_cache / f"given-names-{version('gender-guesser')}.json").write_text("{not json", encoding="utf-8")
    assert given_names.first_name_gender("Mary") == "f"
    assert given_names.first_name_gender("John") == "m"
    assert not given_names.is_given_name("The")  # a word the list has that news uses otherwise


def test_an_unwritable_cache_still_answers(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    given_names.gender_table.cache_clear()
    given_names._guess.cache_clear()
    try:
        assert given_names.is_given_name("Tony")
    finally:
        given_names.gender_table.cache_clear()
        given_names._guess.cache_clear()
