"""Every graph the test suite builds passes ontology/shapes.ttl: ``assert_conforms`` checks one
store, and ``checking_builds`` (an autouse fixture in conftest.py) checks each store that
``kg.build`` (the API and the CLI alike) writes in a test, right after the build."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.store.store import Store
from kg.store.validate import ValidationReport, validate_store

#: Reports by the N-Quads digest of the graph: tests build the same seeds again and again, and the
#: same quads give the same report (pySHACL takes most of a second on the seed graph).
_REPORTS: dict[str, ValidationReport] = {}


def assert_conforms(store: Store | str | os.PathLike) -> None:
    """Fail with the first violations when the store's graph does not pass the SHACL shapes."""
    opened = store if isinstance(store, Store) else Store.open(store)
    digest = hashlib.sha256(b"".join(sorted(str(q).encode() for q in opened.db))).hexdigest()
    report = _REPORTS.get(digest) or _REPORTS.setdefault(digest, validate_store(opened))
    shown = "\n".join(v.line() for v in report.violations[:20])
    assert report.conforms, f"{opened.path}: {len(report.violations)} SHACL violations\n{shown}"


@contextmanager
def checking_builds(monkeypatch) -> Iterator[list[Path]]:
    """While in the block, each successful ``kg.api.build_store`` is followed by assert_conforms."""
    import kg.api

    original = kg.api.build_store
    checked: list[Path] = []

    def build_and_check(sources, store, *args, **kwargs):
        summary = original(sources, store, *args, **kwargs)
        assert_conforms(store)
        checked.append(Path(store))
        return summary

    monkeypatch.setattr(kg.api, "build_store", build_and_check)
    yield checked
