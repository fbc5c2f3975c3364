"""The build: ingest -> parse and extract (cached) -> resolve -> RDF -> atomic store swap.

A store holds every document ever built into it: building new sources merges them with the
documents already there (a document with the same id is replaced), and all entities are
resolved again over the whole corpus (its cached mentions), so the graph does not depend on
the order of builds. Only what changed is rewritten (``kg.builder.incremental``) unless most of the
corpus changed, when the whole store is bulk-loaded again.
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pyoxigraph as ox

from kg.builder.cache import ExtractionCache
from kg.builder.identifiers import stored_registry
from kg.builder.incremental import plan_patch, stored_hashes
from kg.builder.parts import QuadTally
from kg.builder.runners import BuildSummary, LocalRunner, Runner
from kg.errors import InputError, StoreError
from kg.extract.confidence import STATED_FLOOR
from kg.graph.iri import entity_iri
from kg.graph.namespaces import IMPORT_GRAPH_NS
from kg.ingest.fetch import FetchLimits
from kg.ingest.sources import iter_documents
from kg.model import Document, Extraction
from kg.parse.parser_warnings import captured, summarise
from kg.resolve.concepts import resolve_concepts
from kg.resolve.entities import Resolution, resolve
from kg.resolve.identifiers import assign_identifiers
from kg.store.store import Store

__all__ = ["MIN_CONFIDENCE", "BuildSummary", "build_store", "merge_into", "stored_min_confidence"]

Warn = Callable[[str], None]


#: Facts below this confidence (the relations inferred from noun phrases: every one ranks below
#: it, every stated fact above) stay out of the graph unless asked for; `kg extract` and
#: `kg eval` still show them.
MIN_CONFIDENCE = STATED_FLOOR


def build_store(
    sources: Iterable[str],
    store_path: str | os.PathLike,
    *,
    nlp=None,
    quiet: bool = True,
    on_warning: Warn | None = None,
    on_error: Warn | None = None,
    stdin=None,
    batch_size: int = 32,
    min_confidence: float = MIN_CONFIDENCE,
    workers: int = 1,
    scheduler: str | None = None,
    encoding: str | None = None,
    fetch: FetchLimits | None = None,
) -> BuildSummary:
    """Build ``sources`` into the store at ``store_path`` (created when missing).

    A source that cannot be read is reported to ``on_error`` (and kept in
    ``summary.errors``); the other sources are still built. When no source could be read,
    nothing is built and the store is not created or touched (KG123). ``encoding`` forces the
    encoding of text and HTML files; ``fetch`` bounds what a URL may take. With ``scheduler`` (a Dask
    scheduler address, ``tcp://HOST:PORT``) extraction and the documents' quads run on that
    cluster (``kg.builder.cluster``) and ``nlp`` and ``workers`` are not used; the graph is the same."""
    started = time.perf_counter()
    summary = BuildSummary()

    def warn(message: str) -> None:
        summary.warnings.append(message)
        if on_warning:
            on_warning(message)

    def error(err) -> None:
        summary.errors.append(str(err))
        if on_error:
            on_error(str(err))

    documents = iter_documents(
        sources, stdin=stdin, on_warning=warn, errors="warn", on_error=error, encoding=encoding, fetch=fetch
    )
    first = next(documents, None)  # before the store is touched: a build that reads nothing leaves none
    if first is None and summary.errors:
        raise InputError(f"nothing built: no source could be read ({summary.errors[0]})", code="KG123")
    documents = itertools.chain([first] if first is not None else [], documents)
    with ExitStack() as stack:
        runner: Runner
        if scheduler is not None:  # connect first: an unreachable cluster leaves no store behind
            from kg.builder.cluster import ClusterRunner

            runner = stack.enter_context(ClusterRunner.connect(scheduler, workdir=store_path, quiet=quiet))
        else:
            runner = LocalRunner(nlp=nlp, quiet=quiet, batch_size=batch_size, workers=workers)
        store = stack.enter_context(Store.writing(store_path, create=True, on_warning=warn))
        cache = ExtractionCache(Path(store_path) / "cache")
        with captured() as caught:  # spaCy's warnings: once each, counted, not a flood
            extract_started = time.perf_counter()
            keys = runner.extract(documents, cache, summary)
            summary.phases["parse and extract"] = time.perf_counter() - extract_started
        summary.parser_warnings = len(caught)
        for message in summarise(caught):
            warn(message)
        merge_into(store, keys, cache, summary, min_confidence, runner.graph_quads)
    summary.seconds = time.perf_counter() - started
    return summary


#: Makes every quad of the graph: (keys, cache, resolution, min_confidence, summary) -> quads
#: (``Quad`` objects, or ``bytes`` chunks of N-Quads as worker processes return them).
GraphQuads = Callable[[dict[str, str], ExtractionCache, Resolution, float, BuildSummary], Iterable[ox.Quad | bytes]]


def merge_into(
    store: Store,
    keys: dict[str, str],
    cache: ExtractionCache,
    summary: BuildSummary,
    min_confidence: float,
    graph_quads: GraphQuads,
    removed: Collection[str] = (),
) -> None:
    """Merge this build's documents (id -> content hash, extractions cached) with the store's,
    less the ``removed`` ones, and resolve entities over all of them; then patch what changed,
    or replace the graph with the quads ``graph_quads`` makes when most of it changed. A no-op
    when nothing is new, changed or removed."""
    previous = stored_hashes(store)
    unchanged = all(previous.get(doc_id) == key for doc_id, key in keys.items())
    same_cut = stored_min_confidence(store) == min_confidence
    if previous and unchanged and same_cut and not removed:
        summary.documents = len(previous)  # nothing new or changed: the graph stands as it is
        summary.sentences, summary.facts = _stored_counts(store)
        summary.triples = len(store)
        return
    summary.replaced = sum(1 for doc_id, key in keys.items() if previous.get(doc_id, key) != key)
    keys = {doc_id: key for doc_id, key in sorted((previous | keys).items()) if doc_id not in removed}
    _check_cached(keys, cache)
    started = time.perf_counter()
    corpus = list(_mentions_only(keys, cache))
    resolution = resolve(corpus)
    resolution.concepts = resolve_concepts(corpus)
    resolution.identifiers = assign_identifiers(resolution.entities, stored_registry(store), entity_iri)
    summary.phases["resolve"] = time.perf_counter() - started
    tally = QuadTally()
    patch = (
        plan_patch(store, keys, cache, resolution, min_confidence, tally, removed) if previous and same_cut else None
    )
    if patch is not None:
        store.patch(patch)
        summary.phases["patch"] = time.perf_counter() - started - summary.phases["resolve"]
        summary.rewritten = tally.documents
        summary.sentences, summary.facts = _stored_counts(store)
    else:
        making = _Timed(graph_quads(keys, cache, resolution, min_confidence, summary))
        store.replace(itertools.chain(making, _imported_quads(store)))
        summary.phases["quads"] = making.seconds
        summary.phases["load"] = store.timings["write"] - making.seconds
        summary.phases["switch"] = store.timings["switch"]
    summary.documents = len(keys)
    summary.entities = len(resolution.entities)
    summary.triples = len(store)


class _Timed:
    """An iterator that counts the seconds spent making its items (not those spent by its consumer)."""

    def __init__(self, items: Iterable):
        self.items = iter(items)
        self.seconds = 0.0

    def __iter__(self) -> _Timed:
        return self

    def __next__(self):
        started = time.perf_counter()
        try:
            return next(self.items)
        finally:
            self.seconds += time.perf_counter() - started


def _imported_quads(store: Store) -> Iterator[ox.Quad]:
    """The quads of the graphs ``kg import`` added (``graph/import/...``): a rebuild keeps them."""
    if store.data_dir is None:
        return
    for graph in sorted(store.db.named_graphs(), key=str):
        if isinstance(graph, ox.NamedNode) and graph.value.startswith(IMPORT_GRAPH_NS):
            yield from store.db.quads_for_pattern(None, None, None, graph)


def _stored_counts(store: Store) -> tuple[int, int]:
    """Sentences and facts in the store's documents."""
    sentences = store.query("SELECT (SUM(?n) AS ?s) WHERE { ?d a kg:Document ; kg:sentenceCount ?n }").rows
    facts = store.query("SELECT (COUNT(?f) AS ?n) WHERE { ?f a kg:Fact }").rows
    return int(sentences[0][0] or 0), int(facts[0][0] or 0)


def stored_min_confidence(store: Store) -> float | None:
    rows = store.query("SELECT ?c WHERE { ?b kg:minConfidence ?c }").rows
    return float(rows[0][0]) if rows and rows[0][0] is not None else None


def _check_cached(keys: dict[str, str], cache: ExtractionCache) -> None:
    for doc_id, key in keys.items():
        if not cache.has(key):
            raise StoreError(
                f"document {doc_id!r} is in the store but its extraction cache is missing; rebuild it from its source",
                code="KG306",
            )


def _mentions_only(keys: dict[str, str], cache: ExtractionCache) -> Iterator[Extraction]:
    """What resolution needs of each document, without its text and facts (small in memory):
    its mentions and concept mentions."""
    for doc_id, key in keys.items():
        document = Document(id=doc_id, text="")
        yield Extraction(document, mentions=cache.mentions(key, doc_id), concepts=cache.concepts(key) or [])
