"""The README documents every command, and starts with the two set-up commands."""

from __future__ import annotations

import re

from kg.cli import app
from tests.conftest import ROOT


def readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_setup_commands():
    first_block = re.search(r"```(?:sh|bash)?\n(.*?)```", readme(), re.S).group(1)
    commands = [line.split("#")[0].strip() for line in first_block.splitlines() if line.strip()]
    assert commands == ["make demo", "make test"]


def test_every_command_is_in_the_readme():
    text = readme()
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    assert names
    for name in names:
        assert f"kg {name}" in text, f"kg {name} is not documented in README.md"


def test_every_named_query_is_in_the_readme():
    from kg.store.queries import named_queries

    for name in named_queries():
        assert name in readme(), f"named query {name} is not in README.md"


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
