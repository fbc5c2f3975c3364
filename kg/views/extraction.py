"""Printing extracted facts: an aligned table, TSV with a header, JSON lines, or CaRB's tabbed
format (``sentence \t confidence \t relation \t arg1 \t arg2 [\t arg3 ...]``)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields, replace
from typing import TextIO

from kg.ingest.clean import clip
from kg.model import Argument, Extraction, root_mention
from kg.store.formats import Formats, text_table

__all__ = [
    "FACT_FORMATS",
    "FactRow",
    "carb_line",
    "extract_lines",
    "extract_rows",
    "rows_of",
    "write_carb",
    "write_facts",
    "write_jsonl",
    "write_table",
    "write_tsv",
]

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


def extract_rows(texts: Iterable[str], *, lines: bool = True, nlp=None, benchmark: bool = False) -> Iterator[FactRow]:
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
    phrases = list(row.phrases)
    if not second and phrases:  # an event: its first phrase is arg2, the preposition in the relation
        word, _, rest = phrases[0].partition(" ")
        if word.lower() in PREPOSITIONS and rest:
            relation, second = f"{relation} {word}", rest
            phrases.pop(0)
    values = [_clean(v) for v in (relation, first, second, *phrases) if v]  # a bare event has no arg2
    return "\t".join([sentence, f"{row.confidence:.3f}", *values])


#: Formats of extracted facts: name -> writer(rows, out).
FACT_FORMATS: Formats[Callable[[Iterable[FactRow], TextIO], None]] = Formats("fact format")


@FACT_FORMATS.register("table")
def write_table(rows: Iterable[FactRow], out: TextIO) -> None:
    """Subject, relation, object, then the confidence and who said it; ``no facts`` when empty."""
    cells = [
        (clip(r.subject, 60), clip(r.relation, 60), clip(r.object, 60), f"{r.confidence:.2f} {_said_by(r)}".rstrip())
        for r in rows
    ]
    out.write(text_table(cells, max_width=None) if cells else "no facts\n")


def _said_by(row: FactRow) -> str:
    return f"(said by {row.attributed_to})" if row.attributed_to else ""


@FACT_FORMATS.register("tsv")
def write_tsv(rows: Iterable[FactRow], out: TextIO) -> None:
    """A header line of TSV_COLUMNS, then one line a fact (tabs and newlines in values become spaces)."""
    out.write("\t".join(TSV_COLUMNS) + "\n")
    for row in rows:
        values = (row.sentence, row.subject, row.relation, row.object, f"{row.confidence:.3f}")
        out.write("\t".join(_clean(v) for v in values) + "\n")


@FACT_FORMATS.register("jsonl")
def write_jsonl(rows: Iterable[FactRow], out: TextIO) -> None:
    """One JSON object a fact, extras as ``{"role", "text"}`` objects."""
    for row in rows:
        record = {f.name: getattr(row, f.name) for f in fields(row) if f.name not in _NOT_IN_JSONL}
        record["extras"] = [{"role": r, "text": t} for r, t in row.extras]
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


@FACT_FORMATS.register("carb")
def write_carb(rows: Iterable[FactRow], out: TextIO) -> None:
    """CaRB's tabbed format, one line a fact (see :func:`carb_line`)."""
    for row in rows:
        out.write(carb_line(row) + "\n")


def write_facts(rows: Iterable[FactRow], fmt: str, out: TextIO) -> None:
    """Write rows as ``table``, ``tsv`` (header line first), ``jsonl`` or ``carb`` (KG501 for another)."""
    FACT_FORMATS[fmt](rows, out)
