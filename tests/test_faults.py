"""Faults, in real subprocesses: SIGKILL and Ctrl-C during a build, two writers, stale locks,
stores of another version or corrupt.

A build is paused at a chosen phase by a test-only harness (``HARNESS`` below: it wraps one
kg function in the child process, writes a marker file when the phase is reached and sleeps),
so the test kills it at exactly that point. kg itself has no test hook.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kg
from kg.cli import app
from kg.errors import StoreError
from kg.store.store import Store

A = "Acme Corp bought Beta Industries in London on Monday. Jane Smith said the deal was good.\n"
B = "Gamma Ltd hired John Brown in Paris. The board approved the plan on Friday.\n"

HARNESS = r"""
import os, shutil, sys, time
import kg.builder.cache, kg.store.store

phase, marker = os.environ["KG_PAUSE_AT"], os.environ["KG_PAUSE_MARKER"]

def pause():
    open(marker, "w").close()
    time.sleep(120)

if phase == "parse":  # after the first new document is parsed and cached (written here, not on
    # the cache's writer thread, so that the build itself waits, its parsing processes alive)
    def paused_put(self, key, extraction):
        self.cache.put(key, extraction)
        pause()
    kg.builder.cache.CacheWriter.put = paused_put
elif phase == "load":  # half-way through writing the new data directory
    new_data_dir = kg.store.store.Store._new_data_dir
    def slow(quads):
        for n, quad in enumerate(quads):
            if n == 200:
                pause()
            yield quad
    kg.store.store.Store._new_data_dir = lambda self, quads: new_data_dir(self, slow(quads))
elif phase == "switched":  # the new graph is current, the old one not yet removed
    rmtree = shutil.rmtree
    def paused_rmtree(path, *args, **kwargs):
        if os.path.basename(path).startswith("data-"):
            pause()
        rmtree(path, *args, **kwargs)
    shutil.rmtree = paused_rmtree

