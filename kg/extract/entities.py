"""Making a document's named entities consistent and their spans the names, before extraction.

The small English model glues words to names and misses names it found elsewhere in the same
article. Within one document a name means the same thing throughout, so:
- a person's name extends left over adjacent proper nouns that modify it, and over a courtesy
  title (``Mr Peskov``), but not over a role: titles, offices and occupations (``President``,
  ``Labour MP``, ``Comedian``), and a word that is not a first name before one that is
  (``Blairite Alan Milburn``), are cut from the name (the role stays in the text, where
  ``kg.extract.roles`` reads it); possessives are cut too;
- a span that is only a courtesy title or a role (``Mr``) is not a name, nor one that ends in a
  role and has no first name (``Labour MPs``: its party is kept);
- a span starting with a courtesy title, or right after one, is a person's (``Mr Blair`` tagged
  an organisation, ``Mr`` before ``Campbell`` tagged one);
- an organisation span ending with a person of the document (``State Rex Tillerson``) is
  that person; a "person" that only qualifies a role before another name (``Lib Dem Treasury
  spokesman Vincent Cable``) is an organisation;
- a headline's capitals are not evidence: in a title-case headline (``Comedian Jo Brand
  Launches Charity Tour``) an entity is kept only where it is a name of the body, re-anchored
  on it;
- an organisation's or group's name extends left over capitalised words that modify it
  (``Liberal`` before ``Democrat``), and a person's name that ends in an organisation word
  (``Surrey Police``) is an organisation's;
- a later untagged occurrence of a name, or of a person's surname, gets the same label.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Span
from spacy.util import filter_spans

from kg.extract.given_names import is_given_name
from kg.extract.roles import HONORIFICS, TITLE_WORDS

__all__ = ["ORGANISATION_WORDS", "ROLE_WORDS", "consistent_entities", "headline_end", "role_tokens_before"]

#: Words that name a role, an office or an occupation: never part of a person's name.
ROLE_WORDS = TITLE_WORDS | frozenset(
    {
        "mp",
        "mps",
        "mep",
        "msp",
        "am",
        "peer",
        "backbencher",
        "frontbencher",
        "councillor",
        "candidate",
        "chancellor",
        "secretary",
        "minister",
        "spokesman",
        "spokeswoman",
        "boss",
        "executive",
        "analyst",
        "economist",
        "commissioner",
        "comedian",
        "comedienne",
        "actress",
        "actor",
        "singer",
        "rapper",
        "star",
        "presenter",
        "host",
        "author",
        "writer",
        "novelist",
        "director",
        "producer",
        "designer",
        "model",
        "chef",
        "lawyer",
        "barrister",
        "forward",
        "striker",
        "midfielder",
        "defender",
        "goalkeeper",
        "winger",
        "quarterback",
        "veteran",
        "reporter",
        "journalist",
        "correspondent",
        "qc",
    }
)
#: Role words of the members of a party or a house, which end no organisation's name.
MEMBER_WORDS = frozenset(
    {"mp", "mps", "mep", "meps", "msp", "msps", "peer", "peers", "councillor", "councillors", "backbenchers"}
)
#: Head words of organisations' names.
ORGANISATION_WORDS = frozenset(
    {
        "party",
        "council",
        "ministry",
        "department",
        "office",
        "committee",
        "commission",
        "inc",
        "corp",
        "corporation",
        "co",
        "ltd",
        "plc",
        "llc",
        "group",
        "association",
        "union",
        "agency",
        "authority",
        "bank",
        "university",
        "college",
        "institute",
        "foundation",
        "trust",
        "service",
        "board",
        "court",
        "police",
        "company",
        "airlines",
        "airways",
        "club",
        "federation",
        "league",
        "organisation",
        "organization",
        "assembly",
        "parliament",
        "congress",
        "senate",
        "society",
        "fund",
        "exchange",
        "bureau",
        "guards",
        "army",
        "navy",
        "partnerships",
        "partners",
        "survey",
    }
)
#: Styles that are part of how a person is named (kept in the name, unlike roles).
_STYLES = frozenset({h.rstrip(".") for h in HONORIFICS}) | frozenset(
    {"baroness", "baron", "viscount", "king", "queen", "prince", "princess", "pope", "sheikh", "emir", "sultan"}
)
_STYLES_OR_ROLES = _STYLES | ROLE_WORDS
_COURTESY = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "baroness"})
_END_PUNCT = tuple(".!?:;\"'”’)")


def consistent_entities(doc) -> None:
    """Fix the spans of ``doc``'s entities and propagate them, in place."""
    people = Counter(ent[-1].lower_ for ent in doc.ents if ent.label_ == "PERSON" and ent[-1].is_title)
    things = {t.lower_ for ent in doc.ents if ent.label_ in {"NORP", "ORG", "GPE"} for t in ent if t.is_title}
    proper = things | {t.lower_ for t in doc if t.is_title and t.is_alpha and not t.is_sent_start}
    spans = [span for ent in doc.ents for span in _fixed(ent, people, things, proper)]
    spans = _reanchor_headline(doc, _joined(filter_spans(spans)))
    forms = _known_forms(spans)
    taken = {i for span in spans for i in range(span.start, span.end)}
    added = []
    texts = [t.text for t in doc]  # once: a span of the doc makes its tokens anew on every read
    for token in doc:
        if token.i in taken or not token.text[:1].isupper() or token.pos_ not in {"PROPN", "NOUN", "ADJ"}:
            continue
        for length in (3, 2, 1):
            words = tuple(texts[token.i : token.i + length])
            if len(words) == length and words in forms and not taken & set(range(token.i, token.i + length)):
                added.append(Span(doc, token.i, token.i + length, label=forms[words]))
                taken.update(range(token.i, token.i + length))
                break
    doc.ents = filter_spans(spans + added)


