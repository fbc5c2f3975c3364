"""Output formats, one registry each (name and aliases -> writer), and the one text-table printer.

Every place kg writes something in a format the user picks (RDF syntaxes, SPARQL results,
exports, extracted facts, analyses) looks its writer up in a :class:`Formats`: the format names
the CLI's help lists and the error for an unknown one (``KG501``, with the choices) come from
there, not from if-chains. It sits in ``store/`` because the store is the first stage that writes
(RDF and query results); ``views/`` registers its own formats the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Generic, TypeVar

from kg.errors import ExportError
from kg.ingest.clean import clip

__all__ = ["Formats", "text_table"]

W = TypeVar("W", bound=Callable)


class Formats(Generic[W]):
    """Writers by format name, in the order they were added (the first is the default)."""

    def __init__(self, what: str):
        self.what = what  # "export format", "result format" ...: for the error message
        self._writers: dict[str, W] = {}
        self._aliases: dict[str, str] = {}

    def add(self, name: str, writer: W, *aliases: str) -> W:
        """Register ``writer`` under ``name`` (and ``aliases``); the names must be new."""
        for key in (name, *aliases):
            if key in self._aliases:
                raise ValueError(f"{self.what} {key!r} is registered twice")
            self._aliases[key] = name
        self._writers[name] = writer
        return writer

    def register(self, name: str, *aliases: str) -> Callable[[W], W]:
        """Decorator form of :meth:`add`."""
        return lambda writer: self.add(name, writer, *aliases)

    def include(self, other: Formats, names: Sequence[str] | None = None, adapt: Callable | None = None) -> None:
        """Register ``other``'s formats (or ``names`` of them, with their aliases) here; with
        ``adapt``, each writer registered is ``adapt(name, other's writer)``."""
        for name in names if names is not None else other.names:
            aliases = [a for a, n in other._aliases.items() if n == name and a != name]
            writer = other[name]
            self.add(name, adapt(name, writer) if adapt else writer, *aliases)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._writers)

    def name_of(self, fmt: str) -> str:
        """The registered name for ``fmt`` (case, a leading dot and aliases allowed); KG501 if none."""
        name = self._aliases.get(fmt.strip().lower().lstrip("."))
        if name is None:
            raise ExportError(f"unknown {self.what} {fmt!r}; use one of {', '.join(self.names)}", "KG501")
        return name

    def __getitem__(self, fmt: str) -> W:
        return self._writers[self.name_of(fmt)]

    def __contains__(self, fmt: object) -> bool:
        return isinstance(fmt, str) and fmt.strip().lower().lstrip(".") in self._aliases

    def __iter__(self) -> Iterator[str]:
        return iter(self._writers)

    def __len__(self) -> int:
        return len(self._writers)


def text_table(
    rows: Sequence[Sequence[str | None]],
    header: Sequence[str] = (),
    *,
    max_width: int | None = 60,
    underline: bool = True,
) -> str:
    """Rows as aligned text columns two spaces apart (``None`` is an empty cell), each cell on one
    line of at most ``max_width`` characters (None: no limit); a ``header`` comes first, underlined
    with dashes unless ``underline`` is False. Lines end without trailing spaces; the text ends with
    a newline (it is empty for no header and no rows)."""
    cells = [[_cell(c, max_width) for c in row] for row in rows]
    columns = max([len(header)] + [len(row) for row in cells])
    table = [list(header)] if header else []
    table += cells
    table = [row + [""] * (columns - len(row)) for row in table]
    widths = [max(len(row[i]) for row in table) for i in range(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in table]
    if header and underline:
        lines.insert(1, "  ".join("-" * w for w in widths))
    return "".join(line + "\n" for line in lines)


def _cell(value: str | None, max_width: int | None) -> str:
    if not value:
        return ""
    return clip(value, max_width) if max_width is not None else " ".join(value.split())
