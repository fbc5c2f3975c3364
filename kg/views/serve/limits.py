"""The server's limits, and the HTTP protocol that enforces the ones uvicorn does not.

uvicorn bounds header size (h11's incomplete-event limit), idle time between requests
(keep-alive) and, as 503s, concurrent connections; it has no deadline for receiving a request
(a client trickling a byte at a time resets nothing: uvicorn#157). ``guarded_protocol`` adds one:
a request's headers and body must arrive within ``request_timeout`` of its first byte (or of the
connection), else 408 and the connection closes; and a connection past ``max_connections`` is
answered 503 and closed at once, so idle sockets cannot pile up.
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from kg.store.isolation import DEFAULT_MEMORY

__all__ = ["DEFAULT_WORKERS", "MIN_ROWS", "Limits", "guarded_protocol"]

#: The row limit of a store smaller than this many triples (``Limits.max_rows`` None).
MIN_ROWS = 10_000
#: Query workers: two per core, so two runaway queries on a two-core machine leave room for others.
DEFAULT_WORKERS = max(2, 2 * (os.cpu_count() or 1))


@dataclass(frozen=True)
class Limits:
    """Every limit of ``kg serve`` (the README's "Reliability and security" lists them)."""

    timeout: float = 30.0  # seconds a query may evaluate; then its worker is killed
    #: rows (or triples) of an answer; more are cut (X-KG-Truncated). None: fit the store (its
    #: number of triples, at least MIN_ROWS), so no triple pattern's answer is ever cut
    max_rows: int | None = None
    max_bytes: int = 32 << 20  # bytes of an answer; more are cut at a row (X-KG-Truncated)
    memory: int | None = DEFAULT_MEMORY  # bytes a query may allocate in its worker
    workers: int = DEFAULT_WORKERS  # queries evaluating at once, one worker process each
    waiting: int | None = None  # queries waiting for a worker (default 4 x workers); more: 503
    max_connections: int = 256  # open connections; more are answered 503 and closed
    backlog: int = 1024  # connections the kernel queues before we accept them
    request_timeout: float = 10.0  # seconds to send a request's headers and body
    keep_alive: int = 5  # idle seconds between requests on one connection
    max_body: int = 1 << 20  # bytes of a POSTed request
    max_header: int = 16 << 10  # bytes of the request line and headers

    def __post_init__(self) -> None:
        if self.timeout <= 0 or (self.max_rows or 1) < 1 or self.max_bytes < 1 or self.workers < 1:
            raise ValueError("timeout must be > 0; max_rows, max_bytes and workers >= 1")

    @property
    def queue(self) -> int:
        """How many queries may wait for a worker."""
        return 4 * self.workers if self.waiting is None else self.waiting


def _raw_response(status: int, reason: str, text: str) -> bytes:
    body = (text + "\n").encode("utf-8")
    head = (
        f"HTTP/1.1 {status} {reason}\r\ncontent-type: text/plain; charset=utf-8\r\n"
        f"content-length: {len(body)}\r\nconnection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


class _Guarded(H11Protocol):
    """uvicorn's h11 protocol with a deadline per request and a hard cap on connections."""

    request_timeout = 10.0
    max_connections = 256

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if len(self.connections) > self.max_connections:
            transport.write(_raw_response(503, "Service Unavailable", "busy: too many open connections; retry later"))
            transport.close()
            return
        self._arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state in (h11.DONE, h11.MUST_CLOSE, h11.CLOSED, h11.ERROR):
            self._disarm()  # the whole request is in: the query's own limits apply now
        else:
            self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        if self._deadline is None:
            self._deadline = self.loop.call_later(self.request_timeout, self._too_slow)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _too_slow(self) -> None:
        self._deadline = None
        if self.transport.is_closing():
            return
        if self.conn.their_state is h11.IDLE and self.cycle is not None and self.cycle.response_complete:
            return  # between requests: the keep-alive timer closes it
        if self.conn.our_state is h11.IDLE:  # nothing sent yet on this request
            text = f"request not received within {self.request_timeout:g} s"
            self.transport.write(_raw_response(408, "Request Timeout", text))
        self.transport.close()


def guarded_protocol(limits: Limits) -> type[H11Protocol]:
    """The HTTP protocol class for uvicorn's ``http=`` with ``limits`` applied."""
    return type(
        "GuardedH11Protocol",
        (_Guarded,),
        {"request_timeout": limits.request_timeout, "max_connections": limits.max_connections},
    )
