"""The render's cut in SPARQL: the page of a capped graph is the page of the whole graph, built
from the drawn part alone."""

from __future__ import annotations

import pytest

import kg
from kg.views.drawn import DRAWN_FROM, drawn_graph
from kg.views.network import to_networkx
from kg.views.render import render_data


def _pages(store, max_nodes: int):
    drawn = drawn_graph(store, max_nodes)
    assert drawn is not None
    return render_data(to_networkx(store), max_nodes=max_nodes), render_data(drawn, max_nodes=max_nodes), drawn


@pytest.mark.parametrize("max_nodes", [1, 3, 8, 25])
def test_the_cut_draws_the_page_the_whole_graph_draws(seed_graph, max_nodes):
    whole, cut, drawn = _pages(seed_graph.store, max_nodes)
    assert cut.nodes == whole.nodes and cut.values == whole.values
    assert cut.summary.capped and cut.summary.warnings == whole.summary.warnings
    assert drawn.number_of_nodes() <= max_nodes < drawn.graph[DRAWN_FROM]


def test_a_graph_under_the_cap_is_drawn_whole(seed_graph):
    assert drawn_graph(seed_graph.store, 100_000) is None


def test_render_of_the_store_cuts_first_and_says_so(seed_graph, tmp_path):
    summary = kg.open_graph(seed_graph.path).render(tmp_path / "g.html", max_nodes=5)
    assert summary.capped and summary.nodes <= 5
    assert summary.warnings and summary.warnings[0].startswith(f"showing {summary.nodes} of ")
