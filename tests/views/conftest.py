"""Fixtures of the endpoint's tests: no proxy for loopback requests, a sample store per module."""

from __future__ import annotations

import pytest

from tests.records import sample_store


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    """Loopback requests never go through a proxy from the environment."""
    monkeypatch.setenv("no_proxy", "*")
    monkeypatch.setenv("NO_PROXY", "*")


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    """A store of the sample records, shared by a module's tests."""
    path = tmp_path_factory.mktemp("serve") / "store"
    sample_store(path)
    return path
