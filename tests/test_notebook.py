"""notebooks/explore.ipynb runs top to bottom in a real Jupyter kernel (nbclient), and its
outputs hold the answers: tables, a plot and the graph page."""

from __future__ import annotations

import base64
import shutil

import pytest

from tests.conftest import ROOT, SEEDS

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """The notebook executed in a copy of the repository layout (seeds/ beside notebooks/)."""
    root = tmp_path_factory.mktemp("nb")
    shutil.copytree(SEEDS, root / "seeds")
    (root / "notebooks").mkdir()
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(root / "notebooks")}}
    )
    client.execute()
    return root, {cell.id: cell for cell in notebook.cells}


def _outputs(cell, mime: str) -> list[str]:
    return [out["data"][mime] for out in cell.outputs if mime in out.get("data", {})]


def test_committed_notebook_has_no_outputs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert code and all(not c.outputs and c.execution_count is None for c in code)


@pytest.mark.slow  # runs the notebook
def test_every_cell_runs_without_error(executed):
    _, cells = executed
    errors = [
        (cid, out)
        for cid, cell in cells.items()
        for out in cell.get("outputs", [])
        if out["output_type"] == "error" or out.get("name") == "stderr"
    ]
    assert errors == []  # no exception, and no warning either
    assert "5 documents" in _outputs(cells["build"], "text/plain")[0]


@pytest.mark.slow  # runs the notebook
def test_who_said_what_is_a_dataframe_with_the_speakers(executed):
    _, cells = executed
    table = _outputs(cells["who-said-what"], "text/html")[0]
    assert "dataframe" in table and "<th>statements</th>" in table
    assert "Dmitry Peskov" in table and "Sergey Lavrov" in table
    peskov = _outputs(cells["peskov-said"], "text/html")[0]
    assert "There is no ground yet to talk about the normalization" in peskov
    assert "Sergey Lavrov" not in peskov  # the bound parameter filters the speaker


@pytest.mark.slow  # runs the notebook
def test_the_sparql_cell_shows_each_negated_fact_with_its_sentence_text(executed):
    _, cells = executed
    negated = _outputs(cells["negated"], "text/html")[0]
    assert "<th>sentence</th>" in negated and "not indulge in" in negated
    assert "I would not indulge in excessive optimism" in negated  # the sentence node's text, not its IRI
    assert "#sentence-" not in negated


@pytest.mark.slow  # runs the notebook
def test_queries_roles_and_path_tables(executed):
    _, cells = executed
    assert "who-said-what" in _outputs(cells["named-queries"], "text/plain")[0]
    assert "Kremlin spokesman" in _outputs(cells["roles"], "text/html")[0]
    path = _outputs(cells["path"], "text/html")[0]
    assert "Pompeo" in path and "Nicolás Maduro" in path and "004_6676e491cd5a915a" in path


@pytest.mark.slow  # runs the notebook
def test_central_entities_plot_is_a_png(executed):
    _, cells = executed
    central = _outputs(cells["central"], "text/plain")[0]
    assert "pagerank" in central and "United States" in central
    images = _outputs(cells["plot"], "image/png")
    assert len(images) == 1
    png = base64.b64decode(images[0])
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000


@pytest.mark.slow  # runs the notebook
def test_graph_is_rendered_inline(executed):
    root, cells = executed
    html = _outputs(cells["render"], "text/html")[0]
    assert html.startswith("<div><iframe srcdoc=") and "vis-network" in html
    assert "Sergey Lavrov" in html and "<script" not in html  # the page is escaped into srcdoc
    assert (root / "out" / "notebook-graph.html").is_file()
    assert (root / "out" / "notebook-store").is_dir()


@pytest.mark.slow  # over a second of CPU: left out of make check
def test_who_met_whom_told_whom_offices_relations_and_timeline(executed):
    _, cells = executed
    meetings = _outputs(cells["meetings"], "text/html")[0]
    assert "Rex Tillerson" in meetings and "Vladimir Putin" in meetings and "Sergey Lavrov" in meetings
    told = _outputs(cells["told-whom"], "text/html")[0]
    assert "Pompeo" in told and "reporters" in told
    offices = _outputs(cells["offices"], "text/html")[0]
    assert "spokesman" in offices and "Kremlin" in offices
    between = _outputs(cells["relations-between"], "text/html")[0]
    assert "material cooperation" in between and "verbal conflict" in between and "confront" in between
    timeline = _outputs(cells["timeline"], "text/html")[0]
    assert "2020-04-27" in timeline and "Monday" in timeline
    assert "statement" in _outputs(cells["edges"], "text/html")[0]
