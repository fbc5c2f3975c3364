"""Shared fixtures: the real spaCy pipeline (loaded once) and a network guard."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Fail any test that opens a network connection (loopback excepted)."""
    real_connect = socket.socket.connect

    def guarded(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and (host.startswith("127.") or host in {"localhost", "::1"}
                                      or self.family == socket.AF_UNIX):
            return real_connect(self, address)
        raise AssertionError(f"test tried to open the network: {address!r}")

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture(scope="session")
def seed_graph(tmp_path_factory):
    """The seed articles built once into a store, for end-to-end tests."""
    import kg

    store = tmp_path_factory.mktemp("seed-store") / "store"
    return kg.build([str(SEEDS)], store)
