"""The entity page: everything the graph knows about one entity, with the sentence of each fact.

Label, type and aliases; its roles (the titles it holds and the organisations they belong to);
what it said; its other facts grouped by relation class (the taxonomy's ``rdfs:subPropertyOf``
classes, or the relation itself in a graph without one), negated facts marked; the entities it
is linked to, with counts; a timeline of its facts by date; and the documents that mention it.
"""

from __future__ import annotations

import asyncio
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kg.graph.iri import local_name
from kg.views.serve.catalogue import DocumentSummary, EntitySummary, Snapshot
from kg.views.serve.facts import (
    FACT_COLUMNS,
    FACT_PATTERN,
    LINK_COLUMNS,
    LINK_PATTERN,
    FactView,
    about,
    fact_views,
    link_views,
)

if TYPE_CHECKING:
    from kg.views.serve.sparql import QueryEngine

__all__ = ["MAX_FACTS", "EntityView", "entity_view"]

#: Facts read for one entity page at most (the page says when there were more).
MAX_FACTS = 3000
_SPEECH_KINDS = frozenset({"speech"})
_SPEECH_CLASSES = frozenset({"statement", "communication"})

_ENTITY = """
SELECT ?label ?class ?mentions WHERE {
  { ?e a kg:Entity } UNION { ?e a kg:Concept }
  OPTIONAL { ?e rdfs:label ?label }
  OPTIONAL { ?e kg:mentions ?mentions }
  OPTIONAL { ?e a ?class FILTER(?class != kg:Entity && STRSTARTS(STR(?class), STR(kg:))) }
}"""
_ALIASES = "SELECT DISTINCT ?alias WHERE { ?e skos:altLabel ?alias } ORDER BY ?alias"
_FACTS = f"""
SELECT {" ".join("?" + c for c in FACT_COLUMNS)} ?role WHERE {{
  {{ ?fact rdf:subject ?e BIND("subject" AS ?role) }}
  UNION {{ ?fact rdf:object ?e BIND("object" AS ?role) }}
  UNION {{ ?fact kg:attributedTo ?e BIND("speaker" AS ?role) }}
  {FACT_PATTERN}
}} ORDER BY DESC(STR(?date)) ?docid ?start ?fact"""
_LINKS = f"""
SELECT {" ".join("?" + c for c in FACT_COLUMNS + LINK_COLUMNS)} WHERE {{
  {{ ?link kg:target ?e }} UNION {{ ?link kg:source ?e }}
  {LINK_PATTERN}
  {FACT_PATTERN}
}} ORDER BY DESC(STR(?date)) ?docid ?start ?link"""
_BROADER = """
SELECT ?c ?label ?way WHERE {
  { ?e skos:broader ?c BIND("broader" AS ?way) } UNION { ?c skos:broader ?e BIND("narrower" AS ?way) }
  OPTIONAL { ?c rdfs:label ?label }
} ORDER BY ?way ?label"""
_DOCUMENTS = """
SELECT DISTINCT ?d ?id ?title ?date ?source WHERE {
  ?e kg:mentionedIn ?d .
  OPTIONAL { ?d dcterms:identifier ?id } OPTIONAL { ?d dcterms:title ?title }
  OPTIONAL { ?d dcterms:date ?date } OPTIONAL { ?d dcterms:source ?source }
} ORDER BY DESC(STR(?date)) ?id"""


@dataclass
class Group:
    """Facts of one relation class (or one relation, without a taxonomy)."""

    name: str
    top: str  # the quadrant or group above the class, when the taxonomy has one
    facts: list[FactView] = field(default_factory=list)

    @property
    def negated(self) -> int:
        return sum(f.negated for f in self.facts)


@dataclass
class EntityView:
    """What the entity page shows."""

    entity: EntitySummary
    aliases: list[str]
    roles: list[FactView]
    statements: list[FactView]
    reported: list[FactView]  # facts others state and this entity is the source of
    groups: list[Group]  # its facts, and the links of other facts that reach it, by relation class
    broader: list[tuple[str, EntitySummary]]  # a concept's broader and narrower concepts
    linked: list[tuple[EntitySummary, int]]
    timeline: list[tuple[str, list[FactView]]]
    documents: list[DocumentSummary]
    facts: int
    truncated: bool


