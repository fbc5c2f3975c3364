"""spaCy's warnings during a build: captured, counted, each distinct one shown once.

spaCy warns through Python's ``warnings`` (``W102``, ``W108`` ...); left alone, one warning per
document (or per merged chunk, with the whole user data in its text) floods stderr, ``--quiet``
or not. ``captured`` records them; ``summarise`` gives one clipped line per distinct warning
with how many times it came.
"""

from __future__ import annotations

import os
import re
import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["captured", "summarise"]

_CODE = re.compile(r"\[(W\d{3})\]")
_MAX_CHARS = 160
_OURS = ("spacy", "thinc")  # packages whose warnings are the parser's


@contextmanager
def captured() -> Iterator[list[warnings.WarningMessage]]:
    """Record every warning raised in the block (processes forked in it inherit the filter)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield caught


def _is_parsers(record: warnings.WarningMessage) -> bool:
    return bool(_CODE.search(str(record.message))) or any(
        f"{os.sep}{name}{os.sep}" in record.filename for name in _OURS
    )


def summarise(caught: list[warnings.WarningMessage]) -> list[str]:
    """One line per distinct warning of spaCy's (by its code, else by text), with its count;
    other warnings are shown again as Python shows them."""
    counts: Counter[str] = Counter()
    texts: dict[str, str] = {}
    for record in caught:
        if not _is_parsers(record):
            warnings.warn_explicit(record.message, record.category, record.filename, record.lineno)
            continue
        text = " ".join(str(record.message).split())
        key = found[1] if (found := _CODE.search(text)) else text[:_MAX_CHARS]
        counts[key] += 1
        texts.setdefault(key, text if len(text) <= _MAX_CHARS else text[: _MAX_CHARS - 3] + "...")
    return [f"spaCy: {texts[key]} ({count} time{'s' if count > 1 else ''})" for key, count in counts.items()]
