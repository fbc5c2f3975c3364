"""First names and their gender, from gender-guesser's name list (about 40,000 given names
with the countries that use them): a cue that a name is a person's, and of which gender.

gender-guesser parses its 48,000-line list in Python each time a detector is made: 1-2 s, paid
by every build process (a twentieth of a 400-article build's parse). The answer for each name
never changes for one version of the list, so it is worked out once and kept as JSON in the
user's cache (``$XDG_CACHE_HOME/kg``, else ``~/.cache/kg``); later processes read that in
milliseconds. A cache that cannot be read or written is skipped: the list is parsed as before.
"""

from __future__ import annotations

import json
import os
import tempfile
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

__all__ = ["first_name_gender", "gender_table", "is_given_name"]


def _cache_file() -> Path:
    root = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(root) / "kg" / f"given-names-{version('gender-guesser')}.json"


def _parsed() -> dict[str, str]:
    """Every name of the list with gender-guesser's verdict (``male``, ``mostly_female``, ``andy``...)."""
    import gender_guesser.detector as gender_guesser

    detector = gender_guesser.Detector(case_sensitive=False)
    return {name: detector.get_gender(name) for name in detector.names}


def _read(path: Path) -> dict[str, str] | None:
    try:
        table = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return table if isinstance(table, dict) else None


def _write(path: Path, table: dict[str, str]) -> None:
    """Write atomically (a temporary file renamed over the target), so a reader never sees half."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(table, handle, sort_keys=True)
        os.replace(tmp, path)
    except OSError:
        return


@lru_cache(maxsize=1)
def gender_table() -> dict[str, str]:
    """Lower-cased given name -> gender-guesser's verdict, from the cache when it is there."""
    path = _cache_file()
    table = _read(path)
    if table is None:
        table = _parsed()
        _write(path, table)
    return table


#: Words the name list holds that, in news text, are almost never first names.
_NOT_NAMES = frozenset({"the", "an", "and", "general", "king", "major", "prince", "queen", "chief", "judge"})


@lru_cache(maxsize=1 << 15)
def _guess(word: str) -> str:
    if len(word) < 2 or not word.isalpha() or word in _NOT_NAMES:
        return "unknown"
    return gender_table().get(word, "unknown")


def first_name_gender(word: str) -> str | None:
    """``m`` or ``f`` for a given name, None when unknown or used for both."""
    return {"male": "m", "mostly_male": "m", "female": "f", "mostly_female": "f"}.get(_guess(word.lower()))


def is_given_name(word: str) -> bool:
    """A word the name list knows as a first name (of either gender)."""
    return _guess(word.lower()) != "unknown"
