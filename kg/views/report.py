"""``kg analyze`` and ``kg path`` output: aligned text, CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Callable
from dataclasses import asdict

from kg.ingest.clean import clip
from kg.store.formats import Formats, text_table
from kg.views.analytics import Analysis, PathStep

__all__ = ["ANALYSIS_FORMATS", "CENTRAL_COLUMNS", "PATH_FORMATS", "render_analysis", "render_path"]

CENTRAL_COLUMNS = ["rank", "label", "type", "pagerank", "degree", "facts", "mentions", "community", "id"]


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
        f"{s.documents} documents, {s.facts} facts, {s.entities} entities ({types}), {s.concepts} concepts, "
        f"{s.literals} literal values",
        f"{s.links} pairs of entities linked by {s.edges} edges; {s.linked} entities linked, "
        f"{s.components} connected group(s), the largest of {s.largest}",
    ]


def _analysis_table(analysis: Analysis) -> str:
    lines = _stats_lines(analysis) + ["", "Central entities (PageRank over the facts that link entities)"]
    rows = [row[:-1] for row in _central_rows(analysis)]
    lines += text_table(rows, CENTRAL_COLUMNS[:-1], max_width=None, underline=False).splitlines()
    lines += ["", "Communities (Louvain; named by their most central members)"]
    for n, c in enumerate(analysis.communities, 1):
        lines.append(f"{n:>2}. {c.name} ({len(c.members)} entities)")
        lines += textwrap.wrap(", ".join(c.members), 96, initial_indent="    ", subsequent_indent="    ")
    return "\n".join(lines) + "\n"


#: ``kg analyze`` formats: name -> writer(analysis) -> text.
ANALYSIS_FORMATS: Formats[Callable[[Analysis], str]] = Formats("analysis format")
ANALYSIS_FORMATS.add("table", _analysis_table)


@ANALYSIS_FORMATS.register("json")
def _analysis_json(analysis: Analysis) -> str:
    return json.dumps(asdict(analysis), ensure_ascii=False, indent=2) + "\n"


@ANALYSIS_FORMATS.register("csv")
def _analysis_csv(analysis: Analysis) -> str:
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows([CENTRAL_COLUMNS] + _central_rows(analysis))
    return text.getvalue()


def render_analysis(analysis: Analysis, fmt: str = "table") -> str:
    """The analysis as ``table`` (stats, central entities, communities), ``json`` (all of it) or
    ``csv`` (the central entities, with their community number); KG501 for another format."""
    return ANALYSIS_FORMATS[fmt](analysis)


def _hop_lines(n: int, step: PathStep) -> list[str]:
    arrow = "->" if step.forward else "<-"
    how = step.note
    said = f" (said by {step.attributed_to})" if step.attributed_to else ""
    return [
        f"{n}. {step.source} {arrow} {step.target}" + (f"  [{how}]" if how else ""),
        f"   {step.subject} -{step.relation}-> {clip(step.object, 70)}{said}",
        f"   {step.document}: {clip(step.sentence, 200)}",
    ]


def _path_table(steps: list[PathStep]) -> str:
    if not steps:
        return "the two names are the same entity\n"
    names = [steps[0].source] + [s.target for s in steps]
    lines = [f"{' -> '.join(names)}: {len(steps)} fact(s)", ""]
    for n, step in enumerate(steps, 1):
        lines += _hop_lines(n, step) + [""]
    return "\n".join(lines[:-1]) + "\n"


def _path_json(steps: list[PathStep]) -> str:
    return json.dumps([asdict(s) for s in steps], ensure_ascii=False, indent=2) + "\n"


#: ``kg path`` formats: name -> writer(steps) -> text.
PATH_FORMATS: Formats[Callable[[list[PathStep]], str]] = Formats("path format")
PATH_FORMATS.add("table", _path_table)
PATH_FORMATS.add("json", _path_json)


def render_path(steps: list[PathStep], fmt: str = "table") -> str:
    """A chain of facts: a heading, then per hop the entities, the fact and its source
    sentence (``table``), or the steps as JSON objects; KG501 for another format."""
    return PATH_FORMATS[fmt](steps)
