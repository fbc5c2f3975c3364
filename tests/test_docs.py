"""The README documents every command, and starts with the two set-up commands."""

from __future__ import annotations

import re
from typing import Any

from kg.cli import app
from tests.conftest import ROOT


def readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_setup_commands():
    first_block = re.search(r"```(?:sh|bash)?\n(.*?)```", readme(), re.S).group(1)
    commands = [line.split("#")[0].strip() for line in first_block.splitlines() if line.strip()]
    assert commands == ["make demo", "make test"]


def cli_commands() -> dict[str, Any]:
    """Every command of the typer app by its full name ("build", "eval carb" ...), from click's
    view of the app (so a command added to cli.py is found without editing a list)."""
    from typer.main import get_command

    found: dict[str, Any] = {}

    def walk(group: Any, prefix: str) -> None:
        for name, command in group.commands.items():
            if hasattr(command, "commands"):  # a group (typer's own click)
                walk(command, f"{prefix}{name} ")
            else:
                found[f"{prefix}{name}"] = command

    walk(get_command(app), "")
    return found


def readme_table_commands() -> set[str]:
    """The commands the README's command table documents: the lowercase words after ``kg`` in
    each row's first code span (``kg eval carb --sentences ...`` -> ``eval carb``)."""
    text = readme()
    table = text[text.index("## Command reference") : text.index("Named queries")]
    found = set()
    for row in re.findall(r"^\| `kg ([^`]+)`", table, re.M):
        words = []
        for word in row.replace("\\|", "|").split():
            if not re.fullmatch(r"[a-z][a-z-]*", word):
                break
            words.append(word)
        found.add(" ".join(words))
    return found


def test_every_command_is_in_the_readme_command_table_and_no_other():
    commands = set(cli_commands())
    assert {"build", "query", "queries", "eval carb"} <= commands
    assert readme_table_commands() == commands


def test_every_named_query_is_in_the_readme():
    from kg.store.queries import named_queries

    for name in named_queries():
        assert name in readme(), f"named query {name} is not in README.md"


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
