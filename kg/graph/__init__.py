"""Graph: documents, resolved facts and entities in, RDF quads out.

The ontology's terms (``namespaces``, ``ontology``), IRIs minted from stable keys (``iri``)
and one named graph per document with the provenance of every fact (``quads``).
"""

from kg.graph.quads import build_quads

__all__ = ["build_quads"]
