"""vis-network and kg's page of it: the library's script and stylesheet (shipped inside the pyvis
package, so nothing is fetched from a CDN), kg's own script for the page (``templates/graph.js``),
the page template, and JSON that is safe inside a ``<script>`` block.

``kg render`` inlines all of it into one file; ``kg serve`` serves the same files as
``/static/vis-network.min.js``, ``/static/vis-network.css`` and ``/static/graph.js``.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from kg.errors import ExportError

__all__ = ["VIS_VERSION", "graph_script", "markup", "page_template", "safe_json", "vis_assets"]

#: The vis-network build inlined into the page (shipped with pyvis 0.3.2).
VIS_VERSION = "9.1.2"
_TEMPLATES = Path(__file__).resolve().parent / "templates"


def safe_json(value: Any) -> str:
    """JSON that is safe inside a <script> block: no ``<``, ``>`` or ``&`` characters."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def markup(text: str) -> Any:
    """``text`` marked safe for Jinja2 (it is already escaped, or is a checked asset)."""
    from markupsafe import Markup

    return Markup(text)


def _vis_dir() -> Path:
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "templates" / "lib"
    preferred = lib / f"vis-{VIS_VERSION}"
    if (preferred / "vis-network.min.js").is_file():
        return preferred
    found = sorted(lib.glob("vis-*/vis-network.min.js"))
    if not found:
        raise ExportError(f"vis-network is missing from the pyvis package at {lib}", "KG507")
    return found[-1].parent


@functools.lru_cache(maxsize=1)
def vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS from the pyvis package, checked safe to inline."""
    folder = _vis_dir()
    try:
        js = (folder / "vis-network.min.js").read_text(encoding="utf-8")
        css = (folder / "vis-network.css").read_text(encoding="utf-8")
    except OSError as exc:
        raise ExportError(f"cannot read vis-network from {folder}: {exc.strerror or exc}", "KG507") from exc
    lowered_js, lowered_css = js.lower(), css.lower()
    if "</script" in lowered_js or "<!--" in lowered_js or "</style" in lowered_css:
        raise ExportError(f"the vis-network build in {folder} cannot be inlined safely", "KG507")
    return js, css


@functools.lru_cache(maxsize=1)
def page_template() -> Any:
    """The Jinja2 template of ``kg render``'s page (autoescaped)."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(str(_TEMPLATES)),
        autoescape=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    return env.get_template("graph.html")


@functools.lru_cache(maxsize=1)
def graph_script() -> str:
    """The page's own script (``templates/graph.js``): reads the JSON blocks, draws the network,
    stops the layout once stable; nodes link to pages when a ``kg-links`` block is present."""
    script = (_TEMPLATES / "graph.js").read_text(encoding="utf-8")
    if "</script" in script.lower():
        raise ExportError("templates/graph.js cannot be inlined safely", "KG507")
    return script
