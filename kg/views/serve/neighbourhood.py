"""The neighbourhood page: the interactive graph of an entity within N hops, as ``kg render``
draws it (``kg.views.render`` and ``kg.views.select``: the same nodes, edges, tooltips, legend
and ring layout around the focus), with the entities-only and literal filters; each node links
to its page, and the nodes are listed as links below the graph for a browser without script.

The server does not load the whole graph into networkx (on BBC that is 28 s and 800 MB): it
reads the facts around the focus hop by hop through the query workers, into a graph of the
shape ``kg.views.network.to_networkx`` makes, and hands that to the renderer.
"""

from __future__ import annotations

import json

import networkx as nx
import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import Response

from kg.errors import KGError
from kg.graph.iri import local_name
from kg.views.network import literal_node_id
from kg.views.nodes import is_entity_node
from kg.views.render import render_data
from kg.views.serve.catalogue import Snapshot
from kg.views.serve.html import base_path, local_path, page
from kg.views.serve.sparql import STATUS

__all__ = ["MAX_HOPS", "neighbourhood_graph", "neighbourhood_page"]

MAX_HOPS = 3
MAX_NODES = 1000
DEFAULT_NODES = 150
#: Facts read around the focus at most (the page's cap on nodes applies after).
MAX_FACTS = 20_000
_BATCH = 150  # entities a query asks about (IRIs are pasted into VALUES: kg's own, checked)

_AROUND = """
SELECT ?fact ?s ?p ?o ?plabel ?negated ?a ?alabel ?docid ?sentence ?start ?end ?confidence ?kind ?office
       ?slabel ?olabel WHERE {{
  VALUES ?e {{ {values} }}
  {{ ?fact rdf:subject ?e }} UNION {{ ?fact rdf:object ?e }}
  ?fact rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:sentence ?in .
  ?in kg:document ?d . OPTIONAL {{ ?in kg:text ?sentence }}
  OPTIONAL {{ ?in kg:start ?start }} OPTIONAL {{ ?in kg:end ?end }}
  OPTIONAL {{ ?fact kg:negated ?negated }} OPTIONAL {{ ?fact kg:kind ?kind }}
  OPTIONAL {{ ?fact kg:confidence ?confidence }} OPTIONAL {{ ?p rdfs:label ?plabel }}
  OPTIONAL {{ ?fact kg:title ?office }} OPTIONAL {{ ?s rdfs:label ?slabel }} OPTIONAL {{ ?o rdfs:label ?olabel }}
  OPTIONAL {{ ?fact kg:attributedTo ?a OPTIONAL {{ ?a rdfs:label ?alabel }} }}
  OPTIONAL {{ ?d dcterms:identifier ?docid }}
}}"""
# the links of facts (kg:Link: addressee, argument, place, statement) that reach the entities, in
# the columns of _AROUND (?office is never bound: a link has no title)
_LINKS = """
SELECT ?link ?s ?r ?t ?rlabel ?negated ?a ?alabel ?docid ?sentence ?start ?end ?confidence ?lk ?office
       ?slabel ?tlabel WHERE {{
  VALUES ?e {{ {values} }}
  {{ ?link kg:source ?e }} UNION {{ ?link kg:target ?e }}
  ?fact kg:link ?link ; kg:sentence ?in . ?link kg:source ?s ; kg:relation ?r ; kg:target ?t ; kg:linkKind ?lk .
  ?in kg:document ?d . OPTIONAL {{ ?in kg:text ?sentence }}
  OPTIONAL {{ ?in kg:start ?start }} OPTIONAL {{ ?in kg:end ?end }}
  OPTIONAL {{ ?fact kg:negated ?negated }}
  OPTIONAL {{ ?fact kg:confidence ?confidence }} OPTIONAL {{ ?r rdfs:label ?rlabel }}
  OPTIONAL {{ ?s rdfs:label ?slabel }} OPTIONAL {{ ?t rdfs:label ?tlabel }}
  OPTIONAL {{ ?fact kg:attributedTo ?a OPTIONAL {{ ?a rdfs:label ?alabel }} }}
  OPTIONAL {{ ?d dcterms:identifier ?docid }}
}}"""


def _iri_term(iri: str) -> str:
    return str(ox.NamedNode(iri))  # "<...>": a NamedNode cannot hold > or a space


