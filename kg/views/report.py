"""``kg analyze`` and ``kg path`` output: aligned text, CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from dataclasses import asdict

from kg.errors import ExportError
from kg.ingest.clean import clip
from kg.views.analytics import Analysis, PathStep

__all__ = ["ANALYZE_FORMATS", "CENTRAL_COLUMNS", "PATH_FORMATS", "render_analysis", "render_path"]

ANALYZE_FORMATS = ("table", "json", "csv")
PATH_FORMATS = ("table", "json")
CENTRAL_COLUMNS = ["rank", "label", "type", "pagerank", "degree", "facts", "mentions", "community", "id"]


def _check(fmt: str, formats: tuple[str, ...]) -> None:
    if fmt not in formats:
        raise ExportError(f"unknown format {fmt!r}; use one of {', '.join(formats)}", "KG501")


def _columns(rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows]


def _community_of(analysis: Analysis) -> dict[str, int]:
    return {i: n for n, c in enumerate(analysis.communities, 1) for i in c.ids}


def _central_rows(analysis: Analysis) -> list[list[str]]:
    community = _community_of(analysis)
    return [
        [str(rank), c.label, c.type, f"{c.pagerank:.4f}", str(c.degree), str(c.facts), str(c.mentions),
         str(community.get(c.id, "")), c.id]
        for rank, c in enumerate(analysis.central, 1)
    ]  # fmt: skip


def _stats_lines(analysis: Analysis) -> list[str]:
    s = analysis.stats
    types = ", ".join(f"{n} {t}" for t, n in s.by_type.items())
    return [
        f"{s.documents} documents, {s.edges} facts, {s.entities} entities ({types}), {s.literals} literal values",
        f"{s.links} pairs of entities linked by facts; {s.linked} entities linked, "
        f"{s.components} connected group(s), the largest of {s.largest}",
    ]


def _analysis_table(analysis: Analysis) -> str:
    lines = _stats_lines(analysis) + ["", "Central entities (PageRank over the facts that link entities)"]
    lines += _columns([CENTRAL_COLUMNS[:-1]] + [row[:-1] for row in _central_rows(analysis)])
    lines += ["", "Communities (Louvain; named by their most central members)"]
    for n, c in enumerate(analysis.communities, 1):
        lines.append(f"{n:>2}. {c.name} ({len(c.members)} entities)")
        lines += textwrap.wrap(", ".join(c.members), 96, initial_indent="    ", subsequent_indent="    ")
    return "\n".join(lines) + "\n"


def render_analysis(analysis: Analysis, fmt: str = "table") -> str:
    """The analysis as ``table`` (stats, central entities, communities), ``json`` (all of it) or
    ``csv`` (the central entities, with their community number)."""
    _check(fmt, ANALYZE_FORMATS)
    if fmt == "json":
        return json.dumps(asdict(analysis), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        text = io.StringIO()
        csv.writer(text, lineterminator="\n").writerows([CENTRAL_COLUMNS] + _central_rows(analysis))
        return text.getvalue()
    return _analysis_table(analysis)


def _hop_lines(n: int, step: PathStep) -> list[str]:
    arrow = "->" if step.forward else "<-"
    how = step.note
    said = f" (said by {step.attributed_to})" if step.attributed_to else ""
    return [
        f"{n}. {step.source} {arrow} {step.target}" + (f"  [{how}]" if how else ""),
        f"   {step.subject} -{step.relation}-> {clip(step.object, 70)}{said}",
        f"   {step.document}: {clip(step.sentence, 200)}",
    ]


def render_path(steps: list[PathStep], fmt: str = "table") -> str:
    """A chain of facts: a heading, then per hop the entities, the fact and its source
    sentence (``table``), or the steps as JSON objects."""
    _check(fmt, PATH_FORMATS)
    if fmt == "json":
        return json.dumps([asdict(s) for s in steps], ensure_ascii=False, indent=2) + "\n"
    if not steps:
        return "the two names are the same entity\n"
    names = [steps[0].source] + [s.target for s in steps]
    lines = [f"{' -> '.join(names)}: {len(steps)} fact(s)", ""]
    for n, step in enumerate(steps, 1):
        lines += _hop_lines(n, step) + [""]
    return "\n".join(lines[:-1]) + "\n"
