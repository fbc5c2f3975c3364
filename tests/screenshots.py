"""The README's pictures of the explorer: ``python -m tests.screenshots STORE OUT_DIR`` serves
STORE on a free loopback port, opens each page in headless Chromium (tests/browser.py, offline)
and writes ``explorer-home.png``, ``explorer-entity.png``, ``explorer-concept.png``,
``explorer-document.png``, ``explorer-neighbourhood.png`` and ``explorer-query.png`` (``make
screenshot``), each cut to 256 colours (Pillow) so the README's pictures stay small.

The entity shown is the one a search for ``peskov`` finds first (the seeds' Kremlin spokesman),
the concept the one a search for ``talks`` finds first, the document the first that mentions
the entity.
"""

from __future__ import annotations

import json
import sys
import urllib.request
from pathlib import Path

from tests.browser import READY, Browser, find_chromium

__all__ = ["PAGES", "main", "shoot"]

#: (file name, path on the server, or a key the entity's paths are filled in for)
PAGES = (
    ("explorer-home.png", "/"),
    ("explorer-entity.png", "{entity}"),
    ("explorer-concept.png", "{concept}"),
    ("explorer-document.png", "{document}"),
    ("explorer-neighbourhood.png", "/neighbourhood?entity={iri}&hops=1"),
    ("explorer-query.png", "/query?name=who-said-what&entity=Peskov&run=1"),
)
LOADED = "document.readyState === 'complete' && location.protocol === 'http:'"


def _entity(root: str, name: str) -> tuple[str, str]:
    """(page path, IRI) of the first entity a search for ``name`` finds."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(f"{root}/search.json?q={name}", timeout=60) as answer:
        hit = json.load(answer)["hits"][0]
    return hit["href"], "https://w3id.org/kg-news/" + hit["href"].split("/", 2)[2]


def _first(page, selector: str) -> str:
    """The ``href`` of the first element ``selector`` finds on ``page``."""
    return page.evaluate(f"document.querySelector({json.dumps(selector)}).getAttribute('href')")


def _small(path: Path) -> None:
    """The PNG at ``path`` in 256 colours: a third of the bytes, and text stays sharp."""
    from PIL import Image

    with Image.open(path) as image:
        image.convert("RGB").quantize(256, method=Image.Quantize.FASTOCTREE).save(path, optimize=True)


def shoot(browser: Browser, url: str, out: Path, graph: bool = False) -> list[str]:
    """A screenshot of ``url`` into ``out``; the page's console errors."""
    page = browser.open(url)
    page.wait_for(READY if graph else LOADED, timeout=120)
    browser.pump(0.5)
    page.screenshot(out)
    _small(out)
    return page.errors


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    executable = find_chromium()
    if executable is None:
        print("error: chromium not found (install it, or set KG_CHROMIUM)", file=sys.stderr)
        return 1
    from kg.views.serve import serve

    store, out = Path(argv[0]), Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    with serve(store, "127.0.0.1", 0) as server, Browser(executable, 1360, 900) as browser:
        root = server.url.rsplit("/", 1)[0]
        entity, iri = _entity(root, "peskov")
        page = browser.open(root + entity)
        page.wait_for(LOADED)
        paths = {
            "entity": entity,
            "concept": _entity(root, "talks")[0],
            "document": _first(page, "#documents a"),
            "iri": urllib.request.quote(iri, safe=""),
        }
        for name, path in PAGES:
            errors += shoot(browser, root + path.format(**paths), out / name, graph="neighbourhood" in path)
            print(f"wrote {out / name}")
    if errors:
        print("error: the pages logged errors: " + "; ".join(errors), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
