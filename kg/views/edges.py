"""Every edge between two graph nodes (entities and concepts), read from the store's structure:
a fact whose subject and object are both nodes (``object``; ``role`` for a role fact, whose
relation is the title; ``addressee`` when its object is whom it was said to), and each link of
a fact (``kg:Link``: ``addressee``, ``argument``, ``place``, ``statement``). Nothing is found by
looking for names inside strings.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, BinaryIO

from kg.views.tables import Names, relation_classes, times

if TYPE_CHECKING:
    from kg.store.store import Store

__all__ = [
    "EDGE_COLUMNS",
    "EDGE_KINDS",
    "edge_graph",
    "edge_rows",
    "link_records",
    "write_edges_json",
]

EDGE_COLUMNS = [
    "source", "source_id", "relation", "relation_class", "target", "target_id", "kind", "negated",
    "attributed_to", "time", "document", "sentence", "confidence",
]  # fmt: skip
EDGE_KINDS = ("object", "role", "addressee", "argument", "place", "statement")

_FACT_EDGES = """
SELECT ?fact ?s ?p ?o ?k ?title ?to ?negated ?a ?d ?sentence ?confidence ?start WHERE {
  ?fact rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:kind ?k ; kg:negated ?negated ;
        kg:sentence ?in ; kg:confidence ?confidence .
  ?in kg:document ?d ; kg:text ?sentence ; kg:start ?start .
  FILTER(isIRI(?s) && isIRI(?o))
  OPTIONAL { ?fact kg:title ?title }
  OPTIONAL { ?fact kg:addressee ?to }
  OPTIONAL { ?fact kg:attributedTo ?a }
}"""

_LINK_EDGES = """
SELECT ?fact ?link ?s ?r ?t ?kind ?p ?negated ?a ?d ?sentence ?confidence ?start WHERE {
  ?fact kg:link ?link ; rdf:predicate ?p ; kg:negated ?negated ; kg:sentence ?in ; kg:confidence ?confidence .
  ?in kg:document ?d ; kg:text ?sentence ; kg:start ?start .
  ?link kg:source ?s ; kg:relation ?r ; kg:target ?t ; kg:linkKind ?kind .
  OPTIONAL { ?fact kg:attributedTo ?a }
}"""


def link_records(store: Store, names: Any = None) -> list[dict[str, Any]]:
    """The links of every fact (``kg:Link``), sorted by link IRI: ``link``, ``fact``,
    ``kind``, ``source_id``, ``target_id``, ``relation`` (its label), ``predicate`` (the
    fact's relation property), and the fact's ``negated``, ``attributed_id``, ``document``
    (its id), ``document_iri``, ``sentence`` and ``confidence``."""
    if names is None:
        names = Names(store)
    records = {}
    for fact, link, s, r, t, kind, p, negated, a, d, sentence, confidence, start in store.query(_LINK_EDGES).rows:
        records[link] = {
            "link": link, "fact": fact, "kind": kind, "source_id": s, "target_id": t,
            "relation": names.relation(r or "", negated == "true"), "predicate": p, "negated": negated,
            "attributed_id": a, "document": names.doc_ids.get(d or "", d or ""), "document_iri": d,
            "sentence": sentence or "", "confidence": float(confidence or 0), "start": int(start or 0),
        }  # fmt: skip
    return [records[k] for k in sorted(records, key=str)]


def edge_rows(store: Store) -> list[dict[str, Any]]:
    """One dict per edge with exactly EDGE_COLUMNS, sorted by document, sentence, source,
    kind, relation and target."""
    names, classes, when = Names(store), relation_classes(store), times(store)
    rows: dict[tuple, dict[str, Any]] = {}

    starts: dict[tuple, int] = {}

    def add(fact, source, relation, predicate, target, kind, negated, attributed, d, sentence, confidence, start):
        row = {
            "source": names.labels.get(source, source), "source_id": source,
            "relation": relation, "relation_class": classes.get(predicate or "", ""),
            "target": names.labels.get(target, target), "target_id": target, "kind": kind,
            "negated": negated == "true", "attributed_to": names.end_label(attributed),
            "time": when.get(fact, ""), "document": names.doc_ids.get(d or "", d or ""),
            "sentence": sentence or "", "confidence": float(confidence or 0),
        }  # fmt: skip
        rows.setdefault((fact, source, kind, relation, target), row)
        starts[(fact, source, kind, relation, target)] = int(start or 0)

    for fact, s, p, o, k, title, to, negated, a, d, sentence, confidence, start in store.query(_FACT_EDGES).rows:
        kind = "role" if k == "role" else "addressee" if to and to == o else "object"
        relation = title if k == "role" and title else names.relation(p or "", negated == "true")
        add(fact, s, relation, p, o, kind, negated, a, d, sentence, confidence, start)
    for link in link_records(store, names):
        ends = link["source_id"], link["relation"], link["predicate"], link["target_id"], link["kind"]
        provenance = link["negated"], link["attributed_id"], link["document_iri"], link["sentence"], link["confidence"]
        add(link["fact"], *ends, *provenance, link["start"])
    order = {kind: n for n, kind in enumerate(EDGE_KINDS)}
    keyed = sorted(
        rows.items(),
        key=lambda kv: (kv[1]["document"], starts[kv[0]], kv[1]["source"], order.get(kv[1]["kind"], 9),
                        kv[1]["relation"], kv[1]["target"], kv[1]["source_id"], kv[1]["target_id"]),
    )  # fmt: skip
    return [row for _, row in keyed]


def edge_graph(store: Store, rows: list[dict[str, Any]] | None = None):
    """The edges as a networkx MultiDiGraph: nodes by IRI (``label``, ``type``), one edge per
    row (its EDGE_COLUMNS but the ends), keyed by its position in ``edge_rows``."""
    import networkx as nx

    names = Names(store)
    graph = nx.MultiDiGraph()
    for n, row in enumerate(edge_rows(store) if rows is None else rows):
        for end in ("source", "target"):
            iri = row[f"{end}_id"]
            if iri not in graph:
                graph.add_node(iri, label=row[end], type=names.class_of(iri))
        attrs = {k: v for k, v in row.items() if k not in ("source", "source_id", "target", "target_id")}
        graph.add_edge(row["source_id"], row["target_id"], key=f"e{n}", **attrs)
    return graph


def write_edges_json(rows: list[dict[str, Any]], out: BinaryIO) -> None:
    """Edge rows as a JSON list of objects with EDGE_COLUMNS keys."""
    out.write((json.dumps(rows, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
