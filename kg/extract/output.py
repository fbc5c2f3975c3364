"""Printing extracted facts: an aligned table, TSV with a header, or JSON lines."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TextIO

from ..model import Argument, Extraction

__all__ = ["FORMATS", "FactRow", "extract_lines", "rows_of", "write_facts"]

FORMATS = ("table", "tsv", "jsonl")
TSV_COLUMNS = ("sentence", "subject", "relation", "object", "confidence")


@dataclass(frozen=True)
class FactRow:
    """A fact as printed: arguments shown by the name they resolve to."""

    sentence: str
    subject: str
    relation: str
    object: str
    confidence: float
    negated: bool
    attributed_to: str
    kind: str
    extras: tuple[tuple[str, str], ...]


def shown(extraction: Extraction, arg: Argument | None) -> str:
    """An argument's text, or for a pronoun or description the name it was resolved to."""
    if arg is None:
        return ""
    if arg.mention is None:
        return arg.text
    mention = extraction.mentions[arg.mention]
    seen = set()
    while mention.antecedent is not None and mention.id not in seen:
        seen.add(mention.id)
        mention = extraction.mentions[mention.antecedent]
    return mention.text


def rows_of(extraction: Extraction) -> Iterator[FactRow]:
    sentences = {s.index: s.text for s in extraction.sentences}
    for fact in extraction.facts:
        relation = f"not {fact.relation}" if fact.negated else fact.relation
        yield FactRow(
            " ".join(sentences[fact.sentence].split()), shown(extraction, fact.subject), relation,
            shown(extraction, fact.object), fact.confidence, fact.negated,
            shown(extraction, fact.attributed_to), fact.kind,
            tuple((a.role or "", shown(extraction, a)) for a in fact.extras),
        )


def extract_lines(texts: Iterable[str], *, nlp=None) -> Iterator[FactRow]:
    """Facts of each text, each text parsed as its own document."""
    from ..model import Document
    from . import extract_documents

    documents = (Document(id=f"text-{n}", text=t) for n, t in enumerate(texts, 1))
    for extraction in extract_documents(documents, nlp=nlp):
        yield from rows_of(extraction)


def _clean(value: str) -> str:
    return " ".join(value.replace("\t", " ").split())


def write_facts(rows: Iterable[FactRow], fmt: str, out: TextIO) -> None:
    """Write rows as ``table``, ``tsv`` (header line first) or ``jsonl``."""
    if fmt == "tsv":
        out.write("\t".join(TSV_COLUMNS) + "\n")
        for row in rows:
            values = (row.sentence, row.subject, row.relation, row.object, f"{row.confidence:.3f}")
            out.write("\t".join(_clean(v) for v in values) + "\n")
    elif fmt == "jsonl":
        for row in rows:
            record = {k: getattr(row, k) for k in row.__dataclass_fields__}
            record["extras"] = [{"role": r, "text": t} for r, t in row.extras]
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        _write_table(list(rows), out)


def _write_table(rows: list[FactRow], out: TextIO) -> None:
    if not rows:
        out.write("no facts\n")
        return
    cells = [(r.subject, r.relation, r.object, f"{r.confidence:.2f}",
              f"(said by {r.attributed_to})" if r.attributed_to else "") for r in rows]
    cells = [tuple(_clip(c, 60) for c in row) for row in cells]
    widths = [max(len(row[i]) for row in cells) for i in range(3)]
    for row in cells:
        line = "  ".join(row[i].ljust(widths[i]) for i in range(3))
        out.write(f"{line}  {row[3]} {row[4]}".rstrip() + "\n")


def _clip(text: str, limit: int) -> str:
    text = _clean(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"