def _fixed(ent, people: Counter, things: set[str], proper: set[str]) -> list:
    """The spans an entity should be: none when it is not a name, two when a role glued to a
    person's name held another name (``Labour`` of ``Labour MP Louise Ellman``). ``proper``:
    the words the document capitalises where the sentence does not make it."""
    if not any(any(ch.isalpha() for ch in t.text) and t.lower_.rstrip(".") not in _STYLES_OR_ROLES for t in ent):
        return []  # "Mr", "MP": a title alone
    ent = _without_possessive(ent)
    if ent is None:
        return []
    if _members(ent):
        return _names_in_role(ent[:-1], proper)  # "Labour MPs": the party, and no one's name
    doc = ent.doc
    first = ent[0].lower_.rstrip(".")
    if first in _COURTESY and len(ent) > 1 and ent.label_ != "PERSON" and ent[1].is_title:
        ent = Span(doc, ent.start, ent.end, label="PERSON")
    before = doc[ent.start - 1] if ent.start else None
    if before is not None and before.lower_.rstrip(".") in _COURTESY and before.is_title and not before.ent_type_:
        ent = Span(doc, ent.start - 1, ent.end, label="PERSON")  # "Mr" before "Campbell" tagged an organisation
    if ent.label_ != "PERSON":
        return [_person_at_end(ent, people) or _extend_name(ent)]
    after = doc[ent.end] if ent.end < len(doc) else None
    if after is not None and after.is_title and after.lower_ in ORGANISATION_WORDS and ent.root.head.i == after.i:
        return [Span(doc, ent.start, ent.end + 1, label="ORG")]  # "Surrey Police"
    if _qualifies_a_role(ent, people) or (len(ent) > 1 and ent[-1].is_title and ent[-1].lower_ in ORGANISATION_WORDS):
        return [Span(doc, ent.start, ent.end, label="ORG")]
    person = _trimmed_person(_extend_person(ent), things)
    if person is None:
        return []
    cut = [t for t in doc[ent.start : person.start] if _plural_forms(t.lower_) & things]  # "Tory" Liam Fox
    return [person, *_names_in_role(cut, proper), *_names_in_role(role_tokens_before(person, within=ent), proper)]


def _members(ent) -> bool:
    """A span ending in a role that names no one: ``Labour MP``, ``Tory MPs``, ``Lib Dem peers``
    (a member word), or a "person" of no first name ending in a role word."""
    last = ent[-1].lower_.rstrip(".")
    if len(ent) < 2 or any(is_given_name(t.lower_) for t in ent):
        return False
    return last in MEMBER_WORDS or (ent.label_ == "PERSON" and _is_role(ent[-1]))


def _joined(spans: list) -> list:
    """Two adjacent names of things, the first modifying the second, are one name:
    ``Liberal`` (ORG) ``Democrat`` (NORP) -> ``Liberal Democrat``."""
    spans = sorted(spans, key=lambda s: s.start)
    out: list = []
    for span in spans:
        last = out[-1] if out else None
        if (
            last is not None
            and last.end == span.start
            and "PERSON" not in (last.label_, span.label_)
            and span.start <= last.root.head.i < span.end
            and not last[-1].whitespace_.count("\n")
        ):
            out[-1] = Span(span.doc, last.start, span.end, label=span.label_)
        else:
            out.append(span)
    return out


