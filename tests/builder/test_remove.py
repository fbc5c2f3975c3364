"""``kg remove`` and ``kg list``: documents out of a store, atomically, leaving the graph a build
of the other documents from scratch makes; the documents of a store listed."""

from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

import kg
from kg.builder.incremental import stored_hashes
from kg.cli import app
from kg.errors import KGError
from kg.store.store import Store
from tests.builder.test_incremental import PESKOV_MANY_TIMES, seeds_plus
from tests.conftest import SEEDS

pytestmark = pytest.mark.slow  # builds stores with the model

FT = "003_bcb29d6ce618a839"  # the Financial Times article: Tillerson, Lavrov's counterpart
GONE = ["001_1603a8d01a087687", FT]


def copy_store(graph, path):
    shutil.copytree(graph.path, path, symlinks=True)
    return path


def labels(graph) -> set[str]:
    return {entity["label"] for entity in graph.entities()}


def whole_rewrite(store, copy, doc_ids, monkeypatch):
    """The same removal from a copy of the store (its identifier registry included), rewriting
    the whole graph instead of patching it: what a patch must give, quad for quad."""
    shutil.copytree(store, copy, symlinks=True)
    monkeypatch.setattr("kg.builder.incremental.PATCH_SHARE", -1.0)  # no patch: the whole store
    try:
        return kg.remove(doc_ids, copy)
    finally:
        monkeypatch.undo()


def same_as_a_fresh_build(left, fresh) -> bool:
    """The graph after a removal against a fresh build of the rest: the same entities (label,
    type, aliases, documents) and the same facts. Only IRIs may differ: the store's identifier
    registry keeps the IRIs its history fixed (a fresh store mints them from today's labels)."""

    def entities(graph):
        return sorted((e["label"], e["type"], e["aliases"], e["documents"]) for e in graph.entities())

    def facts(graph):
        return sorted(graph.export("csv").decode("utf-8").splitlines()[1:])

    return entities(left) == entities(fresh) and len(facts(left)) == len(facts(fresh))


def test_removing_documents_leaves_the_graph_a_fresh_build_of_the_rest_makes(seed_graph, tmp_path, monkeypatch):
    store = copy_store(seed_graph, tmp_path / "store")
    whole = whole_rewrite(store, tmp_path / "whole", GONE, monkeypatch)
    left = kg.remove(GONE, store)
    assert left.export("nquads") == whole.export("nquads")
    assert left.removed is not None and left.removed.removed == GONE and left.removed.documents == 3
    rest = tmp_path / "rest"
    rest.mkdir()
    for path in sorted(SEEDS.glob("*.txt")):
        if path.stem not in GONE:
            shutil.copy(path, rest / path.name)
    fresh = kg.build([str(rest)], tmp_path / "fresh")
    assert same_as_a_fresh_build(left, fresh)
    before, after = sentence_nodes(seed_graph), sentence_nodes(left)
    assert all(before[doc_id] > 0 for doc_id in GONE)  # their sentence nodes lived in their graphs
    assert after == {doc_id: n for doc_id, n in before.items() if doc_id not in GONE} == sentence_nodes(fresh)


SENTENCES = """SELECT ?id (COUNT(?s) AS ?n) WHERE { ?s a kg:Sentence ; kg:document ?d . ?d dcterms:identifier ?id }
GROUP BY ?id"""


def sentence_nodes(graph) -> dict[str, int]:
    """The number of sentence nodes (kg:Sentence) of each document of the graph, by its id."""
    return {doc_id: int(n) for doc_id, n in graph.query(SENTENCES).rows}


def test_entities_only_they_mention_go_and_shared_ones_lose_the_document(seed_graph, tmp_path):
    before = {e["label"]: e for e in seed_graph.entities()}
    only_ft = {label for label, e in before.items() if e["documents"] == [FT]}
    assert only_ft  # the FT article names people no other seed does
    store = copy_store(seed_graph, tmp_path / "store")
    after = {e["label"]: e for e in kg.remove(FT, store).entities()}
    assert only_ft.isdisjoint(after)
    shared = [label for label, e in before.items() if FT in e["documents"] and label in after]
    assert shared and all(FT not in after[label]["documents"] for label in shared)


