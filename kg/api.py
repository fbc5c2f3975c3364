"""The library API that the CLI and notebooks share: ``build()`` and ``KnowledgeGraph``."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, BinaryIO

from kg.builder.pipeline import MIN_CONFIDENCE, BuildSummary, build_store
from kg.builder.remove import RemoveSummary
from kg.errors import ExportError
from kg.ingest.fetch import FetchLimits
from kg.store.results import QueryResult
from kg.store.store import Store

__all__ = ["DEFAULT_STORE", "KnowledgeGraph", "build", "open_graph", "remove"]

DEFAULT_STORE = "kg-store"


class KnowledgeGraph:
    """A built knowledge graph in an on-disk store: query it, list it, export it, draw it."""

    def __init__(self, store: Store, summary: BuildSummary | None = None):
        self.store = store
        self.summary = summary
        self.removed: RemoveSummary | None = None  # what kg.remove did, when it made this graph

    @property
    def path(self) -> Path:
        return self.store.path

    def query(
        self,
        sparql: str,
        *,
        bindings: dict[str, Any] | None = None,
        timeout: float | None = 30.0,
        limit: int | None = 100_000,
        memory: int | None = None,
    ) -> QueryResult:
        """Run a read-only SPARQL query (prefixes kg:, ent:, rel:, rdfs:, skos: ... predeclared).
        ``sparql`` may also be the name of a query in ontology/queries or a .rq file. With
        ``memory`` (bytes) the query runs in a worker process capped at that much memory and
        killed at ``timeout`` (``kg.store.isolation``: KG409 / KG404), so it cannot take this
        process down."""
        from kg.store.queries import load_query

        text, _ = load_query(sparql)
        if memory is None:
            return self.store.query(text, bindings=bindings, timeout=timeout, limit=limit)
        from kg.store.isolation import Job, run_isolated

        return run_isolated(self.path, Job(text, dict(bindings or {}), limit), timeout, memory)

    def facts(self) -> list[dict]:
        """Every fact, as rows with the columns of the facts CSV."""
        from kg.views.tables import fact_rows

        return fact_rows(self.store)

    def entities(self) -> list[dict]:
        """Every entity, as rows with the columns of the entities CSV."""
        from kg.views.tables import entity_rows

        return entity_rows(self.store)

    def export(
        self, fmt: str = "ttl", out: str | os.PathLike | BinaryIO | None = None, *, what: str = "facts"
    ) -> bytes | None:
        """Write the graph as ttl, nt, jsonld, trig, nquads, graphml, gexf or csv (``what`` = facts or
        entities) to a path (atomically) or binary file; with no ``out``, return the bytes."""
        from kg.store.writing import atomic_writer
        from kg.views.export import export

        if out is None:
            buffer = io.BytesIO()
            export(self.store, fmt, buffer, what=what)
            return buffer.getvalue()
        if not isinstance(out, (str, os.PathLike)):
            export(self.store, fmt, out, what=what)
            return None
        try:
            with atomic_writer(out) as handle:
                export(self.store, fmt, handle, what=what)
        except OSError as exc:
            raise ExportError(f"{out}: could not write: {exc.strerror or exc}", code="KG503") from None
        return None

    def to_networkx(self):
        """A networkx MultiDiGraph: entities and literals as nodes, facts as edges."""
        from kg.views.network import to_networkx

        return to_networkx(self.store)

    def analyze(self, top: int = 10, min_size: int = 2):
        """Counts, the ``top`` central entities and the communities (``kg.views.analytics.Analysis``)."""
        from kg.views.analytics import analyze

        return analyze(self.to_networkx(), top=top, min_size=min_size)

    def central_entities(self, top: int = 10):
        """The ``top`` entities by PageRank over the facts that link entities."""
        from kg.views.analytics import central_entities

        return central_entities(self.to_networkx(), top=top)

    def communities(self, min_size: int = 2):
        """Groups of entities linked more among themselves, largest first."""
        from kg.views.analytics import communities

        return communities(self.to_networkx(), min_size=min_size)

    def find_path(self, source: str, target: str, max_hops: int = 6):
        """The chain of facts connecting two entities (names, aliases or IRIs), one
        ``kg.views.analytics.PathStep`` a fact, each with its document and sentence."""
        from kg.views.analytics import find_path

        return find_path(self.to_networkx(), source, target, max_hops=max_hops)

    def render(self, path: str | os.PathLike = "graph.html", **options):
        """Write the interactive HTML graph (see ``kg.views.render.render_html`` for options).
        Without a focus or filters, the nodes past ``max_nodes`` are cut in SPARQL first
        (``kg.views.drawn``): only the drawn part of the graph is read into networkx."""
        from kg.views.drawn import drawn_graph
        from kg.views.render import render_html

        unfiltered = not any(options.get(k) for k in ("focus", "types", "entities_only", "literal_filter"))
        graph = None
        if unfiltered and options.get("min_support", 1) == 1 and options.get("max_nodes", 500) >= 1:
            graph = drawn_graph(self.store, options.get("max_nodes", 500))
        return render_html(graph if graph is not None else self.to_networkx(), path, **options)

    def documents(self) -> QueryResult:
        """The documents of the store: id, title, date, source (the outlet) and facts, by id."""
        return self.query("documents", limit=None)

    def stats(self) -> dict[str, dict[str, int]]:
        """Counts: entities by type; facts by relation, class, quadrant, document; unclassed relations."""
        from kg.views.tables import count_tables

        return count_tables(self.store)

    def validate(self):
        """Validate the graph against ontology/shapes.ttl (pySHACL): a ValidationReport."""
        from kg.store.validate import validate_store

        return validate_store(self.store)

    def __len__(self) -> int:
        return len(self.store)

    def __repr__(self) -> str:
        return f"KnowledgeGraph({str(self.path)!r}, {len(self)} triples)"


def build(
    sources: Iterable[str] | str,
    store: str | os.PathLike = DEFAULT_STORE,
    *,
    quiet: bool = True,
    on_warning: Callable[[str], None] | None = None,
    on_error: Callable[[str], None] | None = None,
    nlp=None,
    stdin=None,
    min_confidence: float = MIN_CONFIDENCE,
    workers: int = 1,
    scheduler: str | None = None,
    encoding: str | None = None,
    fetch_timeout: float | None = None,
) -> KnowledgeGraph:
    """Ingest ``sources`` (files, folders, globs, .html, .jsonl, .warc, http(s) URLs, ``-``),
    extract, resolve and merge them into the store at ``store``, and return the graph. Sources
    that cannot be read go to ``on_error`` and ``graph.summary.errors``; the others are built
    (none readable: KG123, no store written). ``encoding`` forces the encoding of text and HTML
    files (default: UTF-8, else detected, with a warning); a URL is fetched within
    ``fetch_timeout`` seconds (default 20). Facts below
    ``min_confidence`` stay out of the graph. ``workers`` processes parse in parallel; with
    ``scheduler`` (a Dask scheduler, ``tcp://HOST:PORT``) its cluster parses and makes the
    documents' quads instead (``kg.builder.cluster``), and the graph is the same."""
    if isinstance(sources, (str, os.PathLike)):
        sources = [str(sources)]
    summary = build_store(
        [str(s) for s in sources],
        store,
        nlp=nlp,
        quiet=quiet,
        on_warning=on_warning,
        on_error=on_error,
        stdin=stdin,
        min_confidence=min_confidence,
        workers=workers,
        scheduler=scheduler,
        encoding=encoding,
        fetch=FetchLimits(timeout=fetch_timeout) if fetch_timeout is not None else None,
    )
    return KnowledgeGraph(Store.open(store), summary)


def remove(
    doc_ids: Iterable[str] | str,
    store: str | os.PathLike = DEFAULT_STORE,
    *,
    on_warning: Callable[[str], None] | None = None,
) -> KnowledgeGraph:
    """Remove documents (by id, as ``graph.documents()`` lists them) from the store: their
    graphs, their cache entries, the entities only they mention; all or none (KG308 for an
    id not in the store), atomically. ``graph.removed`` says what went."""
    from kg.builder.remove import remove_documents

    summary = remove_documents(store, [doc_ids] if isinstance(doc_ids, str) else doc_ids, on_warning=on_warning)
    graph = KnowledgeGraph(Store.open(store))
    graph.removed = summary
    return graph


def open_graph(store: str | os.PathLike = DEFAULT_STORE) -> KnowledgeGraph:
    """Open a graph built earlier."""
    return KnowledgeGraph(Store.open(store))
