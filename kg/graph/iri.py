"""IRI minting: the only way kg turns text into IRIs (slug + short hash, deterministic)."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from kg.graph.namespaces import CONCEPT_NS, DOC_NS, ENTITY_NS, FACT_NS, GRAPH_NS, REL_NS

__all__ = [
    "concept_iri",
    "doc_graph_iri",
    "doc_iri",
    "entity_iri",
    "fact_iri",
    "link_iri",
    "local_name",
    "mint",
    "relation_iri",
    "relation_label",
    "sentence_iri",
    "short_hash",
    "slug",
]

MAX_SLUG = 48
_SLUG_INPUT = 512  # only the start of a long text can reach the slug: bound the work
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_PLAIN_RELATION = re.compile(r"[a-z0-9]+(?: [a-z0-9]+)*")


def short_hash(text: str, length: int = 10) -> str:
    """First ``length`` hex digits of the SHA-1 of ``text`` (UTF-8, lone surrogates replaced)."""
    return hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()[:length]


def slug(text: str, max_len: int = MAX_SLUG) -> str:
    """ASCII, lowercase, ``_`` for runs of anything else; at most ``max_len`` chars; "x" if empty."""
    folded = unicodedata.normalize("NFKD", text[:_SLUG_INPUT])
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    out = _NON_ALNUM.sub("_", ascii_text).strip("_")[:max_len].rstrip("_")
    return out or "x"


def mint(namespace: str, text: str, *, key: str | None = None) -> str:
    """``namespace + slug(text) + "-" + short_hash(key or text)``: never raw text."""
    return f"{namespace}{slug(text)}-{short_hash(key if key is not None else text)}"


def relation_label(relation: str, negated: bool = False) -> str:
    """The label of a relation property: the relation, or ``not <relation>`` when negated."""
    return f"not {relation}" if negated else relation


def relation_iri(relation: str, negated: bool = False) -> str:
    """``rel/cooperate_in`` for "cooperate in"; a hash suffix only when the slug loses information."""
    label = relation_label(relation, negated)
    if _PLAIN_RELATION.fullmatch(label) and len(label) <= MAX_SLUG:
        return REL_NS + label.replace(" ", "_")
    return mint(REL_NS, label)


def entity_iri(label: str, entity_id: str) -> str:
    """The IRI of an entity: minted from its label, keyed by its stable id."""
    return mint(ENTITY_NS, label, key=entity_id)


def concept_iri(key: str) -> str:
    """The IRI of a concept, from its key alone: the same key is the same node in every build."""
    return mint(CONCEPT_NS, key)


def doc_iri(doc_id: str) -> str:
    """The IRI of a document, from its id."""
    return mint(DOC_NS, doc_id)


def sentence_iri(doc_id: str, index: int) -> str:
    """The IRI of a document's sentence ``index``: a hash IRI of the document, so it is as stable
    as the document's and a Linked Data GET of it (browsers drop the fragment) lands on the
    document's page."""
    return f"{doc_iri(doc_id)}#sentence-{int(index)}"


def local_name(value: str) -> str:
    """The part of an IRI after its last ``/`` or ``#``."""
    cut = max(value.rfind("/"), value.rfind("#"))
    return value[cut + 1 :]


def doc_graph_iri(doc_id: str) -> str:
    """The named graph holding a document's facts: ``graph/<doc-iri-local-name>``."""
    return GRAPH_NS + local_name(doc_iri(doc_id))


def fact_iri(
    doc_id: str, sentence: int, relation: str, subject: str, obj: str, negated: bool, *, text: str = ""
) -> str:
    """The IRI of a fact node: hash of everything that makes it distinct, slug of ``text``."""
    key = "\x1f".join([doc_id, str(sentence), relation, subject, obj, "1" if negated else "0"])
    return mint(FACT_NS, text[:200] or relation, key=key)


def link_iri(fact: str, kind: str, relation: str, target: str, *, text: str = "") -> str:
    """The IRI of a link of a fact (an edge other than its subject-object one): keyed by the
    fact IRI, the kind of link, its relation and its target."""
    key = "\x1f".join([fact, kind, relation, target])
    return mint(FACT_NS, text[:200] or kind, key=key)
