"""Tables of a store: its facts and entities as rows (for CSV, the API and the networkx view),
counts for ``kg stats``, and the one printer of aligned text tables."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any, BinaryIO

from kg.graph.iri import local_name

if TYPE_CHECKING:
    from kg.store.store import Store

__all__ = [
    "COUNT_QUERIES",
    "ENTITY_COLUMNS",
    "FACT_COLUMNS",
    "count_tables",
    "entity_rows",
    "fact_records",
    "fact_rows",
    "write_csv",
]

FACT_COLUMNS = [
    "subject", "relation", "object", "negated", "attributed_to",
    "document", "sentence", "start", "end", "confidence",
]  # fmt: skip


ENTITY_COLUMNS = ["id", "label", "type", "aliases", "documents", "mentions"]


_FACTS = """
SELECT ?fact ?s ?p ?o ?negated ?a ?d ?sentence ?start ?end ?confidence WHERE {
  ?fact rdf:subject ?s ; rdf:predicate ?p ; kg:negated ?negated ;
        kg:sentence ?sentence ; kg:start ?start ; kg:end ?end ; kg:confidence ?confidence ;
        kg:document ?d .
  OPTIONAL { ?fact rdf:object ?o }  # an event ("Blair resigned") has none: an empty object
  OPTIONAL { ?fact kg:attributedTo ?a }
}"""  # labels are looked up apart: OPTIONALs here double the time on large graphs


_EXTRAS = "SELECT ?f ?e WHERE { ?f kg:extraEntity|kg:place|kg:time ?e FILTER(isIRI(?e)) }"


_LABELS = "SELECT ?x ?label WHERE { ?x rdfs:label ?label FILTER(isIRI(?x)) }"


_DOC_IDS = "SELECT ?d ?id WHERE { ?d dcterms:identifier ?id }"


_ENTITIES = """
SELECT ?e ?label ?class ?mentions WHERE {
  ?e a kg:Entity .
  OPTIONAL { ?e rdfs:label ?label }
  OPTIONAL { ?e kg:mentions ?mentions }
  OPTIONAL { ?e a ?class FILTER(?class != kg:Entity && STRSTARTS(STR(?class), STR(kg:))) }
}"""


_ALIASES_Q = "SELECT ?e ?v WHERE { ?e a kg:Entity ; skos:altLabel ?v }"


_DOCS_Q = """SELECT ?e ?v WHERE { ?e a kg:Entity ; kg:mentionedIn ?d
  OPTIONAL { ?d dcterms:identifier ?id } BIND(COALESCE(?id, STR(?d)) AS ?v) }"""


def _relation(label: str, negated: bool) -> str:
    return label[4:] if negated and label.startswith("not ") else label


class _Names:
    """Labels of IRIs (entities, relations) and ids of documents, looked up once."""

    def __init__(self, store: Store):
        self.labels = {x: label for x, label in store.query(_LABELS).rows if x and label is not None}
        self.doc_ids = {d: i for d, i in store.query(_DOC_IDS).rows if d and i is not None}

    def end(self, value: str | None, term: dict[str, str] | None) -> tuple[str, str | None]:
        """(display text, IRI or None) of a fact end."""
        if value is None or term is None:
            return "", None
        if term["type"] == "uri":
            return self.labels.get(value, value), value
        return value, None

    def relation(self, iri: str, negated: bool) -> str:
        label = self.labels.get(iri) or local_name(iri).replace("_", " ")
        return _relation(label, negated)


def _fact_key(d: dict[str, Any]) -> tuple[Any, ...]:
    return (d["document"], d["start"], d["end"], d["subject"], d["relation"], d["object"],
            d["negated"], d["attributed_to"], d["fact"])  # fmt: skip


def fact_records(store: Store) -> list[dict[str, Any]]:
    """Facts with their IRIs: FACT_COLUMNS plus fact, subject_id, object_id, attributed_id and
    extra_ids (the entities of the fact's extra arguments, place and time included, sorted)."""
    names, result, extras = _Names(store), store.query(_FACTS), _grouped(store, _EXTRAS)
    records: dict[str, dict[str, Any]] = {}
    for row, terms in zip(result.rows, result.terms):
        fact, s, p, o, negated, a, d, sentence, start, end, confidence = row
        (subject, subject_id), (obj, object_id) = names.end(s, terms[1]), names.end(o, terms[3])
        attributed, attributed_id = names.end(a, terms[5])
        records.setdefault(fact or "", {
            "subject": subject, "relation": names.relation(p or "", negated == "true"),
            "object": obj, "negated": negated == "true", "attributed_to": attributed,
            "document": names.doc_ids.get(d or "", d), "sentence": sentence, "start": int(start or 0),
            "end": int(end or 0), "confidence": float(confidence or 0), "fact": fact,
            "subject_id": subject_id, "object_id": object_id, "attributed_id": attributed_id,
            "extra_ids": extras.get(fact or "", []),
        })  # fmt: skip
    return sorted(records.values(), key=_fact_key)


def fact_rows(store: Store) -> list[dict[str, Any]]:
    """One dict per fact node with exactly FACT_COLUMNS, sorted (document, offsets, ...)."""
    return [{k: r[k] for k in FACT_COLUMNS} for r in fact_records(store)]


def _grouped(store: Store, sparql: str) -> dict[str, list[str]]:
    out: dict[str, set[str]] = {}
    for e, value in store.query(sparql).rows:
        out.setdefault(e or "", set()).add(value or "")
    return {k: sorted(v) for k, v in out.items()}


def entity_rows(store: Store) -> list[dict[str, Any]]:
    """One dict per entity with exactly ENTITY_COLUMNS (aliases, documents: sorted lists), by id."""
    aliases, documents = _grouped(store, _ALIASES_Q), _grouped(store, _DOCS_Q)
    rows: dict[str, dict[str, Any]] = {}
    for iri, label, cls, mentions in store.query(_ENTITIES).rows:
        e = iri or ""
        row = rows.setdefault(e, {
            "id": e, "label": label or "", "type": "Entity", "aliases": aliases.get(e, []),
            "documents": documents.get(e, []), "mentions": int(mentions or 0),
        })  # fmt: skip
        if cls and (row["type"] == "Entity" or local_name(cls) < row["type"]):
            row["type"] = local_name(cls)
    return [rows[k] for k in sorted(rows)]


def _csv_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, list):
        return "|".join(value)
    return str(value)