def _is_statement(fact: FactView) -> bool:
    return fact.kind in _SPEECH_KINDS or bool(_SPEECH_CLASSES & {c.casefold() for c in fact.classes[:1]})


def _groups(facts: list[FactView]) -> list[Group]:
    groups: dict[str, Group] = {}
    for fact in facts:
        name = fact.classes[0] if fact.classes else fact.relation.removeprefix("not ")
        top = fact.classes[-1] if len(fact.classes) > 1 else ""
        groups.setdefault(name, Group(name, top)).facts.append(fact)
    return sorted(groups.values(), key=lambda g: (-len(g.facts), g.name.casefold()))


def _linked(iri: str, edges: list[FactView], snapshot: Snapshot) -> list[tuple[EntitySummary, int]]:
    """The entities the facts and links around ``iri`` reach, with how many facts reach each."""
    reach: dict[str, set[str]] = defaultdict(set)
    for edge in edges:
        for end in {edge.subject_iri, edge.object_iri, edge.speaker_iri, edge.addressee_iri} - {iri, None}:
            if end in snapshot.entities:
                reach[str(end)].add(edge.iri)
    counts = Counter({e: len(facts) for e, facts in reach.items()})
    return [(snapshot.entities[e], n) for e, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _timeline(facts: list[FactView]) -> list[tuple[str, list[FactView]]]:
    by_date: dict[str, list[FactView]] = defaultdict(list)
    for fact in facts:
        if fact.when:
            by_date[fact.when].append(fact)
    return sorted(by_date.items())


async def entity_view(engine: QueryEngine, snapshot: Snapshot, iri: str) -> EntityView | None:
    """The page of the entity (or concept) ``iri``, or None when the graph has no such node."""
    head, aliases, found, linking, broader, documents = await asyncio.gather(
        engine.result(about(_ENTITY, e=iri)),
        engine.result(about(_ALIASES, e=iri)),
        engine.result(about(_FACTS, e=iri), limit=MAX_FACTS * 3),
        engine.result(about(_LINKS, e=iri), limit=MAX_FACTS),
        engine.result(about(_BROADER, e=iri)),
        engine.result(about(_DOCUMENTS, e=iri)),
    )
    if not head.rows:
        return None
    entity = snapshot.node(iri) or _summary(iri, head.rows)
    facts = fact_views(found, role=len(FACT_COLUMNS))
    links = link_views(linking)
    for fact in facts + links:
        fact.classes = snapshot.classes_of(fact.relation_iri)
    own = [f for f in facts if f.roles & {"subject", "object"}]
    shown = {f.iri for f in own}
    reaching = [link for link in links if link.iri not in shown]  # another's fact reaching it by a link
    roles = [f for f in own if f.kind == "role" and "subject" in f.roles]
    statements = [f for f in own if "subject" in f.roles and _is_statement(f)]
    rest = [f for f in own if f not in roles and f not in statements]
    return EntityView(
        entity=entity,
        aliases=[a for (a,) in aliases.rows if a and a != entity.label],
        roles=roles,
        statements=statements,
        reported=[f for f in facts if "speaker" in f.roles and not f.roles & {"subject", "object"}],
        groups=_groups(rest + reaching),
        broader=[(way or "", node) for c, _label, way in broader.rows if (node := snapshot.node(c)) is not None],
        linked=_linked(iri, facts + links, snapshot),
        timeline=_timeline(own + reaching),
        documents=[DocumentSummary(d or "", i or "", t or "", dt or "", s or "") for d, i, t, dt, s in documents.rows],
        facts=len({f.iri for f in facts + reaching}),
        truncated=found.truncated or linking.truncated,
    )


def _summary(iri: str, rows: list[Any]) -> EntitySummary:
    label, cls, mentions = rows[0]
    return EntitySummary(iri, label or local_name(iri), local_name(cls) if cls else "Entity", int(mentions or 0))
