"""Web crawls: a WARC made with warcio here, as ``wget --warc-file`` and news crawls write them."""

from __future__ import annotations

import gzip
import io
import tracemalloc
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from kg.errors import InputError
from kg.ingest.sources import iter_documents
from kg.ingest.warc import read_warc

PAGES = Path(__file__).parent / "pages"
HERALD = "https://www.coastalherald.example/news/2024/03/dock-workers-strike-felixstowe"
WIRE = "https://www.globalwire.example/world/middle-east/ceasefire-talks-resume-cairo-2024-05-05/"


def response(writer: WARCWriter, uri: str, body: bytes, content_type: str, status: str = "200 OK", **headers):
    http = StatusAndHeaders(status, [("Content-Type", content_type), *headers.items()], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http))


def write_crawl(path: Path, *, compress: bool) -> Path:
    """A crawl in the shape wget leaves: warcinfo, a request and a response per URL, a redirect,
    an image, a stylesheet, a section page with no article, a gzip-encoded page, metadata."""
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=compress)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "Wget/1.21.3", "format": "WARC"}))
        request = StatusAndHeaders("GET /news HTTP/1.1", [("Host", "www.coastalherald.example")], is_http_request=True)
        writer.write_record(writer.create_warc_record(HERALD, "request", http_headers=request))
        response(
            writer, "https://coastalherald.example/news/1", b"", "text/html", "301 Moved Permanently", Location=HERALD
        )
        response(writer, HERALD, (PAGES / "harbour-strike.html").read_bytes(), "text/html; charset=utf-8")
        response(
            writer, "https://www.coastalherald.example/img/felixstowe.jpg", b"\xff\xd8\xff\xe0" * 100, "image/jpeg"
        )
        response(writer, "https://www.coastalherald.example/style.css", b"body { color: red }", "text/css")
        response(
            writer,
            "https://www.coastalherald.example/t/strikes",
            (PAGES / "topic-index.html").read_bytes(),
            "text/html",
        )
        wire = gzip.compress((PAGES / "wire-ceasefire.html").read_bytes(), mtime=0)  # same bytes every time
        response(writer, WIRE, wire, "text/html", **{"Content-Encoding": "gzip"})
        metadata = writer.create_warc_record(HERALD, "metadata", payload=io.BytesIO(b"outlinks: 12"))
        writer.write_record(metadata)
    return path


def read(path: Path):
    warnings: list[str] = []
    docs = list(iter_documents([str(path)], on_warning=warnings.append))
    return docs, warnings


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_each_html_response_record_is_one_document(tmp_path, name):
    path = write_crawl(tmp_path / name, compress=name.endswith(".gz"))
    docs, warnings = read(path)
    assert [d.url for d in docs] == [HERALD, WIRE]
    herald, wire = docs
    assert herald.id.startswith("www.coastalherald.example/news/2024/03/dock-workers-strike-felixstowe@")
    assert len(herald.id.rsplit("@", 1)[1]) == 8
    assert herald.title == "Dock workers strike over pay at Port of Felixstowe" and herald.date == "2024-03-14"
    assert wire.source == "Global Wire" and "Negotiators returned to Cairo" in wire.text  # gzip-encoded body
    assert all(d.path == str(path) for d in docs)
    # warcinfo, request, redirect, image, stylesheet, metadata; the section page has no article
    assert warnings == [f"{path}: 2 page(s) read, 6 other record(s) skipped, 1 page(s) with no article text"]


def test_ids_are_the_same_whatever_the_compression(tmp_path):
    plain, _ = read(write_crawl(tmp_path / "a.warc", compress=False))
    packed, _ = read(write_crawl(tmp_path / "b.warc.gz", compress=True))
    assert [d.id for d in plain] == [d.id for d in packed]


def test_a_crawl_gzipped_whole_goes_in_as_it_is(tmp_path):
    plain = write_crawl(tmp_path / "crawl.warc", compress=False)
    whole = tmp_path / "whole.warc.gz"
    whole.write_bytes(gzip.compress(plain.read_bytes()))  # `gzip crawl.warc`, not record by record
    docs, _ = read(whole)
    assert [d.url for d in docs] == [HERALD, WIRE]


def test_the_same_page_crawled_twice_is_read_once(tmp_path):
    path = tmp_path / "twice.warc.gz"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for _ in range(2):
            response(writer, HERALD, (PAGES / "harbour-strike.html").read_bytes(), "text/html")
    docs, warnings = read(path)
    assert len(docs) == 1 and any("read once" in w for w in warnings)


def test_a_damaged_crawl_keeps_the_pages_before_the_damage(tmp_path):
    path = write_crawl(tmp_path / "crawl.warc", compress=False)
    data = path.read_bytes()
    cut = data.index(b"WARC-Target-URI: https://www.coastalherald.example/t/strikes")
    path.write_bytes(data[:cut] + b"\x00garbage\x00" * 50)
    seen = []
    with pytest.raises(InputError) as err:
        for doc in iter_documents([str(path)]):
            seen.append(doc.url)
    assert seen == [HERALD]
    assert err.value.code == "KG122" and err.value.message.startswith(f"{path}: damaged web archive after 1 page(s)")


@pytest.mark.slow
def test_a_crawl_streams_in_bounded_memory(tmp_path):
    path = tmp_path / "big.warc.gz"
    page = (PAGES / "harbour-strike.html").read_bytes()
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for n in range(150):
            body = page.replace(b"1,900 dock workers", f"{n} dock workers".encode())
            response(writer, f"https://www.coastalherald.example/news/{n}", body, "text/html")
            response(writer, f"https://www.coastalherald.example/img/{n}.jpg", bytes(range(256)) * 400, "image/jpeg")
    tracemalloc.start()
    count = sum(1 for _ in read_warc(str(path), warn=lambda m: None))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == 150
    assert peak < 8_000_000 < 150 * (len(page) + 256 * 400)  # a few records at a time, not the crawl
