"""Exports: RDF syntaxes (deterministic bytes), CSV of facts or entities, GraphML and GEXF."""

from __future__ import annotations

import csv
import io
import json
import warnings
from typing import TYPE_CHECKING, Any, BinaryIO

import pyoxigraph as ox

from .errors import ExportError
from .iri import local_name
from .namespaces import PREFIXES, XSD

if TYPE_CHECKING:
    from .store import Store

__all__ = [
    "FORMATS",
    "FACT_COLUMNS",
    "ENTITY_COLUMNS",
    "export",
    "write_rdf",
    "fact_rows",
    "fact_records",
    "entity_rows",
    "write_csv",
]

FACT_COLUMNS = [
    "subject", "relation", "object", "negated", "attributed_to",
    "document", "sentence", "start", "end", "confidence",
]  # fmt: skip
ENTITY_COLUMNS = ["id", "label", "type", "aliases", "documents", "mentions"]
_ALIASES = {
    "ttl": "ttl", "turtle": "ttl", "nt": "nt", "ntriples": "nt", "n-triples": "nt",
    "nq": "nquads", "nquads": "nquads", "n-quads": "nquads", "trig": "trig",
    "jsonld": "jsonld", "json-ld": "jsonld", "csv": "csv", "graphml": "graphml", "gexf": "gexf",
}  # fmt: skip
FORMATS = sorted(set(_ALIASES.values()))

_FACTS = """
SELECT ?fact ?s ?p ?o ?negated ?a ?d ?sentence ?start ?end ?confidence WHERE {
  ?fact rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:negated ?negated ;
        kg:sentence ?sentence ; kg:start ?start ; kg:end ?end ; kg:confidence ?confidence ;
        kg:document ?d .
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


def _fmt(fmt: str) -> str:
    name = _ALIASES.get(fmt.strip().lower().lstrip("."))
    if name is None:
        raise ExportError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}", "KG501")
    return name


def _to_rdflib(term: Any) -> Any:
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = None if term.datatype.value == XSD + "string" else URIRef(term.datatype.value)
    return Literal(term.value, datatype=datatype)


def _write_jsonld(quads: list[ox.Quad], out: BinaryIO) -> None:
    from rdflib import Dataset

    with warnings.catch_warnings():  # rdflib's own deprecated internals (default_context ...)
        warnings.simplefilter("ignore", DeprecationWarning)
        data = _jsonld_text(Dataset(), quads)
    text = json.dumps(_sorted_json(json.loads(data)), ensure_ascii=False, indent=2, sort_keys=True)
    out.write((text + "\n").encode("utf-8"))


def _jsonld_text(dataset: Any, quads: list[ox.Quad]) -> str:
    from rdflib import URIRef

    graphs: dict[str, Any] = {}

    def graph_of(name: Any) -> Any:
        if not isinstance(name, ox.NamedNode):
            return dataset.default_graph
        if name.value not in graphs:
            graphs[name.value] = dataset.graph(URIRef(name.value))
        return graphs[name.value]

    dataset.addN(
        (_to_rdflib(q.subject), _to_rdflib(q.predicate), _to_rdflib(q.object), graph_of(q.graph_name))
        for q in quads
    )
    return dataset.serialize(format="json-ld", context=dict(PREFIXES), auto_compact=True)


def _sorted_json(value: Any) -> Any:
    """JSON-LD arrays are unordered (no @list here): sort them so output is byte-stable."""
    if isinstance(value, dict):
        return {k: _sorted_json(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return value


def write_rdf(db: ox.Store, fmt: str, out: BinaryIO) -> None:
    """Write a pyoxigraph store as ttl/nt (union of graphs), trig/nquads/jsonld (named graphs), sorted."""
    name = _fmt(fmt)
    if name in ("nt", "ttl"):
        triples = {str(q.triple): q.triple for q in db}
        if name == "nt":
            out.write("".join(f"{k} .\n" for k in sorted(triples)).encode("utf-8"))
        else:
            ox.serialize([triples[k] for k in sorted(triples)], out, ox.RdfFormat.TURTLE, prefixes=PREFIXES)
        return
    quads = {(str(q.graph_name), str(q.triple)): q for q in db}
    ordered = [quads[k] for k in sorted(quads)]
    if name == "nquads":
        out.write("".join(f"{q} .\n" for q in ordered).encode("utf-8"))
    elif name == "trig":
        ox.serialize(ordered, out, ox.RdfFormat.TRIG, prefixes=PREFIXES)
    elif name == "jsonld":
        _write_jsonld(ordered, out)
    else:
        raise ExportError(f"{fmt} is not an RDF syntax", "KG501")


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
    for e, label, cls, mentions in store.query(_ENTITIES).rows:
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


def export(store: Store, fmt: str, out: BinaryIO, what: str = "facts") -> None:
    """Write the store to ``out``: ttl, nt, jsonld, trig, nquads; csv (facts or entities); graphml, gexf."""
    name = _fmt(fmt)
    if what not in ("facts", "entities"):
        raise ExportError(f"unknown export content {what!r}; use facts or entities", "KG502")
    try:
        if name == "csv" and what == "facts":
            write_csv(fact_rows(store), FACT_COLUMNS, out)
        elif name == "csv":
            write_csv(entity_rows(store), ENTITY_COLUMNS, out)
        elif name in ("graphml", "gexf"):
            from .netx import write_network

            write_network(store, name, out)
        else:
            store.export(name, out)
    except OSError as exc:
        raise ExportError(f"could not write the export: {exc}", "KG503") from exc
