"""What-if spread with the two-contact threshold model."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from mobilise.network import (
    Person,
    Tie,
    build_network,
    compare_starting_groups,
    compute_metrics,
    simulate_spread,
    spread_reach,
)

from .helpers import from_nx


def test_a_path_needs_two_adopted_contacts() -> None:
    net = from_nx(nx.path_graph(6))
    result = simulate_spread(net, ["0", "1"])
    assert result.reach == (pytest.approx(2 / 6),)
    assert result.steps == 0
    result = simulate_spread(net, ["1", "3"])
    assert result.reach == pytest.approx((2 / 6, 3 / 6))


def test_a_clique_adopts_in_one_step() -> None:
    net = from_nx(nx.complete_graph(10))
    result = simulate_spread(net, ["0", "1"])
    assert result.reach == pytest.approx((0.2, 1.0))
    assert result.final_reach == 1.0


def test_triangle_strip_spreads_one_person_per_step() -> None:
    net = from_nx(nx.power(nx.path_graph(6), 2))  # i tied to i+1 and i+2
    result = simulate_spread(net, ["0", "1"])
    assert result.reach == pytest.approx((2 / 6, 3 / 6, 4 / 6, 5 / 6, 1.0))
    assert result.steps == 4
    assert result.steps_to_reach(0.5) == 1
    assert result.steps_to_reach(1.0) == 4
    assert simulate_spread(net, ["0", "5"]).steps_to_reach(0.5) is None


def test_threshold_of_one_spreads_through_the_component() -> None:
    net = from_nx(nx.path_graph(5))
    assert simulate_spread(net, ["0"], threshold=1).reach == pytest.approx((0.2, 0.4, 0.6, 0.8, 1.0))


def test_many_runs_at_once() -> None:
    net = from_nx(nx.complete_graph(4))
    seeds = np.zeros((4, 2), dtype=bool)
    seeds[[0, 1], 0] = True
    seeds[[2], 1] = True
    curves = spread_reach(net.adjacency, seeds)
    assert curves[:, 0].tolist() == [0.5, 1.0]
    assert curves[:, 1].tolist() == [0.25, 0.25]


def test_compare_starting_groups() -> None:
    graph = nx.connected_caveman_graph(6, 6)
    people = [Person(str(v), formal_authority=v % 6 == 0) for v in graph]
    ties = [Tie(str(u), str(v)) for u, v in graph.edges()]
    ties += [Tie(str(v), "1") for v in range(2, 12)]  # "1" is the most sought after
    net = build_network(ties, people)
    groups = compare_starting_groups(net, compute_metrics(net, rewirings=1), size=3, random_runs=5)
    assert set(groups) == {"formal_leaders", "informal_influencers", "brokers", "random"}
    assert all(len(g.seeds) == 3 for name, g in groups.items() if name != "random")
    assert groups["informal_influencers"].seeds[0] == "1"
    for g in groups.values():
        assert g.reach[0] == pytest.approx(3 / 36)
        assert all(b >= a for a, b in zip(g.reach, g.reach[1:], strict=False))
    again = compare_starting_groups(net, compute_metrics(net, rewirings=1), size=3, random_runs=5)
    assert again["random"].reach == groups["random"].reach


def test_groups_without_authority_data_are_left_out() -> None:
    net = from_nx(nx.karate_club_graph())
    groups = compare_starting_groups(net, compute_metrics(net, rewirings=1))
    assert "formal_leaders" not in groups and "informal_influencers" not in groups
    assert {"brokers", "random"} <= set(groups)
