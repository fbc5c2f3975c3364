"""Exports: RDF syntaxes (deterministic bytes), CSV of facts or entities, GraphML and GEXF."""

from __future__ import annotations

from typing import TYPE_CHECKING, BinaryIO

from kg.errors import ExportError
from kg.store.writing import FORMATS, normalise_format
from kg.views.tables import ENTITY_COLUMNS, FACT_COLUMNS, entity_rows, fact_rows, write_csv

if TYPE_CHECKING:
    from kg.store.store import Store

__all__ = ["FORMATS", "export"]


def export(store: Store, fmt: str, out: BinaryIO, what: str = "facts") -> None:
    """Write the store to ``out``: ttl, nt, jsonld, trig, nquads; csv (facts or entities); graphml, gexf."""
    name = normalise_format(fmt)
    if what not in ("facts", "entities"):
        raise ExportError(f"unknown export content {what!r}; use facts or entities", "KG502")
    try:
        if name == "csv" and what == "facts":
            write_csv(fact_rows(store), FACT_COLUMNS, out)
        elif name == "csv":
            write_csv(entity_rows(store), ENTITY_COLUMNS, out)
        elif name in ("graphml", "gexf"):
            from kg.views.network import write_network

            write_network(store, name, out)
        else:
            store.export(name, out)
    except OSError as exc:
        raise ExportError(f"could not write the export: {exc}", "KG503") from exc
