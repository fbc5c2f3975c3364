"""Interactive HTML view of the graph: pyvis builds the vis-network data and options, kg writes
the page from its own template (``kg/templates/graph.html``).

Why not ``Network.write_html``: pyvis's page loads Bootstrap (and, by default, vis-network) from
CDNs, its ``local`` mode expects a ``lib/`` folder beside the page, and it inserts the heading,
``select_menu`` ids and (once any tooltip contains "href") every tooltip as HTML, so script in
article text would run. Here the page is one self-contained UTF-8 file that works offline:

* vis-network's JS and CSS (shipped inside the pyvis package) are inlined;
* node and edge data are JSON in ``<script type="application/json">`` blocks, with ``<``, ``>``
  and ``&`` written as ``\\u003c`` ... so that ``</script>`` in a label cannot end the block;
* tooltips are plain text, turned into DOM elements with ``textContent`` by the page;
* the heading, caption and legend go through Jinja2's autoescaping;
* node ids in the page are opaque integers, not IRIs or labels.

Output is deterministic (sorted data, no random ids, no timestamps) and written atomically.
"""

from __future__ import annotations

import json
import logging
import math
import os
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

import networkx as nx

from kg.errors import ExportError, KGError
from kg.ingest.clean import clip
from kg.store.writing import write_atomic
from kg.views.layout import radial_layout, spring_layout
from kg.views.nodes import LITERAL_TYPE, entity_nodes, is_concept, is_entity_node, node_label, normalise_name
from kg.views.select import fact_key, select_nodes, supported
from kg.views.vis import VIS_VERSION, graph_script, markup, page_template, safe_json, vis_assets

__all__ = [
    "TYPE_COLOURS",
    "VIS_VERSION",
    "PageData",
    "RenderSummary",
    "default_title",
    "graph_script",
    "render_data",
    "render_html",
    "render_page",
    "vis_assets",
]

log = logging.getLogger(__name__)

#: Node colours by entity type (a colour-blind-friendly palette, fixed so pages are comparable).
TYPE_COLOURS: dict[str, str] = {
    "Person": "#4e79a7",
    "Organization": "#f28e2b",
    "Place": "#59a14f",
    "Location": "#8cd17d",
    "Facility": "#76b7b2",
    "Group": "#edc948",
    "Event": "#e15759",
    "Product": "#ff9da7",
    "Work": "#b07aa1",
    "Law": "#9c755f",
    "Language": "#d4a6c8",
    "Date": "#86bcb6",
    "Time": "#a0cbe8",
    "Money": "#f1ce63",
    "Quantity": "#bab0ac",
}
OTHER_COLOUR = "#79706e"
LITERAL_COLOUR = "#d3d3d3"
CONCEPT_COLOUR = "#f3e6c4"  # concepts: boxes like values, warmer
EDGE_COLOUR = "#9e9e9e"
NEGATED_EDGE_COLOUR = "#d62728"


MIN_NODE_SIZE = 10.0
MAX_NODE_SIZE = 45.0
LITERAL_LABEL_CHARS = 40
MAX_SOURCES_IN_TOOLTIP = 10
MAX_SENTENCE_CHARS = 400
MAX_DOCUMENTS_IN_TOOLTIP = 10
SMOOTH_EDGES_LIMIT = 200  # above this many edges, straight edges ("dynamic" curves add a physics node each)
IMPROVED_LAYOUT_LIMIT = 100  # vis's improvedLayout (Kamada-Kawai) takes seconds past this many nodes
LAYOUT_SECONDS = 5  # the browser stops stabilising after this long, wherever it is


@dataclass(frozen=True)
class RenderSummary:
    """What was written: the counts on the page, the path, and any warnings (e.g. the cap)."""

    nodes: int
    edges: int
    path: Path
    facts: int = 0  # facts behind the drawn edges (parallel facts collapse into one edge)
    total_nodes: int = 0  # nodes in the input graph
    capped: bool = False
    warnings: tuple[str, ...] = ()


# --------------------------------------------------------------------------- vis data


