"""Incremental builds: a change rewrites only the documents it touches, and the graph is the
one a build from scratch makes."""

from __future__ import annotations

import shutil

import pytest

import kg
from kg.store.store import Store
from tests.conftest import SEEDS

LAVROV_TALKS = """Lavrov meets Gulf ministers in Doha

Russian Foreign Minister Sergey Lavrov met his Qatari counterpart in Doha on Tuesday.
Lavrov said that Moscow was ready to help the talks on the region's security.
The ministers discussed trade and energy, according to a statement from the Qatari ministry.
Lavrov also said that the war in Syria had to end.
"""

PESKOV_MANY_TIMES = """Dmitri Peskov on the harvest

Kremlin spokesman Dmitri Peskov said on Friday that the harvest was good.
Dmitri Peskov added that grain exports would grow.
Reporters asked Dmitri Peskov about prices, and Dmitri Peskov declined to comment.
Dmitri Peskov said the government would publish figures next month.
"""


def seeds_plus(tmp_path, name: str, text: str):
    folder = tmp_path / "sources"
    shutil.copytree(SEEDS, folder)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def entity(graph, label):
    return next(e for e in graph.entities() if e["label"] == label)


def full_rewrite(store, copy, sources, monkeypatch):
    """The same build as an incremental one, from the same store (its registry included), but
    rewriting the whole graph: what an incremental build must give, quad for quad."""
    monkeypatch.setattr("kg.builder.incremental.PATCH_SHARE", -1.0)  # no patch: the whole store
    try:
        return kg.build(sources, copy)
    finally:
        monkeypatch.undo()


@pytest.mark.slow  # builds the seeds three times
def test_adding_a_document_rewrites_only_it_and_matches_a_fresh_build(seed_graph, tmp_path, monkeypatch):
    folder = seeds_plus(tmp_path, "zz_doha.txt", LAVROV_TALKS)
    store = tmp_path / "store"
    shutil.copytree(seed_graph.path, store, symlinks=True)
    shutil.copytree(seed_graph.path, tmp_path / "copy", symlinks=True)
    added = kg.build([str(folder / "zz_doha.txt")], store)
    assert added.summary.documents == 6 and added.summary.new == 1
    assert added.summary.rewritten is not None and 1 <= added.summary.rewritten <= 2
    fresh = kg.build([str(folder)], tmp_path / "fresh")
    assert fresh.summary.rewritten is None  # a first build loads everything
    assert added.export("nquads") == fresh.export("nquads")  # no entity was renamed: the same IRIs
    assert (added.summary.sentences, added.summary.facts) == (fresh.summary.sentences, fresh.summary.facts)
    lavrov = entity(added, "Sergey Lavrov")
    assert "zz_doha" in lavrov["documents"]
    rewritten = full_rewrite(store, tmp_path / "copy", [str(folder / "zz_doha.txt")], monkeypatch)
    assert rewritten.summary.rewritten is None and added.export("nquads") == rewritten.export("nquads")


@pytest.mark.slow  # builds the seeds three times
def test_a_new_spelling_that_takes_over_a_label_keeps_the_iri(seed_graph, tmp_path, monkeypatch):
    folder = seeds_plus(tmp_path, "zz_harvest.txt", PESKOV_MANY_TIMES)
    store = tmp_path / "store"
    shutil.copytree(seed_graph.path, store, symlinks=True)
    shutil.copytree(seed_graph.path, tmp_path / "copy", symlinks=True)
    before = entity(kg.open_graph(store), "Dmitry Peskov")["id"]
    monkeypatch.setattr("kg.builder.incremental.PATCH_SHARE", 1.0)  # patch however many documents change
    added = kg.build([str(folder / "zz_harvest.txt")], store)
    monkeypatch.undo()
    peskov = entity(added, "Dmitri Peskov")
    assert peskov["id"] == before  # a new preferred label, the same IRI
    assert "zz_harvest" in peskov["documents"] and len(peskov["documents"]) >= 3
    assert added.summary.rewritten >= len(peskov["documents"])  # its label changed in each of them
    rewritten = full_rewrite(store, tmp_path / "copy", [str(folder / "zz_harvest.txt")], monkeypatch)
    assert added.export("nquads") == rewritten.export("nquads")
    fresh = kg.build([str(folder)], tmp_path / "fresh")  # a new store mints from today's label
    assert entity(fresh, "Dmitri Peskov")["id"] != before


@pytest.mark.slow  # builds the seeds once more
def test_a_link_imported_to_an_entity_still_resolves_after_a_rename(seed_graph, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(seed_graph.path, store, symlinks=True)
    peskov = entity(kg.open_graph(store), "Dmitry Peskov")["id"]
    links = tmp_path / "wikidata.ttl"
    links.write_text(f"<{peskov}> <http://www.w3.org/2002/07/owl#sameAs> <http://www.wikidata.org/entity/Q4158915> .\n")
    from kg.store.importer import import_rdf

    import_rdf(links, store)
    folder = seeds_plus(tmp_path, "zz_harvest.txt", PESKOV_MANY_TIMES)
    graph = kg.build([str(folder / "zz_harvest.txt")], store)
    rows = graph.query(
        "SELECT ?label WHERE { ?e owl:sameAs <http://www.wikidata.org/entity/Q4158915> ; "
        "a kg:Entity ; rdfs:label ?label }"
    ).rows
    assert rows == [("Dmitri Peskov",)]


@pytest.mark.slow  # builds the seeds twice
def test_a_changed_document_is_replaced_in_place(seed_graph, tmp_path, monkeypatch):
    store = tmp_path / "store"
    shutil.copytree(seed_graph.path, store, symlinks=True)
    folder = seeds_plus(tmp_path, "zz_doha.txt", LAVROV_TALKS)
    kg.build([str(folder / "zz_doha.txt")], store)
    shutil.copytree(store, tmp_path / "copy", symlinks=True)
    assert "zz_doha" in entity(kg.open_graph(store), "Syria")["documents"]
    moved = LAVROV_TALKS.replace("Doha", "Muscat").replace("Qatari", "Omani").replace("Syria", "the region")
    (folder / "zz_doha.txt").write_text(moved, encoding="utf-8")
    changed = kg.build([str(folder / "zz_doha.txt")], store)
    assert changed.summary.documents == 6 and changed.summary.rewritten is not None
    text = changed.export("nquads").decode("utf-8")
    assert "Muscat" in text and "Doha" not in text
    syria = entity(changed, "Syria")  # still named by the seeds, no longer by this document
    assert "zz_doha" not in syria["documents"] and len(syria["documents"]) == 3
    rewritten = full_rewrite(store, tmp_path / "copy", [str(folder / "zz_doha.txt")], monkeypatch)
    assert changed.export("nquads") == rewritten.export("nquads")


def test_a_failed_patch_leaves_the_previous_graph(seed_graph, tmp_path, monkeypatch):
    store = tmp_path / "store"
    shutil.copytree(seed_graph.path, store, symlinks=True)
    before = kg.open_graph(store).export("nquads")
    data_dir = Store.open(store).data_dir

    def full_disk(quads, add):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("kg.store.store._in_chunks", full_disk)
    folder = seeds_plus(tmp_path, "zz_doha.txt", LAVROV_TALKS)
    with pytest.raises(kg.KGError, match="could not write the store"):
        kg.build([str(folder / "zz_doha.txt")], store)
    assert Store.open(store).data_dir == data_dir
    assert sorted(p.name for p in store.iterdir() if p.name.startswith("data-")) == [data_dir.name]
    assert kg.open_graph(store).export("nquads") == before
