"""Exports: RDF syntaxes (deterministic bytes), CSV of facts, entities or edges, the edges as
JSON, GraphML and GEXF, each a writer in ``EXPORT_FORMATS``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, BinaryIO

import networkx as nx

from kg.errors import ExportError
from kg.store.formats import Formats
from kg.store.writing import RDF_FORMATS
from kg.views.edges import EDGE_COLUMNS, edge_graph, edge_rows, write_edges_json
from kg.views.network import NETWORK_FORMATS, to_networkx
from kg.views.tables import ENTITY_COLUMNS, FACT_COLUMNS, FACT_COLUMNS_EXTRA, entity_rows, fact_rows, write_csv

if TYPE_CHECKING:
    from kg.store.store import Store

__all__ = ["EXPORT_CONTENTS", "EXPORT_FORMATS", "export"]

#: What an export holds: facts or entities (CSV), or the edges between graph nodes (CSV, JSON, GraphML).
EXPORT_CONTENTS = ("facts", "entities", "edges")
#: Export formats: name (and aliases) -> writer(store, out, what).
EXPORT_FORMATS: Formats[Callable[[Store, BinaryIO, str], None]] = Formats("export format")
# through Store.export, which turns a corrupt store into one line (KG304)
EXPORT_FORMATS.include(RDF_FORMATS, adapt=lambda name, _: lambda store, out, what: store.export(name, out))


@EXPORT_FORMATS.register("csv")
def _csv(store: Store, out: BinaryIO, what: str) -> None:
    if what == "facts":
        write_csv(fact_rows(store), FACT_COLUMNS + FACT_COLUMNS_EXTRA, out)
    elif what == "edges":
        write_csv(edge_rows(store), EDGE_COLUMNS, out)
    else:
        write_csv(entity_rows(store), ENTITY_COLUMNS, out)


@EXPORT_FORMATS.register("json")
def _json(store: Store, out: BinaryIO, what: str) -> None:
    if what != "edges":
        raise ExportError(f"json exports the edges: use --what edges, not {what!r}", "KG502")
    write_edges_json(edge_rows(store), out)


def _network(name: str, write: Callable[[nx.MultiDiGraph, BinaryIO], None]) -> Callable[[Store, BinaryIO, str], None]:
    """A network writer as an export: the whole network, or with ``what`` edges the edges
    between graph nodes (GraphML)."""

    def writer(store: Store, out: BinaryIO, what: str) -> None:
        write(edge_graph(store) if what == "edges" and name == "graphml" else to_networkx(store), out)

    return writer


EXPORT_FORMATS.include(NETWORK_FORMATS, adapt=_network)


def export(store: Store, fmt: str, out: BinaryIO, what: str = "facts") -> None:
    """Write the store to ``out`` in ``fmt`` (see ``EXPORT_FORMATS``); ``what`` picks the table
    of a CSV (facts, entities or edges) and, for JSON and GraphML, ``edges`` the edges between
    graph nodes."""
    writer = EXPORT_FORMATS[fmt]
    if what not in EXPORT_CONTENTS:
        raise ExportError(f"unknown export content {what!r}; use facts, entities or edges", "KG502")
    try:
        writer(store, out, what)
    except OSError as exc:
        raise ExportError(f"could not write the export: {exc}", "KG503") from exc
    except RuntimeError as exc:  # RocksDB found a corrupt block while reading
        raise store.unreadable(exc) from None
