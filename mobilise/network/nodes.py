"""Measures for each person, and who stands out: sought-after people, informal influencers,
brokers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from .graph import Network
from .thresholds import DEFAULT_THRESHOLDS, Thresholds

__all__ = [
    "NodeMeasures",
    "brokers",
    "burt_constraint",
    "informal_influencers",
    "sought_after",
]

_CHUNK_WORK = 4_000_000


@dataclass(frozen=True, eq=False)
class NodeMeasures:
    """One value per person, aligned with ``ids``.

    * ``in_degree`` – how many people named them (directed answers).
    * ``degree`` – distinct contacts in the symmetrised network.
    * ``betweenness`` – share of routes between other pairs passing through them (0..1);
      ``betweenness_se`` is its standard error when sampled, else ``None``.
    * ``eigenvector`` – eigenvector centrality (unit length over everyone).
    * ``constraint`` – Burt's constraint (NaN for people with no ties): high means their
      contacts are all tied to each other; low means they bridge otherwise separate people.
    * ``core_number`` – the largest k for which they are in the k-core.
    * ``community`` – community label (0 is the largest).
    * ``articulation`` – true if their leaving would split the network.
    """

    ids: tuple[str, ...]
    in_degree: np.ndarray
    degree: np.ndarray
    betweenness: np.ndarray
    betweenness_se: np.ndarray | None
    eigenvector: np.ndarray
    constraint: np.ndarray
    core_number: np.ndarray
    community: np.ndarray
    articulation: np.ndarray

    def records(self) -> list[dict[str, Any]]:
        """Per-person measures as plain dictionaries (NaN becomes ``None``)."""
        out = []
        for i, pid in enumerate(self.ids):
            constraint = float(self.constraint[i])
            out.append(
                {
                    "id": pid,
                    "in_degree": int(self.in_degree[i]),
                    "degree": int(self.degree[i]),
                    "betweenness": float(self.betweenness[i]),
                    "eigenvector": float(self.eigenvector[i]),
                    "constraint": None if np.isnan(constraint) else constraint,
                    "core_number": int(self.core_number[i]),
                    "community": int(self.community[i]),
                    "single_point_of_failure": bool(self.articulation[i]),
                }
            )
        return out


def burt_constraint(weights: sp.csr_array) -> np.ndarray:
    """Burt's constraint on a symmetric weighted network (NaN for people with no ties).

    c_i = sum over contacts j of (p_ij + sum_q p_iq p_qj)^2, where p_ij is the share of i's
    tie strength invested in j. Matches ``networkx.constraint`` on the symmetrised network.
    Computed in row chunks so hubs cannot blow up memory.
    """
    n = weights.shape[0]
    strength = np.asarray(weights.sum(axis=1)).ravel()
    with np.errstate(divide="ignore"):
        inverse = np.where(strength > 0, 1.0 / strength, 0.0)
    p = sp.csr_array(sp.diags_array(inverse) @ weights)
    p.sort_indices()
    pattern = p.copy()
    pattern.data = np.ones_like(pattern.data)
    degree = np.diff(p.indptr).astype(np.float64)
    work = np.cumsum(pattern @ degree + degree)
    result = np.zeros(n)
    start = 0
    while start < n:
        base = work[start - 1] if start else 0.0
        stop = int(np.searchsorted(work, base + _CHUNK_WORK, side="right"))
        stop = min(max(stop, start + 1), n)
        rows = p[start:stop]
        indirect = sp.csr_array((rows @ p).multiply(pattern[start:stop]))
        local = rows + indirect
        result[start:stop] = np.asarray(local.multiply(local).sum(axis=1)).ravel()
        start = stop
    result[strength == 0] = np.nan
    return result


def sought_after(in_degree: np.ndarray, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> np.ndarray:
    """People in the top decile by in-degree (and named by at least a few), most named first."""
    if not len(in_degree):
        return np.zeros(0, dtype=np.int64)
    cut = max(
        float(np.quantile(in_degree, thresholds.influencer_quantile)),
        float(thresholds.influencer_min_in_degree),
    )
    chosen = np.flatnonzero(in_degree >= cut)
    return chosen[np.argsort(-in_degree[chosen], kind="stable")]


def informal_influencers(network: Network, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> np.ndarray:
    """Sought-after people recorded as having no formal authority.

    People whose authority is unknown are left out: without that, an informal influencer
    cannot be told apart from a formal leader.
    """
    chosen = sought_after(network.in_degree, thresholds)
    return np.asarray([i for i in chosen if network.formal_authority[i] is False], dtype=np.int64)


def brokers(
    betweenness: np.ndarray,
    constraint: np.ndarray,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> np.ndarray:
    """People with top-decile betweenness and low constraint, highest betweenness first."""
    tied = ~np.isnan(constraint)
    if not tied.any():
        return np.zeros(0, dtype=np.int64)
    b_cut = float(np.quantile(betweenness, thresholds.broker_quantile))
    c_cut = float(np.quantile(constraint[tied], thresholds.broker_constraint_quantile))
    chosen = np.flatnonzero((betweenness >= b_cut) & (betweenness > 0) & tied)
    chosen = chosen[constraint[chosen] <= c_cut]
    return chosen[np.argsort(-betweenness[chosen], kind="stable")]
