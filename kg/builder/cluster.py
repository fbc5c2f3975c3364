"""The build on a Dask distributed cluster: ``kg build SOURCES --scheduler tcp://HOST:PORT``.

Extraction is per document and the quads of a document need only its extraction and the
entities of its mentions, so both run on the cluster's workers; resolution is a reduce over
the mentions of the whole corpus and runs on the driver (this process), as in a local build:

1. The driver reads the sources; documents whose content hash is not in the store's cache go
   to the workers in partitions of ``PARTITION_SIZE``. A worker loads the spaCy pipeline once
   per process (``kg.parse.nlp.load_pipeline`` is cached) and returns the extractions as JSON, which
   the driver writes to the cache.
2. The driver resolves entities over the mentions of every document in the store.
3. Each partition's cached extractions (as JSON: workers do not share the driver's disk) and
   the slice of the resolution they need go back to the workers, which make the documents'
   quads with ``kg.builder.parts.document_part_quads`` (the local build's own function) and return
   them as N-Quads; the driver writes one file per partition next to the store.
4. The driver loads the ontology, entity, relation and build-settings quads and the partition
   files into a fresh data directory and switches the store to it (``Store.replace``), so the
   graph is byte-identical to a local build's.

At most ``2 x`` the cluster's threads tasks are in flight at a time, so the driver's and the
scheduler's memory do not grow with the corpus.

Errors: KG601 the scheduler cannot be reached (or the address is not ``tcp://HOST:PORT``),
KG602 Dask is not installed, KG603 the cluster has no workers, KG604 a task failed on a
worker, KG605 a worker runs a different extractor (kg or spaCy model version) than the driver.
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.builder.cache import ExtractionCache
from kg.builder.parts import PARTITION_SIZE, QuadTally, closing_quads, opening_quads, partition_jobs, partition_quads
from kg.builder.runners import BuildSummary, Progress, uncached_documents
from kg.errors import KGError
from kg.extract.serialise import EXTRACTOR_VERSION, extraction_from_json, extraction_to_json
from kg.model import Document
from kg.resolve.entities import Resolution

__all__ = ["CONNECT_TIMEOUT", "PARTITION_SIZE", "ClusterError", "ClusterRunner", "extract_partition"]

#: Seconds to wait for the scheduler (and for a first worker) before giving up.
CONNECT_TIMEOUT = 10.0
_SCHEMES = ("tcp", "tls", "ws", "wss")


class ClusterError(KGError):
    """The Dask cluster could not be reached or a task on it failed."""

    family = "KG6"


# ---------------------------------------------------------------------------- worker tasks
def extract_partition(documents: list[Document]) -> tuple[str, list[str]]:
    """On a worker: the extractions of ``documents`` as JSON, in order, with the worker's
    extractor version (the pipeline is loaded once per worker process)."""
    from kg.extract import extract_documents
    from kg.parse.nlp import load_pipeline

    extractions = extract_documents(documents, nlp=load_pipeline())
    return EXTRACTOR_VERSION, [extraction_to_json(extraction) for extraction in extractions]


# ---------------------------------------------------------------------------- the driver
class ClusterRunner:
    """The cluster side of a build: ``extract`` and ``graph_quads`` for ``kg.builder.pipeline``."""

    def __init__(self, client, workdir: str | os.PathLike, *, quiet: bool = True):
        self.client = client
        self.workdir = Path(workdir)  # the store: partition files go in a temporary folder there
        self.quiet = quiet
        self._parts: Path | None = None

    @classmethod
    @contextmanager
    def connect(cls, address: str, *, workdir: str | os.PathLike, quiet: bool = True) -> Iterator[ClusterRunner]:
        """Connect to the scheduler at ``address`` (KG601 within ``CONNECT_TIMEOUT`` seconds if
        it cannot be reached) and close the connection and the partition files at the end."""
        try:
            from distributed import Client
        except ImportError:
            raise ClusterError("--scheduler needs Dask: pip install 'kg[dask]'", "KG602") from None
        address = _check_address(address)
        try:
            client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ClusterError(f"cannot reach the Dask scheduler at {address} ({_reason(exc)})", "KG601") from None
        runner = cls(client, workdir, quiet=quiet)
        try:
            runner._wait_for_workers(address)
            yield runner
        finally:
            runner._close()

    def _wait_for_workers(self, address: str) -> None:
        if self.client.nthreads():
            return
        try:
            self.client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            raise ClusterError(
                f"the Dask scheduler at {address} has no workers ({_reason(exc)}); "
                "start some with `dask worker " + address + "`",
                "KG603",
            ) from None

    def _close(self) -> None:
        if self._parts is not None:
            shutil.rmtree(self._parts, ignore_errors=True)
            self._parts = None
        try:
            self.client.close()
        except (OSError, TimeoutError):
            pass  # the scheduler is gone already

    @property
    def window(self) -> int:
        """Tasks in flight at a time: enough to keep every worker thread busy."""
        return max(2, 2 * sum(self.client.nthreads().values()))

    def _run(self, task: Callable, jobs: Iterable[tuple[Any, tuple]]) -> Iterator[tuple[Any, Any]]:
        """``(tag, task(*args))`` for each job ``(tag, args)``, as the tasks finish, at most
        ``window`` in flight (jobs are read only as tasks finish)."""
        from distributed import as_completed

        jobs = iter(jobs)
        done = as_completed(loop=self.client.loop)
        tags: dict[str, object] = {}

        def submit() -> None:
            job = next(jobs, None)
            if job is not None:
                tag, args = job
                future = self.client.submit(task, *args, pure=False)
                tags[future.key] = tag
                done.add(future)

        for _ in range(self.window):
            submit()
        for future in done:
            try:
                result = future.result()
            except KGError:
                raise
            except Exception as exc:
                raise ClusterError(
                    f"a task failed on the cluster: {type(exc).__name__}: {_reason(exc)}", "KG604"
                ) from None
            tag = tags.pop(future.key)
            future.release()
            submit()
            yield tag, result

    def extract(self, documents: Iterable[Document], cache: ExtractionCache, summary: BuildSummary) -> dict[str, str]:
        """Document id -> content hash of each source document; the ones not in the cache are
        extracted on the cluster and their extractions cached."""
        keys: dict[str, str] = {}

        def partitions() -> Iterator[tuple[list[Document], tuple]]:
            batch: list[Document] = []
            for document in uncached_documents(documents, cache, keys, summary):
                batch.append(document)
                if len(batch) == PARTITION_SIZE:
                    yield batch, (batch,)
                    batch = []
            if batch:
                yield batch, (batch,)

        with Progress("extracting", quiet=self.quiet) as progress:
            for batch, (version, texts) in self._run(extract_partition, partitions()):
                if version != EXTRACTOR_VERSION:
                    raise ClusterError(
                        f"a worker extracts with version {version}, this kg with {EXTRACTOR_VERSION}: "
                        "install the same kg and spaCy model on the driver and every worker",
                        "KG605",
                    )
                for document, text in zip(batch, texts, strict=True):
                    cache.put(keys[document.id], extraction_from_json(text))
                    summary.new += 1
                    progress.advance(document.id)
        return keys

    def graph_quads(
        self,
        keys: dict[str, str],
        cache: ExtractionCache,
        resolution: Resolution,
        min_confidence: float,
        summary: BuildSummary,
    ) -> Iterator[ox.Quad | bytes]:
        """Every quad of the graph: the documents' made on the cluster and written to one N-Quads
        file per partition (now, before the store is written), the rest made here."""
        self._parts = Path(tempfile.mkdtemp(prefix=".parts-", dir=self.workdir))
        jobs = enumerate(partition_jobs(keys, cache, resolution, min_confidence))
        tally = QuadTally()
        files: list[Path] = []
        for number, (data, part_tally) in self._run(partition_quads, jobs):
            path = self._parts / f"part-{number:06d}.nq"
            path.write_bytes(data)
            files.append(path)
            tally.add(part_tally)
        summary.sentences += tally.sentences
        summary.facts += tally.facts
        return itertools.chain(
            opening_quads(resolution),
            _read_files(sorted(files)),
            closing_quads(tally.relations, min_confidence),
        )


def _read_files(files: list[Path]) -> Iterator[bytes]:
    """The N-Quads files, one in memory at a time, for the store's bulk loader."""
    for path in files:
        yield path.read_bytes()


def _check_address(address: str) -> str:
    """``tcp://HOST:PORT`` (``HOST:PORT`` means tcp); KG601 for anything else, before Dask is
    asked (a malformed address leaves Dask's half-made client complaining at exit)."""
    from distributed.comm.addressing import parse_address, parse_host_port

    text = address.strip()
    try:
        scheme, location = parse_address(text)
        if scheme not in _SCHEMES:
            raise ValueError(f"scheme {scheme!r} is not one of {', '.join(_SCHEMES)}")
        parse_host_port(location)
    except ValueError as exc:
        raise ClusterError(f"{address!r} is not a scheduler address like tcp://HOST:PORT ({exc})", "KG601") from None
    return text if "://" in text else f"tcp://{text}"


def _reason(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
