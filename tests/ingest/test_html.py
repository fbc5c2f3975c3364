"""Web pages in the shapes real news sites use (tests/ingest/pages/): the article's text and
metadata by trafilatura, kg's furniture cleaning after it, no document for a page without one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.ingest.html import html_document, looks_like_html
from kg.ingest.sources import iter_documents

PAGES = Path(__file__).parent / "pages"

#: Page furniture of the test pages, none of which may reach a document or a fact: cookie
#: banners, navigation, share tools, newsletter boxes, adverts, captions, related and most-read
#: lists, comments and the comment form, tags, post navigation, credit lines, footers.
FURNITURE = (
    "cookie", "Cookie", "Accept", "Skip to", "Sign in", "Register", "Breakingviews", "Investigations",
    "Subscribe", "Sign up", "newsletter", "Newsletter", "briefing", "Share", "Facebook", "Copy link",
    "Advertisement", "Photo:", "Cranes at the port", "Topics:", "Related", "Read Next", "Most read",
    "Recent Posts", "Rail workers announce", "Port expansion plans", "Storm Babet", "Israel orders evacuation",
    "Oil prices rise", "Man rescued from cliff", "Comments", "harbourwatcher", "About time the workers",
    "stuck for a week", "Solidarity", "Two years too late", "Who is paying", "Leave a", "Reply", "Post Comment",
    "Tagged", "Posted in", "Previous:", "Next:", "Reporting by", "Editing by", "Trust Principles",
    "All rights reserved", "All quotes delayed", "Privacy", "WordPress", "since 1887", "Updated",
)  # fmt: skip

EXPECTED = {
    "harbour-strike": {
        "title": "Dock workers strike over pay at Port of Felixstowe",
        "date": "2024-03-14",
        "source": "The Coastal Herald",
        "author": "Sarah Whitfield",
        "url": "https://www.coastalherald.example/news/2024/03/dock-workers-strike-felixstowe",
        "first": "More than 1,900 dock workers at the Port of Felixstowe walked out on Thursday",
        "last": "Talks between the two sides are expected to resume next week at the conciliation service Acas.",
    },
    "wire-ceasefire": {
        "title": "Ceasefire talks resume in Cairo as mediators press for deal",
        "date": "2024-05-05",
        "source": "Global Wire",
        "author": "Nidal al-Mughrabi; Aidan Lewis",
        "url": "https://www.globalwire.example/world/middle-east/ceasefire-talks-resume-cairo-2024-05-05/",
        "first": "CAIRO, May 5 (Global Wire) - Negotiators returned to Cairo on Sunday",
        "last": "because he was not authorised to speak to the media.",
    },
    "flood-scheme": {  # WordPress, Windows-1252 declared in a http-equiv meta, OpenGraph only
        "title": "Council approves \u00a312m flood defence scheme for Riverside",
        "date": "2023-11-21",
        "source": "Valley Gazette",
        "author": "Tom Hargreaves",
        "url": "https://www.valleygazette.example/2023/11/council-approves-flood-defence-scheme/",
        "first": "Councillors have approved a \u00a312 million scheme to protect more than 400 homes",
        "last": "with the rest coming from the government\u2019s flood defence budget.",
    },
}


def read(*sources):
    warnings: list[str] = []
    docs = list(iter_documents([str(s) for s in sources], on_warning=warnings.append))
    return docs, warnings


@pytest.fixture(scope="module")
def pages():
    docs, warnings = read(PAGES)
    return {doc.id: doc for doc in docs}, warnings


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_article_text_and_metadata(pages, page):
    doc = pages[0][page]
    expected = EXPECTED[page]
    for field in ("title", "date", "source", "author", "url"):
        assert getattr(doc, field) == expected[field], field
    paragraphs = [p for p in doc.text.split("\n\n") if p != doc.title]
    assert paragraphs[0].startswith(expected["first"])
    assert paragraphs[-1].endswith(expected["last"])
    assert doc.path == str(PAGES / (page + (".htm" if page == "flood-scheme" else ".html")))


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_no_page_furniture_in_the_text(pages, page):
    text = pages[0][page].text
    assert [word for word in FURNITURE if word in text] == []
    assert "<" not in text and "{" not in text and "function" not in text  # no markup, JSON-LD or script


def test_a_page_with_no_article_is_one_warning_naming_the_file(pages):
    docs, warnings = pages
    assert "topic-index" not in docs
    assert warnings == [f"{PAGES / 'topic-index.html'}: no article text in the page"]


def test_a_declared_windows_1252_page_needs_no_warning(pages):
    assert "\u201cThis is the news residents have been waiting for,\u201d" in pages[0]["flood-scheme"].text


def test_html_in_a_jsonl_record(tmp_path):
    html = (PAGES / "harbour-strike.html").read_text(encoding="utf-8")
    path = tmp_path / "crawl.jsonl"
    records = [
        {"id": "felixstowe", "html": html, "source": "Coastal Herald (print)"},
        {"html": (PAGES / "topic-index.html").read_text(encoding="utf-8")},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    (doc,), warnings = read(path)
    assert doc.id == "felixstowe" and doc.source == "Coastal Herald (print)"  # the record's fields win
    assert doc.title == EXPECTED["harbour-strike"]["title"] and doc.date == "2024-03-14"
    assert warnings == [f"{path}:2: no article text in the page"]


def test_a_saved_page_without_an_html_suffix_is_read_as_html(tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes((PAGES / "wire-ceasefire.html").read_bytes())
    (doc,), _ = read(path)
    assert doc.id == "story" and doc.title == EXPECTED["wire-ceasefire"]["title"]
    assert "onetrust" not in doc.text and "<" not in doc.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!DOCTYPE html><html>", True),
        ("\ufeff  <!-- saved by wget -->\n<html lang='en'>", True),
        ("<head><title>x</title></head>", True),
        ("<p>Just a paragraph</p>", False),
        ("The <html> tag starts a page.", False),
    ],
)
def test_looks_like_html(text, expected):
    assert looks_like_html(text) is expected


def test_no_sentence_is_no_document():
    page = "<html><body><nav><a href='/'>Home</a></nav><h1>Weather</h1><p>Sunny 21C</p></body></html>"
    assert html_document(page, id="weather") is None
