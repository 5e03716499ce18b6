"""One call from ties to a full analysis: metrics, diagnosis, people, introductions."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any

from .diagnosis import Diagnosis, diagnose
from .graph import Network
from .introductions import Introduction, suggest_introductions
from .metrics import MetricsResult, NetworkMetrics, compute_metrics
from .nodes import NodeMeasures, brokers, informal_influencers, sought_after
from .paths import EXACT_LIMIT, PIVOTS
from .thresholds import DEFAULT_THRESHOLDS, Thresholds

__all__ = ["Analysis", "analyse"]


@dataclass(frozen=True, eq=False)
class Analysis:
    """Everything the engine says about one network."""

    network: Network
    result: MetricsResult
    diagnosis: Diagnosis
    single_points_of_failure: tuple[str, ...]  # most between first
    non_pendant_bridges: tuple[tuple[str, str], ...]
    sought_after: tuple[str, ...]  # top decile by in-degree, most named first
    informal_influencers: tuple[str, ...]  # sought after, no formal authority
    brokers: tuple[str, ...]  # high betweenness, low constraint
    suggested_introductions: tuple[Introduction, ...]

    @property
    def metrics(self) -> NetworkMetrics:
        return self.result.metrics

    @property
    def nodes(self) -> NodeMeasures:
        return self.result.nodes

    @property
    def notes(self) -> tuple[str, ...]:
        return self.network.notes

    def to_dict(self, *, per_person: bool = False) -> dict[str, Any]:
        """A JSON-ready dictionary (no NaN or infinity)."""
        metrics = dataclasses.asdict(self.metrics)
        sampling = metrics.pop("sampling")
        sampling["diameter_is_lower_bound"] = self.metrics.sampling.diameter_is_lower_bound
        sampling["description"] = self.metrics.sampling.describe()
        out: dict[str, Any] = {key: _clean(value) for key, value in metrics.items()}
        out["modularity_excess"] = _clean(self.metrics.modularity_excess)
        out["sampling"] = {key: _clean(value) for key, value in sampling.items()}
        out["diagnosis"] = self.diagnosis.label
        out["diagnosis_evidence"] = list(self.diagnosis.evidence)
        out["diagnosis_also_matches"] = list(self.diagnosis.also_matches)
        out["diagnosis_withheld"] = self.diagnosis.withheld
        out["flags"] = [{"code": f.code, "message": f.message} for f in self.diagnosis.flags]
        out["single_points_of_failure"] = list(self.single_points_of_failure)
        out["bridge_ties"] = [list(pair) for pair in self.non_pendant_bridges]
        out["sought_after"] = list(self.sought_after)
        out["informal_influencers"] = list(self.informal_influencers)
        out["brokers"] = list(self.brokers)
        out["suggested_introductions"] = [[i.source, i.target] for i in self.suggested_introductions]
        out["suggested_introduction_details"] = [
            {
                "source": i.source,
                "target": i.target,
                "kind": i.kind,
                "reason": i.reason,
                "efficiency_gain": _clean(i.efficiency_gain),
            }
            for i in self.suggested_introductions
        ]
        out["notes"] = list(self.notes)
        if per_person:
            out["per_person"] = self.nodes.records()
        return out


def _clean(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def analyse(
    network: Network,
    *,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    response_rate: float | None = None,
    seed: int = 0,
    exact_limit: int = EXACT_LIMIT,
    pivots: int = PIVOTS,
    rewirings: int | None = None,
    introductions: int = 5,
) -> Analysis:
    """Analyse ``network``: metrics, diagnosis, key people and suggested introductions.

    ``response_rate`` (0..1), if given, withholds the diagnosis below
    ``thresholds.min_response_rate``. ``seed`` makes sampling, communities and rewiring
    reproducible. Networks above ``exact_limit`` people get sampled path measures from
    ``pivots`` starting people. ``rewirings`` overrides how many rewired networks modularity
    is judged against.
    """
    result = compute_metrics(network, seed=seed, exact_limit=exact_limit, pivots=pivots, rewirings=rewirings)
    diagnosis = diagnose(network, result, thresholds=thresholds, response_rate=response_rate)
    nodes = result.nodes
    ids = network.ids
    return Analysis(
        network=network,
        result=result,
        diagnosis=diagnosis,
        single_points_of_failure=tuple(network.ids_of(result.articulation)),
        non_pendant_bridges=tuple((ids[u], ids[v]) for u, v in result.bridges),
        sought_after=tuple(network.ids_of(sought_after(network.in_degree, thresholds))),
        informal_influencers=tuple(network.ids_of(informal_influencers(network, thresholds))),
        brokers=tuple(network.ids_of(brokers(nodes.betweenness, nodes.constraint, thresholds))),
        suggested_introductions=tuple(suggest_introductions(network, result, limit=introductions, seed=seed)),
    )
