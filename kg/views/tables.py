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
    "FACT_COLUMNS_EXTRA",
    "Names",
    "concept_rows",
    "count_tables",
    "entity_rows",
    "fact_records",
    "fact_rows",
    "relation_classes",
    "times",
    "write_csv",
]

FACT_COLUMNS = [
    "subject", "relation", "object", "negated", "attributed_to",
    "document", "sentence", "start", "end", "confidence",
]  # fmt: skip
#: Appended to FACT_COLUMNS in the facts CSV: the ends' IRIs and classes (``Literal`` or
#: ``Statement`` for a value, empty ids), the relation's class in the taxonomy (its label; for a
#: negated relation, the class it denies) and the fact's time as ISO 8601 (a day, or
#: ``start/end``, ``..`` for an open end).
FACT_COLUMNS_EXTRA = ["subject_id", "subject_type", "object_id", "object_type", "relation_class", "time"]

ENTITY_COLUMNS = ["id", "label", "type", "aliases", "documents", "mentions"]


_FACTS = """
SELECT ?fact ?s ?p ?o ?negated ?a ?d ?sentence ?start ?end ?confidence ?kind WHERE {
  ?fact rdf:subject ?s ; rdf:predicate ?p ; kg:negated ?negated ;
        kg:sentence ?in ; kg:confidence ?confidence ; kg:kind ?kind .
  ?in kg:text ?sentence ; kg:start ?start ; kg:end ?end ; kg:document ?d .
  OPTIONAL { ?fact rdf:object ?o }  # an event ("Blair resigned") has none: an empty object
  OPTIONAL { ?fact kg:attributedTo ?a }
}"""  # labels are looked up apart: OPTIONALs here double the time on large graphs

_WRITTEN = """SELECT ?f ?which ?text WHERE {
  { ?f kg:subjectText ?text BIND("subjectText" AS ?which) }
  UNION { ?f kg:objectText ?text BIND("objectText" AS ?which) }
}"""

_CLASSES_OF = """
SELECT ?x ?class WHERE {
  { ?x a kg:Concept BIND(kg:Concept AS ?class) }
  UNION { ?x a kg:Entity , ?class FILTER(?class != kg:Entity && STRSTARTS(STR(?class), STR(kg:))) }
}"""


_EXTRAS = "SELECT ?f ?e WHERE { ?f kg:extraEntity|kg:place|kg:time ?e FILTER(isIRI(?e)) }"


_ADDRESSEES = "SELECT ?f ?a WHERE { ?f kg:addressee ?a FILTER(isIRI(?a)) }"


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


class Names:
    """Labels of IRIs (entities, concepts, relations), classes of nodes and ids of documents,
    looked up once."""

    def __init__(self, store: Store):
        self.labels = {x: label for x, label in store.query(_LABELS).rows if x and label is not None}
        self.doc_ids = {d: i for d, i in store.query(_DOC_IDS).rows if d and i is not None}
        self._store = store
        self._classes: dict[str, str] | None = None

    def end_label(self, value: str | None) -> str:
        """The display text of a fact end given by IRI or literal text ("" for none)."""
        return "" if value is None else self.labels.get(value, value)

    def class_of(self, iri: str) -> str:
        """A node's class: ``Person``, ``Organization``, ``Concept`` ... (``Entity`` when none)."""
        if self._classes is None:
            self._classes = {}
            for x, cls in self._store.query(_CLASSES_OF).rows:
                name = local_name(cls or "")
                if x and name and (x not in self._classes or name < self._classes[x]):
                    self._classes[x] = name
        return self._classes.get(iri, "Entity")

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


_CLASSES = """
SELECT ?p ?label WHERE { ?p rdfs:subPropertyOf|kg:negationOf ?c . ?c a kg:RelationClass ; rdfs:label ?label }"""


_TIMES = (
    "SELECT ?fact ?first ?last WHERE { ?fact a kg:Fact { ?fact kg:startDate ?first } UNION { ?fact kg:endDate ?last } }"
)


def relation_classes(store: Store) -> dict[str, str]:
    """Relation property IRI -> the label of its class in the taxonomy (ontology/relations.ttl),
    for the relations that have one (a negated relation: the class it denies)."""
    return {p: label for p, label in store.query(_CLASSES).rows if p and label}


def times(store: Store) -> dict[str, str]:
    """Fact IRI -> the days its time names, as ISO 8601: ``2020-04-27``, ``2020-04-20/2020-04-26``,
    ``../2004-12-31`` (kg:startDate and kg:endDate)."""
    ends: dict[str, list[str | None]] = {}
    for fact, first, last in store.query(_TIMES).rows:
        found = ends.setdefault(fact or "", [None, None])
        found[0], found[1] = first or found[0], last or found[1]
    return {
        f: (first or "") if first == last else f"{first or '..'}/{last or '..'}" for f, (first, last) in ends.items()
    }


