"""notebooks/explore.ipynb runs top to bottom against the library (each code cell in order)."""

from __future__ import annotations

import contextlib
import io
import json
import shutil

from .conftest import ROOT, SEEDS


def test_notebook_runs_and_answers(tmp_path, monkeypatch):
    notebook = json.loads((ROOT / "notebooks" / "explore.ipynb").read_text(encoding="utf-8"))
    shutil.copytree(SEEDS, tmp_path / "seeds")
    (tmp_path / "notebooks").mkdir()
    monkeypatch.chdir(tmp_path / "notebooks")
    namespace: dict = {}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        for cell in notebook["cells"]:
            if cell["cell_type"] == "code":
                exec(compile("".join(cell["source"]), "explore.ipynb", "exec"), namespace)  # noqa: S102
    output = printed.getvalue()
    assert "5 documents" in output
    assert "Dmitry Peskov -say-> There is no ground yet" in output
    assert "Dmitry Peskov        Kremlin spokesman" in output
    assert namespace["negated"].rows
    assert (tmp_path / "out" / "notebook-graph.html").is_file()
