"""What an IRI of the graph dereferences to as RDF: its description and its provenance.

- an entity or a concept: its own triples (types, labels, aliases, mentions, the documents it
  is mentioned in, its direct triples), the triples that point at it, every fact node it takes
  part in (subject, object, speaker, or the target of one of the fact's links) with all of that
  fact's properties (confidence, negation ...), its sentence (``kg:Sentence``: document, offsets,
  text) and its links (``kg:Link``), the documents' metadata, and the labels of the entities those
  facts name;
- a document: its triples (metadata and text), its sentences (hash IRIs of the document's,
  ``<doc>#sentence-3``: what a GET of one is answered with, as clients drop the fragment), its
  facts with their properties, the entities it mentions with their labels;
- a fact: its triples, its sentence's, its document's metadata and the labels of its ends;
- anything else (a relation, a graph): its own triples and those that point at it.

A retired IRI (``dcterms:isReplacedBy``, written by the identifier registry when two entities
merge) has a replacement, which the Linked Data route answers with a 301.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.store.results import QueryResult
from kg.views.serve.facts import about

if TYPE_CHECKING:
    from kg.views.serve.sparql import QueryEngine

__all__ = ["MAX_TRIPLES", "describe", "kind_of", "replacement"]

#: Triples of one description at most (a cut one says so in X-KG-Truncated).
MAX_TRIPLES = 200_000

_DOC_META = """
    OPTIONAL { ?d dcterms:identifier ?did } OPTIONAL { ?d dcterms:title ?dt }
    OPTIONAL { ?d dcterms:date ?dd } OPTIONAL { ?d dcterms:source ?ds } OPTIONAL { ?d schema:url ?du }"""
_DOC_TEMPLATE = "?d a kg:Document ; dcterms:identifier ?did ; dcterms:title ?dt ; dcterms:date ?dd ; " + (
    "dcterms:source ?ds ; schema:url ?du ."
)
_ENTITY = f"""
CONSTRUCT {{
  ?x ?p ?o . ?o rdfs:label ?ol . ?in ?ip ?x . ?f ?fp ?fo . ?fo rdfs:label ?fol . ?l ?lp ?lo . ?sn ?sp ?so .
  {_DOC_TEMPLATE}
}}
WHERE {{
  {{ ?x ?p ?o OPTIONAL {{ ?o rdfs:label ?ol }} }}
  UNION {{ ?in ?ip ?x }}
  UNION {{
    {{ ?f rdf:subject ?x }} UNION {{ ?f rdf:object ?x }} UNION {{ ?f kg:attributedTo ?x }}
    UNION {{ ?f kg:link/kg:target ?x }}
    ?f a kg:Fact .
    {{ ?f ?fp ?fo OPTIONAL {{ ?fo rdfs:label ?fol FILTER(?fp != rdf:predicate) }} }}
    UNION {{ ?f kg:sentence ?sn . ?sn ?sp ?so }}
    UNION {{ ?f kg:sentence ?sn . ?sn kg:document ?d {_DOC_META} }}
    UNION {{ ?f kg:link ?l . ?l ?lp ?lo }}
  }}
}}"""
_INBOUND = "CONSTRUCT { ?s ?p ?x } WHERE { ?s ?p ?x }"
_DOCUMENT = """
CONSTRUCT { ?x ?p ?o . ?sn ?sp ?so . ?f ?fp ?fo . ?fo rdfs:label ?fol . ?e kg:mentionedIn ?x ; rdfs:label ?el . }
WHERE {
  { ?x ?p ?o }
  UNION { ?sn kg:document ?x ; ?sp ?so }
  UNION {
    ?sn kg:document ?x . ?f kg:sentence ?sn ; ?fp ?fo
    OPTIONAL { ?fo rdfs:label ?fol FILTER(?fp != rdf:predicate) }
  }
  UNION { ?e kg:mentionedIn ?x OPTIONAL { ?e rdfs:label ?el } }
}"""
_FACT = f"""
CONSTRUCT {{ ?x ?p ?o . ?o rdfs:label ?ol . ?sn ?sp ?so . {_DOC_TEMPLATE} }}
WHERE {{
  {{ ?x ?p ?o OPTIONAL {{ ?o rdfs:label ?ol }} }}
  UNION {{ ?x kg:sentence ?sn . ?sn ?sp ?so }}
  UNION {{ ?x kg:sentence ?sn . ?sn kg:document ?d {_DOC_META} }}
}}"""
_OTHER = "CONSTRUCT { ?x ?p ?o . ?s ?q ?x } WHERE { { ?x ?p ?o } UNION { ?s ?q ?x } }"
_KIND = """
SELECT ?kind WHERE {
  OPTIONAL {
    ?x a ?class
    VALUES (?class ?name) { (kg:Entity "entity") (kg:Concept "concept") (kg:Document "document") (kg:Fact "fact") }
  }
  OPTIONAL { GRAPH ?g { ?x ?anything ?value } FILTER(?g != graph:identifiers) }
  BIND(COALESCE(?name, IF(BOUND(?anything), "other", "none")) AS ?kind)
} LIMIT 1"""
_REPLACED = "SELECT ?new WHERE { ?x dcterms:isReplacedBy ?new FILTER(isIRI(?new)) } ORDER BY ?new LIMIT 1"
_QUERIES = {"entity": _ENTITY, "concept": _ENTITY, "document": _DOCUMENT, "fact": _FACT, "other": _OTHER}


async def kind_of(engine: QueryEngine, iri: str) -> str:
    """``entity``, ``concept``, ``document``, ``fact``, ``other`` (some triple has it as subject) or
    ``none`` (also an IRI only the identifier registry remembers: an entity whose documents
    were removed, which is not in this graph)."""
    result = await engine.result(about(_KIND, x=iri))
    kinds = {row[0] for row in result.rows}
    return next((k for k in ("entity", "concept", "document", "fact", "other") if k in kinds), "none")


async def replacement(engine: QueryEngine, iri: str) -> str | None:
    """The IRI that replaced a retired one, or None."""
    result = await engine.result(about(_REPLACED, x=iri))
    return result.rows[0][0] if result.rows else None


async def describe(engine: QueryEngine, iri: str, kind: str) -> QueryResult:
    """The description of ``iri`` (of ``kind_of`` kind) as a graph result."""
    result = await engine.result(about(_QUERIES.get(kind, _OTHER), x=iri), limit=MAX_TRIPLES)
    if kind in ("document", "fact"):  # and what points at it (for an entity, in its query)
        inbound = await engine.result(about(_INBOUND, x=iri), limit=MAX_TRIPLES)
        result.triples = list(dict.fromkeys([*result.triples, *inbound.triples]))
        result.truncated |= inbound.truncated
    # its own triples first, then one block per subject: Turtle a person can read from the top
    # (the store's order is its index's, mixing every subject)
    own = ox.NamedNode(iri)
    result.triples.sort(key=lambda t: (t.subject != own, str(t.subject), str(t.predicate), str(t.object)))
    return result
