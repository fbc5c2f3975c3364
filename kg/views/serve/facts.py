"""Facts as the explorer's pages list them: one SPARQL row shape for the entity, document and fact
pages, read into ``FactView`` records with their ends, provenance and relation class."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from kg.graph.iri import local_name
from kg.graph.namespaces import ENTITY_NS

__all__ = [
    "FACT_COLUMNS",
    "FACT_PATTERN",
    "LINK_COLUMNS",
    "LINK_PATTERN",
    "FactView",
    "about",
    "fact_views",
    "is_entity",
    "link_views",
]

#: The columns every fact query selects, in order (``FACT_PATTERN`` binds them from ``?fact``).
FACT_COLUMNS = (
    "fact", "s", "slabel", "p", "plabel", "o", "olabel", "negated", "d", "docid", "title", "date",
    "sentence", "index", "start", "end", "kind", "a", "alabel", "time", "confidence", "surface",
    "office", "to", "tolabel",
)  # fmt: skip
FACT_PATTERN = """
  ?fact rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:sentence ?in .
  ?in kg:document ?d .
  OPTIONAL { ?in kg:text ?sentence } OPTIONAL { ?in kg:sentenceIndex ?index }
  OPTIONAL { ?in kg:start ?start } OPTIONAL { ?in kg:end ?end }
  OPTIONAL { ?fact kg:negated ?negated } OPTIONAL { ?fact kg:kind ?kind }
  OPTIONAL { ?fact kg:confidence ?confidence } OPTIONAL { ?fact kg:surface ?surface }
  OPTIONAL { ?fact kg:time ?time } OPTIONAL { ?fact kg:title ?office }
  OPTIONAL { ?fact kg:addressee ?to OPTIONAL { ?to rdfs:label ?tolabel } }
  OPTIONAL { ?fact kg:attributedTo ?a OPTIONAL { ?a rdfs:label ?alabel } }
  OPTIONAL { ?s rdfs:label ?slabel } OPTIONAL { ?o rdfs:label ?olabel } OPTIONAL { ?p rdfs:label ?plabel }
  OPTIONAL { ?d dcterms:identifier ?docid } OPTIONAL { ?d dcterms:title ?title } OPTIONAL { ?d dcterms:date ?date }
"""


_WHERE = re.compile(r"\bWHERE\s*\{")


def about(sparql: str, **iris: str) -> str:
    """``sparql`` with ``VALUES ?name { <iri> }`` first in its WHERE clause for each ``name=iri``.

    Why not pyoxigraph's substitutions: with ``?e`` substituted, the plan is made as if ``?e``
    were free, and the entity page's facts query read every fact of BBC politics (5 s for Tony
    Blair's 747 facts, 0.3 s with VALUES). The IRI goes into the text only as pyoxigraph's own
    N-Triples form of a ``NamedNode`` it parsed (no ``>``, space, quote or brace can be in one),
    so nothing in it can end the term; a value that is not an IRI raises ValueError.
    """
    values = " ".join(f"VALUES ?{name} {{ {ox.NamedNode(iri)} }}" for name, iri in iris.items())
    return _WHERE.sub(lambda m: m.group(0) + " " + values, sparql, count=1)


def is_entity(iri: str | None) -> bool:
    """True for an entity IRI of the graph (not a literal, concept or fact)."""
    return bool(iri) and str(iri).startswith(ENTITY_NS)


@dataclass
class FactView:
    """One fact with what a page shows of it."""

    iri: str
    subject: str
    subject_iri: str | None
    relation: str
    relation_iri: str
    object: str
    object_iri: str | None
    negated: bool
    document: str
    document_id: str
    title: str
    date: str  # the document's date
    sentence: str
    index: int
    start: int
    end: int
    kind: str
    speaker: str
    speaker_iri: str | None
    time: str
    confidence: float | None
    surface: str
    office: str = ""  # a role's title (``spokesman``, kg:title): the relation a role fact shows
    addressee: str = ""  # whom it was said to
    addressee_iri: str | None = None
    link: str = ""  # the kind of the link (kg:Link) this view shows instead of the fact's own edge
    roles: set[str] = field(default_factory=set)  # how the page's entity takes part: subject, object, speaker
    classes: list[str] = field(default_factory=list)  # relation classes, nearest first

    @property
    def when(self) -> str:
        """The date of the fact: its time when that is a date, else its document's."""
        for value in (self.time, self.date):
            if len(value) >= 10 and value[:4].isdigit() and value[4] == "-":
                return value[:10]
        return ""

    @property
    def anchor(self) -> str:
        """The fragment of its sentence on the document page: the fragment of the sentence's IRI
        (``<doc>#sentence-3``), so that IRI opened in a browser shows the sentence."""
        return f"sentence-{self.index}"


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _end(value: str | None, label: str | None, term: dict[str, str] | None) -> tuple[str, str | None]:
    if term is not None and term.get("type") == "uri":
        return label or local_name(value or ""), value
    return value or "", None


