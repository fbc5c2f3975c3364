"""How fast are web pages read (trafilatura + kg's cleaning) next to the parse, and how much of
the page furniture reaches the graph (goal: none)?

    .venv/bin/python bench/web.py [--corpus ../shared/corpora/bbc] [--pages 200] [--no-graph]

Each of ``--pages`` evenly spaced BBC articles (``*/*.txt``, read by kg's ingest: the headline
and the paragraphs) is wrapped in one of three realistic page layouts (a wire service with
JSON-LD ``NewsArticle``, a regional paper with OpenGraph tags, a WordPress blog in
Windows-1252) with their furniture: cookie banner, navigation, share tools, newsletter box,
advert, caption, related-article and most-read lists (headlines of as many other BBC articles,
which are not built), a comment section (readers' comments and sentences of those other
articles), tags, footer. Then, in one run:

- **extract**: ``kg.ingest.html.html_document`` on every page (trafilatura, htmldate, kg's
  furniture cleaning): pages/s;
- **parse**: spaCy's ``nlp.pipe`` (kg's pipeline and batch size) on the extracted texts: pages/s,
  the baseline; the line prints extract/parse;
- **furniture in the text**: of the furniture pieces on the pages (each headline, comment, prompt
  and banner; a navigation label counts when it is a line of its own), the share found in the
  extracted texts; **article kept**: the share of the article's paragraphs found there;
- **furniture in the graph**: ``kg.build`` of the pages (as ``.html`` files) and the share of the
  furniture pieces found in any fact's sentence, literal end or entity label.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "bbc"
OUTLETS = ("Global Wire", "The Northern Echo Gazette", "Riverside Blog")
NAV = ("Home", "News", "Sport", "Business", "Politics", "Technology", "Opinion", "Weather", "Subscribe", "Sign in")
PROMPTS = (
    "We use cookies to improve your experience on our site and to show you relevant advertising.",
    "Sign up to our daily newsletter and get the top stories in your inbox every morning.",
    "Enjoyed this article? Support our journalism by subscribing today for just 1 a week.",
    "Download our app to get breaking news alerts on your phone.",
    "Copyright 2005 Global Wire Media Ltd. All rights reserved.",
    "Leave a comment below and join the conversation with other readers.",
)
COMMENTS = (
    "Absolutely shocking that nobody saw this coming, in my opinion.",
    "I have been saying this for years and nobody ever listens to ordinary people like us.",
    "Great article, thanks for keeping us informed about what really matters.",
)


@dataclass
class Page:
    """One generated page: its HTML, the article's paragraphs and the furniture put around them."""

    name: str
    html: str
    encoding: str
    paragraphs: list[str]
    furniture: list[str] = field(default_factory=list)  # sentences and headlines
    labels: list[str] = field(default_factory=list)  # short navigation labels


