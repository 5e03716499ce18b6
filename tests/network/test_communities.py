"""Leiden, modularity and degree-preserving rewiring."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
import scipy.sparse as sp

from mobilise.network import leiden, modularity, modularity_against_rewiring
from mobilise.network.communities import rewire


def _matrix(graph: nx.Graph) -> sp.csr_array:
    return sp.csr_array(nx.to_scipy_sparse_array(graph, nodelist=sorted(graph), format="csr"))


def test_modularity_matches_networkx() -> None:
    graph = nx.karate_club_graph()
    a = _matrix(graph)
    labels = np.array([0 if graph.nodes[v]["club"] == "Mr. Hi" else 1 for v in sorted(graph)])
    parts = [set(np.flatnonzero(labels == k).tolist()) for k in (0, 1)]
    assert modularity(a, labels) == pytest.approx(nx.community.modularity(graph, parts))


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        (nx.caveman_graph(3, 5), 3),
        (nx.connected_caveman_graph(6, 5), 6),
        (nx.ring_of_cliques(5, 6), 5),
    ],
)
def test_leiden_finds_the_cliques(graph: nx.Graph, expected: int) -> None:
    labels = leiden(_matrix(graph), seed=0)
    assert len(np.unique(labels)) == expected
    assert labels[0] == 0  # labels are ordered by size, largest first


def test_leiden_is_at_least_as_good_as_networkx_louvain_and_reproducible() -> None:
    graph = nx.stochastic_block_model([30] * 6, np.where(np.eye(6) > 0, 0.3, 0.01).tolist(), seed=5)
    a = _matrix(graph)
    ours = modularity(a, leiden(a, seed=1))
    theirs = nx.community.modularity(graph, nx.community.louvain_communities(graph, seed=1))
    assert ours >= theirs - 0.005
    assert leiden(a, seed=3).tolist() == leiden(a, seed=3).tolist()


def test_isolates_stay_alone() -> None:
    graph = nx.complete_graph(4)
    graph.add_nodes_from([4, 5])
    labels = leiden(_matrix(graph))
    assert len(set(labels[:4].tolist())) == 1
    assert len(set(labels.tolist())) == 3


def test_rewiring_keeps_degrees_and_makes_no_duplicates_or_self_ties() -> None:
    graph = nx.barabasi_albert_graph(300, 3, seed=2)
    upper = sp.triu(_matrix(graph), k=1).tocoo()
    u, v = upper.row.astype(np.int64), upper.col.astype(np.int64)
    ru, rv = rewire(u.copy(), v.copy(), 300, np.random.default_rng(0))
    assert np.array_equal(np.bincount(np.r_[u, v], minlength=300), np.bincount(np.r_[ru, rv], minlength=300))
    assert np.all(ru < rv)
    assert len(set(zip(ru.tolist(), rv.tolist(), strict=True))) == len(ru)
    assert np.mean((ru != u) | (rv != v)) > 0.9


def test_modularity_against_rewiring_separates_structure_from_chance() -> None:
    caves = _matrix(nx.connected_caveman_graph(6, 6))
    test = modularity_against_rewiring(caves, leiden(caves), rewirings=5, seed=1)
    assert test.rewirings == 5 and test.z_score is not None and test.z_score > 5
    assert test.excess is not None and test.excess > 0.3
    random = _matrix(nx.random_regular_graph(5, 80, seed=1))
    test = modularity_against_rewiring(random, leiden(random), rewirings=5, seed=1)
    assert test.excess is not None and abs(test.excess) < 0.1
    none = modularity_against_rewiring(random, leiden(random), rewirings=0)
    assert none.null_mean is None and none.z_score is None and none.excess is None
