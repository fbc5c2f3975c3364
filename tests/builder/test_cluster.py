"""The build on a Dask cluster (`kg build --scheduler`): the same graph as a local build.

A `LocalCluster` of two worker processes on the loopback interface, started once for the module.
"""

from __future__ import annotations

import socket

import pytest
from typer.testing import CliRunner

import kg
from kg.builder import cluster as distributed
from kg.cli import app
from kg.errors import KGError
from tests.conftest import SEEDS

pytestmark = pytest.mark.slow  # starts a Dask cluster

pytest.importorskip("distributed")

SEED_FILES = sorted(str(p) for p in SEEDS.glob("*.txt"))


@pytest.fixture(scope="module")
def scheduler():
    from distributed import LocalCluster

    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", scheduler_port=0, dashboard_address=None
    )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


@pytest.fixture(scope="module")
def local_graphs(tmp_path_factory, nlp):
    """The seeds built locally, with the default and with no confidence cut; and built as three
    then five documents (a store's history fixes the IRIs it minted: see kg.resolve.identifiers)."""
    root = tmp_path_factory.mktemp("local")
    default = kg.build([str(SEEDS)], root / "default", nlp=nlp)
    kg.build(SEED_FILES[:3], root / "merged", nlp=nlp)
    merged = kg.build([str(SEEDS)], root / "merged", nlp=nlp).export("nquads")
    every = kg.build([str(SEEDS)], root / "merged", nlp=nlp, min_confidence=0)
    return {
        "default": default.export("nquads"),
        "merged": merged,
        "all": every.export("nquads"),
        "summary": default.summary,
    }


@pytest.fixture
def small_partitions(monkeypatch):
    """Two documents a task, so the five seeds make three partitions over the two workers."""
    monkeypatch.setattr(distributed, "PARTITION_SIZE", 2)  # extraction tasks
    monkeypatch.setattr("kg.builder.parts.PARTITION_SIZE", 2)  # quads tasks


def counts(summary):
    return (
        summary.documents,
        summary.new,
        summary.cached,
        summary.sentences,
        summary.facts,
        summary.entities,
        summary.triples,
    )


def test_cluster_build_is_byte_identical_to_a_local_build(scheduler, local_graphs, small_partitions, tmp_path):
    graph = kg.build([str(SEEDS)], tmp_path / "cluster", scheduler=scheduler)
    assert graph.export("nquads") == local_graphs["default"]
    assert counts(graph.summary) == counts(local_graphs["summary"])
    assert graph.summary.new == 5 and graph.summary.facts > 100
    assert not list((tmp_path / "cluster").glob(".parts-*"))  # the partition files are gone
    assert graph.query("roles", bindings={"entity": "Peskov"}).rows


def test_cluster_merges_into_a_store_and_reuses_its_cache(scheduler, local_graphs, small_partitions, tmp_path):
    store = tmp_path / "store"
    first = kg.build(SEED_FILES[:3], store, scheduler=scheduler)
    assert (first.summary.documents, first.summary.new) == (3, 3)
    merged = kg.build([str(SEEDS)], store, scheduler=scheduler)
    assert (merged.summary.documents, merged.summary.new, merged.summary.cached) == (5, 2, 3)
    assert merged.export("nquads") == local_graphs["merged"]
    every = kg.build([str(SEEDS)], store, scheduler=scheduler, min_confidence=0)  # quads only, on the cluster
    assert (every.summary.new, every.summary.cached) == (0, 5)
    assert every.export("nquads") == local_graphs["all"]


def test_cli_build_with_scheduler_prints_only_the_summary(scheduler, tmp_path):
    runner = CliRunner()
    result = runner.invoke(
        app, ["build", str(SEEDS), "--store", str(tmp_path / "s"), "--scheduler", scheduler, "--quiet"]
    )
    assert result.exit_code == 0 and result.output == ""
    result = runner.invoke(app, ["build", str(SEEDS), "--store", str(tmp_path / "s"), "--scheduler", scheduler])
    assert result.exit_code == 0
    summary = result.output.strip().splitlines()[-1]
    assert summary.startswith(f"built {tmp_path / 's'}: 5 documents (0 parsed, 5 cached)")
    assert "Traceback" not in result.output and "warning" not in result.output.lower()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_unreachable_scheduler_is_one_clean_error(monkeypatch, tmp_path):
    monkeypatch.setattr(distributed, "CONNECT_TIMEOUT", 1.0)
    address = f"tcp://127.0.0.1:{free_port()}"
    with pytest.raises(KGError) as err:
        kg.build([str(SEEDS)], tmp_path / "s", scheduler=address)
    assert err.value.code == "KG601" and address in str(err.value)
    assert not (tmp_path / "s").exists()  # nothing was built
    result = CliRunner().invoke(app, ["build", str(SEEDS), "--store", str(tmp_path / "s"), "--scheduler", address])
    assert result.exit_code == 1
    assert result.output.startswith("error: KG601: cannot reach the Dask scheduler") and result.output.count("\n") == 1
    for bad in ("localhost", "inproc://x", "nonsense://h:1"):
        with pytest.raises(KGError) as err:
            kg.build([str(SEEDS)], tmp_path / "s", scheduler=bad)
        assert err.value.code == "KG601"


def test_a_worker_with_another_extractor_is_refused(scheduler, monkeypatch, tmp_path):
    monkeypatch.setattr(distributed, "EXTRACTOR_VERSION", "other")
    with pytest.raises(KGError) as err:
        kg.build(SEED_FILES[:1], tmp_path / "s", scheduler=scheduler)
    assert err.value.code == "KG605"


def test_a_failed_task_is_a_kg_error(scheduler, tmp_path):
    with distributed.ClusterRunner.connect(scheduler, workdir=tmp_path) as runner:
        with pytest.raises(KGError) as err:
            list(runner._run(divmod, [("job", (1, 0))]))
    assert err.value.code == "KG604" and "ZeroDivisionError" in str(err.value)
