"""What-if spread: how far would a change spread from different starting groups?

A threshold model on the symmetrised network: the starting people adopt at step 0, and at
each later step everyone with at least ``threshold`` (default two) contacts who have
adopted adopts too. Many runs go at once as one sparse-matrix product per step.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .graph import Network
from .metrics import MetricsResult

__all__ = ["SpreadResult", "compare_starting_groups", "simulate_spread", "spread_reach"]


@dataclass(frozen=True, slots=True)
class SpreadResult:
    """Reach (share of people adopted) after each step, starting at step 0."""

    group: str
    seeds: tuple[str, ...]
    reach: tuple[float, ...]

    @property
    def final_reach(self) -> float:
        return self.reach[-1] if self.reach else 0.0

    @property
    def steps(self) -> int:
        """Steps until the spread stopped."""
        return len(self.reach) - 1

    def steps_to_reach(self, share: float) -> int | None:
        """The first step at which at least ``share`` of people had adopted, if ever."""
        for step, value in enumerate(self.reach):
            if value >= share - 1e-12:
                return step
        return None


def spread_reach(
    adjacency: sp.csr_array,
    seeds: np.ndarray,
    *,
    threshold: int = 2,
    max_steps: int = 1000,
) -> np.ndarray:
    """Reach per step for many runs at once.

    ``seeds`` is a boolean matrix, people x runs. Returns steps x runs, padded with each
    run's final reach once it has stopped.
    """
    n = adjacency.shape[0]
    adopted = np.asarray(seeds, dtype=bool).reshape(n, -1).copy()
    if n == 0:
        return np.zeros((1, adopted.shape[1]))
    a = sp.csr_array(adjacency, dtype=np.int32)
    reach = [adopted.mean(axis=0)]
    for _ in range(max_steps):
        exposed = np.asarray(a @ adopted.astype(np.int32))
        new = (exposed >= threshold) & ~adopted
        if not new.any():
            break
        adopted |= new
        reach.append(adopted.mean(axis=0))
    return np.vstack(reach)


def simulate_spread(
    network: Network,
    seeds: Iterable[str],
    *,
    threshold: int = 2,
    max_steps: int = 1000,
    group: str = "custom",
) -> SpreadResult:
    """Spread from the people with these ids."""
    chosen = [network.index[s] for s in seeds]
    start = np.zeros(network.n, dtype=bool)
    start[chosen] = True
    curve = spread_reach(network.adjacency, start, threshold=threshold, max_steps=max_steps)
    return SpreadResult(group, tuple(network.ids_of(chosen)), _trim(curve[:, 0]))


def _trim(curve: np.ndarray) -> tuple[float, ...]:
    values = [float(x) for x in curve]
    while len(values) > 1 and values[-1] == values[-2]:
        values.pop()
    return tuple(values)


def _top(candidates: np.ndarray, score: np.ndarray, size: int) -> np.ndarray:
    if not len(candidates):
        return candidates
    order = np.lexsort((candidates, -score[candidates]))
    return candidates[order][:size]


def compare_starting_groups(
    network: Network,
    result: MetricsResult,
    *,
    size: int | None = None,
    threshold: int = 2,
    random_runs: int = 20,
    seed: int = 0,
) -> dict[str, SpreadResult]:
    """Spread from equal-sized starting groups: formal leaders, informal influencers, brokers
    and random people (the average of ``random_runs`` random groups, for comparison).

    ``size`` defaults to 5% of people (at least 2). Formal leaders and informal influencers
    are the most sought-after (by in-degree) with and without formal authority; brokers are
    those with the highest betweenness among people with below-median constraint. A group
    with fewer qualifying people than ``size`` uses all of them; a group with none is left
    out.
    """
    n = network.n
    if n == 0:
        return {}
    if size is None:
        size = max(2, round(0.05 * n))
    size = min(size, n)
    nodes = result.nodes
    in_degree = network.in_degree.astype(np.float64)
    authority = network.formal_authority
    everyone = np.arange(n)
    groups: dict[str, np.ndarray] = {}
    leaders = np.asarray([i for i in everyone if authority[i] is True], dtype=np.int64)
    informal = np.asarray([i for i in everyone if authority[i] is False], dtype=np.int64)
    groups["formal_leaders"] = _top(leaders, in_degree, size)
    groups["informal_influencers"] = _top(informal[in_degree[informal] > 0], in_degree, size)
    constraint = nodes.constraint
    tied = ~np.isnan(constraint)
    if tied.any():
        median = float(np.median(constraint[tied]))
        open_ = everyone[tied & (constraint <= median) & (nodes.betweenness > 0)]
        groups["brokers"] = _top(open_, nodes.betweenness, size)
    out: dict[str, SpreadResult] = {}
    named = [(name, members) for name, members in groups.items() if len(members)]
    if named:
        starts = np.zeros((n, len(named)), dtype=bool)
        for j, (_, members) in enumerate(named):
            starts[members, j] = True
        curves = spread_reach(network.adjacency, starts, threshold=threshold)
        for j, (name, members) in enumerate(named):
            out[name] = SpreadResult(name, tuple(network.ids_of(members)), _trim(curves[:, j]))
    rng = np.random.default_rng(seed)
    starts = np.zeros((n, random_runs), dtype=bool)
    for j in range(random_runs):
        starts[rng.choice(n, size=size, replace=False), j] = True
    curves = spread_reach(network.adjacency, starts, threshold=threshold)
    out["random"] = SpreadResult("random", (), _trim(curves.mean(axis=1)))
    return out
