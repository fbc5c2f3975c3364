"""kg.builder.runners: a worker forked while the progress bar is drawn does not inherit its locks.

rich's progress bar replaces ``sys.stderr`` with a proxy that takes the console's lock, and its
refresh thread holds that lock while it draws. A process forked at that moment has the lock
held by a thread that does not exist in it: its first write to stderr waits forever (a BBC
build hung after extraction with idle workers). The test forks while another thread holds the
lock, as the refresh thread does, and a worker writes to stderr.
"""

from __future__ import annotations

import multiprocessing
import sys
import threading

import pytest

from kg.builder.runners import _START_METHOD, Progress, _own_streams


def _write_to_stderr(n: int) -> int:
    print(f"worker {n} writes", file=sys.stderr)
    return n


@pytest.mark.skipif(_START_METHOD != "fork", reason="only a forked worker inherits the parent's locks")
def test_a_worker_forked_while_the_bar_holds_its_lock_can_write(monkeypatch):
    monkeypatch.setattr("rich.console.Console.is_terminal", property(lambda self: True))  # as in a shell
    held, release = threading.Event(), threading.Event()
    with Progress("extracting") as progress:
        assert type(sys.stderr).__name__ == "FileProxy"  # rich draws the bar and redirects stderr
        console = progress._bar.console

        def draw() -> None:  # the refresh thread, caught in the middle of drawing
            with console._lock:
                held.set()
                release.wait(30)

        drawing = threading.Thread(target=draw, daemon=True)
        drawing.start()
        held.wait(10)
        try:
            with multiprocessing.get_context("fork").Pool(1, initializer=_own_streams) as pool:
                assert pool.apply_async(_write_to_stderr, (1,)).get(timeout=30) == 1
        finally:
            release.set()
            drawing.join(10)
