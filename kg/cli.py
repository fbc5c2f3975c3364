"""The ``kg`` command line: a thin typer layer over the library API.

Each command checks its arguments, calls one library function, prints, and turns a
``KGError`` into a one-line message on stderr and a non-zero exit.
"""

from __future__ import annotations

import functools
import os
import signal
import sys
import threading
from pathlib import Path
from typing import Annotated

import typer

from kg.api import DEFAULT_STORE
from kg.builder.pipeline import MIN_CONFIDENCE

__all__ = ["app"]

app = typer.Typer(
    name="kg",
    help="Build a merged, queryable RDF knowledge graph from news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

StoreOption = Annotated[Path, typer.Option("--store", "-s", help="The graph store directory.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")]


def _err(message: str) -> None:
    """One line on stderr: control characters in it (a newline in a file name) are escaped,
    so no input can start a line of its own."""
    from kg.ingest.clean import printable

    typer.echo(printable(message), err=True)


def _stop_like_ctrl_c() -> None:
    """SIGTERM and SIGHUP do what Ctrl-C does in this process (KeyboardInterrupt: workers ended,
    half-written data removed, the lock released); a child process that inherited the handler
    (spaCy's parsing workers fork) takes the signal's default action instead."""
    main = os.getpid()

    def handler(signum, frame):
        if os.getpid() != main:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        raise KeyboardInterrupt

    if threading.current_thread() is not threading.main_thread():
        return  # signal handlers are the main thread's
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name) and signal.getsignal(getattr(signal, name)) == signal.SIG_DFL:
            signal.signal(getattr(signal, name), handler)


