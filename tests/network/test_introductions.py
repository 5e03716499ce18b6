"""Suggested introductions."""

from __future__ import annotations

import networkx as nx

from mobilise.network import (
    Person,
    Tie,
    analyse,
    build_network,
    compute_metrics,
    suggest_introductions,
)

from .helpers import from_nx


def test_barbell_gets_a_second_route_around_the_single_point_of_failure() -> None:
    net = from_nx(nx.barbell_graph(6, 1))
    intros = suggest_introductions(net, compute_metrics(net, rewirings=1), limit=3)
    assert intros
    first = intros[0]
    left, right = {str(i) for i in range(6)}, {str(i) for i in range(7, 13)}
    assert {first.source, first.target} & left and {first.source, first.target} & right
    assert first.kind in {"single_point_of_failure", "bridge", "communities"}
    assert first.reason and first.efficiency_gain > 0


def test_isolated_people_are_brought_in_within_their_organisation() -> None:
    people = [Person(str(i), organisation="A" if i < 5 else "B") for i in range(10)]
    people.append(Person("new", organisation="B"))
    graph = nx.complete_graph(10)
    net = from_nx(graph, people)
    intros = suggest_introductions(net, compute_metrics(net, rewirings=1), limit=2)
    assert intros[0].kind == "isolated"
    assert intros[0].source == "new"
    assert intros[0].target in {"5", "6", "7", "8", "9"}
    assert "same organisation" in intros[0].reason


def test_never_suggests_existing_ties_or_repeats_and_gains_are_positive() -> None:
    graph = nx.connected_caveman_graph(5, 5)
    graph.add_edges_from([(100, 0), (101, 100), (102, 101)])
    net = from_nx(graph)
    intros = analyse(net, rewirings=1, introductions=6).suggested_introductions
    pairs = [frozenset((i.source, i.target)) for i in intros]
    assert len(pairs) == len(set(pairs))
    existing = {frozenset((str(u), str(v))) for u, v in graph.edges()}
    assert not set(pairs) & existing
    assert all(i.efficiency_gain > 0 for i in intros)


def test_nothing_to_suggest_in_a_clique() -> None:
    net = from_nx(nx.complete_graph(6))
    assert suggest_introductions(net, compute_metrics(net, rewirings=1)) == []


def test_large_network_uses_a_sample_and_stays_bounded() -> None:
    graph = nx.connected_watts_strogatz_graph(900, 4, 0.05, seed=1)
    graph.add_nodes_from(range(900, 920))
    net = from_nx(graph)
    intros = suggest_introductions(net, compute_metrics(net, rewirings=1), limit=5)
    assert 1 <= len(intros) <= 5
    ties = [Tie(i.source, i.target) for i in intros]
    assert all(t.source != t.target for t in ties)


def test_small_groups_are_connected() -> None:
    ties = [Tie(str(u), str(v)) for u, v in nx.complete_graph(8).edges()] + [Tie("x", "y")]
    intros = suggest_introductions(build_network(ties), compute_metrics(build_network(ties)), limit=1)
    assert intros[0].kind == "small_group"
