"""How a build runs its parallel work: the runner interface, the local runner, and what both share.

A runner does the two per-document jobs of a build: ``extract`` (parse and extract the
documents the cache lacks) and ``graph_quads`` (make every quad once entities are resolved).
``LocalRunner`` does them on this machine: spaCy's ``nlp.pipe`` with ``workers`` parsing
processes, and with ``workers`` > 1 and enough documents the documents' quads in a pool of
processes that return N-Quads (``partition_quads``, as on a Dask cluster), parsed back in
order, at most ``2 x workers`` partitions in flight so memory does not grow with the corpus.
``kg.builder.cluster.ClusterRunner`` does the same on a Dask cluster.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

import pyoxigraph as ox

from kg.builder.cache import CacheWriter, ExtractionCache, content_hash
from kg.builder.parts import (
    QuadTally,
    closing_quads,
    document_part_quads,
    opening_quads,
    partition_jobs,
    partition_quads,
)
from kg.ingest.clean import printable
from kg.model import Document
from kg.resolve import Resolution

__all__ = ["MIN_POOL_DOCUMENTS", "BuildSummary", "LocalRunner", "Progress", "Runner", "uncached_documents"]

MIN_POOL_DOCUMENTS = 200  # below this, starting the processes costs more than it saves
#: fork, as spaCy's own worker processes: spawn would run again a user's script that has no
#: ``if __name__ == "__main__"`` guard.
_START_METHOD = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


@dataclass
class BuildSummary:
    """What a build did, for the summary line."""

    documents: int = 0  # documents in the graph after the build
    new: int = 0  # documents parsed in this build
    cached: int = 0  # documents read from sources whose extraction was cached
    rewritten: int | None = None  # documents whose quads were rewritten (None: the whole store)
    replaced: int = 0  # documents already in the store that this build gave a new version of
    sentences: int = 0
    facts: int = 0
    entities: int = 0
    triples: int = 0
    seconds: float = 0.0
    parser_warnings: int = 0  # spaCy's warnings, each distinct one also in ``warnings`` once
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # sources that could not be read
    #: wall seconds of each phase: "parse and extract", "resolve", "quads", "load", "switch"
    #: (or "patch" for an incremental write); the bench prints them
    phases: dict[str, float] = field(default_factory=dict)

    def line(self) -> str:
        rewritten = "" if self.rewritten is None else f", {self.rewritten} rewritten"
        parser = f", {self.parser_warnings} parser warnings" if self.parser_warnings else ""
        replaced = f", {self.replaced} replaced" if self.replaced else ""
        return (
            f"{self.documents} documents ({self.new} parsed, {self.cached} cached{replaced}{rewritten}), "
            f"{self.sentences} sentences, {self.facts} facts, {self.entities} entities, "
            f"{self.triples} triples in {self.seconds:.1f}s{parser}"
        )


def uncached_documents(
    documents: Iterable[Document], cache: ExtractionCache, keys: dict[str, str], summary: BuildSummary
) -> Iterator[Document]:
    """The documents whose extraction is not cached yet, or whose cache entry is damaged (it is
    extracted again from this source); every document's content hash goes into ``keys`` and the
    cached ones are counted in ``summary``."""
    for document in documents:
        key = keys[document.id] = content_hash(document)
        if cache.intact(key):
            summary.cached += 1
            continue
        yield document


class Progress:
    """Counts items as they finish, drawn on stderr by rich; does nothing when quiet."""

    def __init__(self, description: str, *, quiet: bool = False):
        self.description = description
        self.quiet = quiet
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> Progress:
        if not self.quiet:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
            from rich.progress import Progress as RichProgress

            console = Console(file=sys.stderr)
            self._bar = RichProgress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("{task.fields[item]}"),
                console=console,
                transient=False,
            )
            self._bar.__enter__()
            self._task = self._bar.add_task(self.description, total=None, item="")
        return self

    def advance(self, item: str = "") -> None:
        if self._bar is not None:
            from rich.markup import escape

            # an id comes from a file name: no line break or rich markup of its own on stderr
            self._bar.update(self._task, advance=1, item=escape(printable(item)[:40]))

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)


class Runner(Protocol):
    """The parallel half of a build; ``kg.builder.pipeline`` does the rest the same either way."""

    def extract(self, documents: Iterable[Document], cache: ExtractionCache, summary: BuildSummary) -> dict[str, str]:
        """Document id -> content hash of every source document; uncached ones extracted and cached."""
        ...

    def graph_quads(
        self,
        keys: dict[str, str],
        cache: ExtractionCache,
        resolution: Resolution,
        min_confidence: float,
        summary: BuildSummary,
    ) -> Iterable[ox.Quad | bytes]:
        """Every quad of the graph, in the order a one-process build makes them (``bytes``: a
        chunk of N-Quads)."""
        ...


class LocalRunner:
    """Extraction and quads on this machine, with ``workers`` processes."""

    def __init__(self, *, nlp=None, quiet: bool = True, batch_size: int = 32, workers: int = 1):
        self.nlp = nlp
        self.quiet = quiet
        self.batch_size = batch_size
        self.workers = workers

    def extract(self, documents: Iterable[Document], cache: ExtractionCache, summary: BuildSummary) -> dict[str, str]:
        """Document id -> content hash of each source document; the ones not in the cache are
        parsed now (streaming, ``workers`` processes) and their extractions cached."""
        from kg.extract import extract_documents

        keys: dict[str, str] = {}
        pending: deque[str] = deque()  # content hashes of the documents being parsed, in order

        def to_parse() -> Iterator[Document]:
            for document in uncached_documents(documents, cache, keys, summary):
                pending.append(keys[document.id])
                yield document

        with Progress("extracting", quiet=self.quiet) as progress, CacheWriter(cache) as writer:
            parsed = extract_documents(to_parse(), nlp=self.nlp, batch_size=self.batch_size, workers=self.workers)
            for extraction in parsed:
                writer.put(pending.popleft(), extraction)
                summary.new += 1
                progress.advance(extraction.document.id)
        return keys

    def graph_quads(
        self,
        keys: dict[str, str],
        cache: ExtractionCache,
        resolution: Resolution,
        min_confidence: float,
        summary: BuildSummary,
    ) -> Iterator[ox.Quad | bytes]:
        """Every quad of the graph, one document at a time (read back from the cache), so memory
        does not grow with the corpus; with ``workers`` > 1 and enough documents, the documents'
        quads made in that many processes."""
        tally = QuadTally()
        if self.workers > 1 and len(keys) >= MIN_POOL_DOCUMENTS:
            yield from _pooled_graph_quads(keys, cache, resolution, min_confidence, tally, self.workers)
        else:
            yield from opening_quads(resolution)
            for doc_id, key in keys.items():
                yield from document_part_quads(doc_id, key, cache.load(key, doc_id), resolution, min_confidence, tally)
            yield from closing_quads(tally.relations, min_confidence)
        summary.sentences += tally.sentences
        summary.facts += tally.facts


def _own_streams() -> None:
    """In a forked worker, write to the process's own stdout and stderr. While the progress bar
    is drawn, ``sys.stderr`` is rich's proxy, which takes the console's lock; a fork while the
    bar's refresh thread held it left the worker a lock nobody would release, and its first
    warning or print then waited forever (a build hung after extraction, its workers idle)."""
    sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__


def _pooled_graph_quads(
    keys: dict[str, str],
    cache: ExtractionCache,
    resolution: Resolution,
    min_confidence: float,
    tally: QuadTally,
    workers: int,
) -> Iterator[ox.Quad | bytes]:
    """Every quad of the graph, in the order a one-process build makes them, the documents'
    made by ``workers`` processes (as N-Quads bytes); what the documents hold is counted in ``tally``."""
    jobs = partition_jobs(keys, cache, resolution, min_confidence)
    yield from opening_quads(resolution)
    context = multiprocessing.get_context(_START_METHOD)
    with context.Pool(workers, initializer=_own_streams) as pool:
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
            yield data  # N-Quads bytes, for the store's bulk loader as they are
    yield from closing_quads(tally.relations, min_confidence)