def test_their_cache_entries_go(seed_graph, tmp_path):
    store = copy_store(seed_graph, tmp_path / "store")
    keys = stored_hashes(Store.open(store))
    kg.remove(GONE, store)
    cached = {p.name.split(".")[0] for p in (store / "cache").rglob("*.json")}
    assert cached == {key for doc_id, key in keys.items() if doc_id not in GONE}


def test_an_unknown_id_removes_nothing(seed_graph, tmp_path):
    store = copy_store(seed_graph, tmp_path / "store")
    before = kg.open_graph(store).export("nquads")
    with pytest.raises(KGError) as err:
        kg.remove([FT, "no-such-doc"], store)
    assert err.value.code == "KG308" and "'no-such-doc'" in err.value.message
    assert kg.open_graph(store).export("nquads") == before


def test_a_failure_halfway_leaves_the_store_and_the_cache_as_they_were(seed_graph, tmp_path, monkeypatch):
    store = copy_store(seed_graph, tmp_path / "store")
    before = kg.open_graph(store).export("nquads")
    cached = sorted((store / "cache").rglob("*.json"))

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("kg.store.store.bulk_load", disk_full)
    with pytest.raises(KGError) as err:
        kg.remove(FT, store)
    assert err.value.code == "KG305"
    monkeypatch.undo()
    assert kg.open_graph(store).export("nquads") == before
    assert sorted((store / "cache").rglob("*.json")) == cached
    assert sorted(p.name for p in store.iterdir() if p.name.startswith("data-")) == [
        Store.open(store).data_dir.name  # no half-written data directory left
    ]


def test_a_removal_that_changes_a_label_matches_a_fresh_build(seed_graph, tmp_path, monkeypatch):
    """Removing the document that gave Peskov his most frequent spelling renames the entity
    in every other document: they are rewritten, as a fresh build would write them."""
    monkeypatch.setattr("kg.builder.incremental.PATCH_SHARE", 1.0)  # patch however many change
    folder = seeds_plus(tmp_path, "zz_harvest.txt", PESKOV_MANY_TIMES)
    store = tmp_path / "store"
    kg.build([str(folder)], store)
    whole = whole_rewrite(store, tmp_path / "whole", "zz_harvest", monkeypatch)
    monkeypatch.setattr("kg.builder.incremental.PATCH_SHARE", 1.0)
    left = kg.remove("zz_harvest", store)
    assert left.export("nquads") == whole.export("nquads")
    fresh = kg.build([str(SEEDS)], tmp_path / "fresh")
    assert same_as_a_fresh_build(left, fresh)


def test_kg_list_and_kg_remove_on_the_command_line(seed_graph, tmp_path):
    store = copy_store(seed_graph, tmp_path / "store")
    runner = CliRunner()
    listed = runner.invoke(app, ["list", "--store", str(store), "--format", "csv"])
    assert listed.exit_code == 0
    header, *lines = listed.stdout.splitlines()
    assert header == "id,title,date,source,facts"
    assert [line.split(",")[0] for line in lines] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert (
        lines[0].startswith("000_ae2dc266baacb85d,No ground to talk about normalization")
        and ",2020-04-27,CGTN," in lines[0]
    )
    removed = runner.invoke(app, ["remove", FT, "--store", str(store)])
    assert removed.exit_code == 0
    assert removed.stderr.startswith(f"{store}: removed 1 document(s); 4 documents, ")
    missing = runner.invoke(app, ["remove", FT, "--store", str(store)])
    assert missing.exit_code == 1
    assert missing.stderr == f"error: KG308: {store}: no document '{FT}' in the store (kg list shows the ids)\n"
