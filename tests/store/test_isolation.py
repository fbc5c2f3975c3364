"""Queries in killable worker processes (kg.store.isolation): a deadline that stops the
evaluation, a memory budget, a store switched under the workers (issue 17, items 1-3)."""

from __future__ import annotations

import time

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import QueryError
from kg.store.isolation import Job, QueryPool, run_isolated
from kg.store.store import Store
from tests.records import sample_store
from tests.views.test_serve_attack import concat_query

CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # ~3 s on the sample store


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("isolation") / "store"
    sample_store(path)
    return path


@pytest.mark.slow  # over a second of CPU: left out of make check
def test_a_query_past_its_deadline_is_killed_and_its_slot_is_free_at_once(store_path):
    pool = QueryPool(store_path, 1)
    try:
        started = time.monotonic()
        with pytest.raises(QueryError, match=r"timed out after 0\.3 s and was stopped") as stopped:
            pool.run(Job(CROSS), 0.3, wait=5)
        assert stopped.value.code == "KG404"
        assert pool.run(Job("ASK {}"), 5, wait=0.5).boolean is True  # the one worker was replaced
        assert time.monotonic() - started < 5
    finally:
        pool.close()


def test_a_query_over_its_memory_budget_fails_alone(store_path):
    pool = QueryPool(store_path, 1, budget=128 << 20)
    try:
        with pytest.raises(QueryError, match="memory budget of 128 MB") as failed:
            pool.run(Job(concat_query()), 60, wait=5)
        assert failed.value.code == "KG409"
        assert pool.run(Job("ASK {}"), 5, wait=5).boolean is True
    finally:
        pool.close()


def test_workers_serve_a_rebuilt_store(tmp_path):
    path = tmp_path / "store"
    sample_store(path)
    pool = QueryPool(path, 1)
    try:
        assert int(pool.run(Job("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"), 5, 5).rows[0][0]) > 0
        with Store.writing(path) as writer:
            writer.replace([])
        assert pool.run(Job("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"), 5, 5).rows == [("0",)]
    finally:
        pool.close()


def test_rows_and_bytes_are_capped_in_the_worker(store_path):
    result = run_isolated(store_path, Job("SELECT * WHERE { ?s ?p ?o }", limit=None, max_bytes=500), 10)
    assert result.truncated and 0 < len(result.rows) < 20


@pytest.mark.parametrize(
    ("query", "options", "code"),
    [(concat_query(), ["--max-memory", "128"], "KG409"), (CROSS, ["--timeout", "0.3"], "KG404")],
)
def test_kg_query_stops_a_runaway_query_in_one_line(store_path, query, options, code):
    result = CliRunner().invoke(app, ["query", query, "--store", str(store_path), *options])
    assert result.exit_code == 1 and result.output.startswith(f"error: {code}: ")
    assert len(result.output.strip().splitlines()) == 1
