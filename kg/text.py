"""Small text helpers shared by the printers: one line, clipped to a width."""

from __future__ import annotations

__all__ = ["clip", "one_line"]


def one_line(text: str) -> str:
    """All whitespace (tabs, newlines) collapsed to single spaces."""
    return " ".join(str(text).split())


def clip(text: str, limit: int) -> str:
    """One line of at most ``limit`` characters, ending in an ellipsis when cut."""
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
