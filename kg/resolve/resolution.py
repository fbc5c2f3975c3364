"""The result of entity resolution: the entities of a corpus and the entity of every mention,
and the facts of a document with their ends resolved to entities, concepts or literals."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kg.model import Argument, Concept, Entity, Extraction, GraphFact, Node
from kg.resolve.facts import end_node, graph_facts
from kg.resolve.identifiers import IdentifierRecord

__all__ = ["Resolution"]


@dataclass
class Resolution:
    """The entities and concepts of a corpus, the entity of every mention, and the store's
    identifier registry after this build."""

    entities: dict[str, Entity]
    mention_entity: dict[tuple[str, int], str]
    concepts: dict[str, Concept] = field(default_factory=dict)  # by key (kg.resolve.concepts)
    #: The store's identifier registry after this build, by IRI (kg.resolve.identifiers).
    identifiers: dict[str, IdentifierRecord] = field(default_factory=dict)
    _by_document: dict[str, dict[tuple[str, int], str]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def document_mentions(self, doc_id: str) -> dict[tuple[str, int], str]:
        """The ``mention_entity`` entries of one document."""
        if self._by_document is None:
            grouped: dict[str, dict[tuple[str, int], str]] = defaultdict(dict)
            for (document, mention), entity in self.mention_entity.items():
                grouped[document][(document, mention)] = entity
            self._by_document = dict(grouped)
        return self._by_document.get(doc_id, {})

    def node(self, doc_id: str, arg: Argument) -> Node:
        """The graph node an argument stands for: its entity, its concept, or its literal text."""
        return end_node(self.mention_entity, doc_id, arg)

    def graph_facts(self, extraction: Extraction) -> list[GraphFact]:
        """The facts of one document with their ends resolved (``kg.resolve.facts``)."""
        return graph_facts(self.mention_entity, extraction)
