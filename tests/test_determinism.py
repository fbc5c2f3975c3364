"""The same input gives byte-identical Turtle and HTML whatever the hash seed."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import SEEDS

pytestmark = pytest.mark.slow  # builds in subprocesses under other hash seeds


def build_outputs(tmp_path, seed: str) -> tuple[bytes, bytes]:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    run = tmp_path / f"run{seed}"  # one store name in both runs: the page's title shows it
    run.mkdir()
    store, ttl, html = run / "store", run / "g.ttl", run / "g.html"
    for args in (
        ["build", str(SEEDS), "--store", str(store), "--quiet"],
        ["export", "--store", str(store), "--format", "ttl", "-o", str(ttl)],
        ["render", "--store", str(store), "-o", str(html)],
    ):
        subprocess.run([sys.executable, "-m", "kg", *args], env=env, check=True, capture_output=True)
    return ttl.read_bytes(), html.read_bytes()


def test_outputs_do_not_depend_on_the_hash_seed(tmp_path):
    first = build_outputs(tmp_path, "1")
    second = build_outputs(tmp_path, "2")
    assert first[0] == second[0] and len(first[0]) > 10_000
    assert first[1] == second[1]