def _names_in_role(tokens, proper: set[str] = frozenset()) -> list:  # type: ignore[assignment]
    """Names inside the role written before a person: ``Labour`` of ``Labour MP``,
    ``Conservative`` of ``former Conservative leader``, and of ``Conservative leader`` opening a
    sentence when the document capitalises the word elsewhere (``proper``)."""
    spans, run = [], []
    for token in [*tokens, None]:
        if token is not None and (_capitalised_name_word(token) or _proper_at_start(token, proper)):
            run.append(token)
            continue
        if run:
            spans.append(Span(run[0].doc, run[0].i, run[-1].i + 1, label="NORP"))
        run = []
    return spans


def _proper_at_start(token, proper: set[str] = frozenset()) -> bool:  # type: ignore[assignment]
    """A word opening the sentence that is a name: tagged one, or capitalised elsewhere too."""
    if not token.is_sent_start or _is_role(token) or token.lower_ in _STYLES or not token.is_title:
        return False
    return token.tag_ == "NNP" or (token.is_alpha and bool(_plural_forms(token.lower_) & proper))


def _capitalised_name_word(token, *, sentence_start: bool = False) -> bool:
    """A capitalised word that is not a role, a style or capitalised only by the sentence
    (at the start of one, only when ``sentence_start``: the caller checks it modifies a name)."""
    if not (token.is_title and token.is_alpha) or _is_role(token) or token.lower_ in _STYLES:
        return False
    if token.is_sent_start:
        return sentence_start and token.pos_ in {"PROPN", "ADJ"}
    return token.pos_ in {"PROPN", "ADJ", "NOUN"}


def _extend_name(ent):
    """An organisation's or group's name extends left over capitalised words that modify it
    (``Liberal`` before ``Democrat``)."""
    start = ent.start
    doc = ent.doc
    while start > 0:
        before = doc[start - 1]
        fits = _capitalised_name_word(before, sentence_start=True)
        if before.ent_type_ or not fits or not ent.start <= before.head.i < ent.end:
            break
        start -= 1
    return Span(doc, start, ent.end, label=ent.label_) if start != ent.start else ent


def _without_possessive(ent):
    """``Tony Blair's`` -> ``Tony Blair``; ``Tillerson's Russian`` -> ``Tillerson``."""
    for token in ent:
        if token.tag_ == "POS" or token.lower_ in {"'s", "’s"}:
            return Span(ent.doc, ent.start, token.i, label=ent.label_) if token.i > ent.start else None
    return ent


def _is_role(token) -> bool:
    """A role word, or one joined to a prefix by a hyphen (``co-chairman``, ``vice-president``)."""
    word = token.lower_.rstrip(".")
    return (word in ROLE_WORDS or word.rsplit("-", 1)[-1] in ROLE_WORDS) and word not in _STYLES


def _plural_forms(word: str) -> set[str]:
    return {word, word + "s", word[:-1] + "ies" if word.endswith("y") else word}


def _trimmed_person(ent, things: set[str] = frozenset()):  # type: ignore[assignment]
    """A person's span without the roles glued before the name (see the module docstring);
    ``things``: the words of the document's groups, organisations and places (``Tory``)."""
    doc, start = ent.doc, ent.start
    for token in ent[:-1]:
        if _is_role(token) or (token.is_punct and token.text not in {"-", "."}):
            start = token.i + 1
    words = doc[start : ent.end]
    if (
        len(words) >= 3
        and words[0].lower_.rstrip(".") not in _STYLES
        and (not is_given_name(words[0].lower_) or _plural_forms(words[0].lower_) & things)
        and is_given_name(words[1].lower_)
    ):
        start += 1  # "Blairite Alan Milburn", "Tories Ken Clarke", "Tory Liam Fox"
    if start >= ent.end or not any(t.is_title for t in doc[start : ent.end]):
        return None
    return Span(doc, start, ent.end, label=ent.label_) if start != ent.start else ent


