"""The package reads as the pipeline: each stage imports only from itself and earlier stages,
and no module imports another that imports it back (directly or around a loop)."""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "kg"
#: The stages in data-flow order; the modules at the top sit before or after all of them.
STAGES = ("ingest", "parse", "extract", "resolve", "graph", "store", "builder", "views", "evaluate")
BASE = ("errors", "model")  # importable from every stage
TOP = ("api", "cli", "__init__", "__main__")  # may import every stage


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """The kg modules ``path`` imports, at any depth of the file (lazy imports count too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module and node.module.startswith("kg"):
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("kg"))
        elif isinstance(node, ast.ImportFrom) and node.level:
            raise AssertionError(f"{path}: relative import; kg uses absolute imports")
    modules = {module_name(p) for p in PACKAGE.rglob("*.py")}
    return {name for name in found if name in modules}


def rank(module: str) -> int:
    """The position of a module's stage in the data flow (base modules first, top ones last)."""
    parts = module.split(".")
    if len(parts) == 1 or parts[1] in TOP:
        return len(STAGES) + 1
    if parts[1] in BASE:
        return -1
    return STAGES.index(parts[1])


@functools.cache
def graph() -> nx.DiGraph:
    edges = nx.DiGraph()
    for path in PACKAGE.rglob("*.py"):
        name = module_name(path)
        edges.add_node(name)
        for imported in imports_of(path):
            if imported != name and not name.startswith(imported + "."):
                edges.add_edge(name, imported)  # a module may import its own package
    return edges


def test_every_module_belongs_to_a_stage():
    for path in PACKAGE.rglob("*.py"):
        parts = module_name(path).split(".")
        assert len(parts) == 1 or parts[1] in STAGES + BASE + TOP, f"{path} is not in a stage"


def test_no_stage_imports_a_later_stage():
    upward = [(a, b) for a, b in graph().edges if rank(b) > rank(a)]
    assert upward == []


@pytest.mark.parametrize("ignore_packages", [False, True])
def test_no_import_cycles(ignore_packages):
    """No cycles between modules, nor between stages (a package's __init__ importing its own
    modules is not a cycle)."""
    edges = graph()
    if ignore_packages:
        stage_of = {n: ".".join(n.split(".")[:2]) for n in edges}
        edges = nx.DiGraph((stage_of[a], stage_of[b]) for a, b in edges.edges if stage_of[a] != stage_of[b])
    assert list(nx.simple_cycles(edges)) == []
