"""Extraction: every sentence of a parsed document becomes subject-relation-object facts."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.arguments import ArgumentMaker, literal_argument
from kg.extract.clauses import Draft, clause_drafts, is_predicate
from kg.extract.confidence import is_inferred, score
from kg.extract.entities import consistent_entities
from kg.extract.inferred import inferred_drafts
from kg.extract.meetings import meeting_drafts
from kg.extract.mentions import MentionIndex
from kg.extract.relations import canonical_facts
from kg.extract.repairs import repair_parse
from kg.extract.roles import person_roles, role_structure
from kg.extract.serialise import extraction_from_json, extraction_to_json
from kg.extract.speakers import Speakers
from kg.extract.speech import according_to
from kg.extract.structure import Structure
from kg.model import Argument, Document, Extraction, Fact, Role, Sentence
from kg.parse.apostrophes import straight_apostrophes, written_back
from kg.parse.chunks import chunks

__all__ = ["MAX_CHUNK_CHARS", "extract_documents", "extract_parsed", "extract_text"]

#: Longest piece of a document spaCy parses at once: its parser and NER need about 1 GB per
#: 100,000 characters, so a 1 MB article parsed whole took 3.4 GB; the pieces (cut at line
#: breaks or sentence ends) are merged back before extraction, so the facts are the same.
MAX_CHUNK_CHARS = 100_000


def extract_parsed(document: Document, parsed, *, keep_pronouns: bool = False) -> Extraction:
    """The sentences, mentions and facts of one parsed document. A pronoun that cannot be
    resolved drops its fact, unless ``keep_pronouns`` (for sentence-level benchmarks, where
    ``he`` is a valid argument) keeps it as written."""
    consistent_entities(parsed)
    for sent in parsed.sents:
        repair_parse(sent)
    index = MentionIndex.from_doc(parsed)
    maker = ArgumentMaker(index, keep_pronouns=keep_pronouns)
    extraction = Extraction(document)
    entities = _entities_by_sentence(parsed)
    speakers = Speakers(parsed, maker, index)
    for number, sent in enumerate(parsed.sents):
        extraction.sentences.append(_sentence(number, sent))
        speakers.bind_reporting_pronouns(sent, number)
        facts = list(_role_facts(entities.get(sent.start, []), number, index, extraction.roles))
        facts.extend(_clause_facts(sent, number, maker, index, speakers))
        found = list(canonical_facts(_dedupe(facts)))
        speakers.remember(found, number)
        extraction.facts.extend(found)
    structure = Structure(parsed, index)
    extraction.facts = [structure.fact(fact) for fact in extraction.facts]
    for role in extraction.roles:
        if role.organization is None:
            structure.title(role.title, role.text, role.sentence)
    extraction.concepts = structure.concepts
    extraction.mentions = list(index.mentions)
    return extraction


def extract_documents(
    documents: Iterable[Document], *, nlp=None, batch_size: int = 32, keep_pronouns: bool = False, workers: int = 1
) -> Iterator[Extraction]:
    """Parse documents through ``nlp.pipe`` (streaming; ``workers`` parsing processes) and
    extract each one, in order."""
    from kg.parse.nlp import load_pipeline

    documents = iter(documents)
    first = next(documents, None)
    if first is None:
        return  # nothing to parse: the pipeline is not even loaded
    nlp = nlp or load_pipeline()
    limit = min(nlp.max_length, MAX_CHUNK_CHARS)
    pieces = (
        (text, (doc, number == len(texts) - 1))
        for doc in itertools.chain([first], documents)
        for texts in [chunks(straight_apostrophes(doc.text), limit)]
        for number, text in enumerate(texts)
    )
    in_workers = workers > 1 and EXTRACTOR_PIPE not in nlp.pipe_names
    if in_workers:  # extract in the parsing processes: the main one only collects the results
        nlp.add_pipe(EXTRACTOR_PIPE, config={"keep_pronouns": keep_pronouns}, last=True)
    try:
        parts: list = []
        for parsed, (document, last) in nlp.pipe(
            pieces, as_tuples=True, batch_size=batch_size, n_process=max(1, workers)
        ):
            parts.append(parsed)
            if last:
                yield _extraction_of(document, parts, keep_pronouns)
                parts = []
    finally:
        if in_workers:
            nlp.remove_pipe(EXTRACTOR_PIPE)


EXTRACTOR_PIPE = "kg_extract"
QUOTE_MARKS = frozenset({'"', "'", "”", "’", "»", "''"})
_RESULT = "kg_extraction"


class _ExtractorPipe:
    """A pipe that extracts each parsed document where it was parsed, leaving the result (as
    JSON) in ``doc.user_data``: with ``n_process`` > 1 that runs in the parsing processes."""

    def __init__(self, keep_pronouns: bool):
        self.keep_pronouns = keep_pronouns

    def __call__(self, doc):
        extraction = extract_parsed(Document(id="", text=""), doc, keep_pronouns=self.keep_pronouns)
        doc.user_data[_RESULT] = extraction_to_json(extraction)
        return doc


@Language.factory(EXTRACTOR_PIPE, default_config={"keep_pronouns": False})
def _extractor_pipe(nlp, name: str, keep_pronouns: bool) -> _ExtractorPipe:
    return _ExtractorPipe(keep_pronouns)


def _extraction_of(document: Document, parts: list, keep_pronouns: bool) -> Extraction:
    """The extraction of a document parsed in ``parts`` (one, unless it was longer than
    spaCy's ``max_length``), taken from the extractor pipe when it ran."""
    if len(parts) == 1 and _RESULT in parts[0].user_data:
        extraction = extraction_from_json(parts[0].user_data[_RESULT])
        extraction.document = document
        return written_back(extraction, document.text)
    for part in parts:  # extracted again as a whole: a chunk's own result is not merged (W102)
        part.user_data.pop(_RESULT, None)
    whole = parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)
    return written_back(extract_parsed(document, whole, keep_pronouns=keep_pronouns), document.text)


