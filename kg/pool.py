"""The documents' quads made in local worker processes, for builds with ``--workers`` > 1.

Once entities are resolved, each document's quads need only its extraction and the entities
of its mentions, so partitions of documents go to a pool of processes that return N-Quads
(``kg.parts.partition_quads``, as on a Dask cluster); this process parses them back, in
order, and bulk-loads them. The Python work of making quads (minting IRIs, literals, fact
nodes) is then shared by the cores instead of following the parse on one of them. At most
``2 x workers`` partitions are in flight, so memory does not grow with the corpus.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterator

import pyoxigraph as ox

from .cache import ExtractionCache
from .parts import QuadTally, closing_quads, opening_quads, partition_jobs, partition_quads
from .resolve import Resolution

__all__ = ["MIN_POOL_DOCUMENTS", "pooled_graph_quads"]

MIN_POOL_DOCUMENTS = 200  # below this, starting the processes costs more than it saves
#: fork, as spaCy's own worker processes: spawn would run again a user's script that has no
#: ``if __name__ == "__main__"`` guard.
_START_METHOD = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


def pooled_graph_quads(keys: dict[str, str], cache: ExtractionCache, resolution: Resolution,
                       min_confidence: float, tally: QuadTally, workers: int) -> Iterator[ox.Quad]:
    """Every quad of the graph, in the order a one-process build makes them, the documents'
    made by ``workers`` processes; what the documents hold is counted in ``tally``."""
    jobs = partition_jobs(keys, cache, resolution, min_confidence)
    yield from opening_quads(resolution.entities)
    context = multiprocessing.get_context(_START_METHOD)
    with context.Pool(workers) as pool:
        pending: deque = deque()

        def submit() -> None:
            args = next(jobs, None)
            if args is not None:
                pending.append(pool.apply_async(partition_quads, args))

        for _ in range(2 * workers):
            submit()
        while pending:
            data, part_tally = pending.popleft().get()
            submit()
            tally.add(part_tally)
            yield from ox.parse(data, format=ox.RdfFormat.N_QUADS)
    yield from closing_quads(tally.relations, min_confidence)
