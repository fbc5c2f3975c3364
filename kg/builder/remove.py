"""``kg remove``: take documents out of a store, atomically, as a build would have left it.

The store is merged again without them (``kg.builder.pipeline.merge_into``): entities are
resolved over the documents that stay, the removed documents' graphs are dropped, an entity
only they named goes, one they shared gets its new record, and every other document whose
quads depend on what changed is rewritten. The result is the graph a build of the other
documents from scratch makes. It is one patch of a checkpoint (or one rewrite) switched to
under the write lock, so a failure leaves the store as it was; the removed documents' cache
entries go only after the switch.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.builder.cache import ExtractionCache
from kg.builder.incremental import stored_hashes
from kg.builder.pipeline import MIN_CONFIDENCE, merge_into, stored_min_confidence
from kg.builder.runners import BuildSummary, LocalRunner
from kg.errors import StoreError
from kg.store.store import Store

__all__ = ["RemoveSummary", "remove_documents"]


@dataclass
class RemoveSummary:
    """What ``kg remove`` did, for its summary line."""

    removed: list[str] = field(default_factory=list)
    documents: int = 0  # left in the store
    entities: int = 0
    triples: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        return (
            f"removed {len(self.removed)} document(s); {self.documents} documents, {self.entities} entities, "
            f"{self.triples} triples left in {self.seconds:.1f}s"
        )


def remove_documents(
    store_path: str | os.PathLike, doc_ids: Iterable[str], *, on_warning: Callable[[str], None] | None = None
) -> RemoveSummary:
    """Remove the documents ``doc_ids`` from the store at ``store_path``: all of them or, if
    one is not there (KG308), none."""
    started = time.perf_counter()
    wanted = list(dict.fromkeys(doc_ids))
    with Store.writing(store_path, create=False, on_warning=on_warning) as store:
        previous = stored_hashes(store)
        missing = [doc_id for doc_id in wanted if doc_id not in previous]
        if missing:
            listed = ", ".join(repr(doc_id) for doc_id in missing[:5])
            raise StoreError(f"{store_path}: no document {listed} in the store (kg list shows the ids)", "KG308")
        cache = ExtractionCache(Path(store_path) / "cache")
        summary = BuildSummary()
        cut = stored_min_confidence(store)
        merge_into(
            store,
            {},
            cache,
            summary,
            MIN_CONFIDENCE if cut is None else cut,
            LocalRunner().graph_quads,
            removed=wanted,
        )
    for doc_id in wanted:
        cache.remove(previous[doc_id])
    return RemoveSummary(wanted, summary.documents, summary.entities, summary.triples, time.perf_counter() - started)
