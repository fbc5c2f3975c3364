"""Ingest: sources (files, folders, globs, ``.jsonl``, stdin) in, ``Document``s out.

Each source is read safely (size cap, binary sniffing, decoding), its text cleaned of page
furniture (``clean``) and its title, date and outlet read from the header (``metadata``).
"""

from kg.ingest.sources import iter_documents, read_text, text_document

__all__ = ["iter_documents", "read_text", "text_document"]
