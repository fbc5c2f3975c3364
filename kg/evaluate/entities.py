"""Entity resolution measured on annotated articles: kg against two baselines.

The gold (``eval/entities/gold.jsonl``) lists, for each article, its named mentions by
character offsets into the article as stored, each with the id of its cross-document entity.
Articles are referenced, not copied, when their text may not be shipped: ``bbc:politics/001.txt``
is read from the BBC corpus at evaluation time (skipped, and said so, when it is absent);
``written/...`` articles live beside the gold.

kg reads every article as ``kg build`` does (``text_document``), extracts and resolves them
together; a gold mention takes the entity of the kg name mention that overlaps it most (a
mention kg did not find is a cluster of its own). The baselines cluster the same mentions by
their normalised string, and by the last word of it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from kg.errors import InputError
from kg.evaluate.clusters import ClusterScore, score_clusters
from kg.model import Document, Extraction
from kg.resolve.names import name_key

__all__ = [
    "BBC_PREFIX",
    "EntityEval",
    "GoldArticle",
    "GoldMention",
    "default_bbc_root",
    "kg_clusters",
    "last_word_clusters",
    "read_gold",
    "render_entity_eval",
    "run_entity_eval",
    "string_clusters",
]

BBC_PREFIX = "bbc:"
SPLITS = ("dev", "test")
MentionKey = tuple[str, int]  # (article, index of the mention in its article)


@dataclass(frozen=True)
class GoldMention:
    start: int
    end: int
    text: str
    entity: str


@dataclass(frozen=True)
class GoldArticle:
    article: str  # "bbc:politics/001.txt" or "written/w01-....txt"
    split: str  # "dev" (tuned on) or "test" (held out)
    mentions: tuple[GoldMention, ...]


def read_gold(path: str | os.PathLike) -> list[GoldArticle]:
    """The annotated articles of a gold JSONL file; a malformed line is KG120."""
    articles = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            mentions = tuple(GoldMention(m["start"], m["end"], m["text"], m["entity"]) for m in record["mentions"])
            articles.append(GoldArticle(record["article"], record.get("split", "dev"), mentions))
        except (ValueError, KeyError, TypeError) as err:
            raise InputError(f"{path}: line {number} is not a gold article ({err})", code="KG120") from None
    return articles


def default_bbc_root(gold_dir: Path) -> Path:
    """``$KG_BBC_CORPUS``, else ``shared/corpora/bbc`` beside the repository holding the gold."""
    if os.environ.get("KG_BBC_CORPUS"):
        return Path(os.environ["KG_BBC_CORPUS"])
    return gold_dir.resolve().parent.parent.parent / "shared" / "corpora" / "bbc"


def _raw_text(article: str, gold_dir: Path, bbc_root: Path) -> str | None:
    from kg.ingest.decode import read_text

    path = bbc_root / article[len(BBC_PREFIX) :] if article.startswith(BBC_PREFIX) else gold_dir / article
    return read_text(path) if path.is_file() else None


def _offset_map(raw: str, text: str) -> Callable[[int], int | None]:
    """Raw offsets to offsets in the cleaned text (None inside what cleaning removed)."""
    if raw == text or (raw.startswith(text) and raw[len(text) :].isspace()):
        return lambda offset: offset if offset <= len(text) else None
    blocks = SequenceMatcher(None, raw, text, autojunk=False).get_matching_blocks()

    def mapped(offset: int) -> int | None:
        for a, b, size in blocks:
            if a <= offset < a + size:
                return b + offset - a
        return None

    return mapped


@dataclass
class _Article:
    gold: GoldArticle
    document: Document
    spans: list[tuple[int, int] | None]  # each gold mention's offsets in document.text


def _load(articles: list[GoldArticle], gold_dir: Path, bbc_root: Path) -> tuple[list[_Article], list[str]]:
    from kg.ingest.sources import text_document

    loaded, missing = [], []
    for gold in articles:
        raw = _raw_text(gold.article, gold_dir, bbc_root)
        if raw is None:
            missing.append(gold.article)
            continue
        for m in gold.mentions:
            if raw[m.start : m.end] != m.text:
                found = raw[m.start : m.end]
                raise InputError(f"{gold.article}: mention {m.text!r} at {m.start} reads {found!r}", code="KG121")
        document = text_document(raw, id=gold.article, path=gold.article)
        if document is None:
            missing.append(gold.article)
            continue
        to_text = _offset_map(raw, document.text)
        spans = []
        for m in gold.mentions:
            start, end = to_text(m.start), to_text(m.end - 1)
            spans.append(None if start is None or end is None else (start, end + 1))
        loaded.append(_Article(gold, document, spans))
    return loaded, missing


def kg_clusters(loaded: list[_Article], *, nlp=None) -> dict[MentionKey, str]:
    """kg's entity for each gold mention: extraction and resolution over all the articles."""
    from kg.extract import extract_documents
    from kg.resolve.entities import resolve

    extractions = list(extract_documents([a.document for a in loaded], nlp=nlp))
    resolution = resolve(extractions)
    clusters: dict[MentionKey, str] = {}
    for article, extraction in zip(loaded, extractions):
        for index, span in enumerate(article.spans):
            mention = _best_overlap(extraction, span)
            entity = resolution.mention_entity.get((extraction.document.id, mention)) if mention is not None else None
            clusters[(article.gold.article, index)] = entity or f"unfound:{article.gold.article}:{index}"
    return clusters