def _extend_person(ent):
    """Left over proper nouns modifying the name (``Dmitry [Peskov]``) and a courtesy title."""
    start = ent.start
    doc = ent.doc
    while start > 0:
        before = doc[start - 1]
        if (
            before.pos_ != "PROPN"
            or before.ent_type_
            or not before.text[:1].isupper()
            or _is_role(before)
            or before.lower_.rstrip(".") in _STYLES
            or before.head.i < ent.start
            or before.head.i >= ent.end
        ):
            break
        start -= 1
    before = doc[start - 1] if start > 0 else None
    if before is not None and before.lower_.rstrip(".") in _STYLES and before.is_title and not before.ent_type_:
        start -= 1  # "Mr Peskov" is how the article names him
    return Span(doc, start, ent.end, label=ent.label_) if start != ent.start else ent


def role_tokens_before(ent, *, within=None) -> list:
    """The role words written right before a person's name, with what qualifies them
    (``Labour MP``, ``Trade and Industry Secretary``, ``Kremlin spokesman``), left to right;
    ``within``: the span the name was cut from, whose tokens are no other person's."""
    doc = ent.doc
    i = ent.start - 1
    tokens: list = []
    while i >= 0:
        token = doc[i]
        inside = token.head.i in range(ent.start, ent.end) or any(t.i == token.head.i for t in tokens)
        other_person = token.ent_type_ == "PERSON" and not (within is not None and within.start <= token.i)
        if token.is_punct or token.dep_ == "det" or other_person or not inside:
            break
        tokens.insert(0, token)
        i -= 1
    while tokens and not _is_role(tokens[-1]):
        tokens.pop()
    return tokens if any(_is_role(t) for t in tokens) else []


def _qualifies_a_role(ent, people: Counter) -> bool:
    """``Lib Dem Treasury`` in ``Lib Dem Treasury spokesman Vincent Cable``: a span that
    modifies a role noun, with no first name and not the surname of a person named elsewhere."""
    head = ent.root.head
    if head.i != ent.end or not _is_role(head) or not head.is_lower or ent.root.dep_ != "compound":
        return False
    named_elsewhere = people[ent[-1].lower_] > 1  # this span is one of them
    return not is_given_name(ent[0].lower_) and not named_elsewhere and ent[0].lower_ not in _STYLES


def _person_at_end(ent, people: Counter):
    """``State Rex Tillerson``: a first name and a surname of the document end the span."""
    if len(ent) < 3 or ent[-1].lower_ not in people:
        return None
    for i in range(ent.start + 1, ent.end - 1):
        if is_given_name(ent.doc[i].lower_) and ent.doc[i].is_title:
            return Span(ent.doc, i, ent.end, label="PERSON")
    return None


def headline_end(doc) -> int:
    """The token index where the document's headline line ends (0 without one): a first line
    with no closing punctuation, followed by more text."""
    text = doc.text
    end = text.find("\n")
    first = text[:end].strip() if end > 0 else ""
    if not first or first.endswith(_END_PUNCT) or len(first.split()) > 20 or not text[end:].strip():
        return 0
    return next((t.i for t in doc if t.idx >= end), len(doc))


def _title_case(tokens) -> bool:
    words = [t for t in tokens[1:] if t.is_alpha and len(t) > 3]
    return len(words) >= 2 and sum(t.is_title for t in words) >= 0.6 * len(words)


def _reanchor_headline(doc, spans: list) -> list:
    end = headline_end(doc)
    if not end:
        return spans
    body = {tuple(t.text for t in s): s.label_ for s in spans if s.start >= end}
    body.update({(s[-1].text,): "PERSON" for s in spans if s.start >= end and s.label_ == "PERSON"})
    if not _title_case(doc[:end]):
        return spans
    kept = []
    for span in spans:
        anchored = span if span.start >= end else _longest_body_form(span, body)
        if anchored is not None:
            kept.append(anchored)
    return kept


def _longest_body_form(span, body: dict):
    for length in range(len(span), 0, -1):
        for start in range(span.start, span.end - length + 1):
            words = tuple(t.text for t in span.doc[start : start + length])
            if words in body:
                return Span(span.doc, start, start + length, label=body[words])
    return None


def _known_forms(spans) -> dict[tuple[str, ...], str]:
    """Token sequences that name an entity of this document, with its label."""
    forms: dict[tuple[str, ...], str] = {}
    for span in spans:
        words = tuple(t.text for t in span if t.lower_ not in {"the"})
        if not words or len(words) > 3:
            continue
        forms.setdefault(words, span.label_)
        if span.label_ == "PERSON" and len(words) >= 2:
            forms.setdefault(words[-1:], "PERSON")
    return {w: label for w, label in forms.items() if any(ch.isalpha() for ch in "".join(w))}
