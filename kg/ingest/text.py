"""Plain scraped text to a document: title, date and outlet read from the header lines, the
text cleaned of page furniture."""

from __future__ import annotations

from kg.ingest.clean import clean_text, clean_title, is_furniture_line
from kg.ingest.metadata import read_header, strip_header
from kg.model import Document

__all__ = ["text_document"]


def text_document(raw: str, *, id: str, path: str | None = None) -> Document | None:
    """A document from raw scraped text: header metadata read, text cleaned; None if empty."""
    header = read_header(raw, is_furniture=is_furniture_line)
    text = clean_text(strip_header(raw, header))
    if not text:
        return None
    title = clean_title(header.title) if header.title else None
    first, _, rest = text.partition("\n")
    if title and first == title and rest and not rest.startswith("\n"):
        text = f"{first}\n\n{rest}"  # the headline is a paragraph of its own
    return Document(id, text, title, header.date, None, header.source, path)
