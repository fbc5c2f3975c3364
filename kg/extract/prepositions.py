"""Prepositional phrases as arguments: a verb's (``met | in Paris``) and the ones after a
noun that are arguments of their own (``the summit | in Brussels``), split on coordination,
with their role (time, place, or the preposition); and bare time expressions (``said Monday``)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kg.extract.arguments import ArgumentMaker, literal_argument
from kg.extract.phrases import CLAUSE_DEPS, conjuncts, detachable, is_pronoun, phrase_tokens
from kg.model import Argument

__all__ = [
    "ADVERBIAL_PHRASES",
    "PREPOSITIONAL_ADVERBS",
    "joint_argument",
    "noun_prepositions",
    "time_modifiers",
    "verb_prepositions",
]

TIME_LABELS = frozenset({"DATE", "TIME"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PLACE_PREPS = frozenset({"in", "at", "near", "inside", "outside", "across", "throughout"})
#: Prepositional phrases that are adverbs, not arguments: ``of course``, ``in fact``.
ADVERBIAL_PHRASES = frozenset(
    {
        ("of", "course"),
        ("in", "fact"),
        ("at", "least"),
        ("at", "most"),
        ("for", "example"),
        ("for", "instance"),
        ("in", "addition"),
        ("at", "all"),
        ("in", "particular"),
        ("in", "general"),
        ("at", "once"),
        ("in", "turn"),
        ("by", "far"),
        ("for", "now"),
        ("at", "times"),
        ("in", "short"),
        ("above", "all"),
        ("after", "all"),
        ("in", "total"),
    }
)
#: Adverbs that open a prepositional phrase: ``surged ahead of``, ``moved away from``.
PREPOSITIONAL_ADVERBS = frozenset(
    {"ahead", "away", "back", "out", "up", "down", "off", "close", "next", "apart", "along", "together", "prior", "due"}
)
#: Prepositions whose object is one plural thing, never a list: ``talks between Russia and the US``.
JOINT_PREPOSITIONS = frozenset({"between", "among", "amongst"})


def verb_prepositions(verb, maker: ArgumentMaker, speaker: Argument | None = None) -> Iterator[tuple[str, Argument]]:
    """(preposition, argument) for each prepositional object of the verb, split on coordination."""
    for child in verb.children:
        if child.dep_ == "advmod" and child.lower_ in PREPOSITIONAL_ADVERBS:
            inner = [c for c in child.children if c.dep_ == "prep"]
            if len(inner) != 1:
                continue
            words, head = _compound_preposition(inner[0])
            yield from _arguments(f"{child.lower_} {words}", head, maker, speaker)  # "surged ahead of"
        elif child.dep_ in {"prep", "agent"} and child.lower_ != "according":
            yield from _arguments(*_compound_preposition(child), maker, speaker)


def noun_prepositions(noun, maker: ArgumentMaker, speaker: Argument | None = None) -> Iterator[tuple[str, Argument]]:
    """(preposition, argument) for each prepositional phrase after ``noun`` that is an argument
    of its own (``phrases.detachable``): the ones ``ArgumentMaker.make(cut_preps=True)`` leaves
    out. Each is one argument, all its words kept (``in Tampa, Florida``, ``in the towns that
    voted``); it stands for the entity its head names, if any."""
    for child in noun.children:
        if not detachable(child):
            continue
        prep, inner = _compound_preposition(child)
        for obj in (c for c in inner.children if c.dep_ in {"pobj", "pcomp"}):
            whole = literal_argument([t for t in obj.subtree])
            if whole is None or (prep, obj.lower_) in ADVERBIAL_PHRASES:
                continue
            named = maker.make(obj, speaker=speaker) if obj.dep_ == "pobj" and len(conjuncts(obj)) == 1 else None
            mention = named.mention if named is not None else None
            yield prep, _with_role(Argument(whole.text, whole.start, whole.end, mention), obj, prep)


def _arguments(prep: str, child: Token, maker: ArgumentMaker, speaker) -> Iterator[tuple[str, Argument]]:
    for obj in (c for c in child.children if c.dep_ in {"pobj", "pcomp"}):
        if (prep, obj.lower_) in ADVERBIAL_PHRASES:
            continue
        if obj.dep_ == "pcomp" or joint_argument(prep, obj):
            arg = (
                literal_argument(phrase_tokens(obj, keep_clauses=True))
                if obj.dep_ == "pcomp"
                else joint_argument(prep, obj)
            )
            if arg is not None:
                yield prep, _with_role(arg, obj, prep)
            continue
        for head in conjuncts(obj):
            for arg in maker.make_items(head, speaker=speaker):
                yield prep, _with_role(arg, head, prep)


def joint_argument(prep: str, obj) -> Argument | None:
    """The object of ``between``/``among`` when it is a list, as one literal: ``Russia and the US``."""
    if prep not in JOINT_PREPOSITIONS or len(conjuncts(obj)) < 2:
        return None
    return literal_argument(_whole(obj))


def _whole(obj) -> list:
    """A coordination that is one thing (``between Russia and the US``), without the clauses
    that modify its head."""
    cut = {t.i for c in obj.children if c.dep_ in CLAUSE_DEPS for t in c.subtree}
    tokens = [t for t in obj.subtree if t.i not in cut]
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "cc"):
        tokens.pop()
    return tokens


def _compound_preposition(prep: Token) -> tuple[str, Token]:
    """``out of``, ``ahead of``, ``because of``: a preposition whose only dependent is another."""
    words = [prep.lower_]
    while not any(c.dep_ in {"pobj", "pcomp"} for c in prep.children):
        inner = [c for c in prep.children if c.dep_ == "prep"]
        if len(inner) != 1:
            break
        prep = inner[0]
        words.append(prep.lower_)
    return " ".join(words), prep


def _with_role(arg: Argument, head, prep: str) -> Argument:
    if head.ent_type_ in TIME_LABELS:
        role = "time"
    elif head.ent_type_ in PLACE_LABELS and prep in PLACE_PREPS:
        role = "place"
    else:
        role = prep
    return Argument(arg.text, arg.start, arg.end, arg.mention, role)


def time_modifiers(verb) -> Iterator[Argument]:
    """Bare time expressions attached to the verb: ``said Monday``."""
    for child in verb.children:
        if child.dep_ in {"npadvmod", "tmod", "advmod"} and child.ent_type_ in TIME_LABELS:
            arg = literal_argument(phrase_tokens(child))
            if arg is not None and not is_pronoun(child):
                yield Argument(arg.text, arg.start, arg.end, None, "time")
