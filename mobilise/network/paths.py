"""Shortest-path measures: betweenness, average path length, diameter, global efficiency.

Brandes' algorithm runs as breadth-first searches from many people at once, one level per
sparse-matrix product, in a few threads (numpy and scipy release the interpreter lock). Up to
``exact_limit`` people every person is a starting point, so everything is exact. Above it,
the measures are estimated from ``pivots`` starting people chosen uniformly at random
(Brandes and Pich, 2007). Those estimates are unbiased and come with standard errors worked
out from the spread between starting people (with the finite-population correction), so the
error is stated, not assumed.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import shortest_path

__all__ = ["EXACT_LIMIT", "PIVOTS", "PathMeasures", "path_measures", "sampled_path_measures"]

EXACT_LIMIT = 5000
"""Networks with more people than this get sampled betweenness and path lengths."""

PIVOTS = 256
"""Starting people used when sampling."""

_BATCH = 16
_WORKERS = max(1, min(4, os.cpu_count() or 1))


@dataclass(frozen=True)
class PathMeasures:
    """Betweenness of each person plus network-level path measures.

    ``betweenness`` is normalised to 0..1 (share of the routes between other pairs that pass
    through the person, counting each unordered pair once). Average path length and diameter
    are measured within the largest connected group; global efficiency over everyone.
    When ``sampled`` is true the ``*_se`` fields hold standard errors and ``diameter`` is a
    lower bound.
    """

    betweenness: np.ndarray
    average_path_length: float | None
    diameter: int | None
    global_efficiency: float
    sampled: bool
    pivots: int
    betweenness_se: np.ndarray | None = None
    average_path_length_se: float | None = None
    global_efficiency_se: float | None = None


def path_measures(
    adjacency: sp.csr_array,
    largest: np.ndarray,
    *,
    exact_limit: int = EXACT_LIMIT,
    pivots: int = PIVOTS,
    seed: int = 0,
) -> PathMeasures:
    """Exact measures up to ``exact_limit`` people, sampled from ``pivots`` people above it.

    ``largest`` is a boolean mask of the people in the largest connected group.
    """
    n = adjacency.shape[0]
    if n <= exact_limit or pivots >= n:
        if n > 2 and _long_and_thin(adjacency, largest):
            return _exact_by_single_searches(adjacency, largest)
        return sampled_path_measures(adjacency, largest, np.arange(n))
    rng = np.random.default_rng(seed)
    sources = np.sort(rng.choice(n, size=pivots, replace=False))
    return sampled_path_measures(adjacency, largest, sources)


_LONG_AND_THIN = 4.0


def _long_and_thin(adjacency: sp.csr_array, largest: np.ndarray) -> bool:
    """Whether searching one level at a time for everyone at once would waste most of its work.

    The batched search costs about people x diameter per level sweep, a search per person
    about the number of ties; long, thin networks (chains, rings of groups) favour the latter.
    """
    start = int(np.flatnonzero(largest)[0])
    first = shortest_path(adjacency, unweighted=True, indices=[start])[0]
    first[~np.isfinite(first)] = -1
    far = shortest_path(adjacency, unweighted=True, indices=[int(np.argmax(first))])[0]
    diameter = float(far[np.isfinite(far)].max())
    ties = max(adjacency.nnz / 2, 1.0)
    return bool(adjacency.shape[0] * diameter / ties > _LONG_AND_THIN)


def _exact_by_single_searches(adjacency: sp.csr_array, largest: np.ndarray) -> PathMeasures:
    """Exact measures from one search per person: compiled Brandes (rustworkx) for
    betweenness, scipy's breadth-first search for distances, in chunks to bound memory."""
    import rustworkx as rx

    n = adjacency.shape[0]
    upper = sp.triu(adjacency, k=1, format="coo")
    graph = rx.PyGraph(multigraph=False)
    graph.add_nodes_from(range(n))
    graph.add_edges_from_no_data(list(zip(upper.row.tolist(), upper.col.tolist(), strict=True)))
    found = rx.graph_betweenness_centrality(graph, normalized=True)
    betweenness = np.fromiter((found[i] for i in range(n)), dtype=np.float64, count=n)
    size = int(largest.sum())
    inverse_sum = 0.0
    distance_sum = 0.0
    diameter = 0
    chunk = max(1, 4_000_000 // n)
    for begin in range(0, n, chunk):
        rows = shortest_path(adjacency, unweighted=True, indices=np.arange(begin, min(begin + chunk, n)))
        reached = np.isfinite(rows) & (rows > 0)
        inverse_sum += float((1.0 / rows[reached]).sum())
        inside = rows[largest[begin : begin + chunk]][:, largest]
        if inside.size:
            distance_sum += float(inside.sum())
            diameter = max(diameter, int(inside.max()))
    pairs = size * (size - 1)
    return PathMeasures(
        betweenness=betweenness,
        average_path_length=distance_sum / pairs if pairs else None,
        diameter=diameter if pairs else None,
        global_efficiency=inverse_sum / (n * (n - 1)),
        sampled=False,
        pivots=n,
    )


def _brandes_batch(a: sp.csr_array, sources: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Dependencies and route-length counts from a batch of sources (Brandes' accumulation).

    Breadth-first search runs for all sources at once, one level per sparse-matrix product.
    Returns ``delta`` (n x b): how much each person lies on shortest routes from each source,
    and ``counts`` (depth x b): how many people are 1, 2, ... steps from each source.
    """
    n, b = a.shape[0], len(sources)
    cols = np.arange(b)
    unseen = np.ones((n, b), dtype=bool)
    unseen[sources, cols] = False
    frontier = np.zeros((n, b))
    frontier[sources, cols] = 1.0
    sigma = frontier.copy()
    masks = [~unseen]
    while True:
        reach = np.asarray(a @ frontier)
        reach *= unseen
        mask = reach > 0
        if not mask.any():
            break
        unseen &= ~mask
        sigma += reach
        frontier = reach
        masks.append(mask)
    counts = np.array([m.sum(axis=0) for m in masks[1:]], dtype=np.int64).reshape(-1, b)
    delta = np.zeros((n, b))
    with np.errstate(divide="ignore", invalid="ignore"):
        inverse_sigma = np.where(sigma > 0, 1.0 / sigma, 0.0)
    del unseen, frontier
    for level in range(len(masks) - 1, 0, -1):
        coef = (1.0 + delta) * inverse_sigma
        coef *= masks[level]
        back = np.asarray(a @ coef)
        back *= sigma
        back *= masks[level - 1]
        delta += back
    delta[sources, cols] = 0.0
    return delta, counts


def sampled_path_measures(adjacency: sp.csr_array, largest: np.ndarray, sources: np.ndarray) -> PathMeasures:
    """Estimate path measures from breadth-first searches started at ``sources``.

    With every person as a source the results are exact (standard errors zero).
    """
    n = adjacency.shape[0]
    k = len(sources)
    if n == 0 or k == 0:
        return PathMeasures(np.zeros(n), None, None, 0.0, n > 0, 0)
    a = sp.csr_array(adjacency, dtype=np.float64)
    dep_sum = np.zeros(n)
    dep_sq = np.zeros(n)
    size = int(largest.sum())
    mean_dist: list[float] = []
    efficiency: list[float] = []
    best = (-1, -1)  # (largest eccentricity seen, the source with it)
    batches = [sources[i : i + _BATCH] for i in range(0, k, _BATCH)]

    def run(batch: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        delta, counts = _brandes_batch(a, batch)
        return delta.sum(axis=1), np.einsum("ij,ij->i", delta, delta), counts

    with ThreadPoolExecutor(max_workers=_WORKERS) as pool:
        for batch, (total, squares, counts) in zip(batches, pool.map(run, batches), strict=True):
            dep_sum += total
            dep_sq += squares
            steps = np.arange(1, counts.shape[0] + 1, dtype=np.float64)
            for j, s in enumerate(batch):
                column = counts[:, j]
                efficiency.append(float(column @ (1.0 / steps)) / (n - 1) if n > 1 else 0.0)
                if largest[s] and size > 1:
                    mean_dist.append(float(column @ steps) / (size - 1))
                    reached = np.flatnonzero(column)
                    eccentricity = int(reached[-1]) + 1 if len(reached) else 0
                    if eccentricity > best[0]:
                        best = (eccentricity, int(s))
    scale = n / ((n - 1) * (n - 2)) if n > 2 else 0.0
    fpc = (n - k) / (n - 1) if n > 1 else 0.0
    mean_dep = dep_sum / k
    var_dep = np.maximum(dep_sq / k - mean_dep**2, 0.0) * k / max(k - 1, 1)
    betweenness = scale * mean_dep
    betweenness_se = scale * np.sqrt(var_dep / k * fpc)
    sampled = k < n
    diameter: int | None = None
    if best[1] >= 0:
        diameter = _double_sweep(a, best[1], best[0]) if sampled else best[0]
    return PathMeasures(
        betweenness=betweenness,
        average_path_length=_mean(mean_dist),
        diameter=diameter,
        global_efficiency=_mean(efficiency) or 0.0,
        sampled=sampled,
        pivots=k,
        betweenness_se=betweenness_se if sampled else None,
        average_path_length_se=_se(mean_dist, size) if sampled else None,
        global_efficiency_se=_se(efficiency, n) if sampled else None,
    )


def _double_sweep(a: sp.csr_array, start: int, known: int, sweeps: int = 3) -> int:
    """Improve a lower bound on the diameter by repeatedly searching from the farthest person."""
    best = known
    current = start
    for _ in range(sweeps):
        d = shortest_path(a, unweighted=True, indices=[current])[0]
        d[~np.isfinite(d)] = -1
        current = int(np.argmax(d))
        best = max(best, int(d[current]))
    return best


def _mean(values: list[float]) -> float | None:
    return float(np.mean(values)) if values else None


def _se(values: list[float], population: int) -> float | None:
    k = len(values)
    if k < 2:
        return None
    fpc = max(population - k, 0) / max(population - 1, 1)
    return float(np.std(values, ddof=1) / np.sqrt(k) * np.sqrt(fpc))