def read_articles(folder: Path, count: int) -> list[tuple[str, list[str]]]:
    """``count`` evenly spaced BBC articles as (headline, paragraphs), read by kg's ingest."""
    from kg.ingest.sources import iter_documents

    paths = sorted(str(p) for p in folder.glob("*/*.txt"))
    step = max(1, len(paths) // count)
    articles = []
    for doc in iter_documents(paths[::step][:count], on_warning=lambda message: None, errors="warn"):
        paragraphs = [p.strip() for p in doc.text.splitlines() if p.strip()]
        if len(paragraphs) > 2:
            articles.append((paragraphs[0], paragraphs[1:]))
    return articles


def make_page(index: int, headline: str, paragraphs: list[str], others: list[tuple[str, list[str]]]) -> Page:
    """The article in layout ``index % 3`` with furniture drawn from ``others``."""
    rng = random.Random(index)
    layout = index % 3
    outlet = OUTLETS[layout]
    related = [title for title, _ in rng.sample(others, 4)]
    borrowed = [rng.choice(body) for _, body in rng.sample(others, 2)]
    comments = [*rng.sample(COMMENTS, 2), *borrowed]
    prompts = list(PROMPTS)
    date = f"2005-{1 + index % 12:02d}-{1 + index % 28:02d}"
    esc = html.escape
    body = "\n".join(f"<p>{esc(p)}</p>" for p in paragraphs[:2])
    body += f'\n<aside class="newsletter"><p>{esc(prompts[1])}</p></aside>'
    body += f'\n<div class="ad-slot"><p>Advertisement</p></div><figure><img src="/i/{index}.jpg">'
    body += f"<figcaption>{esc(related[0][:40])} (Photo: Getty Images)</figcaption></figure>\n"
    body += "\n".join(f"<p>{esc(p)}</p>" for p in paragraphs[2:])
    head = _head(layout, headline, outlet, date, index)
    nav = "".join(f'<li><a href="/{label.lower()}">{label}</a></li>' for label in NAV)
    related_html = "".join(f'<li><a href="/r/{n}">{esc(title)}</a></li>' for n, title in enumerate(related))
    comments_html = "".join(
        f'<div class="comment"><span class="author">reader{n}</span><p>{esc(c)}</p><a href="#">Reply</a></div>'
        for n, c in enumerate(comments)
    )
    page = f"""<!DOCTYPE html>
<html lang="en"><head>{head}</head>
<body>
<div class="cookie-banner"><p>{esc(prompts[0])}</p><button>Accept all cookies</button></div>
<header><a class="logo" href="/">{esc(outlet)}</a><nav><ul>{nav}</ul></nav></header>
<main><article>
<h1>{esc(headline)}</h1>
<div class="byline">By Staff Reporter</div><time datetime="{date}T08:00:00Z">{date}</time>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a></div>
{body}
<p class="promo">{esc(prompts[2])}</p>
<div class="tags">Topics: <a href="/t/1">News</a> <a href="/t/2">Politics</a></div>
</article>
<section class="related"><h2>Related articles</h2><ul>{related_html[: len(related_html) // 2 + 1]}</ul></section>
<section class="comments"><h2>Comments ({len(comments)})</h2>{comments_html}<p>{esc(prompts[5])}</p></section>
</main>
<aside><h3>Most read</h3><ol>{related_html}</ol><p>{esc(prompts[3])}</p></aside>
<footer><p>{esc(prompts[4])}</p><a href="/privacy">Privacy policy</a></footer>
</body></html>"""
    encoding = "cp1252" if layout == 2 else "utf-8"
    furniture = [*related, *comments, *prompts]
    return Page(f"page-{index:04d}", page, encoding, paragraphs, furniture, list(NAV))


def _head(layout: int, headline: str, outlet: str, date: str, index: int) -> str:
    esc = html.escape
    url = f"https://news.example/{index}"
    if layout == 0:
        ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": headline,
              "datePublished": f"{date}T08:00:00Z", "author": {"@type": "Person", "name": "Staff Reporter"},
              "publisher": {"@type": "Organization", "name": outlet}}  # fmt: skip
        meta = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    else:
        meta = (
            f'<meta property="og:title" content="{esc(headline)}"><meta property="og:site_name" content="{outlet}">'
            f'<meta property="og:url" content="{url}"><meta property="article:published_time" content="{date}">'
        )
    charset = '<meta charset="windows-1252">' if layout == 2 else '<meta charset="utf-8">'
    script = "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}</script>"
    return f"{charset}<title>{esc(headline)} | {esc(outlet)}</title>{meta}<link rel='canonical' href='{url}'>{script}"


def found(page: Page, text: str) -> tuple[int, int, int]:
    """(furniture pieces found in ``text``, of how many; article paragraphs found)."""
    lines = {line.strip() for line in text.splitlines()}
    leaked = sum(1 for piece in page.furniture if piece in text) + sum(1 for label in page.labels if label in lines)
    kept = sum(1 for p in page.paragraphs if p in text)
    return leaked, len(page.furniture) + len(page.labels), kept


