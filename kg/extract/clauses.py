"""Facts from verb clauses: active and passive voice, copulas, clausal and prepositional
objects, coordination, relative and participial clauses, negation, reported speech."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from kg.extract.addressees import addressee_head
from kg.extract.arguments import ArgumentMaker, literal_argument
from kg.extract.drafts import Draft
from kg.extract.events import event_drafts, is_event_verb
from kg.extract.phrases import ANY_SUBJ_DEPS, OBJ_DEPS, PASSIVE_SUBJ_DEPS, conjuncts, is_negated
from kg.extract.prepositions import noun_prepositions, time_modifiers, verb_prepositions
from kg.extract.speech import content_clauses, coordinated_speech_verb, is_speech_verb
from kg.extract.subjects import RELATIVE_WORDS, clause_subjects, is_predicate
from kg.model import Argument

__all__ = ["Draft", "clause_drafts", "is_predicate"]

COMPLEMENT_DEPS = frozenset({"attr", "acomp"})
#: Verbs that, followed by an infinitive, only mark tense or necessity: ``is going to meet``.
SEMI_AUXILIARIES = frozenset({"go", "have", "use", "need", "ought"})
#: Verbs whose infinitive did not happen: ``failed to return``, ``refused to hold an election``.
NEGATIVE_IMPLICATIVES = frozenset({"fail", "refuse", "decline", "neglect"})


SUBORDINATE_DEPS = frozenset({"acl", "advcl", "relcl", "pcomp", "csubj", "xcomp"})


def clause_drafts(verb, maker: ArgumentMaker, speaker: Argument | None = None) -> Iterator[Draft]:
    """Every fact of the clause headed by ``verb``; those of subordinate clauses (participles,
    infinitives, adverbial and relative clauses) are marked, being less often right."""
    prefix = _control_prefix(verb)
    subordinate = verb.dep_ in SUBORDINATE_DEPS and not prefix
    for draft in _drafts(verb, maker, speaker, prefix):
        yield replace(draft, subordinate=subordinate) if subordinate else draft


def _drafts(verb, maker: ArgumentMaker, speaker: Argument | None, prefix) -> Iterator[Draft]:
    passive = _is_passive(verb)
    subjects, inherited = clause_subjects(verb, maker, speaker)
    negated = is_negated(verb)
    relation = _relation(verb, passive)
    written = _written(verb)
    if prefix:  # "were able to reinforce", "has tended to increase": one relation
        relation, written = f"{prefix[0]} {relation}", f"{prefix[1]} {written}"
        negated = negated or prefix[2]
    preps = list(verb_prepositions(verb, maker, speaker))
    extras = tuple(arg for _, arg in preps) + tuple(time_modifiers(verb))
    agents = [arg for prep, arg in preps if prep == "by" and passive]
    if passive and agents:
        for agent in agents:
            for patient in subjects:
                rest = tuple(e for e in extras if e is not agent)
                yield Draft(
                    agent, _relation(verb, False), patient, negated, "passive", rest, inherited, f"{written} by"
                )
        return
    if not subjects:
        return
    objects, kind = _objects(verb, maker, speaker)
    if passive and not objects and not preps:
        yield from _state(verb, subjects, negated, inherited)
        return
    if objects:
        to = addressee_head(verb, kind)
        addressee = maker.make(to, speaker=speaker) if to is not None else None
        for subject in subjects:
            for obj, own in objects:
                yield Draft(
                    subject, relation, obj, negated, kind, own + extras, inherited, written, addressee=addressee
                )
    prep_kind = "prep" if objects else "clause"
    timeless = [(p, a) for p, a in preps if a.role != "time"]
    if not objects and not timeless and is_event_verb(verb, inherited):  # "Blair resigned"
        yield from event_drafts(verb, subjects, relation, written, negated, extras, inherited)
        return
    # a phrase after the verb belongs to its relation sooner than one before ("In May, X rose to Y")
    timeless.sort(key=lambda pair: pair[1].start < verb.idx)
    for prep, arg in timeless if objects or timeless else preps[:1]:
        if objects and (arg.mention is None or arg.start < verb.idx):
            continue  # literal and fronted phrases ("Unlike Europe, ...") stay extra arguments of the main fact
        rest = tuple(e for e in extras if e is not arg)
        for subject in subjects:
            yield Draft(subject, f"{relation} {prep}", arg, negated, prep_kind, rest, inherited, f"{written} {prep}")
        if not objects:
            break


def _state(verb, subjects, negated: bool, inherited: bool) -> Iterator[Draft]:
    """``Ely Cathedral was never vaulted``: a passive with nothing after it states a condition
    of its subject: (Ely Cathedral; was never; vaulted)."""
    auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass", "neg", "advmod"} and c.i < verb.i]
    state = literal_argument([verb, *(c for c in verb.children if c.dep_ == "prt")])  # "ruled out"
    if not auxiliaries or state is None or verb.dep_ not in {"ROOT", "conj", "ccomp"}:
        return
    written = " ".join(t.text for t in auxiliaries)
    for subject in subjects:
        yield Draft(subject, "be", state, negated, "state", (), inherited, written)


def _is_passive(verb) -> bool:
    if any(c.dep_ in PASSIVE_SUBJ_DEPS or c.dep_ == "auxpass" for c in verb.children):
        return True
    return verb.dep_ == "acl" and verb.tag_ == "VBN"


def _relation(verb, passive: bool) -> str:
    """The lemma plus particle: ``pull out``; passives without agent keep ``be`` + participle."""
    particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
    if passive:
        words = ["be", verb.lower_, *particles]
    else:
        words = [verb.lemma_.lower(), *particles]
    return " ".join(words)


def _written(verb) -> str:
    """The verb group as written: auxiliaries, negation, adverbs between them, the verb and
    its particle (``was successfully introduced``)."""
    tokens = [c for c in verb.children if c.dep_ in {"aux", "auxpass", "neg"} and c.i < verb.i]
    first = min([t.i for t in tokens] + [verb.i - 1])
    tokens += [c for c in verb.children if c.dep_ == "advmod" and first <= c.i < verb.i]
    tokens += [verb] + [c for c in verb.children if c.dep_ == "prt"]
    return " ".join(t.text for t in sorted(tokens, key=lambda t: t.i))


def _control_prefix(verb) -> tuple[str, str, bool] | None:
    """For the infinitive of ``has tended to increase`` or ``were able to reinforce``: the
    (relation, written) words of the verb or adjective that governs it, when that takes no
    object of its own, and whether what it governs is denied: its governor is negated (``were
    not able to``) or says it did not happen (``failed to return``)."""
    while verb.dep_ == "conj" and verb.head.dep_ == "xcomp":
        verb = verb.head
    head = verb.head
    if verb.dep_ != "xcomp" or any(c.dep_ in OBJ_DEPS for c in head.children):
        return None
    to = " to" if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) else ""
    if head.pos_ in {"VERB", "AUX"} and head.lemma_ not in SEMI_AUXILIARIES:
        denied = is_negated(head) != (head.lemma_.lower() in NEGATIVE_IMPLICATIVES)  # "did not fail to" happened
        return head.lemma_.lower() + to, _written(head), denied
    if head.pos_ == "ADJ" and head.dep_ == "acomp":
        copula = head.head
        words = f"{copula.lemma_.lower()} {head.lower_}{to}", f"{_written(copula)} {head.text}"
        return *words, is_negated(copula) or is_negated(head)
    return None


Objects = list[tuple[Argument, tuple[Argument, ...]]]


def _objects(verb, maker, speaker) -> tuple[Objects, str]:
    """The core objects, each with the prepositional phrases split off it (``criticised the
    summit | in Brussels``), and the kind of fact they make: clause, copula or speech."""
    if is_speech_verb(verb):
        clauses = [c for c in content_clauses(verb) if c.head.i == verb.i]
        if clauses:
            return [(a, ()) for a in (_clause_literal(c) for c in clauses) if a], "speech"
    heads = [h for c in verb.children if c.dep_ in OBJ_DEPS for h in conjuncts(c)]
    kind = "clause"
    if not heads:
        heads = [
            h for c in verb.children if c.dep_ in COMPLEMENT_DEPS for h in conjuncts(c) if not _governs_infinitive(h)
        ]
        kind = "copula"
    objects: Objects = []
    if verb.dep_ == "relcl" and not heads and _has_subject(verb):
        made = maker.make(verb.head, speaker=speaker)  # the deal that Trump signed
        return ([(made, ())] if made is not None else []), "clause"
    for head in heads:
        if head.lower_ in RELATIVE_WORDS:
            continue
        own = tuple(arg for _, arg in noun_prepositions(head, maker, speaker))
        objects.extend((arg, own) for arg in maker.make_items(head, speaker=speaker, cut_preps=True))
    if not objects:
        clauses = [
            c for c in verb.children if c.dep_ == "ccomp" or (c.dep_ == "xcomp" and c.pos_ not in {"VERB", "AUX"})
        ]  # verbs are composed
        objects = [(a, ()) for a in (_clause_literal(c) for c in clauses) if a]
        kind = "clause"
    return objects, kind


def _governs_infinitive(adjective) -> bool:
    return adjective.pos_ == "ADJ" and any(c.dep_ == "xcomp" for c in adjective.children)


def _has_subject(verb) -> bool:
    return any(c.dep_ in ANY_SUBJ_DEPS and c.lower_ not in RELATIVE_WORDS for c in verb.children)


def _clause_literal(head) -> Argument | None:
    """A whole clause as a literal, without its ``that``, edge punctuation, or the speaker's
    own coordinated act (``..., and urged the UN to act``)."""
    tokens = [t for t in head.subtree]
    acts = [t for t in tokens if t.dep_ == "conj" and coordinated_speech_verb(t) is not None]
    if acts:
        first = min(t.left_edge.i for t in acts)
        tokens = [t for t in tokens if t.i < first]
        while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "cc"):
            tokens.pop()
    while tokens and (tokens[0].dep_ in {"mark", "cc"} or tokens[0].is_punct):
        tokens.pop(0)
    if tokens and tokens[0].tag_ in {"WDT", "WP"} and tokens[0].lower_ in RELATIVE_WORDS:
        return None  # "which the team has said ...": what was said is the noun it modifies
    return literal_argument(tokens)