from kg.cli import app
app(sys.argv[1:], prog_name="kg")
"""


def nquads(store: Path) -> list[bytes]:
    """The graph's N-Quads lines, without the content hashes (they include a hash of kg's
    extraction code, which differs between processes while the tree is being edited)."""
    return [line for line in kg.open_graph(store).export("nquads").splitlines() if b"contentHash" not in line]


def start_paused(phase: str, tmp_path: Path, *args: str) -> tuple[subprocess.Popen, Path]:
    marker = tmp_path / f"paused-{phase}"
    env = dict(os.environ, KG_PAUSE_AT=phase, KG_PAUSE_MARKER=str(marker))
    child = subprocess.Popen(
        [sys.executable, "-c", HARNESS, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 90
    while not marker.exists():
        if child.poll() is not None:
            raise AssertionError(f"build ended before {phase}: {child.communicate()[1].decode()}")
        assert time.monotonic() < deadline, f"build never reached {phase}"
        time.sleep(0.05)
    return child, marker


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, nlp):
    """Sources a.txt and b.txt, the graph of a.txt alone and of both (built in-process)."""
    root = tmp_path_factory.mktemp("corpus")
    (root / "a.txt").write_text(A)
    (root / "b.txt").write_text(B)
    kg.build([str(root / "a.txt")], root / "only-a", nlp=nlp)
    kg.build([str(root / "a.txt")], root / "both", nlp=nlp)
    kg.build([str(root / "b.txt")], root / "both", nlp=nlp)
    return root, nquads(root / "only-a"), nquads(root / "both")


def store_with_a(corpus, tmp_path, nlp) -> Path:
    root, only_a, _ = corpus
    store = tmp_path / "store"
    kg.build([str(root / "a.txt")], store, nlp=nlp)
    assert nquads(store) == only_a
    return store


@pytest.mark.slow  # kills builds in subprocesses
@pytest.mark.parametrize("phase", ["parse", "load", "switched"])
def test_sigkill_during_a_build_leaves_a_complete_graph_and_a_rerun_finishes(phase, corpus, tmp_path, nlp):
    root, only_a, both = corpus
    store = store_with_a(corpus, tmp_path, nlp)
    child, _ = start_paused(
        phase, tmp_path, "build", str(root / "b.txt"), "--store", str(store), "--quiet", "--workers", "1"
    )
    child.kill()  # SIGKILL: no finally, no cleanup
    child.wait()
    assert (store / ".lock").read_text() == str(child.pid)  # the dead writer's lock is left
    expected = both if phase == "switched" else only_a  # the old graph, or the new one, complete
    assert nquads(store) == expected
    warnings: list[str] = []
    kg.build([str(root / "b.txt")], store, nlp=nlp, on_warning=warnings.append)
    assert any("removed a stale lock" in w and str(child.pid) in w for w in warnings)
    assert nquads(store) == both
    assert not (store / ".lock").exists()


@pytest.mark.slow  # over a second of CPU: left out of make check
def test_the_next_writer_removes_what_a_killed_build_left(corpus, tmp_path, nlp):
    root, only_a, _ = corpus
    store = store_with_a(corpus, tmp_path, nlp)
    shutil.copytree(Store(store).data_dir, store / "data-7")  # a killed build's data directory
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    (store / ".lock").write_text(dead.stdout.strip())
    kg.build([str(root / "a.txt")], store, nlp=nlp, on_warning=lambda message: None)  # nothing new: no switch
    assert nquads(store) == only_a
    assert not (store / "data-7").exists()


@pytest.mark.slow  # interrupts a build in a subprocess
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_ctrl_c_during_the_store_write_leaves_no_partial_data_and_releases_the_lock(corpus, tmp_path, nlp, signum):
    """SIGTERM and SIGHUP do what Ctrl-C does (issue 17, item 7: SIGTERM left the lock)."""
    root, only_a, _ = corpus
    store = store_with_a(corpus, tmp_path, nlp)
    before = {p.name for p in store.iterdir()}
    child, _ = start_paused(
        "load", tmp_path, "build", str(root / "b.txt"), "--store", str(store), "--quiet", "--workers", "1"
    )
    child.send_signal(signum)
    _, stderr = child.communicate(timeout=60)
    assert child.returncode == 130
    assert stderr.decode().strip().splitlines()[-1] == "error: KG001: interrupted"
    assert b"Traceback" not in stderr
    assert not (store / ".lock").exists()
    assert {p.name for p in store.iterdir()} == before | {"cache"} - {".lock"}  # no half-written data-N
    assert nquads(store) == only_a


def children_of(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(c) for c in (task / "children").read_text().split()}
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_while_parsing_in_workers_ends_them_and_releases_the_lock(corpus, tmp_path, nlp, signum):
    """SIGTERM orphaned the spaCy workers (alive 59 s later) and left the lock."""
    _root, only_a, _ = corpus
    store = store_with_a(corpus, tmp_path, nlp)
    sources = tmp_path / "many"
    sources.mkdir()
    for n in range(8):
        (sources / f"{n}.txt").write_text(B.replace("Paris", f"Paris {n}"))
    child, _ = start_paused(
        "parse", tmp_path, "build", str(sources), "--store", str(store), "--quiet", "--workers", "2"
    )
    workers = children_of(child.pid)
    assert workers, "the build runs no parsing processes"
    child.send_signal(signum)
    _, stderr = child.communicate(timeout=60)
    assert child.returncode == 130 and b"Traceback" not in stderr
    assert stderr.decode().strip().splitlines()[-1] == "error: KG001: interrupted"
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(pid) for pid in workers)
    assert not (store / ".lock").exists() and nquads(store) == only_a


@pytest.mark.slow  # builds in two subprocesses
def test_a_second_writer_fails_fast_with_the_holder_named(corpus, tmp_path, nlp):
    root, only_a, _ = corpus
    store = store_with_a(corpus, tmp_path, nlp)
    child, _ = start_paused(
        "parse", tmp_path, "build", str(root / "b.txt"), "--store", str(store), "--quiet", "--workers", "1"
    )
    try:
        started = time.monotonic()
        result = CliRunner().invoke(app, ["build", str(root / "b.txt"), "--store", str(store), "--quiet"])
        assert time.monotonic() - started < 10
        assert result.exit_code == 1
        assert result.output.strip() == f"error: KG303: {store}: store is locked by process {child.pid}"
        with pytest.raises(StoreError) as err:
            kg.build([str(root / "b.txt")], store, nlp=nlp)
        assert err.value.code == "KG303"
        assert nquads(store) == only_a  # readers still read while a writer holds the lock
    finally:
        child.kill()
        child.wait()


def test_a_store_of_another_version_is_named_and_refused(tmp_path, nlp):
    store = tmp_path / "store"
    Store.create(store)
    meta = json.loads((store / "meta.json").read_text())
    (store / "meta.json").write_text(json.dumps(meta | {"version": 2, "kg_version": "9.0"}))
    for args in (["query", "SELECT * WHERE { ?s ?p ?o }"], ["export"], ["build", "-"]):
        result = CliRunner().invoke(app, [*args, "--store", str(store)], input="Acme hired Bob.")
        assert result.exit_code == 1
        assert result.output.strip().startswith(
            f"error: KG302: {store}: store format version 2, this kg reads version 1"
        )
    assert json.loads((store / "meta.json").read_text())["version"] == 2


def test_a_corrupt_store_is_one_line_naming_the_path(tmp_path):
    store = tmp_path / "store"
    Store.create(store)
    data = Store(store).data_dir
    for path in data.iterdir():
        if path.is_file():
            path.write_bytes(os.urandom(512))
    result = CliRunner().invoke(app, ["query", "SELECT * WHERE { ?s ?p ?o }", "--store", str(store)])
    assert result.exit_code == 1
    assert result.output.startswith(f"error: KG304: {store}: cannot open the store data")
    assert len(result.output.strip().splitlines()) == 1


def _can_mount_tmpfs(tmp_path: Path) -> bool:
    probe = subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", f"mount -t tmpfs -o size=64k tmpfs {tmp_path}"],
        capture_output=True,
    )
    return probe.returncode == 0


@pytest.mark.slow
def test_a_full_disk_while_caching_is_one_line_with_the_file_and_a_code(corpus, tmp_path, nlp):
    """Item 17: a full disk gave `error: No space left on device`, with no file or code. The
    cache is a 16 kB tmpfs in a private mount namespace (unshare), so the disk really fills."""
    if not shutil.which("unshare") or not _can_mount_tmpfs(tmp_path):
        pytest.skip("no unshare/tmpfs here to fill a disk")
    _root, only_a, _ = corpus
    store = store_with_a(corpus, tmp_path, nlp)
    sources = tmp_path / "many"
    sources.mkdir()
    for n in range(12):
        (sources / f"{n}.txt").write_text(B.replace("Paris", f"Paris {n}") * 3)
    shutil.rmtree(store / "cache")
    (store / "cache").mkdir()
    script = (
        f"mount -t tmpfs -o size=16k tmpfs {store / 'cache'} && "
        f"{sys.executable} -m kg build {sources} --store {store} --quiet --workers 1"
    )
    done = subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script], capture_output=True, timeout=300
    )
    lines = done.stderr.decode().strip().splitlines()
    assert done.returncode == 1 and b"Traceback" not in done.stderr
    assert lines[-1].startswith(f"error: KG305: {store / 'cache'}") and "No space left on device" in lines[-1]
    assert ".json" in lines[-1] and not (store / ".lock").exists()
    assert nquads(store) == only_a


def _corrupt_a_data_block(store: Path) -> None:
    """Overwrite 64 bytes in the middle of the largest table file (a data block: its checksum fails)."""
    data = Store(store).data_dir
    table = max(data.glob("*.sst"), key=lambda p: p.stat().st_size)
    with open(table, "r+b") as handle:
        handle.seek(table.stat().st_size // 3)
        handle.write(b"\x5a" * 64)


@pytest.mark.parametrize(
    "command",
    [["export"], ["export", "--format", "nquads"], ["query", "SELECT * WHERE { ?s ?p ?o }", "--limit", "99999"]],
)
@pytest.mark.slow  # over a second of CPU: left out of make check
def test_a_corrupt_data_block_is_one_line_for_every_reader(tmp_path, command):
    """Item 6: `kg export` of a store with a corrupt data block printed a traceback."""
    import pyoxigraph as ox

    store = tmp_path / "store"
    quads = [
        ox.Quad(
            ox.NamedNode(f"http://example.org/s{i}"), ox.NamedNode("http://example.org/p"), ox.Literal(f"v{i}" * 20)
        )
        for i in range(20_000)
    ]
    with Store.writing(store) as writer:
        writer.replace(quads)
    _corrupt_a_data_block(store)
    result = CliRunner().invoke(app, [*command, "--store", str(store)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert lines[-1].startswith("error: KG30") or lines[-1].startswith("error: KG407")
    assert "orrupt" in lines[-1] and len(lines[-1]) < 600
