"""Reported speech: who said what, and which clauses a speaker is the source of."""

from __future__ import annotations

__all__ = ["SPEECH_VERBS", "according_to", "content_clauses", "is_speech_verb", "speech_verb_of"]

#: Verbs of saying and of stated belief whose clausal complement is what was reported.
SPEECH_VERBS = frozenset(
    {
        "say",
        "tell",
        "add",
        "note",
        "state",
        "claim",
        "announce",
        "warn",
        "insist",
        "argue",
        "explain",
        "stress",
        "report",
        "declare",
        "reiterate",
        "confirm",
        "deny",
        "admit",
        "suggest",
        "acknowledge",
        "predict",
        "write",
        "reply",
        "respond",
        "comment",
        "assert",
        "allege",
        "emphasize",
        "emphasise",
        "maintain",
        "conclude",
        "indicate",
        "reveal",
        "believe",
        "think",
        "hope",
        "expect",
        "fear",
        "estimate",
        "accuse",
        "promise",
        "vow",
        "pledge",
        "agree",
        "recall",
        "complain",
        "caution",
        "observe",
        "remark",
        "tweet",
        "post",
        "testify",
        "concede",
        "contend",
        "underline",
        "underscore",
        "point",
    }
)


def is_speech_verb(token) -> bool:
    return token.pos_ in {"VERB", "AUX"} and token.lemma_.lower() in SPEECH_VERBS


def content_clauses(verb) -> list:
    """The heads of the clauses a speech verb reports: its ``ccomp`` children, or the clause it
    interrupts (``The talks, he said, were useful`` parses ``said`` as ``parataxis``)."""
    if not is_speech_verb(verb):
        return []
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    if not clauses and verb.dep_ == "parataxis":
        clauses = [verb.head]
    return clauses


def speech_verb_of(token):
    """The nearest speech verb whose reported clause contains ``token``, or None."""
    current = token
    while True:
        if current.dep_ == "ccomp" and is_speech_verb(current.head):
            return current.head
        for child in current.children:
            if (
                child.dep_ == "parataxis"
                and is_speech_verb(child)
                and current in content_clauses(child)
                and not token.is_ancestor(child)
                and child.i != token.i
                and not child.is_ancestor(token)
            ):
                return child
        if current.head.i == current.i:
            return None
        current = current.head


def according_to(sentence):
    """The source named by ``According to X, ...`` in a sentence, as a token, or None."""
    for token in sentence:
        if token.lower_ == "according" and token.dep_ == "prep":
            for child in token.children:
                if child.lower_ == "to":
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            return obj
    return None