def extract_text(text: str, *, nlp=None, doc_id: str = "text") -> Extraction:
    """Extract the facts of one text."""
    if not isinstance(text, str):
        from kg.errors import InputError

        raise InputError(f"expected text (str), got {type(text).__name__}", code="KG106")
    return next(extract_documents([Document(id=doc_id, text=text)], nlp=nlp))


def _sentence(number: int, sent) -> Sentence:
    """The sentence without the whitespace around it, offsets adjusted."""
    text = sent.text
    start = sent.start_char + len(text) - len(text.lstrip())
    text = text.strip()
    return Sentence(number, start, start + len(text), text)


def _entities_by_sentence(parsed) -> dict[int, list]:
    """The entity spans of each sentence, keyed by the sentence's first token."""
    grouped: dict[int, list] = {}
    for ent in parsed.ents:
        sentence = parsed[ent.start].sent
        if ent.end <= sentence.end:
            grouped.setdefault(sentence.start, []).append(ent)
    return grouped


def _role_facts(entities: list, number: int, index: MentionIndex, roles: list[Role]) -> Iterator[Fact]:
    """The role facts of a sentence (``person -role-> role words``), each also recorded as a
    ``Role`` in ``roles`` with its normalised title and organisation."""
    for ent, tokens in person_roles(entities):
        mention = index.of_entity(ent)
        role = literal_argument(tokens)
        if mention is None or role is None:
            continue
        index.add_role(mention, [t.lemma_ for t in tokens])
        found = index.mentions[mention]
        person = Argument(found.text, found.start, found.end, mention)
        confidence = score("role", person, role)
        title, owner = role_structure(tokens)
        if title:
            organization = index.of_entity(owner) if owner is not None else None
            roles.append(Role(mention, title, role.text, role.start, role.end, number, organization, confidence))
        yield Fact(person, "role", role, number, confidence=confidence, kind="role", surface="is")


def _clause_facts(sent, number: int, maker: ArgumentMaker, index: MentionIndex, speakers: Speakers) -> Iterator[Fact]:
    source = according_to(sent)
    source_arg = maker.make(source) if source is not None else None
    for draft in inferred_drafts(sent, maker):
        if not _tautology(draft, index):
            yield _finish(draft, number, source_arg, index, len(sent))
    for draft in meeting_drafts(sent, maker):
        if not _tautology(draft, index):
            yield _finish(draft, number, source_arg, index, len(sent))
    for draft in speakers.quotation_drafts(sent, number):
        yield _finish(draft, number, None, index, len(sent))
    if _asked(sent):
        return
    for token in sent:
        if not is_predicate(token):
            continue
        speaker = speakers.speaker_of(token, number)
        denied = speakers.denies(token)
        for draft in clause_drafts(token, maker, speaker):
            if _tautology(draft, index):
                continue
            attributed = None if draft.kind == "speech" else (speaker or source_arg)
            if denied and draft.kind != "speech":  # what the speaker denies is not so, by their account
                draft = replace(draft, negated=not draft.negated)
            yield _finish(draft, number, attributed, index, len(sent))


def _asked(sent) -> bool:
    """A sentence that ends in a question mark asks, it does not state: ``Won't voters still
    gravitate to the Conservatives?`` (none of its clauses is a fact). Read from the end: only
    the closing quotes are skipped."""
    for token in reversed(sent):
        if not (token.is_punct and token.text in QUOTE_MARKS):
            return token.text == "?"
    return False


def _tautology(draft: Draft, index: MentionIndex) -> bool:
    """``he is the president`` when both ends resolved to the same person."""
    subject, obj = draft.subject.mention, draft.object.mention
    return subject is not None and obj is not None and index.same_entity(subject, obj)


def _finish(
    draft: Draft, number: int, attributed: Argument | None, index: MentionIndex, sentence_words: int = 0
) -> Fact:
    resolved = any(
        arg.mention is not None and index.mentions[arg.mention].kind != "name" for arg in (draft.subject, draft.object)
    )
    confidence = score(
        draft.kind,
        draft.subject,
        draft.object,
        inherited=draft.inherited,
        resolved=resolved,
        extras=len(draft.extras),
        attributed=attributed is not None,
        sentence_words=sentence_words,
        subordinate=draft.subordinate,
    )
    return Fact(
        draft.subject,
        draft.relation,
        draft.object,
        number,
        draft.negated,
        attributed,
        confidence,
        draft.kind,
        draft.extras,
        draft.surface,
        inferred=is_inferred(draft.kind),
        addressee=draft.addressee,
    )


def _dedupe(facts: list[Fact]) -> list[Fact]:
    """One fact per (subject, relation, object, negation) in a sentence: the most confident."""
    best: dict[tuple, Fact] = {}
    for fact in facts:
        key = (fact.subject.text, fact.relation, fact.object.text, fact.negated)
        if key not in best or fact.confidence > best[key].confidence:
            best[key] = fact
    return sorted(best.values(), key=lambda f: (f.subject.start, f.object.start, f.relation))
