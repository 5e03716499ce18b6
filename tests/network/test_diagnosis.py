"""Each diagnosis label on a network built to show it, plus flags and withholding."""

from __future__ import annotations

import networkx as nx
import pytest

from mobilise.network import (
    LABELS,
    Person,
    Thresholds,
    Tie,
    analyse,
    build_network,
    withhold_reason,
)

from .helpers import from_nx


def label_of(graph: nx.Graph, **kwargs: object) -> str | None:
    return analyse(from_nx(graph), rewirings=5, **kwargs).diagnosis.label  # type: ignore[arg-type]


def _hub_over_regular(spokes: int) -> nx.Graph:
    graph = nx.random_regular_graph(4, 40, seed=2)
    graph.add_edges_from((40, i) for i in range(spokes))
    return graph


def test_labels_are_in_rule_order() -> None:
    assert LABELS == ("fragmented", "hub_dependent", "chain_like", "siloed", "distributed", "mixed")


@pytest.mark.parametrize(
    ("graph", "label"),
    [
        (nx.caveman_graph(2, 4), "fragmented"),
        (nx.star_graph(9), "hub_dependent"),
        (nx.wheel_graph(12), "hub_dependent"),
        (nx.path_graph(12), "chain_like"),
        (nx.cycle_graph(20), "chain_like"),
        (nx.connected_caveman_graph(4, 8), "siloed"),
        (nx.random_regular_graph(6, 60, seed=1), "distributed"),
        (_hub_over_regular(18), "mixed"),
    ],
)
def test_each_label(graph: nx.Graph, label: str) -> None:
    assert label_of(graph) == label


def test_evidence_is_plain_english_sentences() -> None:
    d = analyse(from_nx(nx.path_graph(12)), rewirings=2).diagnosis
    assert d.evidence and all(e.endswith(".") for e in d.evidence)
    assert any("well-knit core" in e for e in d.evidence)
    flags = {f.code: f.message for f in d.flags}
    assert flags["single_points_of_failure"] == (
        "10 people are single points of failure: if any one left, the network would split."
    )


def test_fragmented_beats_later_rules_and_lists_them() -> None:
    d = analyse(from_nx(nx.caveman_graph(2, 4)), rewirings=5).diagnosis
    assert d.label == "fragmented"
    assert "Only 50% of people are in the largest connected group" in d.evidence[0]
    assert "siloed" in d.also_matches


def test_siloed_by_organisation() -> None:
    graph = nx.random_regular_graph(6, 60, seed=1)
    people = [Person(str(v), organisation="North" if v < 30 else "South") for v in graph]
    # Keep the network otherwise distributed but with almost no cross-organisation ties.
    cross = [(u, v) for u, v in graph.edges() if (u < 30) != (v < 30)]
    graph.remove_edges_from(cross[3:])
    graph.add_edges_from(nx.random_regular_graph(6, 30, seed=3).edges())
    graph.add_edges_from((u + 30, v + 30) for u, v in nx.random_regular_graph(6, 30, seed=4).edges())
    analysis = analyse(from_nx(graph, people), rewirings=3)
    assert analysis.diagnosis.label == "siloed"
    assert any("cross between the 2 organisations" in e for e in analysis.diagnosis.evidence)
    assert "few_cross_organisation_ties" in {f.code for f in analysis.diagnosis.flags}


def test_thresholds_can_be_changed() -> None:
    loose = Thresholds(hub_degree_centralisation=0.3)
    assert label_of(_hub_over_regular(18)) == "mixed"
    assert label_of(_hub_over_regular(18), thresholds=loose) == "hub_dependent"


def test_withhold_reason() -> None:
    assert withhold_reason(None) is None
    assert withhold_reason(0.7) is None
    reason = withhold_reason(0.55)
    assert reason is not None and "55%" in reason and "70%" in reason
    with pytest.raises(ValueError):
        withhold_reason(55)


