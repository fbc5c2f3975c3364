"""The one registry of error codes: each code registered once, each raised somewhere in kg/, and
every code kg/ uses registered (so a code cannot mean two things or exist only in prose)."""

from __future__ import annotations

import ast
import pickle
import re
from pathlib import Path

import pytest

from kg.errors import CODES, Errors, ExportError, InputError, KGError, QueryError, StoreError

PACKAGE = Path(__file__).resolve().parents[1] / "kg"
CODE = re.compile(r"""["'](KG\d{3})["']""")


def codes_in_sources() -> dict[str, list[str]]:
    """Every quoted ``"KGnnn"`` in kg/ outside the registry, with the files that hold it."""
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "errors.py" and path.parent == PACKAGE:
            continue
        for code in CODE.findall(path.read_text(encoding="utf-8")):
            found.setdefault(code, []).append(str(path.relative_to(PACKAGE)))
    return found


def test_each_code_is_registered_once():
    tree = ast.parse((PACKAGE / "errors.py").read_text(encoding="utf-8"))
    registry = next(node for node in tree.body if isinstance(node, ast.ClassDef) and node.name == "Errors")
    names = [
        t.id for node in registry.body if isinstance(node, ast.Assign) for t in node.targets if isinstance(t, ast.Name)
    ]
    assert len(names) == len(set(names)), sorted({n for n in names if names.count(n) > 1})
    assert names == sorted(names) and set(names) == set(CODES)
    meanings = list(CODES.values())
    assert len(meanings) == len(set(meanings)), "two codes with the same meaning"


def test_each_registered_code_is_raised_somewhere_in_kg():
    unused = sorted(set(CODES) - set(codes_in_sources()))
    assert unused == [], f"registered but raised nowhere in kg/: {unused}"


def test_every_code_used_in_kg_is_registered():
    unknown = {code: files for code, files in codes_in_sources().items() if code not in CODES}
    assert unknown == {}


def test_an_unregistered_code_is_refused():
    with pytest.raises(ValueError, match=r"KG199.*not registered"):
        InputError("a source", "KG199")
    with pytest.raises(ValueError, match="not registered"):
        StoreError("no code given")


def test_a_code_of_another_family_is_refused():
    with pytest.raises(ValueError, match="InputError takes KG1xx codes, not KG301"):
        InputError("not a store", "KG301")
    assert KGError("interrupted", "KG001").code == "KG001"  # the base class takes any family


def test_the_message_is_one_line_with_its_code_and_survives_pickling():
    error = QueryError("query timed out after 1 s", "KG404")
    assert str(error) == "KG404: query timed out after 1 s"
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is QueryError and copy.code == "KG404" and copy.message == error.message


def test_the_registry_reads_as_spacy_errors():
    assert Errors.KG501 == CODES["KG501"] == "unknown output format"
    assert ExportError("x", "KG503").code == "KG503"
