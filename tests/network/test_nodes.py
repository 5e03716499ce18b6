"""Per-person measures: constraint, sought-after people, informal influencers, brokers."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest

from mobilise.network import (
    Person,
    Tie,
    analyse,
    brokers,
    build_network,
    burt_constraint,
    compute_metrics,
    informal_influencers,
    sought_after,
)

from .helpers import from_nx, undirected


def test_constraint_matches_networkx_with_weights() -> None:
    graph = nx.les_miserables_graph()
    net = from_nx(graph)
    ours = burt_constraint(net.undirected)
    theirs = nx.constraint(undirected(net), weight="weight")
    assert ours.tolist() == pytest.approx([theirs[p] for p in net.ids])


def test_constraint_is_nan_for_isolates() -> None:
    net = build_network([("a", "b")], [Person("a"), Person("b"), Person("c")])
    c = burt_constraint(net.undirected)
    assert c[:2].tolist() == [1.0, 1.0] and math.isnan(c[2])


def _hub_network() -> tuple:  # type: ignore[type-arg]
    # Twenty people; "hub" is named by ten, "boss" by nine; everyone else by at most one.
    people = [Person("hub", formal_authority=False), Person("boss", formal_authority=True)]
    people += [Person(f"p{i}", formal_authority=False) for i in range(18)]
    ties = [Tie(f"p{i}", "hub") for i in range(10)] + [Tie(f"p{i}", "boss") for i in range(9, 18)]
    ties += [Tie(f"p{i}", f"p{i + 1}") for i in range(17)]
    return build_network(ties, people), people


def test_sought_after_and_informal_influencers() -> None:
    net, _ = _hub_network()
    assert net.ids_of(sought_after(net.in_degree)) == ["hub", "boss"]
    assert net.ids_of(informal_influencers(net)) == ["hub"]


def test_unknown_authority_is_not_counted_as_informal() -> None:
    net = build_network([("a", "c"), ("b", "c"), ("d", "c")])
    assert net.ids_of(sought_after(net.in_degree)) == ["c"]
    assert len(informal_influencers(net)) == 0


def test_brokers_bridge_groups() -> None:
    graph = nx.barbell_graph(5, 1)  # two cliques joined through person 5
    net = from_nx(graph)
    r = compute_metrics(net, rewirings=1)
    found = net.ids_of(brokers(r.nodes.betweenness, r.nodes.constraint))
    assert found[0] == "5"
    assert set(found) <= {"4", "5", "6"}


def test_records_are_plain() -> None:
    net = build_network([("a", "b")], [Person("a"), Person("b"), Person("c")])
    records = analyse(net).nodes.records()
    assert records[2]["constraint"] is None
    assert set(records[0]) >= {"id", "in_degree", "betweenness", "eigenvector", "core_number"}
    assert isinstance(records[0]["degree"], int)
    assert np.isfinite(records[0]["betweenness"])
