"""A real headless Chromium driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``:
JSON messages ended by NUL on file descriptors 3 and 4), so no port, no websocket and no extra
package. Used by tests/test_browser.py and by ``python -m tests.browser PAGE PNG`` (the README's
screenshot, ``make screenshot``).

The browser runs offline: every host name resolves to nothing (``--host-resolver-rules``), and
every request the page makes is recorded so a test can assert there were none but ``file:``.
"""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["READY", "Browser", "BrowserError", "Page", "find_chromium", "png_pixels"]

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "chrome")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-extensions",
    "--disable-background-networking",
    "--disable-sync",
    "--disable-component-update",
    "--disable-breakpad",
    "--disable-crash-reporter",
    "--mute-audio",
    "--hide-scrollbars",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--remote-debugging-pipe",
)
#: A page signals it is laid out by setting ``data-kg-state="ready"`` on its network element.
READY = "document.getElementById('kg-network') && document.getElementById('kg-network').dataset.kgState"


def find_chromium() -> str | None:
    """The Chromium executable: ``$KG_CHROMIUM`` or the first of CANDIDATES on the PATH."""
    explicit = os.environ.get("KG_CHROMIUM")
    if explicit:
        return explicit if os.access(explicit, os.X_OK) else None
    return next((found for name in CANDIDATES if (found := shutil.which(name))), None)


class BrowserError(RuntimeError):
    """The browser did not answer, or answered with an error."""


@dataclass
class Page:
    """One tab: its session id, and what it reported (errors, requests) since it was opened."""

    browser: Browser
    session: str
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def send(self, method: str, **params):
        return self.browser.send(method, session=self.session, **params)

    def evaluate(self, expression: str):
        """The value of a JavaScript expression in the page (JSON-serialisable)."""
        reply = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in reply:
            raise BrowserError(f"{expression!r} threw: {reply['exceptionDetails'].get('text')}")
        return reply["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 60.0):
        """Poll ``expression`` until it is truthy; its value."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            self.browser.pump(0.1)
        raise BrowserError(f"timed out after {timeout:.0f}s waiting for {expression!r}")

    def screenshot(self, path: Path) -> Path:
        """A PNG of the viewport."""
        reply = self.send("Page.captureScreenshot", format="png")
        path.write_bytes(base64.b64decode(reply["data"]))
        return path


class Browser:
    """A headless Chromium process; use as a context manager."""

    def __init__(self, executable: str, width: int = 1280, height: int = 800):
        self._profile = tempfile.TemporaryDirectory(prefix="kg-chromium-")
        to_child, self._write = os.pipe()
        self._read, from_child = os.pipe()
        to_child, from_child = _high(to_child), _high(from_child)

        def wire():  # in the child: the protocol's fixed descriptors
            os.dup2(to_child, 3)
            os.dup2(from_child, 4)

        self.process = subprocess.Popen(
            [
                executable,
                *FLAGS,
                f"--user-data-dir={self._profile.name}",
                f"--window-size={width},{height}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=False,
            preexec_fn=wire,
        )
        os.close(to_child)
        os.close(from_child)
        self._buffer = b""
        self._next_id = 0
        self._replies: dict[int, dict] = {}
        self._pages: dict[str, Page] = {}
        self.width, self.height = width, height

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Ask the browser to quit, and kill it if it does not."""
        try:
            if self.process.poll() is None:
                self._post("Browser.close")
            self.process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        finally:
            for fd in (self._write, self._read):
                try:
                    os.close(fd)
                except OSError:
                    pass
            self._profile.cleanup()

    # -- protocol

    def _post(self, method: str, session: str | None = None, **params) -> int:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        return self._next_id

    def send(self, method: str, session: str | None = None, timeout: float = 60.0, **params) -> dict:
        """Send a command and wait for its reply (events that arrive meanwhile are recorded)."""
        call = self._post(method, session, **params)
        deadline = time.monotonic() + timeout
        while call not in self._replies:
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise BrowserError(f"no reply to {method}")
            self.pump(0.5)
        reply = self._replies.pop(call)
        if "error" in reply:
            raise BrowserError(f"{method}: {reply['error'].get('message')}")
        return reply.get("result", {})

    def pump(self, timeout: float) -> None:
        """Read whatever messages arrive within ``timeout`` seconds."""
        ready, _, _ = select.select([self._read], [], [], timeout)
        if not ready:
            return
        chunk = os.read(self._read, 1 << 20)
        if not chunk:
            raise BrowserError("the browser closed the pipe")
        self._buffer += chunk
        *messages, self._buffer = self._buffer.split(b"\0")
        for raw in messages:
            message = json.loads(raw)
            if "id" in message:
                self._replies[message["id"]] = message
            else:
                self._event(message)

    def _event(self, message: dict) -> None:
        page = self._pages.get(message.get("sessionId", ""))
        if page is None:
            return
        method, params = message["method"], message.get("params", {})
        if method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            page.errors.append(str(details.get("exception", {}).get("description") or details.get("text")))
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            page.errors.append(" ".join(str(a.get("value", a.get("description"))) for a in params["args"]))
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            page.errors.append(params["entry"].get("text", ""))
        elif method == "Network.requestWillBeSent":
            page.requests.append(params["request"]["url"])

    def open(self, url: str) -> Page:
        """A new tab that records errors and requests, navigated to ``url``."""
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        page = self._pages[session] = Page(self, session)
        for domain in ("Runtime", "Log", "Network", "Page"):
            page.send(f"{domain}.enable")
        page.send(
            "Emulation.setDeviceMetricsOverride",
            width=self.width,
            height=self.height,
            deviceScaleFactor=1,
            mobile=False,
        )
        page.send("Page.navigate", url=url)
        return page


def _high(fd: int) -> int:
    """``fd`` moved out of the way of 3 and 4, where the child's dup2 puts the pipe."""
    import fcntl

    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return moved


def png_pixels(path: Path) -> tuple[int, int, list[bytes]]:
    """(width, height, rows of RGB(A) bytes) of an 8-bit, non-interlaced PNG, such as Chromium's."""
    data = path.read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path} is not a PNG")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace:
        raise ValueError(f"unsupported PNG layout in {path}")
    channels = 3 if colour == 2 else 4
    raw, stride, rows, previous = zlib.decompress(idat), width * channels, [], bytes(width * channels)
    for y in range(height):
        start = y * (stride + 1)
        rows.append(previous := _unfilter(raw[start], raw[start + 1 : start + 1 + stride], previous, channels))
    return width, height, rows


