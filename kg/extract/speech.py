"""Reported speech: who said what, and which clauses a speaker is the source of."""

from __future__ import annotations

__all__ = [
    "DIRECTIVE_VERBS",
    "SPEECH_VERBS",
    "according_to",
    "content_clauses",
    "coordinated_speech_verb",
    "is_speech_verb",
    "speech_verb_of",
]

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


#: Verbs a speaker coordinates with a verb of saying: ``said that ..., and urged the UN to act``.
DIRECTIVE_VERBS = frozenset({"urge", "ask", "call", "appeal", "demand", "invite", "challenge", "press", "tell"})
_SPEECH_OR_DIRECTIVE = SPEECH_VERBS | DIRECTIVE_VERBS
#: Punctuation that ends the narrator's clause before a reporting one: ``... — Mr Lavrov said``.
CLAUSE_BREAKS = frozenset({"—", "–", "--", ";", ":"})


def is_speech_verb(token) -> bool:
    return token.pos_ in {"VERB", "AUX"} and token.lemma_.lower() in SPEECH_VERBS


def content_clauses(verb) -> list:
    """The heads of the clauses a speech verb reports: its ``ccomp`` children, or the clause it
    interrupts (``The talks, he said, were useful`` parses ``said`` as ``parataxis``). A
    clause before the verb and cut off from it by a dash or semicolon is the narrator's when
    the verb reports another after it (``Both sides dug in — Mr Lavrov said that ...``)."""
    if not is_speech_verb(verb):
        return []
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    if any(c.i > verb.i for c in clauses):
        clauses = [c for c in clauses if c.i > verb.i or not _cut_off(c, verb)]
    if not clauses and verb.dep_ == "parataxis":
        clauses = [verb.head]
    return clauses


def _cut_off(clause, verb) -> bool:
    """A dash, semicolon or colon stands between the end of ``clause`` and ``verb``."""
    end = max(t.i for t in clause.subtree)
    return any(t.text in CLAUSE_BREAKS for t in verb.doc[end + 1 : verb.i])


def coordinated_speech_verb(verb):
    """For ``urged`` in ``said that Russia saw no proof, and urged the UN to investigate``
    (parsed as a conjunct inside what was said): the speech verb it is coordinated with; else None."""
    if verb.dep_ != "conj" or verb.lemma_.lower() not in _SPEECH_OR_DIRECTIVE:
        return None
    if any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return None
    head = verb.head
    while head.dep_ == "conj":
        head = head.head
    if head.dep_ == "ccomp" and head in content_clauses(head.head):
        return head.head
    return None


def speech_verb_of(token):
    """The nearest speech verb whose reported clause contains ``token``, or None."""
    current = token
    while True:
        speaker_verb = coordinated_speech_verb(current)
        if speaker_verb is not None:  # the speaker's own act, not part of what was said
            current = speaker_verb
            continue
        if current.dep_ == "ccomp" and is_speech_verb(current.head) and current in content_clauses(current.head):
            return current.head
        for child in current.children:
            if (
                child.dep_ == "parataxis"
                and is_speech_verb(child)
                and current in content_clauses(child)
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
