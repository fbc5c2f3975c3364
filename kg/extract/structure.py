"""What is inside the ends of a fact: the concept of a literal noun phrase, the entities it
names, and the entity-valued prepositional phrases in it (``its support for Nicolás Maduro``
has the part (``support for``, Nicolás Maduro)).

It runs once the facts of a document are made, over the parse and the offsets of each
argument, so pronouns resolved anywhere in the document are seen as the entities they name.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from kg.extract.concepts import concept_head, concept_key, is_noun, noun_lemma
from kg.extract.mentions import MentionIndex
from kg.extract.phrases import entity_of
from kg.extract.roles import PORTFOLIOS, TITLE_WORDS
from kg.model import Argument, ConceptMention, Fact

__all__ = ["MAX_PATH", "Structure"]

#: How many prepositions deep a part may sit below the phrase's noun: ``pressure on the
#: government of Venezuela`` is two.
MAX_PATH = 2


class Structure:
    """Adds concepts, named entities and parts to the arguments of one document's facts."""

    def __init__(self, doc, index: MentionIndex):
        self.doc = doc
        self.index = index
        self.concepts: list[ConceptMention] = []  # every concept end, in the order found
        self.by_sentence: dict[int, list] = defaultdict(list)
        for mention in index.mentions:
            if (mention.kind == "name" or mention.antecedent is not None) and not self._adjectival(mention):
                self.by_sentence[mention.sentence].append(mention)

    def _adjectival(self, mention) -> bool:
        """A nationality used as an adjective (``British voters``, ``the Israeli counterpart``)
        describes a phrase; it names no one the phrase is about."""
        if mention.label != "NORP":
            return False
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        return span is not None and len(span) > 0 and span.root.dep_ in {"amod", "compound"}

    def title(self, key: str, text: str, sentence: int) -> None:
        """Record a role's title as a concept mention (the end of a role without organisation)."""
        self.concepts.append(ConceptMention(key, text, sentence))

    def fact(self, fact: Fact) -> Fact:
        """The fact with its subject, object, addressee and extra arguments filled in (a role
        fact's words are the role's, not a concept: its title is recorded apart)."""
        obj = self.argument(fact.object, fact.sentence, concept=fact.kind != "role")
        head = self._object_noun(obj)
        extras = tuple(self.argument(e, fact.sentence, extra=True, light=head) for e in fact.extras)
        addressee = fact.addressee and self.argument(fact.addressee, fact.sentence)
        return replace(
            fact,
            subject=self.argument(fact.subject, fact.sentence),
            object=obj,
            extras=extras,
            addressee=addressee,
        )

    def _object_noun(self, obj: Argument) -> str | None:
        """The head noun of a concept object, which a preposition of the verb completes:
        ``put pressure on X`` (``on X`` parsed as the verb's) is the path ``pressure on``."""
        if obj.concept is None:
            return None
        span = self.doc.char_span(obj.start, max(obj.end, obj.start + 1), alignment_mode="expand")
        return _lemma(concept_head(span.root, span.end)) if span is not None and len(span) else None

    def argument(
        self, arg: Argument, sentence: int, *, extra: bool = False, concept: bool = True, light: str | None = None
    ) -> Argument:
        """``arg`` with its concept, names and parts; an extra argument's parts start with its
        preposition, after ``light``, the noun of the fact's object, when there is one."""
        span = self.doc.char_span(arg.start, max(arg.end, arg.start + 1), alignment_mode="expand")
        if arg.absent or span is None or not len(span):
            return arg  # an event's missing object has no words
        if arg.mention is not None:  # an entity end: for an extra, the preposition that links it
            prep = _preposition_of(span.root) if extra else None
            path = f"{light} {prep}" if prep and light else prep
            arg = replace(arg, parts=((path, arg.mention),)) if path else arg
            return self._described(arg, span, sentence) if concept and not extra else arg
        names = tuple(
            m.id for m in self.by_sentence.get(sentence, []) if arg.start <= m.start < arg.end and m.end <= arg.end + 2
        )
        parts = tuple(self._parts(span, _preposition_of(span.root) if extra else None))
        found = concept_key(span.root, span.end) if concept and not extra else None
        if found is not None:
            self.concepts.append(ConceptMention(found[0], found[1], sentence))
        return replace(arg, concept=found[0] if found else None, names=names, parts=parts)

    def _described(self, arg: Argument, span, sentence: int) -> Argument:
        """A description (``the minister``, ``the party leader``) stands for the person it
        describes when resolution finds one; it is also a mention of its concept, the node the
        end falls back to when resolution finds no one (kg.resolve.facts.end_node)."""
        if arg.mention is None or self.index.mentions[arg.mention].kind != "nominal":
            return arg
        found = concept_key(span.root, span.end)
        if found is None:
            return arg
        self.concepts.append(ConceptMention(found[0], found[1], sentence))
        return replace(arg, concept=found[0])

    def _parts(self, span, opening: str | None):
        """(path, mention) for each entity that is the object of a preposition qualifying a
        common noun of the phrase, at most MAX_PATH prepositions below its head."""
        seen = set()
        for token in span:
            if token.dep_ != "pobj" and not (token.dep_ == "conj" and _first_conjunct(token).dep_ == "pobj"):
                continue
            if token.lower_ in PORTFOLIOS and token.head.head.lower_ in TITLE_WORDS:
                continue  # "Secretary of State": a title, not a secretary of something named State
            ent = entity_of(token)
            mention = self.index.of_entity(ent) if ent is not None else None
            if mention is None or mention in seen or not (span.start <= ent.start and ent.end <= span.end):
                continue
            path = _path(_first_conjunct(token), span)
            if path:
                seen.add(mention)
                yield (f"{opening} {path}" if opening else path), mention


def _first_conjunct(token):
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def _path(pobj, span) -> str:
    """``support for`` for the object of ``for`` in ``support for X``: the nouns and
    prepositions from the phrase's head down to it; "" when a name, not a noun, is qualified,
    or the preposition sits deeper than MAX_PATH."""
    heads = {span.root.i, concept_head(span.root, span.end).i}
    steps: list[str] = []
    token = pobj
    for _ in range(MAX_PATH):
        prep, noun = token.head, token.head.head
        if prep.dep_ != "prep" or not is_noun(noun) or noun.ent_type_ or not span.start <= noun.i < span.end:
            return ""
        steps[:0] = [_lemma(noun), prep.lower_]
        if noun.i in heads:
            return " ".join(steps)
        if noun.dep_ != "pobj":
            return ""
        token = noun
    return ""


def _lemma(noun) -> str:
    return noun_lemma(noun)


def _preposition_of(token) -> str | None:
    """The preposition a phrase is the object of (``in`` for ``in Osaka``), or None."""
    if token.dep_ == "pobj" and token.head.pos_ == "ADP":
        return token.head.lower_
    return None