def write_csv(rows: list[dict[str, Any]], columns: list[str], out: BinaryIO) -> None:
    """Rows as UTF-8 CSV with a header line of ``columns``."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([[_csv_value(row[c]) for c in columns] for row in rows])
    out.write(text.getvalue().encode("utf-8"))


COUNT_QUERIES = {
    "entities by type": """
        SELECT ?key (COUNT(DISTINCT ?e) AS ?n) WHERE {
          ?e a kg:Entity ; a ?class . FILTER(?class != kg:Entity)
          BIND(STRAFTER(STR(?class), "#") AS ?key)
        } GROUP BY ?key""",
    "facts by relation": """
        SELECT ?key (COUNT(?f) AS ?n) WHERE { ?f a kg:Fact ; rdf:predicate ?p . ?p rdfs:label ?key }
        GROUP BY ?key""",
    "ambiguous names (one name, several entities)": """
        SELECT ?key (COUNT(DISTINCT ?e) AS ?n) WHERE {
          ?e a kg:Entity . { ?e rdfs:label ?key } UNION { ?e skos:altLabel ?key }
        } GROUP BY ?key HAVING (COUNT(DISTINCT ?e) > 1)""",
    "facts by document": """
        SELECT ?key (COUNT(?f) AS ?n) WHERE { ?f a kg:Fact ; kg:document ?d . ?d dcterms:identifier ?key }
        GROUP BY ?key""",
}


def count_tables(store: Store) -> dict[str, dict[str, int]]:
    """Each table of COUNT_QUERIES as {key: count}, largest first, ties by key."""
    tables = {}
    for name, sparql in COUNT_QUERIES.items():
        rows = [(key or "", int(count or 0)) for key, count in store.query(sparql).rows]
        tables[name] = dict(sorted(rows, key=lambda row: (-row[1], row[0])))
    return tables
