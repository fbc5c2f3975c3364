"""Exports: RDF syntaxes (deterministic bytes), CSV of facts or entities, GraphML and GEXF, each a
writer in ``EXPORT_FORMATS``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, BinaryIO

from kg.errors import ExportError
from kg.store.formats import Formats
from kg.store.writing import RDF_FORMATS
from kg.views.network import NETWORK_FORMATS, to_networkx
from kg.views.tables import ENTITY_COLUMNS, FACT_COLUMNS, FACT_COLUMNS_EXTRA, entity_rows, fact_rows, write_csv

if TYPE_CHECKING:
    from kg.store.store import Store

__all__ = ["EXPORT_CONTENTS", "EXPORT_FORMATS", "export"]

#: What a CSV export holds.
EXPORT_CONTENTS = ("facts", "entities")
#: Export formats: name (and aliases) -> writer(store, out, what).
EXPORT_FORMATS: Formats[Callable[[Store, BinaryIO, str], None]] = Formats("export format")
# through Store.export, which turns a corrupt store into one line (KG304)
EXPORT_FORMATS.include(RDF_FORMATS, adapt=lambda name, _: lambda store, out, what: store.export(name, out))


@EXPORT_FORMATS.register("csv")
def _csv(store: Store, out: BinaryIO, what: str) -> None:
    if what == "facts":
        write_csv(fact_rows(store), FACT_COLUMNS + FACT_COLUMNS_EXTRA, out)
    else:
        write_csv(entity_rows(store), ENTITY_COLUMNS, out)


EXPORT_FORMATS.include(NETWORK_FORMATS, adapt=lambda _, write: lambda store, out, what: write(to_networkx(store), out))


def export(store: Store, fmt: str, out: BinaryIO, what: str = "facts") -> None:
    """Write the store to ``out`` in ``fmt`` (see ``EXPORT_FORMATS``); ``what`` (facts or entities)
    picks the CSV table."""
    writer = EXPORT_FORMATS[fmt]
    if what not in EXPORT_CONTENTS:
        raise ExportError(f"unknown export content {what!r}; use facts or entities", "KG502")
    try:
        writer(store, out, what)
    except OSError as exc:
        raise ExportError(f"could not write the export: {exc}", "KG503") from exc
    except RuntimeError as exc:  # RocksDB found a corrupt block while reading
        raise store.unreadable(exc) from None