def fact_records(store: Store) -> list[dict[str, Any]]:
    """Facts with their IRIs: FACT_COLUMNS and FACT_COLUMNS_EXTRA, plus fact, kind,
    attributed_id and extra_ids (the entities of the fact's extra arguments, place and time
    included, sorted). An end that is a concept shows its words as written."""
    names, result, extras = Names(store), store.query(_FACTS), _grouped(store, _EXTRAS)
    addressees = _grouped(store, _ADDRESSEES)
    written: dict[tuple[str, str], str] = {
        (f, which): text for f, which, text in store.query(_WRITTEN).rows if f and which and text is not None
    }
    classes, when = relation_classes(store), times(store)
    records: dict[str, dict[str, Any]] = {}
    for row, terms in zip(result.rows, result.terms):
        fact, s, p, o, negated, a, d, sentence, start, end, confidence, kind = row
        (subject, subject_id), (obj, object_id) = names.end(s, terms[1]), names.end(o, terms[3])
        attributed, attributed_id = names.end(a, terms[5])
        key = fact or ""
        records.setdefault(key, {
            "subject": written.get((key, "subjectText"), subject),
            "relation": names.relation(p or "", negated == "true"),
            "object": written.get((key, "objectText"), obj), "negated": negated == "true", "attributed_to": attributed,
            "document": names.doc_ids.get(d or "", d), "sentence": sentence, "start": int(start or 0),
            "end": int(end or 0), "confidence": float(confidence or 0), "fact": fact, "kind": kind or "",
            "subject_id": subject_id, "subject_type": _type_of(names, subject_id, terms[1], kind, False),
            "object_id": object_id, "object_type": _type_of(names, object_id, terms[3], kind, True),
            "relation_class": classes.get(p or "", ""), "time": when.get(fact or "", ""),
            "attributed_id": attributed_id, "extra_ids": extras.get(fact or "", []),
            "addressee_id": next(iter(addressees.get(key, [])), None),
        })  # fmt: skip
    return sorted(records.values(), key=_fact_key)


def _type_of(names: Names, iri: str | None, term: dict[str, str] | None, kind: str | None, is_object: bool) -> str:
    """The class of a fact end: its node's class, ``Date`` for a date value, ``Statement`` for
    what a speaker said, else ``Literal``."""
    if iri is not None:
        return names.class_of(iri)
    datatype = (term or {}).get("datatype", "")
    if datatype.endswith(("#date", "#dateTime")):
        return "Date"
    return "Statement" if is_object and kind == "speech" else "Literal"


def fact_rows(store: Store) -> list[dict[str, Any]]:
    """One dict per fact node with exactly FACT_COLUMNS then FACT_COLUMNS_EXTRA, sorted
    (document, offsets, ...)."""
    columns = FACT_COLUMNS + FACT_COLUMNS_EXTRA
    return [{k: "" if r[k] is None else r[k] for k in columns} for r in fact_records(store)]


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


_CONCEPTS = """
SELECT ?c ?label ?mentions WHERE { ?c a kg:Concept ; rdfs:label ?label OPTIONAL { ?c kg:mentions ?mentions } }"""
_CONCEPT_ALIASES = "SELECT ?c ?v WHERE { ?c a kg:Concept ; skos:altLabel ?v }"
_CONCEPT_DOCS = """SELECT ?c ?v WHERE { ?c a kg:Concept ; kg:mentionedIn ?d
  OPTIONAL { ?d dcterms:identifier ?id } BIND(COALESCE(?id, STR(?d)) AS ?v) }"""


def concept_rows(store: Store) -> list[dict[str, Any]]:
    """One dict per concept with ENTITY_COLUMNS (type ``Concept``), by id."""
    aliases, documents = _grouped(store, _CONCEPT_ALIASES), _grouped(store, _CONCEPT_DOCS)
    rows = {
        c: {
            "id": c,
            "label": label or "",
            "type": "Concept",
            "aliases": aliases.get(c, []),
            "documents": documents.get(c, []),
            "mentions": int(mentions or 0),
        }
        for c, label, mentions in store.query(_CONCEPTS).rows
        if c
    }
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
    "facts by relation class": """
        SELECT ?key (COUNT(?f) AS ?n) WHERE {
          ?f a kg:Fact ; rdf:predicate ?p .
          OPTIONAL { ?p rdfs:subPropertyOf|kg:negationOf ?c . ?c a kg:RelationClass ; rdfs:label ?label }
          BIND(COALESCE(STR(?label), "(no class)") AS ?key)
        } GROUP BY ?key""",
    "facts by quadrant": """
        SELECT ?key (COUNT(?f) AS ?n) WHERE {
          ?f a kg:Fact ; rdf:predicate ?p .
          OPTIONAL { ?p rdfs:subPropertyOf+ ?q . ?q a kg:Quadrant ; rdfs:label ?label }
          BIND(COALESCE(STR(?label), "(none: neutral, negated or no class)") AS ?key)
        } GROUP BY ?key""",
    "relations with no class": """
        SELECT ?key (COUNT(?f) AS ?n) WHERE {
          ?f a kg:Fact ; rdf:predicate ?p . ?p rdfs:label ?key
          FILTER NOT EXISTS { ?p rdfs:subPropertyOf|kg:negationOf ?c }
        } GROUP BY ?key""",
    "ambiguous names (one name, several entities)": """
        SELECT ?key (COUNT(DISTINCT ?e) AS ?n) WHERE {
          ?e a kg:Entity . { ?e rdfs:label ?key } UNION { ?e skos:altLabel ?key }
        } GROUP BY ?key HAVING (COUNT(DISTINCT ?e) > 1)""",
    "facts by document": """
        SELECT ?key (COUNT(?f) AS ?n) WHERE {
          ?f a kg:Fact ; kg:sentence ?in . ?in kg:document ?d . ?d dcterms:identifier ?key
        }
        GROUP BY ?key""",
}


def count_tables(store: Store) -> dict[str, dict[str, int]]:
    """Each table of COUNT_QUERIES as {key: count}, largest first, ties by key."""
    tables = {}
    for name, sparql in COUNT_QUERIES.items():
        rows = [(key or "", int(count or 0)) for key, count in store.query(sparql).rows]
        tables[name] = dict(sorted(rows, key=lambda row: (-row[1], row[0])))
    return tables
