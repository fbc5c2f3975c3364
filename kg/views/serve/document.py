"""The document and fact pages: a document's metadata and cleaned text (``kg:text``, the text
that was parsed) cut into passages, each sentence a fact was read from marked with its facts
listed beside it (``kg:start``/``kg:end`` are the sentence's offsets in that text); and one fact
with its sentence and source."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.views.serve.catalogue import EntitySummary, Snapshot
from kg.views.serve.facts import FACT_COLUMNS, FACT_PATTERN, FactView, about, fact_views

if TYPE_CHECKING:
    from kg.views.serve.sparql import QueryEngine

__all__ = ["DocumentView", "Passage", "document_view", "fact_view", "passages"]

MAX_DOCUMENT_FACTS = 5000

_DOCUMENT = """
SELECT ?id ?title ?date ?source ?url ?text WHERE {
  ?d a kg:Document .
  OPTIONAL { ?d dcterms:identifier ?id } OPTIONAL { ?d dcterms:title ?title }
  OPTIONAL { ?d dcterms:date ?date } OPTIONAL { ?d dcterms:source ?source }
  OPTIONAL { ?d schema:url ?url } OPTIONAL { ?d kg:text ?text }
}"""
_DOCUMENT_FACTS = f"""
SELECT {" ".join("?" + c for c in FACT_COLUMNS)} WHERE {{
  {FACT_PATTERN}
}} ORDER BY ?start ?fact"""
_MENTIONED = "SELECT DISTINCT ?e WHERE { ?e kg:mentionedIn ?d }"
_FACT = f"""
SELECT {" ".join("?" + c for c in FACT_COLUMNS)} WHERE {{
  ?fact a kg:Fact .
  {FACT_PATTERN}
}}"""


@dataclass(frozen=True)
class Passage:
    """A stretch of the text: a sentence facts were read from (``index`` set), or text between."""

    text: str
    index: int | None = None
    facts: int = 0


@dataclass
class DocumentView:
    """What the document page shows."""

    iri: str
    id: str
    title: str
    date: str
    source: str
    url: str
    passages: list[Passage]
    facts: list[FactView]
    sentences: list[tuple[int, str, list[FactView]]]  # index, sentence, its facts
    entities: list[EntitySummary]
    truncated: bool


def passages(text: str, facts: list[FactView]) -> list[Passage]:
    """``text`` cut at the sentences of ``facts`` (by offsets; a span that overlaps an earlier
    one, or falls outside the text, is left unmarked)."""
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for fact in facts:
        if 0 <= fact.start < fact.end <= len(text):
            index, count = spans.get((fact.start, fact.end), (fact.index, 0))
            spans[(fact.start, fact.end)] = (index, count + 1)
    out, pos = [], 0
    for (start, end), (index, count) in sorted(spans.items()):
        if start < pos:
            continue
        if start > pos:
            out.append(Passage(text[pos:start]))
        out.append(Passage(text[start:end], index, count))
        pos = end
    if pos < len(text):
        out.append(Passage(text[pos:]))
    return out


def _by_sentence(facts: list[FactView]) -> list[tuple[int, str, list[FactView]]]:
    groups: dict[int, tuple[int, str, list[FactView]]] = {}
    for fact in sorted(facts, key=lambda f: (f.start, f.index)):
        groups.setdefault(fact.index, (fact.index, fact.sentence, []))[2].append(fact)
    return list(groups.values())


async def document_view(engine: QueryEngine, snapshot: Snapshot, iri: str) -> DocumentView | None:
    """The page of the document ``iri``, or None when the graph has no such document."""
    head, found, mentioned = await asyncio.gather(
        engine.result(about(_DOCUMENT, d=iri)),
        engine.result(about(_DOCUMENT_FACTS, d=iri), limit=MAX_DOCUMENT_FACTS),
        engine.result(about(_MENTIONED, d=iri)),
    )
    if not head.rows:
        return None
    doc_id, title, date, source, url, text = head.rows[0]
    facts = fact_views(found)
    entities = [snapshot.entities[e] for (e,) in mentioned.rows if e in snapshot.entities]
    entities.sort(key=lambda e: (-e.mentions, e.label.casefold()))
    return DocumentView(
        iri=iri, id=doc_id or "", title=title or "", date=date or "", source=source or "", url=url or "",
        passages=passages(text or "", facts), facts=facts, sentences=_by_sentence(facts),
        entities=entities, truncated=found.truncated,
    )  # fmt: skip


async def fact_view(engine: QueryEngine, snapshot: Snapshot, iri: str) -> FactView | None:
    """The fact ``iri`` with its provenance, or None when the graph has no such fact."""
    found = fact_views(await engine.result(about(_FACT, fact=iri)))
    if not found:
        return None
    found[0].classes = snapshot.classes_of(found[0].relation_iri)
    return found[0]