def _documents(value) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        return sorted({d for d in value.split("|") if d})
    return sorted({str(d) for d in value if d})


def _node_dict(graph: nx.MultiDiGraph, node, index: int, positions) -> dict:
    data = graph.nodes[node]
    label = node_label(graph, node)
    if not is_entity_node(graph, node):
        concept = is_concept(graph, node)
        entry = {
            "id": index,
            "label": clip(label, LITERAL_LABEL_CHARS),
            "shape": "box",
            "color": CONCEPT_COLOUR if concept else LITERAL_COLOUR,
            "font": {"size": 10, "color": "#333333"},
            "margin": 4,
            "title": f"{label}\n\n{'Concept' if concept else 'Literal value'}",
            "kind": "Concept" if concept else LITERAL_TYPE,
        }
    else:
        kind = str(data.get("type") or "")
        mentions = max(int(data.get("mentions") or 0), 0)
        size = min(MAX_NODE_SIZE, MIN_NODE_SIZE + 3.0 * math.sqrt(mentions))
        lines = [label, f"Type: {kind or 'unknown'}", f"Mentions: {mentions}"]
        docs = _documents(data.get("documents"))
        if docs:
            shown = ", ".join(docs[:MAX_DOCUMENTS_IN_TOOLTIP])
            more = len(docs) - MAX_DOCUMENTS_IN_TOOLTIP
            lines.append(f"Documents ({len(docs)}): {shown}" + (f", … and {more} more" if more > 0 else ""))
        lines.append(f"IRI: {node}")
        entry = {
            "id": index,
            "label": label,
            "shape": "dot",
            "color": TYPE_COLOURS.get(kind, OTHER_COLOUR),
            "size": round(size, 1),
            "title": "\n".join(lines),
            "kind": kind or "Other",
        }
    if positions is not None:
        x, y = positions[node]
        entry["x"], entry["y"] = round(float(x)), round(float(y))
    return entry


def _fact_line(data: dict) -> str:
    parts = [f"[{data.get('document') or '?'}]"]
    sentence = str(data.get("sentence") or "").strip()
    if sentence:
        parts.append(f"“{clip(sentence, MAX_SENTENCE_CHARS)}”")
    notes = []
    if data.get("attributed_to"):
        notes.append(f"attributed to {data['attributed_to']}")
    if data.get("confidence") is not None:
        try:
            notes.append(f"confidence {float(data['confidence']):.2f}")
        except (TypeError, ValueError):
            pass
    if notes:
        parts.append(f"({'; '.join(notes)})")
    return "• " + " ".join(parts)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _edge_title(graph: nx.MultiDiGraph, group_key: tuple, members: list, documents: list[str]) -> str:
    """The tooltip of one edge: the fact, its negation, who said it, its support and sources."""
    u, v, relation, negated = group_key
    label = f"not {relation}" if negated else relation
    lines = [f"{node_label(graph, u)} -{label}-> {node_label(graph, v)}"]
    lines.append("Negated: yes (the source says this is not the case)" if negated else "Negated: no")
    attributed = sorted({str(m[3].get("attributed_to")) for m in members if m[3].get("attributed_to")})
    lines.append("Attributed to: " + (", ".join(attributed) if attributed else "nobody (stated by the article)"))
    lines.append(f"Support: {_plural(len(members), 'fact')} in {_plural(len(documents), 'document')}")
    shown = ", ".join(documents[:MAX_DOCUMENTS_IN_TOOLTIP])
    more = len(documents) - MAX_DOCUMENTS_IN_TOOLTIP
    lines.append(f"Documents: {shown}" + (f", … and {more} more" if more > 0 else ""))
    lines.append("")
    lines.extend(_fact_line(m[3]) for m in members[:MAX_SOURCES_IN_TOOLTIP])
    if len(members) > MAX_SOURCES_IN_TOOLTIP:
        lines.append(f"… and {len(members) - MAX_SOURCES_IN_TOOLTIP} more")
    return "\n".join(lines)


