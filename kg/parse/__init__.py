"""Parse: the spaCy English pipeline, loaded once per process, with the pipes extraction needs.

Text in, spaCy ``Doc`` out; a text longer than spaCy's ``max_length`` is parsed in chunks
(``chunks``) cut where a sentence cannot cross, so offsets into the document stay valid.
"""

from kg.parse.chunks import chunks
from kg.parse.nlp import load_pipeline

__all__ = ["chunks", "load_pipeline"]