def cli_errors(command):
    """Turn library errors into one line on stderr and exit code 1 (130 on Ctrl-C, SIGTERM or SIGHUP)."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        from kg.errors import InputError, KGError

        try:
            _stop_like_ctrl_c()
            return command(*args, **kwargs)
        except KGError as exc:
            if isinstance(exc.__cause__ or exc.__context__, BrokenPipeError):
                sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - the reader went away (| head)
                raise typer.Exit(0) from None
            _err(f"error: {exc}")
            raise typer.Exit(1) from None
        except BrokenPipeError:  # the reader went away (| head): stop quietly
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps the interpreter's flush quiet
            raise typer.Exit(0) from None
        except UnicodeError as exc:
            reason = getattr(exc, "reason", exc)
            _err(f"error: {InputError(f'input is not UTF-8 text ({reason})', 'KG102')}")
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            _err(f"error: {KGError('interrupted', 'KG001')}")
            raise typer.Exit(130) from None
        except OSError as exc:
            where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
            _err(f"error: {KGError(f'{where}{exc.strerror or exc}', 'KG002')}")
            raise typer.Exit(1) from None

    return wrapper


@app.command()
@cli_errors
def build(
    sources: Annotated[
        list[str] | None,
        typer.Argument(help="Files, folders, globs, .html, .jsonl and .warc(.gz) files, http(s) URLs, or - for stdin."),
    ] = None,
    store: StoreOption = Path(DEFAULT_STORE),
    urls: Annotated[
        Path | None, typer.Option("--urls", help="A text file of URLs to fetch, one a line (# comments).")
    ] = None,
    encoding: Annotated[
        str | None, typer.Option(help="Read text and HTML files in this encoding (default: UTF-8, else detected).")
    ] = None,
    fetch_timeout: Annotated[float, typer.Option(help="Seconds a URL may take to fetch.", min=0.1)] = 20.0,
    quiet: QuietOption = False,
    min_confidence: Annotated[
        float, typer.Option(help="Leave facts below this confidence out of the graph (0 keeps all).", min=0, max=1)
    ] = MIN_CONFIDENCE,
    workers: Annotated[int, typer.Option(help="Parsing processes (default: all cores).", min=1)] = os.cpu_count() or 1,
    scheduler: Annotated[
        str | None,
        typer.Option(help="Run extraction on a Dask cluster: its scheduler's tcp://HOST:PORT (needs the dask extra)."),
    ] = None,
):
    """Ingest, extract, resolve and merge SOURCES into the graph store."""
    from kg.api import build as build_graph
    from kg.errors import InputError
    from kg.ingest.fetch import read_url_list

    sources = [*(sources or []), *(read_url_list(str(urls)) if urls is not None else [])]
    if not sources:
        raise typer.BadParameter("give SOURCES, or --urls FILE")
    errors: list[str] = []

    def on_error(message: str) -> None:
        errors.append(message)
        _err(f"error: {message}")

    try:
        graph = build_graph(
            sources,
            store,
            quiet=quiet,
            on_warning=lambda m: _err(f"warning: {m}"),
            on_error=on_error,
            min_confidence=min_confidence,
            workers=workers,
            scheduler=scheduler,
            encoding=encoding,
            fetch_timeout=fetch_timeout,
        )
    except InputError as exc:
        if exc.code == "KG123" and errors:  # nothing could be read: its error lines said it all
            raise typer.Exit(1) from None
        raise
    summary = graph.summary
    if summary is None:  # pragma: no cover - build() always sets it
        raise RuntimeError("kg.build returned no summary")
    if not quiet:
        _err(f"built {graph.path}: {summary.line()}")
    if summary.errors:
        _err(f"error: {len(summary.errors)} source(s) could not be read; the others were built")
        raise typer.Exit(1)


@app.command()
@cli_errors
def remove(
    doc_ids: Annotated[list[str], typer.Argument(metavar="DOC_ID...", help="Ids of documents to remove (kg list).")],
    store: StoreOption = Path(DEFAULT_STORE),
):
    """Remove documents from the graph: their graphs, cache entries and the entities only they name."""
    from kg.api import remove as remove_documents

    graph = remove_documents(doc_ids, store, on_warning=lambda m: _err(f"warning: {m}"))
    if graph.removed is not None:
        _err(f"{graph.path}: {graph.removed.line()}")


@app.command("list")
@cli_errors
def list_(
    store: StoreOption = Path(DEFAULT_STORE),
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
):
    """List the documents of the graph: id, title, date, source and facts."""
    from kg.api import open_graph
    from kg.store.results import render

    sys.stdout.write(render(open_graph(store).documents(), fmt))


@app.command()
@cli_errors
def extract(
    text: Annotated[str, typer.Argument(help="The text, or - to read it from stdin.")],
    lines: Annotated[bool, typer.Option("--lines", help="One sentence a line: each line on its own.")] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, tsv, jsonl or carb.")] = "table",
):
    """Print the facts of a text."""
    from kg.views.extraction import FACT_FORMATS, extract_rows, write_facts

    if fmt not in FACT_FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(FACT_FORMATS.names)}")
    from kg.ingest.clean import safe_text
    from kg.ingest.decode import decode_text

    text = decode_text(sys.stdin.buffer.read(), "stdin") if text == "-" else text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise typer.BadParameter("TEXT is not valid UTF-8") from None
    texts = [line for line in text.splitlines() if line.strip()] if lines else [text]
    texts = [safe_text(t) for t in texts]
    write_facts(extract_rows(texts, lines=lines, benchmark=fmt == "carb"), fmt, sys.stdout)


@app.command()
@cli_errors
def query(
    sparql: Annotated[str, typer.Argument(help="SPARQL text, a .rq file, or a named query (kg queries).")],
    store: StoreOption = Path(DEFAULT_STORE),
    fmt: Annotated[
        str,
        typer.Option("--format", "-f", help="table, csv, tsv, json or xml; ttl, nt, rdfxml or jsonld for CONSTRUCT."),
    ] = "table",
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE, bound as a literal.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 10_000,
    timeout: Annotated[float, typer.Option(help="Seconds before the query is stopped.")] = 30.0,
    max_memory: Annotated[
        int, typer.Option("--max-memory", help="MB the query may allocate before it is stopped.", min=16)
    ] = 2048,
):
    """Run a read-only SPARQL query on the graph."""
    from kg.api import open_graph
    from kg.store.results import render

    bindings = _bindings(param or [])
    result = open_graph(store).query(sparql, bindings=bindings, limit=limit, timeout=timeout, memory=max_memory << 20)
    sys.stdout.write(render(result, fmt))
    if result.truncated:
        typer.echo(f"warning: only the first {limit:,} rows; --limit N for more", err=True)


def _bindings(params: list[str]) -> dict[str, str]:
    bindings = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise typer.BadParameter(f"--param {item!r}: expected NAME=VALUE")
        bindings[name.strip().lstrip("?$")] = value
    return bindings


@app.command()
def queries():
    """List the named queries of ontology/queries."""
    from kg.store.queries import named_queries

    for name, named in sorted(named_queries().items()):
        params = " ".join(f"--param {p}=..." for p in named.params)
        typer.echo(f"{name:24} {named.title}" + (f"  [{params}]" if params else ""))


@app.command()
@cli_errors
def export(
    store: StoreOption = Path(DEFAULT_STORE),
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="ttl, nt, jsonld, trig, nquads, graphml, gexf or csv.")
    ] = "ttl",
    what: Annotated[
        str, typer.Option(help="facts or entities (csv), or edges (csv, json or graphml: edges between graph nodes).")
    ] = "facts",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default stdout).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing output file.")] = False,
):
    """Export the graph."""
    from kg.api import open_graph

    graph = open_graph(store)
    if output is None:
        graph.export(fmt, sys.stdout.buffer, what=what)
        return
    _check_output(output, force)
    graph.export(fmt, output, what=what)


@app.command("import")
@cli_errors
def import_(
    file: Annotated[Path, typer.Argument(help="A local Turtle, N-Triples or JSON-LD file (RDF/XML is refused).")],
    store: StoreOption = Path(DEFAULT_STORE),
    fmt: Annotated[
        str | None, typer.Option("--format", "-f", help="ttl, nt or jsonld (default: from the suffix).")
    ] = None,
    name: Annotated[
        str | None, typer.Option(help="The import's name: graph/import/NAME (default: the file's stem).")
    ] = None,
):
    """Add RDF from FILE to the store, in its own named graph (parsed in full first)."""
    from kg.store.importer import import_rdf

    summary = import_rdf(file, store, fmt=fmt, name=name, on_warning=lambda m: _err(f"warning: {m}"))
    _err(f"imported {summary.triples} triples from {file} into <{summary.graph}> of {store}")


def _check_output(output: Path, force: bool) -> None:
    """Refuse to overwrite a file without --force (KG505) or to write over a folder (KG506)."""
    from kg.errors import ExportError

    if output.is_dir():
        raise ExportError(f"{output} is a folder, not a file", "KG506")
    if output.exists() and not force:
        raise ExportError(f"{output} exists; use --force to overwrite it", "KG505")


@app.command()
@cli_errors
def render(
    store: StoreOption = Path(DEFAULT_STORE),
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")] = Path("graph.html"),
    focus: Annotated[str | None, typer.Option(help="Only the neighbourhood of this entity.")] = None,
    hops: Annotated[int, typer.Option(help="With --focus: how many steps out.")] = 2,
    max_nodes: Annotated[int, typer.Option(help="Keep the most central nodes up to this many.")] = 500,
    types: Annotated[list[str] | None, typer.Option("--type", help="Only entities of this type (repeatable).")] = None,
    min_support: Annotated[int, typer.Option(help="Only facts found in at least this many documents.")] = 1,
    physics: Annotated[bool, typer.Option(help="Lay out in the browser (else precomputed).")] = True,
    entities_only: Annotated[
        bool, typer.Option("--entities-only", help="Only entities and the edges between them (no concepts, no values).")
    ] = False,
    literals: Annotated[
        str | None, typer.Option(help="Only the literal values containing this text (any case).")
    ] = None,
    title: Annotated[
        str | None, typer.Option(help="The page's title (default: the focus and the store's name).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
):
    """Write the interactive HTML graph (pyvis / vis-network, works offline)."""
    from kg.api import open_graph

    _check_output(output, force)
    summary = open_graph(store).render(
        output,
        focus=focus,
        hops=hops,
        max_nodes=max_nodes,
        types=set(types) if types else None,
        min_support=min_support,
        physics=physics,
        entities_only=entities_only,
        literal_filter=literals,
        title=title,
        name=store.name,
    )
    _err(f"wrote {output}: {summary.nodes} nodes, {summary.edges} edges")


@app.command()
@cli_errors
def validate(store: StoreOption = Path(DEFAULT_STORE), quiet: QuietOption = False):
    """Check the graph against the SHACL shapes (ontology/shapes.ttl); print each violation, exit 1 if any."""
    from kg.api import open_graph
    from kg.errors import StoreError

    report = open_graph(store).validate()
    for violation in report.violations:
        typer.echo(violation.line())
    if not quiet:
        found = len(report.violations)
        _err(f"validated {report.triples:,} triples of {store} in {report.seconds:.1f} s: {found} violations")
    if report.violations:
        raise StoreError(f"{store}: {len(report.violations)} SHACL violation(s) of ontology/shapes.ttl", "KG307")


@app.command()
@cli_errors
def stats(store: StoreOption = Path(DEFAULT_STORE)):
    """Counts: entities by type; facts by relation, class, quadrant and document; unclassed relations."""
    from kg.api import open_graph

    graph = open_graph(store)
    typer.echo(f"{graph.path}: {len(graph)} triples")
    for table, counts in graph.stats().items():
        typer.echo(f"\n{table}:")
        for key, count in counts.items():
            typer.echo(f"  {count:6}  {key}")


@app.command()
@cli_errors
def analyze(
    store: StoreOption = Path(DEFAULT_STORE),
    top: Annotated[int, typer.Option(help="How many central entities to list.", min=1)] = 10,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, json or csv (the central entities).")] = "table",
):
    """The most central entities (PageRank, degree), communities and counts of the graph."""
    from kg.api import open_graph
    from kg.views.report import render_analysis

    sys.stdout.write(render_analysis(open_graph(store).analyze(top=top), fmt))


@app.command()
@cli_errors
def path(
    source: Annotated[str, typer.Argument(help="An entity: label, alias or IRI.")],
    target: Annotated[str, typer.Argument(help="Another entity.")],
    store: StoreOption = Path(DEFAULT_STORE),
    max_hops: Annotated[int, typer.Option("--max-hops", help="At most this many facts.", min=1)] = 6,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
):
    """The chain of facts connecting two entities, each with its document and sentence."""
    from kg.api import open_graph
    from kg.views.report import render_path

    sys.stdout.write(render_path(open_graph(store).find_path(source, target, max_hops=max_hops), fmt))


@app.command()
@cli_errors
def serve(
    store: StoreOption = Path(DEFAULT_STORE),
    host: Annotated[str, typer.Option(help="Address to listen on (only this one).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port (0 picks a free one).", min=0, max=65535)] = 7878,
    timeout: Annotated[float, typer.Option(help="Seconds before a query is stopped.", min=0.01)] = 30.0,
    max_rows: Annotated[
        int | None,
        typer.Option(
            "--max-rows", help="At most this many rows a query (default: the store's triples, >= 10,000).", min=1
        ),
    ] = None,
    max_bytes: Annotated[int, typer.Option("--max-bytes", help="At most this many MB an answer.", min=1)] = 32,
    max_memory: Annotated[
        int, typer.Option("--max-memory", help="MB a query may allocate before it is stopped.", min=16)
    ] = 1024,
    workers: Annotated[int | None, typer.Option(help="Queries evaluated at once (default: 2 per core).", min=1)] = None,
    max_connections: Annotated[int, typer.Option("--max-connections", help="Open connections at most.", min=1)] = 256,
    allow_host: Annotated[
        list[str] | None,
        typer.Option("--allow-host", help="Also answer requests for this Host name (a proxy's; repeatable)."),
    ] = None,
    base: Annotated[
        str,
        typer.Option(help="Path (or URL) where the graph's IRIs https://w3id.org/kg-news/... are served."),
    ] = "/kg-news/",
):
    """Serve the graph read-only: the explorer at / and a SPARQL 1.1 endpoint at /sparql, until Ctrl-C."""
    from kg.views.serve import Limits, run

    limits = Limits(
        timeout=timeout,
        max_rows=max_rows,
        max_bytes=max_bytes << 20,
        memory=max_memory << 20,
        max_connections=max_connections,
        **({"workers": workers} if workers else {}),
    )
    run(
        store,
        host,
        port,
        limits=limits,
        allow_hosts=allow_host or (),
        announce=lambda url: _err(f"serving {store} at {url} (Ctrl-C to stop); explore it at {url[: -len('sparql')]}"),
        base=base,
    )


eval_app = typer.Typer(help="Score the extractor (Open IE benchmarks) and entity resolution.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


@eval_app.command("carb")
@cli_errors
def eval_carb(
    sentences: Annotated[Path, typer.Option(help="One sentence a line (e.g. eval/carb/dev.txt).")],
    gold: Annotated[Path, typer.Option(help="CaRB gold tuples (e.g. eval/carb/dev_gold.tsv).")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Also write kg's facts here, in CaRB's tabbed format.")
    ] = None,
):
    """Score kg and textacy on CaRB: precision, recall, F1 and AUC, side by side."""
    from kg.evaluate import render_table, run_carb

    run = run_carb(sentences, gold)
    if output is not None:
        output.write_text("".join(line + "\n" for line in run.kg_lines), encoding="utf-8")
    sys.stdout.write(render_table(run))


@eval_app.command("entities")
@cli_errors
def eval_entities(
    gold: Annotated[Path, typer.Option(help="Annotated mentions (JSONL).")] = Path("eval/entities/gold.jsonl"),
    bbc: Annotated[Path | None, typer.Option(help="The BBC corpus the gold's bbc: articles are read from.")] = None,
):
    """Score entity resolution: B-cubed and pairwise P/R/F1 of kg and two baselines."""
    from kg.evaluate.entities import render_entity_eval, run_entity_eval

    sys.stdout.write(render_entity_eval(run_entity_eval(gold, bbc_root=bbc)))


def main() -> None:  # pragma: no cover - the console script
    app()
