"""Plain records passed between the stages: ingest -> extract -> resolve -> graph -> store.

Offsets are character offsets into ``Document.text`` (the cleaned text that was parsed).
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "ENTITY_TYPES",
    "Argument",
    "Concept",
    "ConceptMention",
    "Document",
    "Entity",
    "Extraction",
    "Fact",
    "GraphFact",
    "Mention",
    "Node",
    "Part",
    "Role",
    "Sentence",
    "TimeSpan",
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
    author: str | None = None  # the byline, as the page gives it ("Jane Doe; John Roe")


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
    #: For a literal noun phrase: its concept, the head noun's lemma with its compound and
    #: adjective modifiers, lower case (``peace talk`` for ``the Ukraine peace talks``).
    concept: str | None = None
    #: The mentions of entities inside the argument's text, in text order (ids of Mention).
    names: tuple[int, ...] = ()
    #: Entity-valued prepositional phrases inside the argument: (path, mention id), the path
    #: being the noun they qualify and the preposition (``support for`` -> Nicolás Maduro).
    parts: tuple[tuple[str, int], ...] = ()

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
    addressee: Argument | None = None  # whom a statement was made to: ``told Lavrov``, ``told reporters``


@dataclass(frozen=True)
class Role:
    """A title a sentence gives a person (``Kremlin spokesman Dmitry Peskov``, ``Mr Medvedev,
    deputy head of Russia's Security Council``): who holds it, the title normalised, and the
    organisation or country it belongs to, as mentions of the document.

    ``title`` is lower case, without determiners, courtesy titles, the organisation or
    qualifiers such as ``former``: ``spokesman``, ``deputy head``, ``secretary of state``.
    ``start``/``end`` are the offsets of the role words as written (``text``), which do not
    overlap the person's name.
    """

    person: int  # Mention id of the holder
    title: str
    text: str
    start: int
    end: int
    sentence: int
    organization: int | None = None  # Mention id of the organisation or country
    confidence: float = 0.5


@dataclass(frozen=True)
class ConceptMention:
    """A noun phrase of a document that stands for a concept (an end of a fact, an addressee,
    a title): the concept's key and the words as written."""

    key: str  # e.g. "peace talks"
    text: str  # the head and its modifiers as written, e.g. "Ukraine peace talks" -> "peace talks"
    sentence: int


@dataclass
class Extraction:
    """Everything read from one document: its sentences, entity mentions and facts."""

    document: Document
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    concepts: list[ConceptMention] = field(default_factory=list)


@dataclass
class Entity:
    """One real-world entity, across all documents."""

    id: str  # stable key, used to mint the IRI (see kg.graph.iri.mint)
    label: str  # canonical name
    type: str  # a value of ENTITY_TYPES, e.g. "Person"
    aliases: list[str] = field(default_factory=list)  # every other name seen, sorted
    documents: list[str] = field(default_factory=list)  # document ids, sorted
    mentions: int = 0  # number of mentions, pronouns and nominals included
    iri: str | None = None  # the IRI its store's identifier registry gave it (None: minted from the label)
    demonym_of: str | None = None  # for a demonym (Russian): the entity id of its country


@dataclass
class Concept:
    """A concept across all documents: its key (which mints the IRI), the label shown (the
    most used surface form), every other surface form, and where it is mentioned."""

    key: str
    label: str
    aliases: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    mentions: int = 0
    broader: str | None = None  # the key of the head noun alone, for a key with modifiers


@dataclass(frozen=True)
class Node:
    """An end of a fact in the graph: an entity (by ``Entity.id``), a concept (by its key), or
    a literal text. A concept end keeps the words as written in ``literal``."""

    entity: str | None = None
    literal: str | None = None
    concept: str | None = None

    @property
    def is_entity(self) -> bool:
        return self.entity is not None

    @property
    def absent(self) -> bool:
        """The end of a fact that has no object (``Blair resigned``)."""
        return self.entity is None and self.concept is None and not self.literal

    @property
    def is_node(self) -> bool:
        """True for a graph node (entity or concept), False for a literal value."""
        return self.entity is not None or self.concept is not None


@dataclass(frozen=True)
class Part:
    """An entity inside one end of a fact: where (``subject``, ``object``, ``extra``), how it is
    reached from the phrase's noun (``support for``; "" when only named in it), and which."""

    where: str
    path: str
    entity: str
    role: str | None = None  # for a part in an extra argument: that argument's role ("place", "in" ...)


@dataclass(frozen=True)
class TimeSpan:
    """A time expression of a fact as written, with the first and last day it names (ISO
    dates; either None for an open end: ``before 2005``), from kg.extract.times."""

    text: str
    start: str | None
    end: str | None

    @property
    def iso(self) -> str:
        """ISO 8601: ``2020-04-27`` for a day, ``2020-04-20/2020-04-26`` for a period (``..``
        for an open end)."""
        if self.start == self.end:
            return self.start or ""
        return f"{self.start or '..'}/{self.end or '..'}"


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
    time: TimeSpan | None = None  # the first time argument read as dates (kg.extract.times)
    addressee: Node | None = None
    parts: tuple[Part, ...] = ()  # every entity named inside the ends and extras
    title: str | None = None  # for role facts: the normalised title
