"""Hand-built networkx views of a graph, shaped like kg.views.network.to_networkx's, for tests."""

from __future__ import annotations

import itertools

E = "https://w3id.org/kg-news/entity/"
_FACT_IDS = itertools.count()


def entity(g, key, label, type_="Person", mentions=1, documents="d1", **extra):
    g.add_node(E + key, label=label, type=type_, mentions=mentions, documents=documents, **extra)
    return E + key


def literal(g, key, label):
    g.add_node("literal:" + key, label=label, type="Literal", documents="")
    return "literal:" + key


def fact(
    g,
    s,
    o,
    relation="say",
    *,
    key=None,
    document="d1",
    sentence="A sentence.",
    negated=False,
    attributed_to="",
    confidence=0.8,
    start=0,
    end=None,
    attributed_id="",
    extra_ids="",
    kind="object",
    fact_key=None,
):
    """An edge as kg.views.network makes it: a fact's own (``kind`` object or role), or one of
    its links (addressee, argument, place, statement; ``fact_key`` names its fact)."""
    key = key or f"https://w3id.org/kg-news/fact/{next(_FACT_IDS)}"
    end = start + len(sentence) if end is None else end
    g.add_edge(
        s,
        o,
        key=key,
        relation=relation,
        negated=negated,
        attributed_to=attributed_to,
        document=document,
        sentence=sentence,
        start=start,
        end=end,
        confidence=confidence,
        attributed_id=attributed_id,
        extra_ids=extra_ids,
        kind=kind,
        relation_class="",
        time="",
        fact=fact_key or key,
    )
    return key
