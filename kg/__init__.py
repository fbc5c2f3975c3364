"""kg: build a merged, queryable RDF knowledge graph from news articles.

>>> import kg
>>> graph = kg.build(["seeds/"], "kg-store")
>>> graph.query("who-said-what").rows[:3]
"""

from __future__ import annotations

from kg.api import DEFAULT_STORE, KnowledgeGraph, build, open_graph, remove
from kg.errors import KGError

__all__ = ["DEFAULT_STORE", "KGError", "KnowledgeGraph", "build", "open_graph", "remove"]
__version__ = "0.1.0"
