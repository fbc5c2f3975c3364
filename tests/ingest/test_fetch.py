"""URLs fetched from a server on 127.0.0.1 that this test starts (never the internet): a good
page, redirects (a loop, to another scheme), a 404, a slow answer, a trickle, a huge body, a
non-HTML type; one clear error a URL, and nothing fetched but the page itself."""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from kg.errors import InputError
from kg.ingest.fetch import FetchLimits, fetch_page, is_url, read_url_list
from kg.ingest.sources import iter_documents

PAGES = Path(__file__).parent / "pages"
ARTICLE = (PAGES / "harbour-strike.html").read_bytes()
LIMITS = FetchLimits(timeout=1.0, max_bytes=200_000, max_redirects=3)
#: 20 MB of HTML in 20 KB of gzip, compressed once: compressing it on each request took longer
#: than the 1 s fetch limit on a loaded machine, and the bomb then read as a timeout.
GZIP_BOMB = gzip.compress(b"<p>" + b"a" * 20_000_000)


class Handler(BaseHTTPRequestHandler):
    """The routes of a small news site, and of a hostile one."""

    requested: ClassVar[list[str]] = []

    def log_message(self, *args) -> None:  # quiet
        pass

    def send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8", **headers) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        Handler.requested.append(self.path)
        route = getattr(self, "route_" + self.path.strip("/").replace("-", "_").replace("/", "_"), None)
        if route is None:
            self.send(404, b"<html><body><h1>Page not found</h1></body></html>")
        else:
            route()

    def route_news_felixstowe(self) -> None:
        self.send(200, ARTICLE)

    def route_short_link(self) -> None:
        self.send(301, b"", Location="/news/felixstowe")

    def route_loop(self) -> None:
        self.send(302, b"", Location="/loop")

    def route_to_ftp(self) -> None:
        self.send(302, b"", Location="ftp://127.0.0.1/story.txt")

    def route_slow(self) -> None:
        time.sleep(10)
        self.send(200, ARTICLE)

    def route_trickle(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        for _ in range(100):  # a byte every 0.1 s: each read is quick, the whole (10 s) is not
            self.wfile.write(b" ")
            self.wfile.flush()
            time.sleep(0.1)

    def route_huge(self) -> None:
        self.send(200, b"<html><body>" + b"<p>Filler text.</p>" * 100_000)

    def route_huge_unannounced(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        try:
            for _ in range(1000):
                self.wfile.write(b"<p>Filler text, no length given.</p>" * 100)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def route_gzip_bomb(self) -> None:
        self.send(200, GZIP_BOMB, Content_Encoding="gzip")

    def route_photo(self) -> None:
        self.send(200, b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")

    def route_gzipped(self) -> None:
        self.send(200, gzip.compress(ARTICLE), Content_Encoding="gzip")

    def route_plain(self) -> None:
        self.send(200, b"Port strike ends\n\nDock workers at Felixstowe returned to work on Monday.\n", "text/plain")

    def route_latin(self) -> None:
        body = ARTICLE.decode("utf-8").replace('<meta charset="utf-8">', "").replace("1,900", "\u00a31,900")
        self.send(200, body.encode("cp1252"), "text/html")


class QuietServer(ThreadingHTTPServer):
    """The test server, silent when a client it serves goes away: the fetcher hangs up on slow
    and huge answers on purpose, and the server's traceback on stderr would land in whatever
    output a later test captures."""

    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def failure(url: str) -> InputError:
    with pytest.raises(InputError) as err:
        fetch_page(url, LIMITS)
    return err.value


def read(*urls: str):
    warnings: list[str] = []
    errors: list[InputError] = []
    docs = list(iter_documents(urls, on_warning=warnings.append, errors="warn", on_error=errors.append, fetch=LIMITS))
    return docs, warnings, errors


def test_a_page_is_fetched_and_read_as_html(server):
    Handler.requested.clear()
    (doc,), warnings, errors = read(f"{server}/news/felixstowe")
    assert warnings == [] and errors == []
    assert doc.id == f"127.0.0.1:{server.rsplit(':', 1)[1]}/news/felixstowe"
    assert doc.title == "Dock workers strike over pay at Port of Felixstowe" and doc.source == "The Coastal Herald"
    assert doc.url == "https://www.coastalherald.example/news/2024/03/dock-workers-strike-felixstowe"  # canonical
    assert Handler.requested == ["/news/felixstowe"]  # no image, script or stylesheet of the page


def test_a_redirect_is_followed_and_the_id_is_the_url_given(server):
    (doc,), _, _ = read(f"{server}/short-link")
    assert doc.id.endswith("/short-link") and doc.date == "2024-03-14"


def test_a_gzip_encoded_page_and_a_plain_text_page(server):
    docs, _, errors = read(f"{server}/gzipped", f"{server}/plain")
    assert errors == []
    assert docs[0].title == "Dock workers strike over pay at Port of Felixstowe"
    assert docs[1].title == "Port strike ends" and docs[1].url == f"{server}/plain"


def test_a_page_without_a_charset_is_detected_with_a_warning(server):
    (doc,), warnings, _ = read(f"{server}/latin")
    assert "\u00a31,900 dock workers" in doc.text
    assert warnings == [f"{server}/latin: not UTF-8; read as cp1252 (detected)"]


@pytest.mark.parametrize(
    ("path", "code", "message"),
    [
        ("/missing", "KG116", "HTTP 404 Not Found"),
        ("/loop", "KG118", "more than 3 redirects"),
        ("/to-ftp", "KG117", "only http and https URLs are fetched (redirected to ftp://127.0.0.1/story.txt)"),
        ("/slow", "KG116", "timed out"),
        ("/trickle", "KG116", "timed out"),
        ("/huge", "KG107", "over the limit of 200,000 bytes for one document"),
        ("/huge-unannounced", "KG107", "over the limit of 200,000 bytes for one document"),
        ("/gzip-bomb", "KG107", "over the limit of 200,000 bytes for one document"),
        ("/photo", "KG119", "not a web page or text (image/png)"),
    ],
)
def test_each_failure_is_one_clear_error(server, path, code, message):
    started = time.monotonic()
    err = failure(server + path)
    assert (err.code, err.message) == (code, f"{server}{path}: {message}")
    assert "\n" not in err.message
    assert time.monotonic() - started < LIMITS.timeout + 4  # the deadline holds: /slow and /trickle take 10 s


def test_nobody_listening_is_one_error():
    err = failure("http://127.0.0.1:9/news")
    assert err.code == "KG116" and "cannot connect" in err.message


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://127.0.0.1/", "http:///x"])
def test_only_http_and_https(url):
    assert is_url(url)
    assert failure(url).code == "KG117"


def test_failed_urls_do_not_stop_the_others(server):
    docs, _, errors = read(f"{server}/missing", f"{server}/news/felixstowe", f"{server}/photo")
    assert [d.id.rsplit("/", 1)[1] for d in docs] == ["felixstowe"]
    assert [e.code for e in errors] == ["KG116", "KG119"]


def test_a_list_of_urls(tmp_path):
    path = tmp_path / "urls.txt"
    path.write_text("# morning run\nhttps://a.example/one\n\n  https://b.example/two  \n", encoding="utf-8")
    assert read_url_list(str(path)) == ["https://a.example/one", "https://b.example/two"]
    with pytest.raises(InputError) as err:
        read_url_list(str(tmp_path / "none.txt"))
    assert err.value.code == "KG103"
