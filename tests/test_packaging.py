"""Packaging: every package kg imports is declared in pyproject.toml (optional ones in an extra),
the version has one source, and the data files the code reads are package data."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib

import pytest

import kg
from tests.conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
#: Imported only where an extra is installed (each import site says which extra to install).
OPTIONAL = {"distributed": "dask", "dask": "dask", "pandas": "notebook", "textacy": "eval", "matplotlib": "notebook"}


def imported_top_modules() -> set[str]:
    found = set()
    for path in (ROOT / "kg").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return {m for m in found if m not in sys.stdlib_module_names and m not in ("kg", "__future__")}


def declared(requirements: list[str]) -> set[str]:
    return {re.split(r"[\s<>=!~\[;]", r, maxsplit=1)[0].lower().replace("_", "-") for r in requirements}


@pytest.mark.slow  # over a second of CPU: left out of make check
def test_every_imported_package_is_declared():
    distributions = importlib.metadata.packages_distributions()
    required = declared(PYPROJECT["project"]["dependencies"])
    extras = {name: declared(reqs) for name, reqs in PYPROJECT["project"]["optional-dependencies"].items()}
    missing = {}
    for module in sorted(imported_top_modules()):
        names = {d.lower().replace("_", "-") for d in distributions.get(module, [module])}
        pool = extras.get(OPTIONAL[module], set()) if module in OPTIONAL else required
        if not names & pool:
            missing[module] = sorted(names)
    assert missing == {}


def test_the_version_has_one_source():
    assert "version" in PYPROJECT["project"]["dynamic"] and "version" not in PYPROJECT["project"]
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "kg.__version__"}
    assert importlib.metadata.version("kg") == kg.__version__


def test_license_is_an_spdx_string_with_its_file():
    assert PYPROJECT["project"]["license"] == "MIT"
    assert all((ROOT / f).is_file() for f in PYPROJECT["project"]["license-files"])


def test_the_data_files_the_code_reads_are_package_data():
    data = PYPROJECT["tool"]["setuptools"]["package-data"]
    packages = set(PYPROJECT["tool"]["setuptools"]["packages"])
    assert set(data) <= packages and (ROOT / "kg" / "py.typed").is_file() and "py.typed" in data["kg"]
    for folder, package in ((ROOT / "ontology", "kg.ontology"), (ROOT / "ontology" / "queries", "kg.ontology.queries"),
                            (ROOT / "kg" / "views" / "templates", "kg.views.templates"),
                            (ROOT / "kg" / "views" / "serve" / "templates", "kg.views.serve.templates"),
                            (ROOT / "kg" / "views" / "serve" / "static", "kg.views.serve.static")):  # fmt: skip
        suffixes = {f"*{p.suffix}" for p in folder.iterdir() if p.is_file()}
        assert suffixes and suffixes <= set(data[package]), package
