"""spaCy ``Doc``s built by hand on the real model's vocabulary, so an extraction rule is tested on
exactly the parse the test states, whatever the model would predict for the sentence.

Write a parse as a table, one token a line, in the order of CoNLL-U::

    doc = from_rows(nlp, '''
        1  Apple        NNP  2  nsubj     ent=B-ORG
        2  acquired     VBD  0  ROOT
        3  Beats        NNP  4  compound  ent=B-ORG
        4  Electronics  NNP  2  dobj      ent=I-ORG
        5  .            .    2  punct
    ''')

The columns are the token's number (from 1, checked), its text, its fine-grained tag, its head's
number (0 for the root of a sentence) and its dependency label; then optional ``key=value`` fields:
``ent`` (IOB: ``B-ORG``, ``I-ORG``; default ``O``), ``lemma``, ``pos``, ``morph``, ``space=no`` or
``space=yes`` (whitespace after the token), ``sent=start`` (the token starts a sentence; default: from the
tree). POS, morphology and lemma default to what the model's own attribute ruler and lemmatizer
give for the tag, as they would in a real parse; a field given overrides them. Whitespace
defaults to one space after each token, none before punctuation.

``to_rows(doc)`` prints a parsed ``Doc`` in the same table: parse a sentence with the model, print
its rows, and edit them into the parse a test needs. ``build_doc`` is the same helper taking lists.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["build_doc", "from_rows", "to_rows"]

#: Tags that take no space before them (punctuation closing or following a word).
NO_SPACE_BEFORE = {".", ",", ":", "''", "-RRB-", "POS", "HYPH", "NFP"}
#: Tags that take no space after them (punctuation opening a phrase).
NO_SPACE_AFTER = {"``", "-LRB-", "$", "HYPH"}
_FIELDS = ("ent", "lemma", "pos", "morph", "space", "sent")


def build_doc(
    nlp: Language,
    words: Sequence[str],
    *,
    tags: Sequence[str],
    heads: Sequence[int],
    deps: Sequence[str],
    spaces: Sequence[bool] | None = None,
    pos: Sequence[str | None] | None = None,
    lemmas: Sequence[str | None] | None = None,
    morphs: Sequence[str | None] | None = None,
    ents: Sequence[str] | None = None,
    sent_starts: Sequence[bool | None] | None = None,
) -> Doc:
    """A parsed ``Doc`` on ``nlp.vocab``: ``heads`` are absolute token indices (a root is its own
    head), ``ents`` IOB strings; ``None`` in ``pos``/``lemmas``/``morphs`` keeps the model's value."""
    size = len(words)
    for name, values in (("tags", tags), ("heads", heads), ("deps", deps), ("spaces", spaces), ("ents", ents)):
        if values is not None and len(values) != size:
            raise ValueError(f"{len(values)} {name} for {size} words")
    _check_tree(heads, deps)
    doc = Doc(
        nlp.vocab,
        words=list(words),
        spaces=list(spaces) if spaces is not None else default_spaces(tags),
        tags=list(tags),
        heads=list(heads),
        deps=list(deps),
        ents=list(ents) if ents is not None else None,
        sent_starts=list(sent_starts) if sent_starts is not None else None,
    )
    for pipe in ("attribute_ruler", "lemmatizer"):  # the model's own rules: tag -> POS, morph, lemma
        doc = nlp.get_pipe(pipe)(doc)
    for token in doc:
        if pos is not None and pos[token.i] is not None:
            token.pos_ = str(pos[token.i])
        if morphs is not None and morphs[token.i] is not None:
            token.set_morph(morphs[token.i])
        if lemmas is not None and lemmas[token.i] is not None:
            token.lemma_ = str(lemmas[token.i])
    return doc


def from_rows(nlp: Language, table: str) -> Doc:
    """A parsed ``Doc`` from a table of tokens (see the module docstring)."""
    rows = [line.split() for line in table.strip().splitlines() if line.strip()]
    words, tags, heads, deps = [], [], [], []
    fields: dict[str, list] = {name: [None] * len(rows) for name in _FIELDS}
    for number, row in enumerate(rows, start=1):
        if len(row) < 5 or row[0] != str(number):
            raise ValueError(f"row {number}: expected '{number} WORD TAG HEAD DEP [key=value ...]', got {row}")
        words.append(row[1])
        tags.append(row[2])
        head = int(row[3])
        heads.append(number - 1 if head == 0 else head - 1)
        deps.append(row[4])
        for item in row[5:]:
            key, sep, value = item.partition("=")
            if not sep or key not in _FIELDS:
                raise ValueError(f"row {number}: {item!r} is not one of {', '.join(k + '=' for k in _FIELDS)}")
            fields[key][number - 1] = value
    given_spaces = fields["space"]
    spaces = [
        default if given is None else given == "yes" for default, given in zip(default_spaces(tags), given_spaces)
    ]
    given_starts = any(value is not None for value in fields["sent"])
    return build_doc(
        nlp,
        words,
        tags=tags,
        heads=heads,
        deps=deps,
        spaces=spaces,
        pos=fields["pos"],
        lemmas=fields["lemma"],
        morphs=fields["morph"],
        ents=[value or "O" for value in fields["ent"]],
        sent_starts=[i == 0 or value == "start" for i, value in enumerate(fields["sent"])] if given_starts else None,
    )


def to_rows(doc: Doc) -> str:
    """``doc`` as a table ``from_rows`` reads back (the lemma always, POS when the tag's default
    might differ: edit what the test needs)."""
    lines = []
    spaces = default_spaces([token.tag_ for token in doc])
    for token in doc:
        head = 0 if token.head.i == token.i else token.head.i + 1
        extra = [f"lemma={token.lemma_}"]
        if token.ent_iob_ in ("B", "I"):
            extra.append(f"ent={token.ent_iob_}-{token.ent_type_}")
        if bool(token.whitespace_) != spaces[token.i]:
            extra.append("space=yes" if token.whitespace_ else "space=no")
        lines.append(f"{token.i + 1} {token.text} {token.tag_} {head} {token.dep_} " + " ".join(extra))
    return "\n".join(lines)


def default_spaces(tags: Sequence[str]) -> list[bool]:
    """One space after each token, none before closing punctuation, after opening punctuation, or
    after the last token."""
    return [
        i + 1 < len(tags) and tag not in NO_SPACE_AFTER and tags[i + 1] not in NO_SPACE_BEFORE
        for i, tag in enumerate(tags)
    ]


def _check_tree(heads: Sequence[int], deps: Sequence[str]) -> None:
    """Each token reaches a root (a token that is its own head, labelled ROOT) without a loop."""
    for i, (head, dep) in enumerate(zip(heads, deps, strict=True)):
        if not 0 <= head < len(heads):
            raise ValueError(f"token {i}: head {head} is outside the sentence")
        if (head == i) != (dep == "ROOT"):
            raise ValueError(f"token {i}: a root is its own head and labelled ROOT (head {head}, dep {dep})")
        seen = {i}
        while heads[head] != head:
            if head in seen:
                raise ValueError(f"token {i}: its heads loop")
            seen.add(head)
            head = heads[head]
