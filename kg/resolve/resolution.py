"""The result of entity resolution: the entities of a corpus and the entity of every mention,
and the facts of a document with their ends resolved to entities or literals."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kg.model import Argument, Entity, Extraction, GraphFact, Node

__all__ = ["Resolution"]


@dataclass
class Resolution:
    """The entities of a corpus, and the entity of every mention."""

    entities: dict[str, Entity]
    mention_entity: dict[tuple[str, int], str]
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
        """The graph node an argument stands for: its entity, or its literal text."""
        entity = self.mention_entity.get((doc_id, arg.mention)) if arg.mention is not None else None
        return Node(entity=entity) if entity else Node(literal=arg.text)

    def graph_facts(self, extraction: Extraction) -> list[GraphFact]:
        """The facts of one document with their ends resolved."""
        doc_id = extraction.document.id
        sentences = {s.index: s for s in extraction.sentences}
        facts = []
        for fact in extraction.facts:
            sentence = sentences[fact.sentence]
            extras = tuple((arg.role or "extra", self.node(doc_id, arg)) for arg in fact.extras)
            facts.append(
                GraphFact(
                    subject=self.node(doc_id, fact.subject),
                    relation=fact.relation,
                    object=self.node(doc_id, fact.object),
                    document=doc_id,
                    sentence=fact.sentence,
                    sentence_text=sentence.text,
                    start=sentence.start,
                    end=sentence.end,
                    negated=fact.negated,
                    attributed_to=None if fact.attributed_to is None else self.node(doc_id, fact.attributed_to),
                    confidence=fact.confidence,
                    kind=fact.kind,
                    extras=extras,
                    surface=fact.surface,
                    qualifiers=fact.qualifiers,
                    inferred=fact.inferred,
                )
            )
        return facts
