"""The build: ingest -> parse and extract (cached) -> resolve -> RDF -> atomic store swap.

A store holds every document ever built into it: building new sources merges them with the
documents already there (a document with the same id is replaced), and all entities are
resolved again over the whole corpus, so the graph does not depend on the order of builds.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .cache import ExtractionCache, content_hash
from .errors import KGError
from .graph import document_quads, entity_quads, ontology_quads, relation_quads, relations_of
from .iri import doc_graph_iri, doc_iri
from .ingest import iter_documents
from .model import Document, Entity, Extraction
from .namespaces import BASE, KG, SCHEMA_GRAPH, XSD
from .progress import Progress
from .resolve import Resolution, resolve
from .store import Store

__all__ = ["MIN_CONFIDENCE", "BuildSummary", "QuadTally", "build_store", "closing_quads", "document_part_quads",
           "merge_into", "opening_quads", "stored_hashes"]

Warn = Callable[[str], None]
CONTENT_HASH = KG + "contentHash"
BUILD = BASE + "build"  # the node that records how the graph was built


@dataclass
class BuildSummary:
    """What a build did, for the summary line."""

    documents: int = 0  # documents in the graph after the build
    new: int = 0  # documents parsed in this build
    cached: int = 0  # documents read from sources whose extraction was cached
    sentences: int = 0
    facts: int = 0
    entities: int = 0
    triples: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # sources that could not be read

    def line(self) -> str:
        return (f"{self.documents} documents ({self.new} parsed, {self.cached} cached), "
                f"{self.sentences} sentences, {self.facts} facts, {self.entities} entities, "
                f"{self.triples} triples in {self.seconds:.1f}s")


def stored_hashes(store: Store) -> dict[str, str]:
    """Document id -> content hash of every document in the store."""
    if store.data_dir is None:
        return {}
    result = store.query(
        "SELECT ?id ?hash WHERE { ?d a kg:Document ; dcterms:identifier ?id ; kg:contentHash ?hash }"
    )
    return {row[0]: row[1] for row in result.rows}


#: Facts below this confidence (mostly relations inferred from noun modifiers) stay out of the
#: graph unless asked for; `kg extract` and `kg eval` still show them.
MIN_CONFIDENCE = 0.3


def build_store(sources: Iterable[str], store_path: str | Path, *, nlp=None, quiet: bool = True,
                on_warning: Warn | None = None, on_error: Warn | None = None, stdin=None,
                batch_size: int = 32, min_confidence: float = MIN_CONFIDENCE,
                workers: int = 1, scheduler: str | None = None) -> BuildSummary:
    """Build ``sources`` into the store at ``store_path`` (created when missing).

    A source that cannot be read is reported to ``on_error`` (and kept in
    ``summary.errors``); the other sources are still built. With ``scheduler`` (a Dask
    scheduler address, ``tcp://HOST:PORT``) extraction and the documents' quads run on that
    cluster (``kg.distributed``) and ``nlp`` and ``workers`` are not used; the graph is the same."""
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

    with ExitStack() as stack:
        runner = None
        if scheduler is not None:  # connect first: an unreachable cluster leaves no store behind
            from .distributed import ClusterRunner

            runner = stack.enter_context(ClusterRunner.connect(scheduler, workdir=store_path, quiet=quiet))
        store = stack.enter_context(Store.writing(store_path, create=True, on_warning=warn))
        cache = ExtractionCache(Path(store_path) / "cache")
        documents = iter_documents(sources, stdin=stdin, on_warning=warn, errors="warn", on_error=error)
        if runner is None:
            keys = _extract_sources(documents, cache, summary, nlp=nlp, quiet=quiet, batch_size=batch_size,
                                    workers=workers)
            merge_into(store, keys, cache, summary, min_confidence, _graph_quads)
        else:
            keys = runner.extract(documents, cache, summary)
            merge_into(store, keys, cache, summary, min_confidence, runner.graph_quads)
    summary.seconds = time.perf_counter() - started
    return summary


#: Makes every quad of the graph: (keys, cache, resolution, min_confidence, summary) -> quads.
GraphQuads = Callable[[dict[str, str], ExtractionCache, Resolution, float, BuildSummary], Iterable[ox.Quad]]


def merge_into(store: Store, keys: dict[str, str], cache: ExtractionCache, summary: BuildSummary,
               min_confidence: float, graph_quads: GraphQuads) -> None:
    """Merge this build's documents (id -> content hash, extractions cached) with the store's,
    resolve entities over all of them and replace the graph with the quads ``graph_quads``
    makes; a no-op when nothing is new or changed."""
    previous = stored_hashes(store)
    unchanged = all(previous.get(doc_id) == key for doc_id, key in keys.items())
    if previous and unchanged and _stored_min_confidence(store) == min_confidence:
        summary.documents = len(previous)  # nothing new or changed: the graph stands as it is
        summary.triples = len(store)
        return
    keys = dict(sorted((previous | keys).items()))  # this build's version wins
    _check_cached(keys, cache)
    resolution = resolve(_mentions_only(keys, cache))
    store.replace(graph_quads(keys, cache, resolution, min_confidence, summary))
    summary.documents = len(keys)
    summary.entities = len(resolution.entities)
    summary.triples = len(store)


def _extract_sources(documents: Iterable[Document], cache: ExtractionCache, summary: BuildSummary,
                     *, nlp, quiet: bool, batch_size: int, workers: int) -> dict[str, str]:
    """Document id -> content hash of each source document; the ones not in the cache are
    parsed now (streaming, ``workers`` processes) and their extractions cached."""
    from .extract import extract_documents

    keys: dict[str, str] = {}
    pending: deque[str] = deque()  # content hashes of the documents being parsed, in order

    def to_parse():
        for document in uncached_documents(documents, cache, keys, summary):
            pending.append(keys[document.id])
            yield document

    with Progress("extracting", quiet=quiet) as progress:
        for extraction in extract_documents(to_parse(), nlp=nlp, batch_size=batch_size, workers=workers):
            cache.put(pending.popleft(), extraction)
            summary.new += 1
            progress.advance(extraction.document.id)
    return keys


def _stored_min_confidence(store: Store) -> float | None:
    rows = store.query("SELECT ?c WHERE { ?b kg:minConfidence ?c }").rows
    return float(rows[0][0]) if rows else None


def uncached_documents(documents: Iterable[Document], cache: ExtractionCache, keys: dict[str, str],
                       summary: BuildSummary) -> Iterator[Document]:
    """The documents whose extraction is not cached yet; every document's content hash goes
    into ``keys`` and the cached ones are counted in ``summary``."""
    for document in documents:
        key = keys[document.id] = content_hash(document)
        if cache.has(key):
            summary.cached += 1
            continue
        yield document


def _check_cached(keys: dict[str, str], cache: ExtractionCache) -> None:
    for doc_id, key in keys.items():
        if not cache.has(key):
            raise KGError(f"document {doc_id!r} is in the store but its extraction cache is missing; "
                          "rebuild it from its source", code="KG306")


def _mentions_only(keys: dict[str, str], cache: ExtractionCache) -> Iterator[Extraction]:
    """What resolution needs of each document, without its text and facts (small in memory)."""
    for doc_id, key in keys.items():
        extraction = cache.get(key)
        yield Extraction(Document(id=doc_id, text=""), mentions=extraction.mentions)


@dataclass
class QuadTally:
    """What the quads of some documents hold, for the summary and the relation declarations."""

    sentences: int = 0
    facts: int = 0
    relations: set[str] = field(default_factory=set)

    def add(self, other: QuadTally) -> None:
        self.sentences += other.sentences
        self.facts += other.facts
        self.relations |= other.relations


def opening_quads(entities: dict[str, Entity]) -> Iterator[ox.Quad]:
    """The quads before the documents': the ontology and every entity."""
    yield from ontology_quads()
    yield from entity_quads(entities[k] for k in sorted(entities))


def document_part_quads(doc_id: str, key: str, extraction: Extraction, resolution: Resolution,
                        min_confidence: float, tally: QuadTally) -> Iterator[ox.Quad]:
    """One document's quads (its node, its facts at or above ``min_confidence``, its content
    hash), counted in ``tally``. ``resolution`` needs only this document's ``mention_entity``
    entries and the entities they name (their labels)."""
    facts = [f for f in resolution.graph_facts(extraction) if f.confidence >= min_confidence]
    tally.sentences += len(extraction.sentences)
    tally.facts += len(facts)
    tally.relations |= relations_of(facts)
    yield from document_quads(extraction.document, facts, resolution.entities)
    yield ox.Quad(ox.NamedNode(doc_iri(doc_id)), ox.NamedNode(CONTENT_HASH), ox.Literal(key),
                  ox.NamedNode(doc_graph_iri(doc_id)))


def closing_quads(relations: Iterable[str], min_confidence: float) -> Iterator[ox.Quad]:
    """The quads after the documents': the relation properties they use and the build settings."""
    yield from relation_quads(relations)
    yield ox.Quad(ox.NamedNode(BUILD), ox.NamedNode(KG + "minConfidence"), ox.Literal(repr(float(min_confidence)),
                  datatype=ox.NamedNode(XSD + "double")), ox.NamedNode(SCHEMA_GRAPH))


def _graph_quads(keys: dict[str, str], cache: ExtractionCache, resolution: Resolution, min_confidence: float,
                 summary: BuildSummary) -> Iterator[ox.Quad]:
    """Every quad of the graph, one document at a time (read back from the cache), so memory
    does not grow with the corpus."""
    yield from opening_quads(resolution.entities)
    tally = QuadTally()
    for doc_id, key in keys.items():
        yield from document_part_quads(doc_id, key, cache.get(key), resolution, min_confidence, tally)
    summary.sentences += tally.sentences
    summary.facts += tally.facts
    yield from closing_quads(tally.relations, min_confidence)
