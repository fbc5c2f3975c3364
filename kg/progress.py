"""A progress bar on stderr for long work; silent with ``quiet``."""

from __future__ import annotations

import sys

__all__ = ["Progress"]


class Progress:
    """Counts items as they finish, drawn on stderr by rich; does nothing when quiet."""

    def __init__(self, description: str, *, quiet: bool = False):
        self.description = description
        self.quiet = quiet
        self._bar = None
        self._task = None

    def __enter__(self) -> Progress:
        if not self.quiet:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, SpinnerColumn, TextColumn
            from rich.progress import Progress as RichProgress
            from rich.progress import TimeElapsedColumn

            console = Console(file=sys.stderr)
            self._bar = RichProgress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                     MofNCompleteColumn(), TimeElapsedColumn(),
                                     TextColumn("{task.fields[item]}"), console=console, transient=False)
            self._bar.__enter__()
            self._task = self._bar.add_task(self.description, total=None, item="")
        return self

    def advance(self, item: str = "") -> None:
        if self._bar is not None:
            self._bar.update(self._task, advance=1, item=item[:40])

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)
