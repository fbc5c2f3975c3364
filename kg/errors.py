"""One error hierarchy and one registry of error codes for kg (in the style of spaCy's ``Errors``).

Every code kg can show a user is declared once in :class:`Errors`, with the one thing it means;
tests assert codes, not prose. A call site keeps the shape ``InputError(message, code="KG101")``:
``KGError`` refuses a code that is not registered here, or one of another family (``KG1xx`` is
input, ``KG2xx`` the model, ``KG3xx`` the store, ``KG4xx`` queries, ``KG5xx`` output, ``KG6xx`` the
cluster, ``KG0xx`` the command line itself), so a code cannot quietly gain a second meaning.
Adding a code is one line in :class:`Errors` and the ``raise`` that uses it (tests/test_errors.py
fails on a code registered twice, or registered and raised nowhere in kg/).
"""

from __future__ import annotations

__all__ = ["CODES", "Errors", "ExportError", "InputError", "KGError", "ModelError", "QueryError", "StoreError"]


class Errors:
    """Every kg error code and its one meaning (the message at the call site adds the details)."""

    # KG0xx: the command line itself
    KG001 = "interrupted (Ctrl-C)"
    KG002 = "the operating system refused a file operation that no other code covers"
    # KG1xx: input (sources, RDF files to import, evaluation files)
    KG101 = "a source is not a text file"
    KG102 = "a source is not valid text in the encoding it must have (UTF-8, or the one --encoding forces)"
    KG103 = "no such file or folder"
    KG104 = "a glob pattern matches no files"
    KG105 = "a file or folder cannot be read (permission denied or an I/O error)"
    KG106 = "text to extract from is not a str"
    KG107 = "a document is over the size limit for one document"
    KG108 = "RDF/XML is refused (DOCTYPE and ENTITY declarations)"
    KG109 = "unknown RDF format for an import"
    KG110 = "an RDF file to import has a syntax error"
    KG111 = "a JSON-LD @context that is not inline is never fetched"
    KG112 = "a CaRB prediction line is malformed"
    KG113 = "a CaRB gold line is malformed"
    KG114 = "an RDF file to import has a literal or line over the size limit"
    KG115 = "two sources of one build give one document id to different texts"
    KG116 = "a URL could not be fetched (no connection, a time-out or an HTTP error status)"
    KG117 = "a URL is malformed or not http or https"
    KG118 = "a URL redirects more times than the limit"
    KG119 = "a URL's answer is not a web page or plain text"
    KG120 = "an entity gold line (eval/entities) is malformed"
    KG121 = "an entity gold mention's text is not at its offsets in its article"
    KG122 = "a web archive (WARC) is damaged"
    KG123 = "nothing built: no source could be read"
    KG124 = "unknown text encoding (--encoding)"
    # KG2xx: the spaCy model
    KG201 = "no English spaCy model is installed"
    # KG3xx: the store
    KG301 = "not a kg store"
    KG302 = "the store's format version differs from this kg's"
    KG303 = "the store is locked by another writer"
    KG304 = "the store's data is missing or unreadable"
    KG305 = "the store could not be written"
    KG306 = "a document's cached extraction is missing or damaged and its source is not in this build"
    KG307 = "the graph violates the SHACL shapes (ontology/shapes.ttl)"
    KG308 = "no document with that id in the store (kg remove)"
    # KG4xx: queries
    KG401 = "a SPARQL query has a syntax error"
    KG402 = "a SPARQL update is refused: queries are read-only"
    KG403 = "SERVICE or FROM is refused: a query reads only the store's own graphs"
    KG404 = "a query ran out of time (its timeout, or no query slot within it)"
    KG405 = "a query parameter is malformed or not in the SELECT clause"
    KG406 = "not a query: neither SPARQL text, a named query nor a .rq file"
    KG407 = "a query failed while it was evaluated"
    KG408 = "a query is too long or nests too deep"
    KG409 = "a query needed more memory than its budget and was stopped"
    KG440 = "no entity has that name"
    KG441 = "no chain of facts connects the two entities"
    KG442 = "several entities have that name"
    # KG5xx: output (exports, results, reports, the rendered page)
    KG501 = "unknown output format"
    KG502 = "unknown export content (facts or entities)"
    KG503 = "an output could not be written"
    KG504 = "a DataFrame needs pandas"
    KG505 = "the output file exists (overwrite it with --force)"
    KG506 = "the output path is a folder, not a file"
    KG507 = "the vis-network build of the pyvis package is missing or cannot be inlined"
    KG508 = "a render option is out of range"
    # KG6xx: the Dask cluster
    KG601 = "the Dask scheduler cannot be reached or its address is malformed"
    KG602 = "Dask is not installed"
    KG603 = "the Dask cluster has no workers"
    KG604 = "a task failed on a Dask worker"
    KG605 = "a Dask worker extracts with another kg or spaCy model version than the driver"


#: Every registered code and its meaning, in code order.
CODES: dict[str, str] = {name: text for name, text in vars(Errors).items() if name.startswith("KG")}


class KGError(Exception):
    """Base error: a registered ``code`` (e.g. ``KG101``) and a one-line ``message``.

    A subclass whose errors all mean one thing sets ``code``; the others take the code at the
    call site. ``family`` is the code prefix the class may use."""

    code: str = ""
    family: str = "KG"

    def __init__(self, message: str, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.code = code or type(self).code
        if self.code not in CODES:
            raise ValueError(f"{type(self).__name__}: error code {self.code!r} is not registered in kg.errors.Errors")
        if not self.code.startswith(self.family):
            raise ValueError(f"{type(self).__name__} takes {self.family}xx codes, not {self.code}")

    def __reduce__(self):
        """Pickle with the code (errors cross process boundaries: the pool, Dask workers)."""
        return type(self), (self.message, self.code)

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


class InputError(KGError):
    """A source could not be read or is not usable text."""

    family = "KG1"


class ModelError(KGError):
    """The spaCy pipeline could not be loaded."""

    family = "KG2"


class StoreError(KGError):
    """The on-disk store is missing, locked, corrupt or could not be written."""

    family = "KG3"


class QueryError(KGError):
    """A SPARQL query is malformed, refused or failed."""

    family = "KG4"


class ExportError(KGError):
    """An export or render could not be written."""

    family = "KG5"