def _best_overlap(extraction: Extraction, span: tuple[int, int] | None) -> int | None:
    if span is None:
        return None
    best, best_overlap = None, 0
    for mention in extraction.mentions:
        if mention.kind != "name":
            continue
        overlap = min(span[1], mention.end) - max(span[0], mention.start)
        if overlap > best_overlap:
            best, best_overlap = mention.id, overlap
    return best


def _keyed(loaded: list[_Article], key: Callable[[str], str]) -> dict[MentionKey, str]:
    return {
        (a.gold.article, i): key(m.text) or f"empty:{a.gold.article}:{i}"
        for a in loaded
        for i, m in enumerate(a.gold.mentions)
    }


def string_clusters(loaded: list[_Article]) -> dict[MentionKey, str]:
    """Baseline: mentions with the same normalised string are one entity."""
    return _keyed(loaded, name_key)


def last_word_clusters(loaded: list[_Article]) -> dict[MentionKey, str]:
    """Baseline: mentions whose normalised strings end in the same word are one entity."""
    return _keyed(loaded, lambda text: (name_key(text).split() or [""])[-1])


@dataclass
class EntityEval:
    """Scores by split ("dev", "test", "all") and system, and what could not be read."""

    scores: dict[str, dict[str, dict[str, ClusterScore]]] = field(default_factory=dict)
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)  # split -> (articles, mentions)
    missing: list[str] = field(default_factory=list)


SYSTEMS = ("kg", "same string", "same last word")


def run_entity_eval(gold_path: str | os.PathLike, *, bbc_root: str | os.PathLike | None = None, nlp=None) -> EntityEval:
    """Score kg and the two baselines on every split of the gold file."""
    gold_path = Path(gold_path)
    gold_dir = gold_path.parent
    root = Path(bbc_root) if bbc_root is not None else default_bbc_root(gold_dir)
    loaded, missing = _load(read_gold(gold_path), gold_dir, root)
    predicted = {"kg": kg_clusters(loaded, nlp=nlp), "same string": string_clusters(loaded)}
    predicted["same last word"] = last_word_clusters(loaded)
    truth = {(a.gold.article, i): m.entity for a in loaded for i, m in enumerate(a.gold.mentions)}
    result = EntityEval(missing=missing)
    for split in (*SPLITS, "all"):
        chosen = [a for a in loaded if split == "all" or a.gold.split == split]
        keys = [(a.gold.article, i) for a in chosen for i in range(len(a.gold.mentions))]
        if not keys:
            continue
        gold = {k: truth[k] for k in keys}
        result.counts[split] = (len(chosen), len(keys))
        result.scores[split] = {name: score_clusters(gold, {k: p[k] for k in keys}) for name, p in predicted.items()}
    return result


def _cells(score: ClusterScore) -> list[str]:
    return [f"{100 * v:.1f}" for v in (score.precision, score.recall, score.f1)]


def render_entity_eval(result: EntityEval) -> str:
    """One table per split: B-cubed and pairwise precision, recall and F1 of each system."""
    lines = []
    for split, by_system in result.scores.items():
        articles, mentions = result.counts[split]
        lines.append(f"{split}: {articles} articles, {mentions} named mentions (percent)")
        rows: list[tuple[str, ...]] = [("system", "B3 P", "B3 R", "B3 F1", "pair P", "pair R", "pair F1")]
        for name, scores in by_system.items():
            rows.append((name, *_cells(scores["B-cubed"]), *_cells(scores["pairwise"])))
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        lines += [
            "  " + "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths)))
            for row in rows
        ]
        lines.append("")
    if result.missing:
        lines.append(f"not found, left out: {len(result.missing)} articles (e.g. {result.missing[0]}); see --bbc")
    return "\n".join(lines).rstrip() + "\n"
