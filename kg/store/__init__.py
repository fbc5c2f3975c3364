"""Store: quads in, an on-disk pyoxigraph store out, read by SPARQL.

Writes are atomic (a new data directory switched in by one rename), one writer at a time;
queries are checked before they run (``queries``) and come back as ``QueryResult``s
(``results``); ``importer`` adds RDF files, ``writing`` serialises and writes files atomically.
"""

from kg.store.results import QueryResult
from kg.store.store import Store

__all__ = ["QueryResult", "Store"]