def measure(pages: list[Page], build_graph: bool) -> None:
    from kg.ingest.decode import decode_html
    from kg.ingest.html import html_document
    from kg.parse.nlp import load_pipeline

    nlp = load_pipeline()
    list(nlp.pipe(["Kremlin spokesman Dmitry Peskov said on Monday that talks were held."]))  # warm-up
    started = time.perf_counter()
    docs = [html_document(decode_html(p.html.encode(p.encoding), p.name), id=p.name, path=p.name) for p in pages]
    extract_seconds = time.perf_counter() - started
    texts = [d.text for d in docs if d is not None]
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    parse_seconds = time.perf_counter() - started
    leaked = total = kept = paragraphs = 0
    examples: list[str] = []
    for page, doc in zip(pages, docs):
        counts = found(page, doc.text if doc else "")
        examples += [piece for piece in page.furniture if doc and piece in doc.text][:1]
        leaked, total, kept = leaked + counts[0], total + counts[1], kept + counts[2]
        paragraphs += len(page.paragraphs)
    missing = sum(1 for d in docs if d is None)
    print(f"pages: {len(pages)} ({missing} gave no document), {sum(len(p.html) for p in pages) / 1e6:.1f} MB of HTML")
    print(f"extract (trafilatura + cleaning): {len(pages) / extract_seconds:7.1f} pages/s  {extract_seconds:6.1f} s")
    print(f"parse (spaCy nlp.pipe, baseline): {len(texts) / parse_seconds:7.1f} pages/s  {parse_seconds:6.1f} s")
    print(f"extract / parse time: {extract_seconds / parse_seconds:.2f}x")
    print(
        f"furniture in the text: {leaked}/{total} pieces ({leaked / total:.2%}); "
        f"article paragraphs kept: {kept / paragraphs:.1%}"
    )
    for piece in sorted(set(examples))[:5]:
        print(f"  in a text: {piece[:100]}")
    if build_graph:
        graph_furniture(pages, nlp)


def graph_furniture(pages: list[Page], nlp) -> None:
    """Build the pages as .html files and look for their furniture in the graph's facts."""
    import kg

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "pages"
        folder.mkdir()
        for page in pages:
            (folder / f"{page.name}.html").write_bytes(page.html.encode(page.encoding))
        started = time.perf_counter()
        graph = kg.build([str(folder)], Path(scratch) / "store", nlp=nlp, on_warning=lambda message: None)
        seconds = time.perf_counter() - started
        texts = "\n".join(
            str(row[0])
            for row in graph.query(
                "SELECT DISTINCT ?t { { ?f kg:sentence/kg:text ?t } UNION { ?f rdf:object ?t FILTER(isLiteral(?t)) }"
                " UNION { ?f rdf:subject ?t FILTER(isLiteral(?t)) } UNION { ?e a kg:Entity ; rdfs:label ?t } }",
                limit=None,
            ).rows
        )
    pieces = {piece for page in pages for piece in page.furniture}
    leaked = sorted(piece for piece in pieces if piece in texts)
    s = graph.summary
    print(f"kg.build of the pages: {s.documents} documents, {s.facts:,} facts in {seconds:.1f} s")
    print(f"furniture in the graph: {len(leaked)}/{len(pieces)} distinct pieces ({len(leaked) / len(pieces):.2%})")
    for piece in leaked[:5]:
        print(f"  leaked: {piece[:100]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--no-graph", action="store_true", help="skip the kg.build of the pages")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"no corpus at {args.corpus}")
    articles = read_articles(args.corpus, 2 * args.pages)
    shown, donors = articles[0::2], articles[1::2]  # furniture comes from articles not built
    built = "\n".join(line for title, body in shown for line in (title, *body))
    donors = [(title, [p for p in body if p not in built]) for title, body in donors if title not in built]
    donors = [(title, body) for title, body in donors if body]  # the corpus repeats some stories
    pages = [make_page(i, title, body, donors) for i, (title, body) in enumerate(shown)]
    measure(pages, build_graph=not args.no_graph)


if __name__ == "__main__":
    main()
