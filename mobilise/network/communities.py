"""Communities: a vectorised Louvain method, modularity, and degree-preserving rewiring.

Louvain here is the usual two-phase method (move people between communities while
modularity improves, then merge each community into one node and repeat), with one change
that lets numpy do the work: people are moved in batches that share no tie (the classes of a
greedy colouring), so every move in a batch sees exactly the same neighbourhood it would see
if moved alone. This is the colouring heuristic of Lu, Halappanavar and Kalyanaraman (2015),
"Parallel heuristics for scalable community detection". Batch order and ties between equally
good moves are decided by a seeded random generator, so results are reproducible.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import rustworkx as rx
import scipy.sparse as sp

__all__ = [
    "ModularityTest",
    "louvain",
    "modularity",
    "modularity_against_rewiring",
    "rewire",
]


def modularity(adjacency: sp.csr_array, labels: np.ndarray, resolution: float = 1.0) -> float:
    """Newman modularity of ``labels`` on a symmetric weighted adjacency matrix."""
    coo = adjacency.tocoo()
    two_m = float(coo.data.sum())
    if two_m <= 0:
        return 0.0
    inside = float(coo.data[labels[coo.row] == labels[coo.col]].sum())
    strength = np.asarray(adjacency.sum(axis=1)).ravel()
    tot = np.bincount(labels, weights=strength)
    return inside / two_m - resolution * float(np.sum((tot / two_m) ** 2))


def _colour_classes(off: sp.csr_array) -> list[np.ndarray]:
    """Groups of nodes with no tie between any two in a group (greedy colouring)."""
    n = off.shape[0]
    upper = sp.triu(off, k=1, format="coo")
    g = rx.PyGraph(multigraph=False)
    g.add_nodes_from(range(n))
    g.add_edges_from_no_data(list(zip(upper.row.tolist(), upper.col.tolist(), strict=True)))
    colour_of = rx.graph_greedy_color(g)
    colours = np.fromiter((colour_of[i] for i in range(n)), dtype=np.int64, count=n)
    order = np.argsort(colours, kind="stable")
    bounds = np.flatnonzero(np.diff(colours[order])) + 1
    return [part for part in np.split(order, bounds) if len(part)]


def _local_moving(
    adjacency: sp.csr_array,
    rng: np.random.Generator,
    resolution: float,
    sweep_tolerance: float,
    max_sweeps: int,
) -> tuple[np.ndarray, bool]:
    """Phase one of Louvain on one level. Returns community per node and whether any moved."""
    n = adjacency.shape[0]
    strength = np.asarray(adjacency.sum(axis=1)).ravel()
    two_m = float(strength.sum())
    off = sp.csr_array(adjacency - sp.diags_array(adjacency.diagonal()))
    off.eliminate_zeros()
    coo = adjacency.tocoo()
    comm = np.arange(n)
    tot = strength.copy()
    classes = _colour_classes(off)
    eps = 1e-12 * max(two_m / max(n, 1), 1e-300)
    moved_any = False

    def quality() -> float:
        inside = float(coo.data[comm[coo.row] == comm[coo.col]].sum())
        return inside / two_m - resolution * float(np.sum((tot / two_m) ** 2))

    # The rows of each batch do not change within a level, so slice them once.
    batches = []
    for nodes in classes:
        sub = off[nodes]
        if sub.nnz:
            batches.append((nodes, sub.indptr, sub.indices, sub.data))
    current = quality()
    for _ in range(max_sweeps):
        moved = 0
        priority = rng.permutation(n).astype(np.float64)  # random tie-break
        for k in rng.permutation(len(batches)):
            nodes, indptr, indices, data = batches[k]
            # Weight from each person in the batch to each neighbouring community.
            links = sp.csr_array((data.copy(), comm[indices], indptr.copy()), shape=(len(nodes), n))
            links.sum_duplicates()
            counts = np.diff(links.indptr)
            present = np.flatnonzero(counts)
            starts = links.indptr[present]
            group = np.repeat(np.arange(len(present)), counts[present])
            c = links.indices
            k_in = links.data
            person = nodes[present]
            k_i = strength[person]
            own = comm[person]
            is_own = c == own[group]
            score = k_in - resolution * k_i[group] * (tot[c] - np.where(is_own, k_i[group], 0.0)) / two_m
            stay = -resolution * k_i * (tot[own] - k_i) / two_m
            stay += np.bincount(group[is_own], weights=k_in[is_own], minlength=len(present))
            best = np.maximum.reduceat(score, starts)
            tie = np.where(score >= best[group], priority[c], -1.0)
            choice = np.flatnonzero(tie == np.maximum.reduceat(tie, starts)[group])
            move = (score[choice] > stay + eps) & (c[choice] != own)
            if not move.any():
                continue
            movers = person[move]
            dest = c[choice[move]]
            tot -= np.bincount(comm[movers], weights=k_i[move], minlength=n)
            tot += np.bincount(dest, weights=k_i[move], minlength=n)
            comm[movers] = dest
            moved += len(movers)
        if not moved:
            break
        moved_any = True
        new = quality()
        if new - current <= sweep_tolerance:
            break
        current = new
    return comm, moved_any


def louvain(
    adjacency: sp.csr_array,
    *,
    seed: int = 0,
    resolution: float = 1.0,
    tolerance: float = 1e-7,
    sweep_tolerance: float = 1e-4,
    max_sweeps: int = 100,
) -> np.ndarray:
    """Communities of a symmetric weighted network, as labels 0..c-1 (largest first).

    Isolated people each form their own community.
    """
    n = adjacency.shape[0]
    rng = np.random.default_rng(seed)
    membership = np.arange(n)
    a = sp.csr_array(adjacency, dtype=np.float64)
    if a.sum() <= 0:
        return membership
    best = modularity(a, membership, resolution)
    while True:
        comm, moved = _local_moving(a, rng, resolution, sweep_tolerance, max_sweeps)
        if not moved:
            break
        _, comm = np.unique(comm, return_inverse=True)
        candidate = comm[membership]
        score = modularity(adjacency, candidate, resolution)
        if score - best <= tolerance:
            if score > best:
                membership = candidate
            break
        best = score
        membership = candidate
        c = int(comm.max()) + 1
        onehot = sp.csr_array((np.ones(len(comm)), (np.arange(len(comm)), comm)), shape=(len(comm), c))
        a = sp.csr_array(onehot.T @ a @ onehot)
        a.sort_indices()
    return _relabel_by_size(membership)


def _relabel_by_size(labels: np.ndarray) -> np.ndarray:
    _, labels = np.unique(labels, return_inverse=True)
    sizes = np.bincount(labels)
    order = np.lexsort((np.arange(len(sizes)), -sizes))
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    return rank[labels]


def rewire(
    u: np.ndarray,
    v: np.ndarray,
    n: int,
    rng: np.random.Generator,
    rounds: int = 10,
) -> tuple[np.ndarray, np.ndarray]:
    """Degree-preserving rewiring by double-edge swaps, done in vectorised rounds.

    Each round pairs up every tie at random and tries to swap ends, (a-b, c-d) -> (a-d, c-b),
    rejecting swaps that would make a self-tie or a tie that already exists (or that another
    swap in the same round also makes). About ``rounds / 2`` swaps are tried per tie. Returns
    the new (u, v) with u < v; tie i keeps its position so any weights can stay with it.
    """
    u, v = np.minimum(u, v).astype(np.int64), np.maximum(u, v).astype(np.int64)
    e = len(u)
    if e < 2:
        return u, v
    for _ in range(rounds):
        keys = np.sort(u * n + v)
        perm = rng.permutation(e)
        half = e // 2
        a, b = perm[:half], perm[half : 2 * half]
        flip = rng.random(half) < 0.5
        x1, y1 = u[a], v[a]
        x2 = np.where(flip, v[b], u[b])
        y2 = np.where(flip, u[b], v[b])
        lo1, hi1 = np.minimum(x1, y2), np.maximum(x1, y2)
        lo2, hi2 = np.minimum(x2, y1), np.maximum(x2, y1)
        k1, k2 = lo1 * n + hi1, lo2 * n + hi2
        ok = (lo1 != hi1) & (lo2 != hi2) & (k1 != k2)
        # Sort the proposed ties once: membership and duplicates are then cheap to find.
        new = np.concatenate([k1, k2])
        owner = np.concatenate([np.arange(half), np.arange(half)])
        order = np.argsort(new)
        new, owner = new[order], owner[order]
        keep = ok[owner]
        new, owner = new[keep], owner[keep]
        pos = np.minimum(np.searchsorted(keys, new), e - 1)
        bad = keys[pos] == new
        same = new[1:] == new[:-1]
        bad[1:] |= same
        bad[:-1] |= same
        ok[owner[bad]] = False
        take = np.flatnonzero(ok)
        u[a[take]], v[a[take]] = lo1[take], hi1[take]
        u[b[take]], v[b[take]] = lo2[take], hi2[take]
    return u, v


@dataclass(frozen=True, slots=True)
class ModularityTest:
    """Modularity of the communities found, judged against rewired networks."""

    modularity: float
    null_mean: float | None
    null_sd: float | None
    z_score: float | None
    rewirings: int

    @property
    def excess(self) -> float | None:
        """How far modularity is above the rewired networks' average."""
        if self.null_mean is None:
            return None
        return self.modularity - self.null_mean


