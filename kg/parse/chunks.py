"""Texts longer than spaCy's ``max_length`` cut into pieces a sentence never crosses."""

from __future__ import annotations

import re

__all__ = ["chunks"]


_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s")


def chunks(text: str, limit: int) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters (spaCy's ``max_length``), cut after
    a line break (a sentence never crosses one), else after a sentence end, else after a
    space, else anywhere; the pieces joined give ``text`` back, so offsets stay valid."""
    pieces, start = [], 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = window.rfind("\n") + 1
        if not cut:
            ends = [m.end() for m in _SENTENCE_END.finditer(window)]
            cut = ends[-1] if ends else window.rfind(" ") + 1 or limit
        pieces.append(window[:cut])
        start += cut
    pieces.append(text[start:])
    return pieces