def _node(graph: nx.MultiDiGraph, snapshot: Snapshot, value: str, term: dict | None, label: str | None) -> str:
    """The node of one end: an entity or concept (by IRI, with its label and type), or a value."""
    if term is not None and term.get("type") == "uri":
        if value not in graph:
            e = snapshot.node(value)
            name, kind, mentions = (e.label, e.type, e.mentions) if e else (label or local_name(value), "Entity", 0)
            graph.add_node(value, label=name, type=kind, mentions=mentions, aliases="", documents="")
        return value
    node = literal_node_id(value)
    if node not in graph:
        graph.add_node(node, label=value, type="Literal", mentions=0)
    return node


def _relation(iri: str | None, label: str | None) -> str:
    return (label or local_name(iri or "").replace("_", " ")).removeprefix("not ")


def _add_edges(graph: nx.MultiDiGraph, snapshot: Snapshot, result, links: bool) -> set[str]:
    """Add the facts (or the links, ``links``) of a hop's answer; the entities they reach."""
    reached = set()
    for row, terms in zip(result.rows, result.terms):
        key, s, p, o, plabel, negated, a, alabel, docid, sentence, start, end, confidence, kind, office = row[:15]
        u = _node(graph, snapshot, s or "", terms[1], row[15])
        v = _node(graph, snapshot, o or "", terms[3], row[16])
        relation = office if kind == "role" and office else _relation(p, plabel)
        graph.add_edge(u, v, key=key, relation=relation, negated=negated == "true", attributed_to=alabel or "",
                       attributed_id=a or "", extra_ids="", document=docid or "", sentence=sentence or "",
                       start=int(start or 0), end=int(end or 0), confidence=float(confidence or 0),
                       kind=(kind or "") if links else "role" if kind == "role" else "object")  # fmt: skip
        reached |= {n for n in (u, v) if is_entity_node(graph, n)}
    return reached


async def neighbourhood_graph(engine, snapshot: Snapshot, iri: str, hops: int) -> tuple[nx.MultiDiGraph, bool]:
    """The facts within ``hops`` of the entity ``iri``, as a networkx graph; True when cut."""
    graph = nx.MultiDiGraph()
    e = snapshot.entities[iri]
    graph.add_node(iri, label=e.label, type=e.type, mentions=e.mentions, aliases="", documents="")
    seen, frontier, cut = {iri}, [iri], False
    for _ in range(hops):
        reached: set[str] = set()
        for start in range(0, len(frontier), _BATCH):
            values = " ".join(_iri_term(x) for x in frontier[start : start + _BATCH])
            for query, links in ((_AROUND, False), (_LINKS, True)):
                result = await engine.result(query.format(values=values), limit=MAX_FACTS)
                cut |= result.truncated
                reached |= _add_edges(graph, snapshot, result, links)
            if graph.number_of_edges() >= MAX_FACTS:
                return graph, True
        frontier = sorted(reached - seen)
        seen |= reached
        if not frontier:
            break
    return graph, cut


def _options(request: Request) -> dict:
    params = request.query_params

    def number(name: str, default: int, top: int) -> int:
        try:
            return max(0, min(int(params.get(name, default)), top))
        except ValueError:
            return default

    return {
        "hops": max(1, number("hops", 1, MAX_HOPS)),
        "max_nodes": max(1, number("max_nodes", DEFAULT_NODES, MAX_NODES)),
        "entities_only": params.get("entities_only") in ("1", "on", "true"),
        "literal_filter": params.get("literals", "").strip() or None,
    }


async def neighbourhood_page(request: Request) -> Response:
    state = request.app.state
    snapshot = await state.catalogue.snapshot()
    iri = request.query_params.get("entity", "")
    options = _options(request)
    context = {"title": "Neighbourhood", "options": options, "iri": iri, "entity": snapshot.entities.get(iri)}
    if iri not in snapshot.entities:
        context["error"] = "Choose an entity: search a name, then open its neighbourhood."
        return page(request, "neighbourhood.html", {**context, "data": None}, 404 if iri else 200)
    graph, cut = await neighbourhood_graph(state.engine, snapshot, iri, options["hops"])
    try:
        data = render_data(graph, focus=iri, **options)
    except KGError as exc:
        context["error"] = str(exc)
        return page(request, "neighbourhood.html", {**context, "data": None}, STATUS.get(exc.code, 400))
    base = base_path(request)
    links = {str(i): local_path(n, base) for i, n in enumerate(data.nodes) if snapshot.node(n)}  # and concepts
    context.update(
        title=f"{snapshot.entities[iri].label}: neighbourhood",
        data=data,
        cut=cut,
        links_json=_safe(links),
        shown=[snapshot.entities[n] for n in data.nodes if n in snapshot.entities],
    )
    return page(request, "neighbourhood.html", context)


def _safe(value) -> str:
    from markupsafe import Markup

    text = json.dumps(value, sort_keys=True).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)