def test_low_response_rate_withholds_the_label_but_keeps_the_measures() -> None:
    analysis = analyse(from_nx(nx.star_graph(9)), response_rate=0.5, rewirings=1)
    d = analysis.diagnosis
    assert d.label is None and d.withheld is not None and not d.evidence
    assert d.flags[0].code == "response_rate_low"
    assert analysis.metrics.degree_centralisation == pytest.approx(1.0)
    assert analyse(from_nx(nx.star_graph(9)), response_rate=0.9, rewirings=1).diagnosis.label


def test_authority_flags() -> None:
    people = [Person("boss", formal_authority=True)] + [
        Person(f"p{i}", formal_authority=False) for i in range(12)
    ]
    ties = [Tie(f"p{i}", "p0") for i in range(1, 12)] + [Tie("boss", "p1")]
    codes = {f.code for f in analyse(build_network(ties, people), rewirings=1).diagnosis.flags}
    assert "leaders_not_sought_after" in codes
    codes = {f.code for f in analyse(build_network(ties), rewirings=1).diagnosis.flags}
    assert "no_authority_data" in codes
    people[1] = Person("p0", formal_authority=True)
    codes = {f.code for f in analyse(build_network(ties, people), rewirings=1).diagnosis.flags}
    assert "influence_only_formal" in codes


def test_other_flags() -> None:
    net = build_network([("a", "b"), ("b", "c")], [Person(x) for x in "abcd"])
    codes = {f.code for f in analyse(net, rewirings=1).diagnosis.flags}
    assert {"small_network", "isolates", "low_reciprocity", "single_points_of_failure"} <= codes
    sampled = analyse(from_nx(nx.cycle_graph(30)), exact_limit=10, pivots=8, rewirings=1)
    assert "sampled_estimates" in {f.code for f in sampled.diagnosis.flags}


def test_the_small_world_from_the_issue_is_distributed_not_siloed() -> None:
    # About eight ties each, a fifth rewired at random, 95% of ties across organisations.
    graph = nx.connected_watts_strogatz_graph(600, 8, 0.2, seed=11)
    people = [Person(str(v), organisation=f"org{v % 20}") for v in graph]
    analysis = analyse(from_nx(graph, people), rewirings=3)
    assert analysis.metrics.modularity is not None and analysis.metrics.modularity > 0.5
    assert analysis.metrics.cross_organisation_tie_share is not None
    assert analysis.metrics.cross_organisation_tie_share > 0.9
    assert analysis.diagnosis.label == "distributed"
    assert analysis.diagnosis.also_matches == ()


def test_a_ring_of_cliques_is_siloed_not_chain_like_and_says_why() -> None:
    d = analyse(from_nx(nx.ring_of_cliques(12, 8)), rewirings=2).diagnosis
    assert d.label == "siloed"
    assert "chain_like" not in d.also_matches
    assert any("12 groups that rarely connect" in e for e in d.evidence)
    assert any("each person is tied to 100% of the others in their group" in e for e in d.evidence)


def test_groups_meeting_through_one_go_between_are_siloed_and_name_them() -> None:
    graph = nx.disjoint_union_all([nx.complete_graph(8), nx.complete_graph(8), nx.complete_graph(8)])
    graph.add_edges_from([(0, 8), (0, 16)])  # person 0 is the only way between the groups
    d = analyse(from_nx(graph), rewirings=1).diagnosis
    assert d.label == "siloed"
    assert "hub_dependent" not in d.also_matches or d.also_matches[0] == "hub_dependent"
    assert any(e.startswith("The groups meet through very few people: 0 lies on") for e in d.evidence)


def test_measures_in_the_evidence_are_explained() -> None:
    hub = analyse(from_nx(nx.star_graph(30)), rewirings=1).diagnosis
    assert any("where 0 means everyone has the same number of contacts" in e for e in hub.evidence)
    spread = analyse(from_nx(nx.random_regular_graph(6, 60, seed=1)), rewirings=1).diagnosis
    assert spread.label == "distributed"
    assert any("where 0 is perfectly even" in e for e in spread.evidence)
    assert any("whoever leaves" in e for e in spread.evidence)
