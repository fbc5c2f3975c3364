"""One error hierarchy for kg: each error has a stable code so tests assert codes, not prose."""

from __future__ import annotations

__all__ = ["ExportError", "InputError", "KGError", "ModelError", "QueryError", "StoreError"]


class KGError(Exception):
    """Base error: a stable ``code`` (e.g. ``KG101``) and a one-line ``message``."""

    code = "KG000"

    def __init__(self, message: str, code: str | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


class InputError(KGError):
    """A source could not be read or is not usable text."""

    code = "KG100"


class ModelError(KGError):
    """The spaCy pipeline could not be loaded."""

    code = "KG200"


class StoreError(KGError):
    """The on-disk store is missing, locked, corrupt or could not be written."""

    code = "KG300"


class QueryError(KGError):
    """A SPARQL query is malformed, refused or failed."""

    code = "KG400"


class ExportError(KGError):
    """An export or render could not be written."""

    code = "KG500"