def _source_order(member) -> tuple:
    data = member[3]
    return (str(data.get("document") or ""), int(data.get("start") or 0), int(data.get("end") or 0), str(member[2]))


def _edge_dicts(graph: nx.MultiDiGraph, index: dict) -> tuple[list[dict], int]:
    """One vis edge per statement (subject, object, relation, negation), as wide as the number
    of documents it is found in; returns (edges, facts)."""
    groups: dict[tuple, list] = defaultdict(list)
    for u, v, key, data in graph.edges(keys=True, data=True):
        if u in index and v in index:
            groups[fact_key(u, v, data)].append((u, v, key, data))
    edges = []
    ordered = sorted(groups, key=lambda k: (index[k[0]], index[k[1]], k[2], k[3]))
    for n, group_key in enumerate(ordered):
        members = sorted(groups[group_key], key=_source_order)
        documents = sorted({str(m[3].get("document") or "") for m in members} - {""})
        negated = group_key[3]
        edge = {
            "id": n,
            "from": index[group_key[0]],
            "to": index[group_key[1]],
            "arrows": "to",
            "label": f"not {group_key[2]}" if negated else group_key[2],
            "title": _edge_title(graph, group_key, members, documents),
            "width": round(min(10.0, 1.0 + 2.0 * math.log2(max(len(documents), 1))), 2),
            "color": NEGATED_EDGE_COLOUR if negated else EDGE_COLOUR,
            "font": {"size": 10, "align": "middle"},
        }
        if negated:
            edge["dashes"] = True
        edges.append(edge)
    return edges, sum(len(m) for m in groups.values())


# --------------------------------------------------------------------------- page


def _network(nodes: list[dict], edges: list[dict], physics: bool):
    """A pyvis Network holding the data and the options (filled in bulk: add_node is O(n))."""
    from pyvis.network import Network

    net = Network(height="85vh", width="100%", directed=True, cdn_resources="in_line")
    net.nodes = nodes
    net.edges = edges
    net.node_ids = [n["id"] for n in nodes]
    net.node_map = {n["id"]: n for n in nodes}
    many_edges = len(edges) > SMOOTH_EDGES_LIMIT
    net.barnes_hut(gravity=-2000, central_gravity=1.5, spring_length=90, spring_strength=0.02, damping=0.12, overlap=0)
    net.options.physics.stabilization.iterations = 200 if many_edges else 500
    net.options.physics.stabilization.updateInterval = 25
    net.toggle_physics(physics)
    if many_edges:
        net.options.edges.smooth.enabled = False
    else:
        net.set_edge_smooth("dynamic")
    net.inherit_edge_colors(False)
    net.toggle_hide_edges_on_drag(many_edges)
    net.options.interaction.hover = True
    net.options.interaction.tooltipDelay = 150
    return net


def _legend(graph: nx.MultiDiGraph, selected: list) -> list[dict]:
    """One legend row per entity type on the page (in palette order), then literal values."""
    type_counts: dict[str, int] = defaultdict(int)
    literal_count = concept_count = 0
    for node in selected:
        if is_entity_node(graph, node):
            type_counts[str(graph.nodes[node].get("type") or "")] += 1
        elif is_concept(graph, node):
            concept_count += 1
        else:
            literal_count += 1
    order = {t: i for i, t in enumerate(TYPE_COLOURS)}
    legend = [
        {"type": t or "Other", "colour": TYPE_COLOURS.get(t, OTHER_COLOUR), "count": c, "shape_class": "kg-dot"}
        for t, c in sorted(type_counts.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))
    ]
    if concept_count:
        legend.append({"type": "Concept", "colour": CONCEPT_COLOUR, "count": concept_count, "shape_class": "kg-box"})
    if literal_count:
        legend.append(
            {"type": "Literal value", "colour": LITERAL_COLOUR, "count": literal_count, "shape_class": "kg-box"}
        )
    return legend