def _fact(cell: dict[str, Any], terms: Any) -> FactView:
    """One row of ``FACT_COLUMNS`` (named in ``cell``; ``terms`` its JSON terms) as a FactView."""
    column = {name: n for n, name in enumerate(FACT_COLUMNS)}
    subject, subject_iri = _end(cell["s"], cell["slabel"], terms[column["s"]])
    obj, object_iri = _end(cell["o"], cell["olabel"], terms[column["o"]])
    speaker, speaker_iri = _end(cell["a"], cell["alabel"], terms[column["a"]]) if cell["a"] else ("", None)
    addressee, addressee_iri = _end(cell["to"], cell["tolabel"], terms[column["to"]]) if cell["to"] else ("", None)
    relation = cell["plabel"] or local_name(cell["p"] or "").replace("_", " ")
    if cell["kind"] == "role" and cell["office"]:
        relation = cell["office"]  # a role fact's relation is its title: "spokesman", of the Kremlin
    return FactView(
        iri=cell["fact"] or "", subject=subject, subject_iri=subject_iri,
        relation=relation, relation_iri=cell["p"] or "", object=obj, object_iri=object_iri,
        negated=cell["negated"] == "true", document=cell["d"] or "", document_id=cell["docid"] or "",
        title=cell["title"] or "", date=cell["date"] or "", sentence=cell["sentence"] or "",
        index=_int(cell["index"]), start=_int(cell["start"]), end=_int(cell["end"]),
        kind=cell["kind"] or "", speaker=speaker, speaker_iri=speaker_iri, time=cell["time"] or "",
        confidence=float(cell["confidence"]) if cell["confidence"] else None,
        surface=cell["surface"] or "", office=cell["office"] or "",
        addressee=addressee, addressee_iri=addressee_iri,
    )  # fmt: skip


def fact_views(result: Any, role: int | None = None) -> list[FactView]:
    """The facts of a result whose first columns are ``FACT_COLUMNS`` (one per fact IRI; a
    column ``role`` at ``role`` is gathered into ``FactView.roles``)."""
    facts: dict[str, FactView] = {}
    for row, terms in zip(result.rows, result.terms):
        cell = dict(zip(FACT_COLUMNS, row))
        fact = facts.get(cell["fact"] or "")
        if fact is None:
            fact = facts[cell["fact"] or ""] = _fact(cell, terms)
        if role is not None and row[role]:
            fact.roles.add(row[role] or "")
    return list(facts.values())


#: What ``link_views`` reads after ``FACT_COLUMNS``: a link of the fact and its ends.
LINK_COLUMNS = ("link", "ls", "lslabel", "lr", "lrlabel", "lt", "ltlabel", "lk")
LINK_PATTERN = """
  ?fact kg:link ?link . ?link kg:source ?ls ; kg:relation ?lr ; kg:target ?lt ; kg:linkKind ?lk .
  OPTIONAL { ?ls rdfs:label ?lslabel } OPTIONAL { ?lt rdfs:label ?ltlabel } OPTIONAL { ?lr rdfs:label ?lrlabel }
"""


def link_views(result: Any) -> list[FactView]:
    """The links (``kg:Link``) of a result whose columns are ``FACT_COLUMNS`` then
    ``LINK_COLUMNS``: each a FactView with the link's source, relation and target as its ends
    and its fact's provenance (``link`` its kind: addressee, argument, place, statement)."""
    links: dict[str, FactView] = {}
    width = len(FACT_COLUMNS)
    for row, terms in zip(result.rows, result.terms):
        cell = dict(zip(FACT_COLUMNS + LINK_COLUMNS, row))
        if not cell["link"] or cell["link"] in links:
            continue
        view = _fact(cell, terms)
        view.subject, view.subject_iri = _end(cell["ls"], cell["lslabel"], terms[width + 1])
        view.object, view.object_iri = _end(cell["lt"], cell["ltlabel"], terms[width + 5])
        view.relation = cell["lrlabel"] or local_name(cell["lr"] or "").replace("_", " ")
        view.relation_iri, view.link = cell["lr"] or "", cell["lk"] or ""
        links[cell["link"]] = view
    return list(links.values())
