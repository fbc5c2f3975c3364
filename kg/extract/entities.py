"""Making a document's named entities consistent before extraction.

The small English model misses names it found elsewhere in the same article (``Trump`` tagged
as a noun after ``Donald Trump``), and cuts first names off (``Dmitry [Peskov]``). Within one
document a name means the same thing throughout, so:
- a person's name extends left over adjacent proper nouns that modify it (not titles), and
  over a courtesy title (``Mr Peskov``);
- a later untagged occurrence of a name, or of a person's surname, gets the same label.
"""

from __future__ import annotations

from spacy.tokens import Span
from spacy.util import filter_spans

from kg.extract.roles import HONORIFICS, TITLE_WORDS

__all__ = ["consistent_entities"]


def consistent_entities(doc) -> None:
    """Extend and propagate the entities of ``doc`` in place."""
    spans = [_extend_person(ent) if ent.label_ == "PERSON" else ent for ent in doc.ents]
    forms = _known_forms(spans)
    taken = {i for span in spans for i in range(span.start, span.end)}
    added = []
    for token in doc:
        if token.i in taken or not token.text[:1].isupper() or token.pos_ not in {"PROPN", "NOUN"}:
            continue
        for length in (3, 2, 1):
            words = tuple(t.text for t in doc[token.i : token.i + length])
            if len(words) == length and words in forms and not taken & set(range(token.i, token.i + length)):
                added.append(Span(doc, token.i, token.i + length, label=forms[words]))
                taken.update(range(token.i, token.i + length))
                break
    doc.ents = filter_spans(spans + added)


def _extend_person(ent):
    start = ent.start
    doc = ent.doc
    while start > 0:
        before = doc[start - 1]
        if (
            before.pos_ != "PROPN"
            or before.ent_type_
            or not before.text[:1].isupper()
            or before.lower_ in TITLE_WORDS
            or before.lower_.rstrip(".") in HONORIFICS
            or before.head.i < ent.start
            or before.head.i >= ent.end
        ):
            break
        start -= 1
    if start > 0 and doc[start - 1].lower_.rstrip(".") in HONORIFICS and not doc[start - 1].ent_type_:
        start -= 1  # "Mr Peskov" is how the article names him
    elif start > 0 and _bare_title(doc[start - 1], ent):
        start -= 1  # "President Trump"; but "U.S. President Donald Trump" keeps its role apart
    return Span(doc, start, ent.end, label=ent.label_) if start != ent.start else ent


def _bare_title(token, ent) -> bool:
    """A capitalised title alone before a name, with no modifier of its own."""
    if token.lower_ not in TITLE_WORDS or not token.text[:1].isupper() or token.ent_type_:
        return False
    if not ent.start <= token.head.i < ent.end:
        return False
    return not any(child.i < token.i for child in token.children) and not (
        token.i > 0 and token.doc[token.i - 1].head.i in range(token.i, ent.end)
    )


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