def modularity_against_rewiring(
    adjacency: sp.csr_array,
    labels: np.ndarray,
    *,
    rewirings: int,
    seed: int = 0,
) -> ModularityTest:
    """Compare the modularity of ``labels`` with Louvain on ``rewirings`` rewired copies.

    The copies keep everyone's number of contacts (double-edge swaps) and each tie's weight,
    so any extra modularity in the real network comes from who is tied to whom.
    """
    q = modularity(adjacency, labels)
    upper = sp.triu(adjacency, k=1, format="coo")
    if rewirings <= 0 or upper.nnz < 2:
        return ModularityTest(q, None, None, None, 0)
    n = adjacency.shape[0]
    rng = np.random.default_rng(seed)
    values = []
    for i in range(rewirings):
        ru, rv = rewire(upper.row.astype(np.int64), upper.col.astype(np.int64), n, rng)
        half = sp.csr_array((upper.data, (ru, rv)), shape=(n, n))
        rewired = sp.csr_array(half + half.T)
        values.append(modularity(rewired, louvain(rewired, seed=seed + 1 + i)))
    mean = float(np.mean(values))
    sd = float(np.std(values, ddof=1)) if len(values) > 1 else None
    z = (q - mean) / sd if sd else None
    return ModularityTest(q, mean, sd, z, rewirings)
