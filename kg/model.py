"""Plain records passed between the stages: ingest -> extract -> resolve -> graph -> store.

Offsets are character offsets into ``Document.text`` (the cleaned text that was parsed).
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "ENTITY_TYPES",
    "Argument",
    "Document",
    "Entity",
    "Extraction",
    "Fact",
    "GraphFact",
    "Mention",
    "Node",
    "Sentence",
    "root_mention",
]

#: kg entity types (ontology class local names) for spaCy's NER labels.
ENTITY_TYPES = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Place",  # countries, cities, states
    "LOC": "Location",
    "FAC": "Facility",
    "NORP": "Group",  # nationalities, religious and political groups
    "EVENT": "Event",
    "PRODUCT": "Product",
    "WORK_OF_ART": "Work",
    "LAW": "Law",
    "LANGUAGE": "Language",
    "DATE": "Date",
    "TIME": "Time",
    "MONEY": "Money",
    "PERCENT": "Quantity",
    "QUANTITY": "Quantity",
    "CARDINAL": "Quantity",
    "ORDINAL": "Quantity",
}


@dataclass(frozen=True)
class Document:
    """One article, cleaned of page furniture and ready to parse."""

    id: str
    text: str
    title: str | None = None
    date: str | None = None  # as given, or ISO 8601 when it could be read
    url: str | None = None
    source: str | None = None  # the outlet, e.g. "CGTN"
    path: str | None = None  # where it was read from, for messages


@dataclass(frozen=True)
class Sentence:
    """A sentence of a document, by index and character offsets."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """A mention of an entity in a document.

    ``kind`` is ``name`` (a named entity from NER), ``pronoun`` (he, it, they ...) or
    ``nominal`` (the spokesperson). Pronouns and nominals carry ``antecedent``: the id of the
    earlier mention they refer to, or None when the text does not make it clear.

    The rest is evidence for entity resolution: ``role`` the role words a name was given
    (``labour mp``, ``prime minister``) or, for a description without an antecedent, the role it
    names; ``before`` the word before a name, lower-cased (``the``, ``on``); ``verb`` the lemma of
    the verb a name is the subject of (``say``, ``report``).
    """

    id: int
    text: str
    start: int
    end: int
    sentence: int
    label: str | None  # spaCy NER label (PERSON, ORG, GPE ...) when known
    kind: str = "name"
    antecedent: int | None = None
    role: str | None = None
    before: str = ""
    verb: str = ""


def root_mention(mentions: list[Mention], mention_id: int) -> Mention:
    """The mention a chain of pronouns and descriptions leads back to (cycles stop)."""
    seen = set()
    mention = mentions[mention_id]
    while mention.antecedent is not None and mention.id not in seen:
        seen.add(mention.id)
        mention = mentions[mention.antecedent]
    return mention


@dataclass(frozen=True)
class Argument:
    """The subject, object or extra argument of a fact: a mention of an entity or a literal."""

    text: str
    start: int
    end: int
    mention: int | None = None  # id of the Mention this argument stands for, if any
    role: str | None = None  # for extra arguments: "time", "place", or a preposition

    @property
    def absent(self) -> bool:
        """The object of a fact that has none (``Blair resigned``): no words."""
        return not self.text


@dataclass(frozen=True)
class Fact:
    """One subject-relation-object fact read from one sentence."""

    subject: Argument
    relation: str  # normalised: lemma plus particle or preposition ("say", "pull out of")
    object: Argument
    sentence: int  # Sentence.index
    negated: bool = False
    attributed_to: Argument | None = None  # the speaker, for reported clauses
    confidence: float = 0.5
    kind: str = "clause"  # which rule produced it: clause, passive, copula, speech, role, prep ...
    extras: tuple[Argument, ...] = ()  # n-ary arguments: time, place, prepositional phrases
    surface: str = ""  # the relation as written ("were carried out by"); passives keep text order
    #: the rest of the verb chain (kg.extract.relations): (("aspect", "continue"),), (("modality", "likely"),)
    qualifiers: tuple[tuple[str, str], ...] = ()
    inferred: bool = False  # the relation's words are not in the sentence (apposition, possessive, modifier)


@dataclass
class Extraction:
    """Everything read from one document: its sentences, entity mentions and facts."""

    document: Document
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)


@dataclass
class Entity:
    """One real-world entity, across all documents."""

    id: str  # stable key, used to mint the IRI (see kg.graph.iri.mint)
    label: str  # canonical name
    type: str  # a value of ENTITY_TYPES, e.g. "Person"
    aliases: list[str] = field(default_factory=list)  # every other name seen, sorted
    documents: list[str] = field(default_factory=list)  # document ids, sorted
    mentions: int = 0  # number of mentions, pronouns and nominals included
    demonym_of: str | None = None  # for a demonym (Russian): the entity id of its country


@dataclass(frozen=True)
class Node:
    """An end of a fact in the graph: an entity (by ``Entity.id``) or a literal text."""

    entity: str | None = None
    literal: str | None = None

    @property
    def is_entity(self) -> bool:
        return self.entity is not None

    @property
    def absent(self) -> bool:
        """The end of a fact that has no object (``Blair resigned``)."""
        return self.entity is None and not self.literal


@dataclass(frozen=True)
class GraphFact:
    """A fact with its ends resolved, ready to become triples."""

    subject: Node
    relation: str
    object: Node
    document: str
    sentence: int
    sentence_text: str
    start: int  # offsets of the sentence in the document text
    end: int
    negated: bool = False
    attributed_to: Node | None = None
    confidence: float = 0.5
    kind: str = "clause"
    extras: tuple[tuple[str, Node], ...] = ()  # (role, node): ("time", Node(literal="Monday"))
    surface: str = ""  # the relation as written ("continued to share")
    qualifiers: tuple[tuple[str, str], ...] = ()  # Fact.qualifiers
    inferred: bool = False  # see Fact.inferred
