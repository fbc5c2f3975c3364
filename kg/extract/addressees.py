"""Addressees: whom a statement or a request was made to (``Pompeo told Lavrov``, ``Peskov
told reporters``, ``Lavrov urged the United Nations to investigate``, ``said to reporters``)."""

from __future__ import annotations

from kg.extract.speech import is_speech_verb

__all__ = ["DIRECTIVE_VERBS", "TO_SPEECH_VERBS", "addressee_head"]

#: Verbs whose object is the person asked or told, when an infinitive follows: ``urged the
#: United Nations to investigate``.
DIRECTIVE_VERBS = frozenset(
    {
        "urge", "ask", "tell", "warn", "advise", "invite", "call", "order", "encourage", "press",
        "remind", "persuade", "request", "beg", "instruct", "challenge", "implore", "appeal",
    }
)  # fmt: skip
#: Speech verbs that name their addressee with ``to``: ``said to reporters``.
TO_SPEECH_VERBS = frozenset({"say", "explain", "write", "speak", "talk", "complain", "announce", "report", "admit"})


def addressee_head(verb, kind: str):
    """The head token of the addressee of a verb whose fact is of ``kind``, or None: the
    object of a speech verb that reports a clause, the ``to`` phrase of ``say``, or the object
    of a directive verb followed by an infinitive."""
    if kind == "speech" and is_speech_verb(verb):
        for child in verb.children:
            if child.dep_ in {"dobj", "dative"} and child.pos_ in {"NOUN", "PROPN", "PRON"}:
                return child
            if child.dep_ in {"prep", "dative"} and child.lower_ == "to" and verb.lemma_ in TO_SPEECH_VERBS:
                objects = [g for g in child.children if g.dep_ == "pobj"]
                if objects:
                    return objects[0]
        return None
    if verb.lemma_ in DIRECTIVE_VERBS and any(c.dep_ == "xcomp" for c in verb.children):
        objects = [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
        return objects[0] if objects else None
    return None
