"""Counts of a built graph: entities by type, facts by relation and by document."""

from __future__ import annotations

from .store import Store

__all__ = ["graph_stats", "STATS_QUERIES"]

STATS_QUERIES = {
    "entities by type": """
        SELECT ?key (COUNT(DISTINCT ?e) AS ?n) WHERE {
          ?e a kg:Entity ; a ?class . FILTER(?class != kg:Entity)
          BIND(STRAFTER(STR(?class), "#") AS ?key)
        } GROUP BY ?key""",
    "facts by relation": """
        SELECT ?key (COUNT(?f) AS ?n) WHERE { ?f a kg:Fact ; rdf:predicate ?p . ?p rdfs:label ?key }
        GROUP BY ?key""",
    "facts by document": """
        SELECT ?key (COUNT(?f) AS ?n) WHERE { ?f a kg:Fact ; kg:document ?d . ?d dcterms:identifier ?key }
        GROUP BY ?key""",
}


def graph_stats(store: Store) -> dict[str, dict[str, int]]:
    """Each table of STATS_QUERIES as {key: count}, largest first, ties by key."""
    tables = {}
    for name, sparql in STATS_QUERIES.items():
        rows = [(key, int(count)) for key, count in store.query(sparql).rows]
        tables[name] = dict(sorted(rows, key=lambda row: (-row[1], row[0])))
    return tables
