"""The HTTP server of ``kg serve``: uvicorn over the app, on a socket bound before it starts.

uvicorn is configured from ``Limits``: the listen backlog, keep-alive, the header size limit
(h11's incomplete-event size), the connection limit, and the request deadline of
``guarded_protocol``. No thread of the server is given a large stack (queries run in worker
processes). Accepting when out of file descriptors backs off (asyncio retries after a second) and
is logged once a minute, not spun on.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import resource
import signal
import socket
import threading
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import uvicorn
from starlette.routing import BaseRoute

from kg.store.store import Store
from kg.views.serve.app import allowed_hosts, create_app
from kg.views.serve.html import DEFAULT_BASE_PATH, normalise_base
from kg.views.serve.limits import Limits, guarded_protocol
from kg.views.serve.sparql import QueryEngine

__all__ = ["Server", "run", "serve"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878


class _OneLine(logging.Handler):
    """uvicorn's and asyncio's warnings as one line on stderr, each text at most once a minute."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self._last: dict[str, float] = {}

    def emit(self, record: logging.LogRecord) -> None:
        text = " ".join(record.getMessage().split())
        if record.exc_info and record.exc_info[1] is not None:
            text += f": {record.exc_info[1]}"
        now = time.monotonic()
        if now - self._last.get(text, -60.0) < 60.0:
            return
        self._last[text] = now
        os.write(2, f"warning: {text}\n".encode("utf-8", "replace"))


def _logging() -> None:
    handler = _OneLine()
    for name in ("uvicorn", "asyncio", "kg.serve"):
        logger = logging.getLogger(name)
        if not any(isinstance(h, _OneLine) for h in logger.handlers):
            logger.addHandler(handler)
        logger.setLevel(logging.WARNING)
        logger.propagate = False


def _connection_cap(limits: Limits) -> Limits:
    """``limits`` with no more connections, and no longer a backlog, than file descriptors allow
    (the soft limit raised to the hard one first, some kept for the workers' pipes): a connection
    past the cap is answered 503 and closed, and since asyncio accepts up to ``backlog``
    connections before it closes any, cap + backlog stay within the descriptors left, so
    ``accept()`` does not run out of them (asyncio would then retry it over and over:
    cpython#151615)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = min(hard, 1 << 16) if hard != resource.RLIM_INFINITY else 1 << 16
    if soft < wanted:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
            soft = wanted
        except (ValueError, OSError):
            pass
    try:
        in_use = len(os.listdir("/proc/self/fd"))
    except OSError:
        in_use = 64
    free = max(2, soft - in_use - 16 - 4 * limits.workers)  # and a replaced worker's pipes
    cap = max(1, min(limits.max_connections, free // 2))
    return dataclasses.replace(limits, max_connections=cap, backlog=max(1, min(limits.backlog, free - cap)))


def _bind(host: str, port: int, backlog: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(backlog)
    except OSError as exc:
        sock.close()
        raise OSError(exc.errno, f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    sock.set_inheritable(False)
    return sock


class Server:
    """A bound, not yet started server over one store; :meth:`run` in the foreground, or
    :meth:`start` / :meth:`stop` in a thread (tests, notebooks)."""

    def __init__(
        self,
        store_path: str | os.PathLike[str],
        host: str = DEFAULT_HOST,
        port: int = DEFAULT_PORT,
        *,
        limits: Limits | None = None,
        allow_hosts: Sequence[str] = (),
        routes: Sequence[BaseRoute] = (),
        base: str = DEFAULT_BASE_PATH,
    ):
        self.limits = limits or Limits()
        self.base_path = normalise_base(base)
        store = Store.open(store_path)  # KG301/KG302 before anything starts
        self.engine = QueryEngine(str(store.path), self.limits)  # KG304 if its data cannot be read
        self.limits = _connection_cap(self.limits)
        try:
            self.sock = _bind(host, port, self.limits.backlog)
        except OSError:
            self.engine.close()
            raise
        bound_host, bound_port = self.sock.getsockname()[:2]
        shown = f"[{bound_host}]" if ":" in bound_host else bound_host
        self.url = f"http://{shown}:{bound_port}/sparql"
        app = create_app(
            self.engine,
            url=self.url,
            store_name=store.path.name,
            hosts=allowed_hosts(host, allow_hosts),
            routes=routes,
            base_path=self.base_path,
        )
        _logging()
        config = uvicorn.Config(
            app,
            http=guarded_protocol(self.limits),
            limit_concurrency=self.limits.max_connections + 1,
            backlog=self.limits.backlog,
            timeout_keep_alive=self.limits.keep_alive,
            h11_max_incomplete_event_size=self.limits.max_header,
            log_config=None,
            access_log=False,
            server_header=False,
            lifespan="on",
            timeout_graceful_shutdown=2,
        )
        self.server = uvicorn.Server(config)
        self._thread: threading.Thread | None = None

    def run(self) -> None:
        """Serve in this thread until Ctrl-C or SIGTERM (both end it cleanly)."""
        previous = signal.signal(signal.SIGTERM, signal.default_int_handler)
        try:
            with warnings.catch_warnings():  # a signal before the loop started: nothing ran
                warnings.filterwarnings("ignore", "coroutine .* was never awaited", RuntimeWarning)
                self.server.run(sockets=[self.sock])
        except KeyboardInterrupt:
            pass
        finally:
            signal.signal(signal.SIGTERM, previous)
            self.close()

    def start(self) -> Server:
        """Serve in a background thread; returns once it accepts connections."""
        self._thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started and self._thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        """Stop a server started with :meth:`start` and free its workers and socket."""
        self.server.should_exit = True
        if self._thread is not None:
            self._thread.join(10)
        self.close()

    def close(self) -> None:
        self.engine.close()
        self.sock.close()

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()


def serve(
    store_path: str | os.PathLike[str],
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    *,
    limits: Limits | None = None,
    allow_hosts: Sequence[str] = (),
    base: str = DEFAULT_BASE_PATH,
    **options: Any,
) -> Server:
    """A bound, not yet started server (StoreError KG301/KG304 if the store is unusable);
    ``options`` are ``Limits`` fields (timeout=, max_rows=, workers= ...); ``port=0`` picks a
    free port; ``.url`` is the endpoint's URL; the graph's IRIs are served under ``base``."""
    if options:
        limits = Limits(**{**(vars(limits) if limits else {}), **options})
    return Server(Path(store_path), host, port, limits=limits, allow_hosts=allow_hosts, base=base)


def run(
    store_path: str | os.PathLike[str],
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    *,
    limits: Limits | None = None,
    allow_hosts: Sequence[str] = (),
    announce: Callable[[str], None] | None = None,
    base: str = DEFAULT_BASE_PATH,
) -> None:
    """Serve until Ctrl-C or SIGTERM; ``announce(url)`` is called once the socket is bound."""
    server = serve(store_path, host, port, limits=limits, allow_hosts=allow_hosts, base=base)
    if announce is not None:
        announce(server.url)
    server.run()
