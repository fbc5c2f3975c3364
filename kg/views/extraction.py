"""Printing extracted facts: an aligned table, TSV with a header, JSON lines, or CaRB's tabbed
format (``sentence \t confidence \t relation \t arg1 \t arg2 [\t arg3 ...]``)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields, replace
from typing import TextIO

from kg.ingest.clean import clip
from kg.model import Argument, Extraction, root_mention

__all__ = ["FORMATS", "FactRow", "carb_line", "extract_lines", "fact_rows", "rows_of", "write_facts"]

FORMATS = ("table", "tsv", "jsonl", "carb")
TSV_COLUMNS = ("sentence", "subject", "relation", "object", "confidence")
_NOT_IN_JSONL = {"phrases", "line", "surface"}  # JSON lines keep their original fields
#: kg relations written in CaRB's words: a role fact reads "X is <role>".
CARB_RELATIONS = {"role": "is"}
#: Words kept before a time or place argument in CaRB output ("in 1998", "On 12 July").
PREPOSITIONS = frozenset(
    "about above across after against along amid among around at before behind below beneath beside "
    "between beyond by during for from in inside into near of off on onto outside over past since "
    "through throughout till to toward towards under until upon with within without".split()
)


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
    phrases: tuple[str, ...] = ()  # the extras as they read, preposition first: "in 1998"
    line: str = ""  # with --lines: the input line, exactly as given
    surface: str = ""  # the relation as written; passive facts keep the text's order in it


def _resolved(extraction: Extraction, arg: Argument | None) -> str:
    """An argument's text, or for a pronoun or description the name it was resolved to."""
    if arg is None:
        return ""
    if arg.mention is None:
        return arg.text
    return root_mention(extraction.mentions, arg.mention).text


def rows_of(extraction: Extraction, *, line: str = "", as_written: bool = False) -> Iterator[FactRow]:
    """The facts of an extraction as rows, each carrying ``line``. Arguments show the name a
    pronoun resolves to, or with ``as_written`` the words of the sentence."""
    sentences = {s.index: s.text for s in extraction.sentences}
    shown = _written if as_written else _resolved
    for fact in extraction.facts:
        relation = f"not {fact.relation}" if fact.negated else fact.relation
        yield FactRow(
            " ".join(sentences[fact.sentence].split()),
            shown(extraction, fact.subject),
            relation,
            shown(extraction, fact.object),
            fact.confidence,
            fact.negated,
            shown(extraction, fact.attributed_to),
            fact.kind,
            tuple((a.role or "", shown(extraction, a)) for a in fact.extras),
            tuple(_phrase(extraction, a) for a in fact.extras),
            line,
            fact.surface,
        )


def _written(extraction: Extraction, arg: Argument | None) -> str:
    return arg.text if arg is not None else ""


def _phrase(extraction: Extraction, arg: Argument) -> str:
    """An extra argument as it reads in the sentence, its preposition first: ``in 1998``."""
    text, role = arg.text, arg.role or ""
    before = extraction.document.text[max(0, arg.start - 80) : arg.start].split()
    if role and role not in {"time", "place"}:
        written = " ".join(before[-len(role.split()) :])
        return f"{written if written.lower() == role else role} {text}"
    if before and before[-1].lower() in PREPOSITIONS:
        return f"{before[-1]} {text}"
    return text


def extract_lines(texts: Iterable[str], *, nlp=None, benchmark: bool = False) -> Iterator[tuple[str, list[FactRow]]]:
    """Each text with its facts, each text parsed as its own document; rows keep it as ``line``.
    ``benchmark`` judges each sentence on its own, as Open IE benchmarks do: pronouns stay
    arguments, as written."""
    from kg.extract import extract_documents
    from kg.model import Document

    documents = (Document(id=f"text-{n}", text=t) for n, t in enumerate(texts, 1))
    for extraction in extract_documents(documents, nlp=nlp, keep_pronouns=benchmark):
        text = extraction.document.text
        yield text, list(rows_of(extraction, line=text, as_written=benchmark))


def fact_rows(texts: Iterable[str], *, lines: bool = True, nlp=None, benchmark: bool = False) -> Iterator[FactRow]:
    """The rows of every text, in order; with ``lines=False`` a row's ``line`` stays empty."""
    for _, rows in extract_lines(texts, nlp=nlp, benchmark=benchmark):
        yield from (rows if lines else (replace(row, line="") for row in rows))


def _clean(value: str) -> str:
    return " ".join(value.replace("\t", " ").split())


def carb_line(row: FactRow) -> str:
    """The row in CaRB's tabbed format; the sentence is ``row.line`` as given, if set."""
    sentence = (row.line or row.sentence).replace("\t", " ")
    relation = row.surface or CARB_RELATIONS.get(row.relation, row.relation)
    first, second = (row.object, row.subject) if row.kind == "passive" else (row.subject, row.object)
    values = [_clean(v) for v in (relation, first, second, *row.phrases)]
    return "\t".join([sentence, f"{row.confidence:.3f}", *values])


def write_facts(rows: Iterable[FactRow], fmt: str, out: TextIO) -> None:
    """Write rows as ``table``, ``tsv`` (header line first), ``jsonl`` or ``carb``."""
    if fmt == "tsv":
        out.write("\t".join(TSV_COLUMNS) + "\n")
        for row in rows:
            values = (row.sentence, row.subject, row.relation, row.object, f"{row.confidence:.3f}")
            out.write("\t".join(_clean(v) for v in values) + "\n")
    elif fmt == "jsonl":
        for row in rows:
            record = {f.name: getattr(row, f.name) for f in fields(row) if f.name not in _NOT_IN_JSONL}
            record["extras"] = [{"role": r, "text": t} for r, t in row.extras]
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    elif fmt == "carb":
        for row in rows:
            out.write(carb_line(row) + "\n")
    else:
        _write_table(list(rows), out)


def _write_table(rows: list[FactRow], out: TextIO) -> None:
    if not rows:
        out.write("no facts\n")
        return
    cells = [
        (
            r.subject,
            r.relation,
            r.object,
            f"{r.confidence:.2f}",
            f"(said by {r.attributed_to})" if r.attributed_to else "",
        )
        for r in rows
    ]
    cells = [(clip(s, 60), clip(r, 60), clip(o, 60), c, a) for s, r, o, c, a in cells]
    widths = [max(len(row[i]) for row in cells) for i in range(3)]
    for row in cells:
        line = "  ".join(row[i].ljust(widths[i]) for i in range(3))
        out.write(f"{line}  {row[3]} {row[4]}".rstrip() + "\n")
