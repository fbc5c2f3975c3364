"""The store's bulk loader: quads and N-Quads chunks, on a second thread; a failure on either
side leaves the previous graph and no half-written data directory."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.errors import StoreError
from kg.store import loading
from kg.store.store import Store

G = ox.NamedNode("https://example.org/g")


def _quad(n: int) -> ox.Quad:
    subject, predicate = ox.NamedNode(f"https://example.org/s{n}"), ox.NamedNode("https://example.org/p")
    return ox.Quad(subject, predicate, ox.Literal(str(n)), G)


def _nquads(numbers: range) -> bytes:
    return ox.serialize([_quad(n) for n in numbers], format=ox.RdfFormat.N_QUADS) or b""


def _lines(store: Store) -> list[str]:
    return sorted(str(q) for q in store.db)


def _data_dirs(store: Store) -> list[str]:
    return sorted(p.name for p in store.path.iterdir() if p.name.startswith("data-"))


def test_quads_and_nquads_chunks_load_together_in_small_chunks(tmp_path, monkeypatch):
    monkeypatch.setattr(loading, "BULK_CHUNK", 7)  # many chunks of each kind, mixed
    monkeypatch.setattr(loading, "BULK_BYTES", 500)
    items = [*(_quad(n) for n in range(20)), _nquads(range(20, 50)), _quad(50), _nquads(range(51, 60))]
    with Store.writing(tmp_path / "store") as writer:
        writer.replace(items)
    store = Store.open(tmp_path / "store")
    assert _lines(store) == sorted(str(_quad(n)) for n in range(60))


def test_a_failing_source_of_quads_leaves_the_previous_graph(tmp_path, monkeypatch):
    monkeypatch.setattr(loading, "BULK_CHUNK", 5)  # the loader thread has chunks in hand when it fails
    with Store.writing(tmp_path / "store") as writer:
        writer.replace([_quad(1)])
    before, dirs = _lines(Store.open(tmp_path / "store")), _data_dirs(Store.open(tmp_path / "store"))

    def failing():
        yield from (_quad(n) for n in range(100, 130))
        raise OSError(28, "No space left on device")

    with pytest.raises(StoreError) as err, Store.writing(tmp_path / "store") as writer:
        writer.replace(failing())
    assert err.value.code == "KG305"
    store = Store.open(tmp_path / "store")
    assert _lines(store) == before and _data_dirs(store) == dirs


def test_bytes_the_loader_refuses_leave_the_previous_graph(tmp_path):
    with Store.writing(tmp_path / "store") as writer:
        writer.replace([_quad(1)])
    with pytest.raises(SyntaxError), Store.writing(tmp_path / "store") as writer:
        writer.replace([_quad(2), b"<https://example.org/s> <https://example.org/p> not-a-term .\n"])
    store = Store.open(tmp_path / "store")
    assert _lines(store) == [str(_quad(1))] and _data_dirs(store) == [store.data_dir.name]


class Recording:
    """A pyoxigraph store that remembers the longest N-Quads line each bulk load was given and
    the quads written in transactions."""

    def __init__(self, db: ox.Store):
        self.db, self.bulk_lines, self.extended = db, [], []

    def bulk_load(self, data: bytes, fmt) -> None:
        self.bulk_lines.append(max(map(len, data.split(b"\n"))))
        self.db.bulk_load(data, fmt)

    def extend(self, quads) -> None:
        quads = list(quads)
        self.extended += quads
        self.db.extend(quads)


def test_a_huge_literal_is_written_apart_from_the_bulk_load(monkeypatch):
    """Bulk-loaded beside other quads, one 5 MB literal (a whole article in kg:text) made every
    later read slow; it goes in a transaction of its own after the bulk load."""
    monkeypatch.setattr(loading, "BIG_LINE", 1_000)
    article = ox.Quad(ox.NamedNode("https://example.org/doc"), ox.NamedNode("https://example.org/text"),
                      ox.Literal("word\nword " * 200), G)  # fmt: skip
    db = Recording(ox.Store())
    loading.bulk_load(db, [*(_quad(n) for n in range(10)), article, _nquads(range(10, 20))])
    assert db.extended == [article]
    assert db.bulk_lines and max(db.bulk_lines) < 1_000
    assert sorted(str(q) for q in db.db) == sorted(str(q) for q in [*(_quad(n) for n in range(20)), article])