def _caption(graph, selected, edges: int, facts: int, centres, view: dict) -> str:
    """One line saying what the page shows and which filters made it."""
    concepts = sum(1 for n in selected if is_concept(graph, n))
    literals = sum(1 for n in selected if not is_entity_node(graph, n)) - concepts
    entities = len(selected) - literals - concepts
    shown = f", {_plural(concepts, 'concept')}" if concepts else ""
    caption = (
        f"{entities} entit{'y' if entities == 1 else 'ies'}{shown}, {_plural(literals, 'literal value')}, "
        f"{_plural(edges, 'edge')} from {_plural(facts, 'fact')}"
    )
    if view["focus"] is not None:
        names = ", ".join(node_label(graph, c) for c in centres)
        caption += f"; within {_plural(view['hops'], 'hop')} of {names}"
    if view["types"] is not None:
        caption += "; types: " + ", ".join(sorted(str(t) for t in view["types"]))
    if view["min_support"] > 1:
        caption += f"; facts found in {view['min_support']} documents or more"
    return caption


def _check_options(max_nodes: int, hops: int, min_support: int) -> None:
    if max_nodes < 1:
        raise ExportError(f"max_nodes must be at least 1, not {max_nodes}", "KG508")
    if hops < 0:
        raise ExportError(f"hops must be 0 or more, not {hops}", "KG508")
    if min_support < 1:
        raise ExportError(f"min_support must be at least 1, not {min_support}", "KG508")


@dataclass(frozen=True)
class PageData:
    """What a page of the graph is made of: the template's values (without vis-network's
    assets), its summary, and its nodes in page order (node ``i`` is ``nodes[i]``)."""

    values: dict
    summary: RenderSummary
    nodes: list


def default_title(graph: nx.MultiDiGraph, focus: str | None, hops: int, name: str = "") -> str:
    """A page's title from what it shows: ``Dmitry Peskov, 1 hop — kg-store`` for a focus view,
    ``kg-store: the graph`` without one (``name`` is the store's)."""
    if focus is None:
        return f"{name}: the graph" if name else "The graph"
    try:
        from kg.views.nodes import resolve_entity

        shown = ", ".join(node_label(graph, n) for n in resolve_entity(graph, focus))
    except KGError:
        shown = focus
    return f"{shown}, {_plural(hops, 'hop')}" + (f" — {name}" if name else "")


def _filtered(graph: nx.MultiDiGraph, entities_only: bool, literal_filter: str | None) -> nx.MultiDiGraph:
    """Only the entities (``entities_only``: no concepts, no literal values), or only the
    literal values containing ``literal_filter`` (case and accents ignored) besides the
    entities and concepts."""
    if entities_only:
        return graph.subgraph(entity_nodes(graph))
    wanted = normalise_name(literal_filter or "")
    if not wanted:
        return graph
    return graph.subgraph(
        n
        for n in graph
        if is_entity_node(graph, n) or is_concept(graph, n) or wanted in normalise_name(node_label(graph, n))
    )