def _unfilter(kind: int, line: bytes, above: bytes, bpp: int) -> bytes:
    out = bytearray(line)
    for i in range(len(out)):
        a = out[i - bpp] if i >= bpp else 0
        b, c = above[i], (above[i - bpp] if i >= bpp else 0)
        if kind == 1:
            out[i] = (out[i] + a) & 255
        elif kind == 2:
            out[i] = (out[i] + b) & 255
        elif kind == 3:
            out[i] = (out[i] + (a + b) // 2) & 255
        elif kind == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            out[i] = (out[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    return bytes(out)


def main(argv: list[str]) -> int:
    """``python -m tests.browser PAGE.html OUT.png [WIDTH HEIGHT]``: screenshot a rendered page."""
    if len(argv) not in (2, 4):
        print(main.__doc__, file=sys.stderr)
        return 2
    executable = find_chromium()
    if executable is None:
        print("error: chromium not found (install it, or set KG_CHROMIUM)", file=sys.stderr)
        return 1
    size = (int(argv[2]), int(argv[3])) if len(argv) == 4 else (1280, 800)
    with Browser(executable, *size) as browser:
        page = browser.open(Path(argv[0]).resolve().as_uri())
        page.wait_for(READY)
        page.screenshot(Path(argv[1]))
        if page.errors:
            print("error: the page logged errors: " + "; ".join(page.errors), file=sys.stderr)
            return 1
    print(f"wrote {argv[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
