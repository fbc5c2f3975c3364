"""Shared fixtures: the real spaCy pipeline (loaded once), a network guard, and the SHACL check of
every graph a test builds."""

from __future__ import annotations

import socket
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


#: Fixtures that build a graph with the model: a test that uses one is slow (left out by
#: ``make check``, the fast loop; ``make test`` runs it).
BUILDING_FIXTURES = frozenset({"seed_graph"})


def pytest_collection_modifyitems(items) -> None:
    """Mark slow every test that needs the seed graph built (about 15 s of parsing, extraction
    and SHACL once per session), so that ``make check`` stays a fast loop of unit tests."""
    for item in items:
        if BUILDING_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def nlp():
    from kg.parse.nlp import load_pipeline

    return load_pipeline()


_LOOPBACK = ("127.", "::1", "localhost")
_NETWORK_EVENTS: list[str] = []  # what the audit hook blocked during the current test


def _is_loopback(host) -> bool:
    return isinstance(host, str) and (host.startswith(_LOOPBACK) or host == "")


def _audit(event: str, args) -> None:
    """Block (and record) any connection, DNS lookup or URL request that leaves the machine."""
    if event == "socket.connect":
        sock, address = args
        host = address[0] if isinstance(address, tuple) else None
        if sock.family != socket.AF_UNIX and not _is_loopback(host):
            _NETWORK_EVENTS.append(f"{event} {address!r}")
            raise ConnectionRefusedError(f"test tried to open the network: {address!r}")
    elif event == "socket.getaddrinfo" and not _is_loopback(args[0]):
        _NETWORK_EVENTS.append(f"{event} {args[0]!r}")
        raise OSError(f"test tried a DNS lookup: {args[0]!r}")
    elif event == "urllib.Request":
        host = urlsplit(args[0]).hostname
        if not _is_loopback(host):
            _NETWORK_EVENTS.append(f"{event} {args[0]!r}")
            raise ConnectionRefusedError(f"test tried to open {args[0]!r}")


sys.addaudithook(_audit)  # process-wide and permanent: audit hooks cannot be removed


@pytest.fixture(autouse=True)
def no_network():
    """Fail any test that tried to reach the network (loopback excepted), even when the code
    under test caught the error the audit hook raised."""
    _NETWORK_EVENTS.clear()
    yield
    blocked, _NETWORK_EVENTS[:] = list(_NETWORK_EVENTS), []
    assert not blocked, f"test tried to open the network: {blocked}"


@pytest.fixture(autouse=True)
def shapes_checked(monkeypatch):
    """Each store ``kg.build`` writes during a test passes ontology/shapes.ttl (tests/shapes.py)."""
    from tests.shapes import checking_builds

    with checking_builds(monkeypatch):
        yield


@pytest.fixture(scope="session")
def seed_graph(tmp_path_factory):
    """The seed articles built once into a store, for end-to-end tests (checked against the shapes)."""
    import kg
    from tests.shapes import assert_conforms

    store = tmp_path_factory.mktemp("seed-store") / "store"
    graph = kg.build([str(SEEDS)], store)
    assert_conforms(graph.store)
    return graph
