"""A right single quote inside a word is an apostrophe: ``world’s``, ``O’Neill``, ``don’t``.

The English model was trained on straight apostrophes: given ``world’s`` it reads ``’s`` as a
verb and splits the sentence there, while ``world's`` parses as a possessive. The text is
parsed with those apostrophes straightened (one character for one, so every offset holds)
and ``as_written`` puts the document's own characters back into what was read from it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.model import Extraction

__all__ = ["as_written", "straight_apostrophes", "written_back"]

_INSIDE_WORD = re.compile(r"(?<=[^\W\d_])\u2019(?=[^\W\d_])")


def straight_apostrophes(text: str) -> str:
    """``text`` with each right single quote between two letters made ``'`` (same length)."""
    return _INSIDE_WORD.sub("'", text) if "\u2019" in text else text


def as_written(text: str, start: int, end: int, original: str) -> str:
    """``text`` (read from the parsed text at ``start:end``) in the original's characters."""
    if "'" not in text or "\u2019" not in original[start:end]:
        return text
    written = original[start:end]
    if straight_apostrophes(written) == text:
        return written
    words = {straight_apostrophes(word): word for word in written.split()}
    return " ".join(words.get(word, word) for word in text.split(" "))


def written_back(extraction: Extraction, original: str) -> Extraction:
    """The extraction of a text parsed straightened, with the original's apostrophes again in
    its sentences, mentions, roles and arguments."""
    if "\u2019" not in original:
        return extraction

    def back(record):
        if record is None or "'" not in record.text:
            return record
        return replace(record, text=as_written(record.text, record.start, record.end, original))

    extraction.sentences = [back(s) for s in extraction.sentences]
    extraction.mentions = [back(m) for m in extraction.mentions]
    extraction.roles = [back(r) for r in extraction.roles]
    extraction.facts = [
        replace(
            f,
            subject=back(f.subject),
            object=back(f.object),
            attributed_to=back(f.attributed_to),
            extras=tuple(back(e) for e in f.extras),
            addressee=back(f.addressee),
        )
        for f in extraction.facts
    ]
    return extraction
