"""Build: sources in, a built store out; the stages run in order, cached and incremental.

``pipeline`` drives ingest -> parse and extract (``runners``: in this process, in parsing
processes, or on a Dask cluster in ``cluster``) -> resolve -> quads (``parts``) -> store, and
patches only what changed (``incremental``); extractions are cached by content (``cache``).
"""

from kg.builder.pipeline import MIN_CONFIDENCE, BuildSummary, build_store

__all__ = ["MIN_CONFIDENCE", "BuildSummary", "build_store"]
