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
from typing import Any

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components, shortest_path

__all__ = ["EXACT_LIMIT", "PIVOTS", "PathMeasures", "path_measures", "sampled_path_measures"]

EXACT_LIMIT = 5000
"""Networks with more people than this get sampled betweenness and path lengths."""

PIVOTS = 256
"""Starting people used when sampling."""

_BATCH = 32
_SMALL_BATCH = 16
_BATCH_ELEMENTS = 2**19  # people x sources per batch: 32 sources up to 16,384 people, else 16
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


_EXACT_SIGMA = float(2**24)
"""Route counts below this are exact in single precision, so the forward search may use it."""


def _neighbour_columns(a: sp.csr_array, sources: np.ndarray, dtype: type[np.floating[Any]]) -> np.ndarray:
    """An n x b array with 1 where person i is a neighbour of source j (level 1, with no product)."""
    n, b = a.shape[0], len(sources)
    starts, ends = a.indptr[sources], a.indptr[sources + 1]
    out = np.zeros((n, b), dtype=dtype)
    rows = np.concatenate([a.indices[s:e] for s, e in zip(starts.tolist(), ends.tolist(), strict=True)])
    out[rows.astype(np.intp), np.repeat(np.arange(b), ends - starts)] = 1.0
    return out


def _forward(
    a: sp.csr_array, sources: np.ndarray, remaining: np.ndarray, dtype: type[np.floating[Any]]
) -> tuple[np.ndarray, list[np.ndarray], list[np.ndarray]]:
    """Breadth-first search from every source at once, one level per sparse-matrix product.

    Returns the number of shortest routes ``sigma`` (n x b), the mask of each level (level 0
    is the sources) and how many people each level holds for each source. Stops as soon as
    every source has reached everyone in its group, without a last empty product.
    """
    n, b = a.shape[0], len(sources)
    cols = np.arange(b)
    unseen = np.ones((n, b), dtype=dtype)
    unseen[sources, cols] = 0.0
    sigma = np.zeros((n, b), dtype=dtype)
    sigma[sources, cols] = 1.0
    first = np.zeros((n, b), dtype=bool)
    first[sources, cols] = True
    masks = [first]
    counts: list[np.ndarray] = []
    ones = np.ones(n, dtype=dtype)
    left = remaining.astype(np.float64)
    reach = _neighbour_columns(a, sources, dtype)
    while True:
        reach *= unseen
        mask = reach > 0
        found = ones @ mask.astype(dtype)
        if not found.any():
            break
        counts.append(found)
        unseen -= mask
        sigma += reach
        masks.append(mask)
        left -= found
        if not left.any():
            break
        reach = np.asarray(a @ reach)
    return sigma, masks, counts


def _brandes_batch(
    a: sp.csr_array, a32: sp.csr_array, sources: np.ndarray, remaining: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Dependencies and route-length counts from a batch of sources (Brandes' accumulation).

    Breadth-first search runs for all sources at once, one level per sparse-matrix product.
    ``remaining`` is how many people each source can reach. Route counts are whole numbers,
    so the forward search runs in single precision (twice as fast) whenever they stay below
    2**24, where it is exact; the dependencies are accumulated in double precision.
    Returns ``delta`` (n x b): how much each person lies on shortest routes from each source,
    and ``counts`` (depth x b): how many people are 1, 2, ... steps from each source.
    """
    b = len(sources)
    sigma32, masks, counts = _forward(a32, sources, remaining, np.float32)
    if float(sigma32.max()) < _EXACT_SIGMA:
        sigma = sigma32.astype(np.float64)
    else:
        sigma, masks, counts = _forward(a, sources, remaining, np.float64)
    del sigma32
    # g = (1 + delta) / sigma, kept instead of delta: each level then costs one product
    # and three passes. Level 1 sends its dependency only to the sources, so it is skipped.
    with np.errstate(divide="ignore"):
        g = np.where(sigma > 0, 1.0 / sigma, 0.0)
    coef = np.empty_like(g)
    for level in range(len(masks) - 1, 1, -1):
        np.multiply(g, masks[level], out=coef)
        back = np.asarray(a @ coef)
        back *= masks[level - 1]
        g += back
    delta = g * sigma
    delta -= 1.0
    delta[sigma == 0] = 0.0
    delta[sources, np.arange(b)] = 0.0
    table = np.array(counts, dtype=np.int64).reshape(-1, b)
    return delta, table


def sampled_path_measures(adjacency: sp.csr_array, largest: np.ndarray, sources: np.ndarray) -> PathMeasures:
    """Estimate path measures from breadth-first searches started at ``sources``.

    With every person as a source the results are exact (standard errors zero).
    """
    n = adjacency.shape[0]
    k = len(sources)
    if n == 0 or k == 0:
        return PathMeasures(np.zeros(n), None, None, 0.0, n > 0, 0)
    a = sp.csr_array(adjacency, dtype=np.float64)
    a32 = sp.csr_array(adjacency, dtype=np.float32)
    labels: np.ndarray
    _, labels = connected_components(a, directed=False)
    reachable = np.bincount(labels)[labels] - 1
    dep_sum = np.zeros(n)
    dep_sq = np.zeros(n)
    size = int(largest.sum())
    mean_dist: list[np.ndarray] = []
    efficiency: list[np.ndarray] = []
    best = (-1, -1)  # (largest eccentricity seen, the source with it)
    size_of_batch = _BATCH if n * _BATCH <= _BATCH_ELEMENTS else _SMALL_BATCH
    batches = [sources[i : i + size_of_batch] for i in range(0, k, size_of_batch)]

    def run(batch: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        delta, counts = _brandes_batch(a, a32, batch, reachable[batch])
        return delta.sum(axis=1), np.einsum("ij,ij->i", delta, delta), counts

    with ThreadPoolExecutor(max_workers=_WORKERS) as pool:
        for batch, (total, squares, counts) in zip(batches, pool.map(run, batches), strict=True):
            dep_sum += total
            dep_sq += squares
            steps = np.arange(1, counts.shape[0] + 1, dtype=np.float64)
            efficiency.append((1.0 / steps) @ counts / (n - 1) if n > 1 else np.zeros(len(batch)))
            inside = largest[batch]
            if size > 1 and inside.any():
                mean_dist.append(steps @ counts[:, inside] / (size - 1))
                # The last level with anyone on it, for each source in the largest group.
                reached = counts[:, inside] > 0
                eccentricity = np.where(reached.any(axis=0), len(steps) - np.argmax(reached[::-1], axis=0), 0)
                top = int(np.argmax(eccentricity))
                if int(eccentricity[top]) > best[0]:
                    best = (int(eccentricity[top]), int(batch[inside][top]))
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
    distances = np.concatenate(mean_dist) if mean_dist else np.zeros(0)
    efficiencies = np.concatenate(efficiency)
    return PathMeasures(
        betweenness=betweenness,
        average_path_length=_mean(distances),
        diameter=diameter,
        global_efficiency=_mean(efficiencies) or 0.0,
        sampled=sampled,
        pivots=k,
        betweenness_se=betweenness_se if sampled else None,
        average_path_length_se=_se(distances, size) if sampled else None,
        global_efficiency_se=_se(efficiencies, n) if sampled else None,
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


def _mean(values: np.ndarray) -> float | None:
    return float(np.mean(values)) if len(values) else None


def _se(values: np.ndarray, population: int) -> float | None:
    k = len(values)
    if k < 2:
        return None
    fpc = max(population - k, 0) / max(population - 1, 1)
    return float(np.std(values, ddof=1) / np.sqrt(k) * np.sqrt(fpc))
