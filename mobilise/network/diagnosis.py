"""The diagnosis in plain English: a label, the evidence behind it, and flags.

Rules are applied in order (fragmented, hub_dependent, chain_like, siloed, distributed,
mixed) and the first that fits gives the label; later rules that also fit are listed in
``also_matches``. Every threshold lives in :mod:`mobilise.network.thresholds`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .graph import Network
from .metrics import MetricsResult, NetworkMetrics
from .nodes import informal_influencers, sought_after
from .thresholds import DEFAULT_THRESHOLDS, Thresholds

__all__ = ["LABELS", "Diagnosis", "Flag", "diagnose", "withhold_reason"]

LABELS = ("fragmented", "hub_dependent", "chain_like", "siloed", "distributed", "mixed")


@dataclass(frozen=True, slots=True)
class Flag:
    """A short code and a plain-English message about something worth a look."""

    code: str
    message: str


@dataclass(frozen=True, slots=True)
class Diagnosis:
    """The label (``None`` when withheld), why, and anything else worth a look."""

    label: str | None
    evidence: tuple[str, ...]
    flags: tuple[Flag, ...]
    also_matches: tuple[str, ...] = ()
    withheld: str | None = None


def withhold_reason(response_rate: float | None, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> str | None:
    """Why the diagnosis must be withheld at this response rate (0..1), or ``None`` if not."""
    if response_rate is None:
        return None
    if not 0.0 <= response_rate <= 1.0:
        raise ValueError(f"response rate {response_rate!r} must be between 0 and 1")
    if response_rate >= thresholds.min_response_rate:
        return None
    return (
        f"The diagnosis is withheld because only {response_rate:.0%} of people responded, "
        f"below the {thresholds.min_response_rate:.0%} needed. With that many answers "
        "missing, ties that were never reported could change the picture: people who did "
        "not respond can look isolated and whole groups can look cut off. The measures are "
        "shown for information only."
    )


def _people(k: int) -> str:
    return "1 person" if k == 1 else f"{k} people"


def _pct(x: float) -> str:
    return f"{x:.0%}"


@dataclass(frozen=True, slots=True)
class _Context:
    network: Network
    result: MetricsResult
    t: Thresholds

    @property
    def m(self) -> NetworkMetrics:
        return self.result.metrics


def _fragmented(c: _Context) -> list[str]:
    m, t = c.m, c.t
    if not m.people or m.largest_component_share >= t.fragmented_largest_component_share:
        return []
    outside = m.people - round(m.largest_component_share * m.people)
    others = m.components - 1
    text = (
        f"Only {_pct(m.largest_component_share)} of people are in the largest connected group "
        f"(below {_pct(t.fragmented_largest_component_share)}): {_people(outside)} sit in "
        f"{others} other separate {'group' if others == 1 else 'groups'}"
    )
    if m.isolates:
        text += f", including {_people(m.isolates)} with no ties at all"
    return [text + "."]


def _hub_dependent(c: _Context) -> list[str]:
    m, t, nodes = c.m, c.t, c.result.nodes
    out = []
    n = m.people
    if m.degree_centralisation is not None and (m.degree_centralisation >= t.hub_degree_centralisation):
        top = int(np.argmax(nodes.degree))
        out.append(
            f"Ties are concentrated on a few people: {nodes.ids[top]} is directly tied to "
            f"{_pct(nodes.degree[top] / (n - 1))} of everyone else (degree centralisation "
            f"{m.degree_centralisation:.2f}, where 0 means everyone has the same number of "
            f"contacts and 1 means one person is tied to everyone; {t.hub_degree_centralisation:.2f} "
            "or more counts as concentrated)."
        )
    # Groups that meet only through one go-between are silos first: the go-between is named
    # in the siloed evidence instead.
    if (
        m.betweenness_centralisation is not None
        and m.betweenness_centralisation >= t.hub_betweenness_centralisation
        and (out or not _siloed(c))
    ):
        top = int(np.argmax(nodes.betweenness))
        out.append(
            f"Routes between people depend on a few go-betweens: {nodes.ids[top]} lies on "
            f"{_pct(nodes.betweenness[top])} of the shortest routes between other people "
            f"(betweenness centralisation {m.betweenness_centralisation:.2f}, where 1 means "
            f"every route runs through one person; {t.hub_betweenness_centralisation:.2f} or "
            "more counts as dependent)."
        )
    return out


def _chain_like(c: _Context) -> list[str]:
    m, t = c.m, c.t
    out = []
    if m.people >= 3 and m.two_core_share < t.chain_two_core_share:
        out.append(
            f"Only {_pct(m.two_core_share)} of people are in the well-knit core (tied in by at "
            "least two ties); the rest hang off single ties, in branches and chains, so one "
            "person leaving can cut others off."
        )
    size = round(m.largest_component_share * m.people)
    if size >= t.chain_min_people and 2 <= m.degeneracy <= t.chain_max_degeneracy:
        out.append(
            f"There is no group of people who each have {t.chain_max_degeneracy + 1} or more "
            "ties to others in the group: the network is a thin chain or ring, which two "
            "people leaving can break."
        )
    if m.people and m.chain_links / m.people >= t.chain_link_share:
        out.append(
            f"{_pct(m.chain_links / m.people)} of people are links in a chain: each is the "
            "only route between parts of the network, and none belongs to a close-knit group "
            "that could route around them."
        )
    if out and m.path_length_ratio is not None and m.path_length_ratio >= t.chain_long_route_ratio:
        out.append(
            f"Routes are long: {m.average_path_length:.1f} steps on average, "
            f"{m.path_length_ratio:.1f} times as many as in a random network of the same size "
            "and number of ties."
        )
    return out


def _siloed(c: _Context) -> list[str]:
    m, t = c.m, c.t
    out = []
    between = m.between_community_tie_share
    density = m.community_density
    if m.communities >= 2 and between is not None:
        close_knit = density is not None and density >= t.silo_community_density
        if between <= t.silo_between_share_alone or (between <= t.silo_between_share and close_knit):
            out.append(
                f"People fall into {m.communities} groups that rarely connect: only "
                f"{_pct(between)} of ties join people in different groups "
                f"({_pct(t.silo_between_share_alone)} or less always counts as siloed, "
                f"{_pct(t.silo_between_share)} or less when the groups are close-knit)."
            )
            if close_knit and density is not None:
                out.append(
                    f"The groups are close-knit: on average each person is tied to "
                    f"{_pct(density)} of the others in their group."
                )
            central = m.betweenness_centralisation
            if central is not None and central >= t.hub_betweenness_centralisation:
                top = int(np.argmax(c.result.nodes.betweenness))
                out.append(
                    f"The groups meet through very few people: {c.result.nodes.ids[top]} lies on "
                    f"{_pct(c.result.nodes.betweenness[top])} of the shortest routes between "
                    "other people."
                )
    share = m.cross_organisation_tie_share
    if m.organisations >= 2 and share is not None and share < t.silo_cross_organisation_share:
        out.append(
            f"Only {_pct(share)} of ties cross between the {m.organisations} organisations "
            f"(below {_pct(t.silo_cross_organisation_share)}): most advice stays inside each "
            "organisation."
        )
    return out


def _distributed_checks(c: _Context) -> list[tuple[bool, str, str]]:
    """(passed, evidence if passed, shortfall if not) for each 'distributed' criterion."""
    m, t = c.m, c.t
    degree_c = m.degree_centralisation or 0.0
    between_c = m.betweenness_centralisation or 0.0
    ratio = m.path_length_ratio
    spof_share = m.articulation_points / m.people if m.people else 0.0
    return [
        (
            m.largest_component_share >= t.distributed_largest_component_share,
            f"{_pct(m.largest_component_share)} of people are in one connected group.",
            f"only {_pct(m.largest_component_share)} of people are in the largest connected "
            f"group ({_pct(t.distributed_largest_component_share)} needed)",
        ),
        (
            degree_c <= t.distributed_degree_centralisation
            and between_c <= t.distributed_betweenness_centralisation,
            "No one dominates: contacts and routes are spread across many people (degree "
            f"centralisation {degree_c:.2f} and betweenness centralisation {between_c:.2f}, "
            "where 0 is perfectly even and 1 is everything through one person).",
            f"ties or routes lean on a few people (degree centralisation {degree_c:.2f}, at "
            f"most {t.distributed_degree_centralisation:.2f} needed; betweenness centralisation "
            f"{between_c:.2f}, at most {t.distributed_betweenness_centralisation:.2f} needed)",
        ),
        (
            m.two_core_share >= t.distributed_two_core_share and m.degeneracy >= t.distributed_min_degeneracy,
            f"{_pct(m.two_core_share)} of people are in the well-knit core, and in its "
            f"densest part everyone is tied to at least {m.degeneracy} others in it, so "
            "there are many routes around anyone who leaves.",
            f"{_pct(m.two_core_share)} of people are in the well-knit core and its densest "
            f"part has {m.degeneracy} ties each ({_pct(t.distributed_two_core_share)} and "
            f"{t.distributed_min_degeneracy} needed)",
        ),
        (
            ratio is not None and ratio <= t.distributed_path_length_ratio,
            f"Routes are short: {m.average_path_length or 0:.1f} steps on average, "
            f"{ratio or 0:.1f} times as many as in a random network of the same size.",
            "routes are long compared with a random network of the same size "
            f"({ratio or 0:.1f} times as many steps, at most "
            f"{t.distributed_path_length_ratio:.1f} needed)",
        ),
        (
            spof_share <= t.distributed_articulation_share,
            "No one is a single point of failure: the network stays in one piece whoever leaves."
            if not m.articulation_points
            else f"Only {_pct(spof_share)} of people are single points of failure.",
            f"{_pct(spof_share)} of people are single points of failure (at most "
            f"{_pct(t.distributed_articulation_share)} needed)",
        ),
    ]


def _distributed(c: _Context) -> list[str]:
    checks = _distributed_checks(c)
    if c.m.people < 3 or not all(ok for ok, _, _ in checks):
        return []
    return [good for _, good, _ in checks]


def _mixed(c: _Context) -> list[str]:
    short = [gap for ok, _, gap in _distributed_checks(c) if not ok]
    text = "The network fits none of the clearer patterns. It is not yet distributed"
    if short:
        return [text + ": " + "; ".join(short) + "."]
    return [text + "."]


_RULES: tuple[tuple[str, Callable[[_Context], list[str]]], ...] = (
    ("fragmented", _fragmented),
    ("hub_dependent", _hub_dependent),
    ("chain_like", _chain_like),
    ("siloed", _siloed),
    ("distributed", _distributed),
    ("mixed", _mixed),
)


def diagnose(
    network: Network,
    result: MetricsResult,
    *,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    response_rate: float | None = None,
) -> Diagnosis:
    """Label the network, with plain-English evidence and flags."""
    context = _Context(network, result, thresholds)
    flags = _flags(context)
    withheld = withhold_reason(response_rate, thresholds)
    if withheld:
        flags.insert(0, Flag("response_rate_low", withheld))
        return Diagnosis(None, (), tuple(flags), (), withheld)
    label, evidence = "mixed", _mixed(context)
    matches = []
    for name, rule in _RULES[:-1]:
        found = rule(context)
        if found:
            matches.append((name, found))
    if matches:
        label, evidence = matches[0]
    also = tuple(name for name, _ in matches[1:] if name != "distributed")
    return Diagnosis(label, tuple(evidence), tuple(flags), also)


def _flags(c: _Context) -> list[Flag]:
    m, t, net, nodes = c.m, c.t, c.network, c.result.nodes
    flags = []
    if m.people < t.small_network:
        flags.append(
            Flag(
                "small_network",
                f"Only {_people(m.people)}: treat these measures as indicative.",
            )
        )
    if m.articulation_points:
        k = m.articulation_points
        flags.append(
            Flag(
                "single_points_of_failure",
                f"{_people(k)} {'is a single point' if k == 1 else 'are single points'} of "
                f"failure: if {'they' if k == 1 else 'any one'} left, the network would split.",
            )
        )
    if m.non_pendant_bridges:
        k = m.non_pendant_bridges
        flags.append(
            Flag(
                "bridges",
                f"{k} {'tie is the only link' if k == 1 else 'ties are the only links'} "
                "between parts of the network with several people on each side.",
            )
        )
    if m.people and m.isolates and m.isolates / m.people >= t.isolate_share:
        flags.append(
            Flag(
                "isolates",
                f"{_people(m.isolates)} named nobody and {'was' if m.isolates == 1 else 'were'}"
                " named by nobody.",
            )
        )
    if m.reciprocity is not None and m.reciprocity < t.low_reciprocity:
        flags.append(
            Flag(
                "low_reciprocity",
                f"Only {_pct(m.reciprocity)} of advice ties are returned: advice flows one way.",
            )
        )
    flags.extend(_authority_flags(c))
    if m.organisations >= 2 and (
        m.cross_organisation_tie_share is not None
        and m.cross_organisation_tie_share < t.silo_cross_organisation_share
    ):
        flags.append(
            Flag(
                "few_cross_organisation_ties",
                f"Only {_pct(m.cross_organisation_tie_share)} of ties cross organisations.",
            )
        )
    if m.sampling.sampled:
        flags.append(Flag("sampled_estimates", m.sampling.describe()))
    if not c.result.algebraic_connectivity_converged:
        flags.append(
            Flag(
                "approximate_connectivity",
                "Algebraic connectivity did not fully converge; treat it as approximate.",
            )
        )
    del net, nodes
    return flags


def _authority_flags(c: _Context) -> list[Flag]:
    net, t = c.network, c.t
    authority = net.formal_authority
    if not net.n:
        return []
    if all(a is None for a in authority):
        return [
            Flag(
                "no_authority_data",
                "Formal authority was not supplied, so informal influencers cannot be told "
                "apart from formal leaders.",
            )
        ]
    flags = []
    leaders = [i for i, a in enumerate(authority) if a is True]
    in_degree = net.in_degree
    if leaders:
        cut = float(np.quantile(in_degree, t.leaders_sought_after_quantile))
        if not any(in_degree[i] > 0 and in_degree[i] >= cut for i in leaders):
            flags.append(
                Flag(
                    "leaders_not_sought_after",
                    f"None of the {_people(len(leaders))} with formal authority is among the "
                    "most sought-after for advice: change will need informal influencers too.",
                )
            )
    top = sought_after(in_degree, t)
    no_informal = len(top) and not len(informal_influencers(net, t))
    if no_informal and all(authority[i] is True for i in top):
        flags.append(
            Flag(
                "influence_only_formal",
                "Everyone highly sought-after for advice holds formal authority: there are "
                "no informal influencers to draw on.",
            )
        )
    return flags