def render_data(
    graph: nx.MultiDiGraph,
    *,
    title: str | None = None,
    max_nodes: int = 500,
    focus: str | None = None,
    hops: int = 2,
    types: set[str] | None = None,
    min_support: int = 1,
    physics: bool = True,
    entities_only: bool = False,
    literal_filter: str | None = None,
    name: str = "",
) -> PageData:
    """The values of a page of ``graph`` (see :func:`render_html`)."""
    _check_options(max_nodes, hops, min_support)
    view = supported(_filtered(graph, entities_only, literal_filter), min_support)
    selected, centres, capped, warnings = select_nodes(view, focus, hops, types, max_nodes, isolated=min_support == 1)
    for warning in warnings:
        log.warning("render: %s", warning)
    index = {node: i for i, node in enumerate(selected)}
    node_dicts = [_node_dict(view, node, index[node], None) for node in selected]
    positions = _positions(view, selected, centres, node_dicts, physics)
    if positions is not None:
        node_dicts = [_node_dict(view, node, index[node], positions) for node in selected]
    edge_dicts, facts = _edge_dicts(view.subgraph(selected), index)

    net = _network(node_dicts, edge_dicts, physics and positions is None)
    vis_nodes, vis_edges, _heading, height, width, options_json = net.get_network_data()
    options = json.loads(options_json)
    options["layout"] = {"randomSeed": 0, "improvedLayout": len(vis_nodes) <= IMPROVED_LAYOUT_LIMIT}
    options["configure"] = {"enabled": False}
    filters = {"focus": focus, "hops": hops, "types": types, "min_support": min_support}
    heading = title if title is not None else default_title(view, focus, hops, name)
    values = {
        "title": heading,
        "heading": heading,
        "caption": _caption(view, selected, len(vis_edges), facts, centres, filters),
        "notices": warnings,
        "legend": _legend(view, selected),
        "width": width,
        "height": height,
        "nodes_json": markup(safe_json(vis_nodes)),
        "edges_json": markup(safe_json(vis_edges)),
        "options_json": markup(safe_json(options)),
        "layout_ms": LAYOUT_SECONDS * 1000,
    }
    summary = RenderSummary(
        nodes=len(vis_nodes),
        edges=len(vis_edges),
        path=Path(),
        facts=facts,
        total_nodes=graph.number_of_nodes(),
        capped=capped,
        warnings=tuple(warnings),
    )
    return PageData(values, summary, selected)


def _positions(view, selected: list, centres: list, node_dicts: list[dict], physics: bool) -> dict | None:
    """Fixed positions: rings around the focus for a focus view (a force layout piles the
    focus's literal values on top of it), networkx's spring layout without physics, else none."""
    if centres:
        sizes = {node: d.get("size", 10.0) for node, d in zip(selected, node_dicts)}
        return radial_layout(view, selected, centres, literal_chars=LITERAL_LABEL_CHARS, sizes=sizes)
    return None if physics else spring_layout(view, selected)


def render_page(graph: nx.MultiDiGraph, **options) -> tuple[str, RenderSummary]:
    """The page as a string and its summary (``path`` empty); see :func:`render_html`."""
    data = render_data(graph, **options)
    vis_js, vis_css = vis_assets()
    page = page_template().render(
        **data.values, vis_js=markup(vis_js), vis_css=markup(vis_css), graph_js=markup(graph_script())
    )
    return page, data.summary


def _write_page(path: Path, data: bytes) -> None:
    """Write the page atomically (see kg.store.writing), as an ExportError when it cannot be."""
    if path.is_dir():
        raise ExportError(f"{path} is a folder, not a file to write the page to", "KG506")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}", "KG503") from exc


def render_html(graph: nx.MultiDiGraph, path: str | os.PathLike, **options) -> RenderSummary:
    """Write an interactive, self-contained HTML view of ``graph`` to ``path``.

    ``min_support`` keeps the facts whose statement (subject, relation, negation, object) is
    found in that many documents or more. ``focus`` (an entity label, alias or IRI,
    case-insensitive) keeps the nodes within ``hops`` of it, ignoring direction; ``types`` keeps
    entities of those types (case-insensitive) and the literal values attached to them; then,
    past ``max_nodes`` nodes, the highest degree centrality ones are kept (ties by label) and
    the summary carries a warning. Facts of one statement become one edge, wider with more
    documents, its tooltip giving the negation, the attribution, the documents and each
    source sentence. With ``physics`` the layout stabilises in the browser and then stops;
    without it positions are precomputed with networkx (up to 2,000 nodes); a focus view is
    always laid out in rings around the focus (``kg.views.layout``), so no node covers another.
    ``entities_only`` drops the literal values, ``literal_filter`` keeps only those containing
    that text. The title is ``title``, or says what the page shows (the focus, and ``name``, the
    store's). Either way the page marks ``data-kg-state="ready"`` on ``#kg-network`` once it is
    laid out and drawn.

    Raises ``UnknownEntityError`` for an unknown focus and ``ExportError`` when the page
    cannot be written; the target is then left as it was.
    """
    target = Path(path)
    page, summary = render_page(graph, **options)
    _write_page(target, page.encode("utf-8", errors="replace"))
    return replace(summary, path=target)
