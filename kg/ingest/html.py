"""Web pages to documents: the article's main text and metadata by trafilatura, the date by
htmldate where trafilatura finds none, then kg's own furniture cleaning on the text.

trafilatura (``bare_extraction``) drops navigation, cookie banners, sidebars, related-article
lists and footers; comments and tables are left out (``include_comments=False``: a reader's
comment is not the article). Its metadata (JSON-LD ``NewsArticle``, OpenGraph, ``<meta>``,
``<time>``) gives the title, author, site name, canonical URL and date. A page with no sentence
of article text (a section index, a login wall, an error page) gives no document.
"""

from __future__ import annotations

import logging
import re

import htmldate
import trafilatura
from trafilatura.settings import Document as ExtractedPage

from kg.ingest.clean import clean_text, clean_title
from kg.model import Document

__all__ = ["html_document", "looks_like_html"]

#: trafilatura and htmldate log through ``logging``; with no handler configured Python prints
#: their warnings ("discarding data: None") on stderr. kg reports a page with no article itself.
for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

_HTML_START = re.compile(r"\A(?:\ufeff)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>])", re.I | re.S)
#: A line of article prose: five words or more ending a sentence.
_SENTENCE = re.compile(r"(?:\S+\s+){4,}\S*[.!?][\"'\u201d\u2019)\]]*$", re.MULTILINE)
_LIST_ITEM = re.compile(r"^- ", re.MULTILINE)


def looks_like_html(text: str) -> bool:
    """True when ``text`` starts as an HTML page does (a doctype, ``<html>`` or ``<head>``)."""
    return bool(_HTML_START.match(text[:4096]))


def html_document(
    html: str, *, id: str, path: str | None = None, url: str | None = None, defaults: Document | None = None
) -> Document | None:
    """The article of the page ``html`` as a cleaned Document, or None when it has no article
    text. ``url`` is where the page came from (its canonical URL, if it names one, wins);
    fields set on ``defaults`` (a ``.jsonl`` record's title, date ...) win over the page's."""
    page = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
    )
    if not isinstance(page, ExtractedPage) or not page.text:
        return None
    text = clean_text(_paragraphs(page.text))
    if not _SENTENCE.search(text):
        return None
    date = page.date or _find_date(html, page.url or url)
    title = clean_title(page.title) if page.title else None
    given = defaults or Document(id="", text="")
    return Document(
        id,
        text,
        title=given.title or title or None,
        date=given.date or date,
        url=given.url or page.url or url,
        source=given.source or page.sitename or None,
        path=path,
        author=given.author or page.author or None,
    )


def _paragraphs(text: str) -> str:
    """trafilatura's one block a line -> kg's blank line between paragraphs; list bullets off."""
    return "\n\n".join(_LIST_ITEM.sub("", line) for line in text.splitlines() if line.strip())


def _find_date(html: str, url: str | None) -> str | None:
    """htmldate's extensive search (URL, headers, text) for the original publication date."""
    try:
        return htmldate.find_date(html, url=url, extensive_search=True, original_date=True)
    except (ValueError, TypeError):
        return None
