"""The facts of a document with their ends resolved: entities, concepts or literal values,
the entities named inside each end, the addressee, and roles as structure."""

from __future__ import annotations

from kg.extract.times import fact_time
from kg.model import Argument, Document, Extraction, Fact, GraphFact, Node, Part, Role

#: (document id, mention id) -> entity id: ``Resolution.mention_entity``.
MentionEntity = dict[tuple[str, int], str]

__all__ = ["end_node", "graph_facts"]


def end_node(lookup: MentionEntity, doc_id: str, arg: Argument) -> Node:
    """The graph node an argument stands for: its entity, its concept (with the words as
    written), or its literal text."""
    entity = lookup.get((doc_id, arg.mention)) if arg.mention is not None else None
    if entity:
        return Node(entity=entity)
    if arg.concept:
        return Node(literal=arg.text, concept=arg.concept)
    return Node(literal=arg.text)


def graph_facts(lookup: MentionEntity, extraction: Extraction) -> list[GraphFact]:
    """The facts of one document with their ends resolved; role facts come from the
    document's ``Role`` records (person -role-> organisation, or -> the title's concept)."""
    doc_id = extraction.document.id
    sentences = {s.index: s for s in extraction.sentences}
    role_words = {
        (f.sentence, f.subject.mention, f.object.start): f.object for f in extraction.facts if f.kind == "role"
    }
    facts = [
        _graph_fact(lookup, extraction.document, fact, sentences[fact.sentence])
        for fact in extraction.facts
        if fact.kind != "role"
    ]
    seen = set()
    for role in extraction.roles:
        words = role_words.get((role.sentence, role.person, role.start))
        fact = _role_fact(lookup, doc_id, role, sentences[role.sentence], words)
        key = (fact.sentence, fact.subject, fact.object, fact.title)
        if fact.subject.is_entity and key not in seen:
            seen.add(key)
            facts.append(fact)
    return facts


def _graph_fact(lookup: MentionEntity, document: Document, fact: Fact, sentence) -> GraphFact:
    doc_id = document.id

    def node(arg: Argument) -> Node:
        return end_node(lookup, doc_id, arg)

    subject, obj = node(fact.subject), node(fact.object)
    ends = {subject.entity, obj.entity}
    parts = _parts(lookup, doc_id, "subject", fact.subject, ends)
    parts += _parts(lookup, doc_id, "object", fact.object, ends)
    for extra in fact.extras:
        parts += _parts(lookup, doc_id, "extra", extra, ends)
    return GraphFact(
        subject=subject,
        relation=fact.relation,
        object=obj,
        document=doc_id,
        sentence=fact.sentence,
        sentence_text=sentence.text,
        start=sentence.start,
        end=sentence.end,
        negated=fact.negated,
        attributed_to=None if fact.attributed_to is None else node(fact.attributed_to),
        confidence=fact.confidence,
        kind=fact.kind,
        extras=tuple((arg.role or "extra", node(arg)) for arg in fact.extras),
        addressee=None if fact.addressee is None else node(fact.addressee),
        parts=tuple(dict.fromkeys(parts)),
        surface=fact.surface,
        qualifiers=fact.qualifiers,
        inferred=fact.inferred,
        time=fact_time(fact, document),
    )


def _parts(lookup: MentionEntity, doc_id: str, where: str, arg: Argument, ends: set) -> tuple[Part, ...]:
    """The entities inside one argument: its prepositional parts with their path, the other
    entities it names with an empty path, and for an extra argument that is an entity, itself."""
    found: list[Part] = []
    role = arg.role if where == "extra" else None
    for path, mention in arg.parts:
        entity = lookup.get((doc_id, mention))
        if entity and entity not in ends:
            found.append(Part(where, path, entity, role))
    pathless = [m for m in arg.names if m not in {mention for _, mention in arg.parts}]
    if where == "extra" and arg.mention is not None and not arg.parts:
        pathless.append(arg.mention)
    for mention in pathless:
        entity = lookup.get((doc_id, mention))
        if entity and entity not in ends and not any(p.entity == entity for p in found):
            found.append(Part(where, "", entity, role))
    return tuple(found)


def _role_fact(lookup: MentionEntity, doc_id: str, role: Role, sentence, words: Argument | None) -> GraphFact:
    """``person -role-> organisation`` (or the title's concept when no organisation is named),
    with the normalised title; the role's other entities are parts of its object."""
    person = lookup.get((doc_id, role.person))
    organization = lookup.get((doc_id, role.organization)) if role.organization is not None else None
    obj = Node(entity=organization, literal=role.text) if organization else Node(literal=role.text, concept=role.title)
    ends = {person, organization}
    parts = _parts(lookup, doc_id, "object", words, ends) if words is not None else ()
    return GraphFact(
        subject=Node(entity=person) if person else Node(literal=role.text),
        relation="role",
        object=obj,
        document=doc_id,
        sentence=role.sentence,
        sentence_text=sentence.text,
        start=sentence.start,
        end=sentence.end,
        confidence=role.confidence,
        kind="role",
        parts=parts,
        title=role.title,
    )
