"""Building networks from ties and people."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mobilise.network import NetworkInputError, Person, Tie, build_network


def test_people_listed_count_even_without_ties() -> None:
    net = build_network([Tie("a", "b")], [Person("a"), Person("b"), Person("c")])
    assert net.ids == ("a", "b", "c")
    assert net.degree.tolist() == [1, 1, 0]


def test_people_named_only_in_ties_are_added_after_listed_people() -> None:
    net = build_network([("x", "a"), ("a", "y")], [Person("a", "Trust", "acute", True)])
    assert net.ids == ("a", "x", "y")
    assert net.organisation == ("Trust", None, None)
    assert net.formal_authority == (True, None, None)
    assert any("2 people named in the ties were not" in note for note in net.notes)


def test_symmetrised_tie_counts_once_and_sums_weights() -> None:
    net = build_network([Tie("a", "b", 2.0), Tie("b", "a", 3.0), Tie("b", "c")])
    assert net.adjacency.nnz // 2 == 2
    assert net.undirected[0, 1] == pytest.approx(5.0)
    assert net.directed.nnz == 3
    assert net.in_degree.tolist() == [1, 1, 1]


def test_self_ties_are_ignored_with_a_note() -> None:
    net = build_network([("a", "a"), ("a", "b")])
    assert net.directed.nnz == 1
    assert net.notes == ("Ignored 1 self-tie (a person naming themselves).",)
    assert "a" in net.index


def test_repeated_ties_keep_largest_weight() -> None:
    net = build_network([("a", "b", 1.0), ("a", "b", 4.0), ("a", "b", 2.0)])
    assert net.directed.nnz == 1
    assert net.directed[0, 1] == 4.0
    assert any("merged" in note for note in net.notes)


@pytest.mark.parametrize("weight", [0, -1, math.nan, math.inf, "heavy"])
def test_bad_weights_are_rejected_with_the_tie_number(weight: object) -> None:
    with pytest.raises(NetworkInputError, match="tie 2"):
        build_network([("a", "b", 1.0), ("b", "c", weight)])  # type: ignore[list-item]


def test_blank_ids_and_duplicate_people_are_rejected() -> None:
    with pytest.raises(NetworkInputError, match="blank"):
        build_network([(" ", "b")])
    with pytest.raises(NetworkInputError, match="more than once"):
        build_network([], [Person("a"), Person("a")])


def test_edges_are_upper_triangle() -> None:
    net = build_network([("c", "a"), ("a", "b")])
    u, v, _ = net.edges
    assert np.all(u < v)
    assert net.rx_graph.num_edges() == 2
