"""Suggested introductions: new ties that would most improve the network.

Candidates come from three kinds of weakness: single points of failure (and the bridges
next to them), communities with no tie between them (preferring pairs across
organisations), and people or small groups cut off from the main network. From this bounded
set, introductions are chosen greedily, each time taking the one that most raises global
efficiency (how easily everyone can reach everyone). Distances are kept for a fixed sample
of starting people (everyone in small networks) and updated exactly after each choice; the
greedy search is lazy (a candidate's earlier gain bounds its later gain), so most steps
re-score only a few candidates. They are suggestions for a person to confirm, each with its
reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components, shortest_path

from .graph import Network
from .metrics import MetricsResult

__all__ = ["Introduction", "suggest_introductions"]

_MAX_CANDIDATES = 60
_EXACT_SOURCES = 600
_SAMPLED_SOURCES = 64


@dataclass(frozen=True, slots=True)
class Introduction:
    """Introduce ``source`` and ``target``. ``efficiency_gain`` is the estimated rise in
    global efficiency when added after the introductions listed before it."""

    source: str
    target: str
    kind: str  # single_point_of_failure | bridge | communities | isolated | small_group
    reason: str
    efficiency_gain: float


_Add = Callable[[int, int, str, str], None]


@dataclass(frozen=True, slots=True)
class _Candidate:
    u: int
    v: int
    kind: str
    reason: str


def suggest_introductions(
    network: Network,
    result: MetricsResult,
    *,
    limit: int = 5,
    seed: int = 0,
) -> list[Introduction]:
    """Up to ``limit`` introductions, best first, for a person to confirm."""
    if limit <= 0 or network.n < 3:
        return []
    candidates = _candidates(network, result)
    if not candidates:
        return []
    n = network.n
    if n <= _EXACT_SOURCES:
        sources = np.arange(n)
    else:
        rng = np.random.default_rng(seed)
        sources = np.sort(rng.choice(n, size=_SAMPLED_SOURCES, replace=False))
    ends = np.unique([x for c in candidates for x in (c.u, c.v)])
    row = {int(x): i for i, x in enumerate(ends)}
    dist = _distances(network.adjacency, sources)
    end_dist = _distances(network.adjacency, ends)
    scale = 1.0 / (len(sources) * (n - 1))

    def gain(c: _Candidate) -> float:
        via = _via(dist, c.u, c.v, end_dist[row[c.u]], end_dist[row[c.v]])
        better = via < dist
        return float(np.sum(1.0 / via[better]) - np.sum(1.0 / dist[better])) * scale

    # Lazy greedy: a candidate's last gain is taken as a bound on its gain now, and only
    # the candidate at the top is worked out again.
    bound = [gain(c) for c in candidates]
    fresh = [True] * len(candidates)
    chosen: list[Introduction] = []
    while len(chosen) < limit:
        open_ = [i for i in range(len(candidates)) if bound[i] > 1e-15]
        if not open_:
            break
        top = max(open_, key=lambda i: bound[i])
        if not fresh[top]:
            bound[top] = gain(candidates[top])
            fresh[top] = True
            continue
        cand = candidates[top]
        chosen.append(
            Introduction(network.ids[cand.u], network.ids[cand.v], cand.kind, cand.reason, bound[top])
        )
        du, dv = end_dist[row[cand.u]].copy(), end_dist[row[cand.v]].copy()
        dist = np.minimum(dist, _via(dist, cand.u, cand.v, du, dv))
        end_dist = np.minimum(end_dist, _via(end_dist, cand.u, cand.v, du, dv))
        bound[top] = 0.0
        fresh = [False] * len(candidates)
    return chosen


_BFS_LEVELS = 64


def _distances(a: sp.csr_array, rows: np.ndarray) -> np.ndarray:
    """Steps from each of ``rows`` to everyone (infinity when unreachable).

    Searches 64 people at once, one level per sparse-matrix product; a chunk still going
    after ``_BFS_LEVELS`` levels (a long, thin network) is redone by scipy, one search each.
    """
    n = a.shape[0]
    out = np.empty((len(rows), n), dtype=np.float32)
    pattern = sp.csr_array(a, dtype=np.float32)
    for start in range(0, len(rows), 64):
        chunk = rows[start : start + 64]
        found = _batched_search(pattern, chunk)
        if found is None:
            # The matrix is symmetric, so a directed search gives the same steps, without
            # scipy symmetrising it again for every chunk.
            found = shortest_path(a, unweighted=True, directed=True, indices=chunk)
        out[start : start + len(chunk)] = found
    return out


def _batched_search(pattern: sp.csr_array, rows: np.ndarray) -> np.ndarray | None:
    n, b = pattern.shape[0], len(rows)
    cols = np.arange(b)
    steps = np.full((n, b), np.inf, dtype=np.float32)
    steps[rows, cols] = 0.0
    unseen = np.ones((n, b), dtype=bool)
    unseen[rows, cols] = False
    frontier = np.zeros((n, b), dtype=np.float32)
    frontier[rows, cols] = 1.0
    for level in range(1, _BFS_LEVELS + 1):
        reached = np.asarray(pattern @ frontier) > 0
        reached &= unseen
        if not reached.any():
            return steps.T
        steps[reached] = level
        unseen &= ~reached
        frontier = reached.astype(np.float32)
    return None


def _via(dist: np.ndarray, u: int, v: int, du: np.ndarray, dv: np.ndarray) -> np.ndarray:
    """Route lengths using a new tie u-v (rows of ``dist`` are starting people)."""
    via: np.ndarray = np.minimum(
        dist[:, u : u + 1] + 1.0 + dv[None, :], dist[:, v : v + 1] + 1.0 + du[None, :]
    )
    return via


def _candidates(network: Network, result: MetricsResult) -> list[_Candidate]:
    found: list[_Candidate] = []
    seen: set[tuple[int, int]] = set()
    a = network.adjacency

    def add(u: int, v: int, kind: str, reason: str) -> None:
        key = (min(u, v), max(u, v))
        if u == v or key in seen or a[u, v] != 0:
            return
        seen.add(key)
        found.append(_Candidate(u, v, kind, reason))

    per_kind = _MAX_CANDIDATES // 4
    _around_failures(network, result, add, per_kind)
    _across_communities(network, result, add, per_kind)
    _bring_in(network, result, add, per_kind * 2)
    return found[:_MAX_CANDIDATES]


def _rank(network: Network, result: MetricsResult) -> np.ndarray:
    """A score for 'well placed to welcome someone': in-degree, then eigenvector."""
    score: np.ndarray = network.in_degree + result.nodes.eigenvector
    return score


def _around_failures(network: Network, result: MetricsResult, add: _Add, budget: int) -> None:
    a = network.adjacency
    ids = network.ids
    score = _rank(network, result)
    count = 0
    for cut in result.articulation[:budget]:
        cut = int(cut)
        keep = np.ones(network.n, dtype=bool)
        keep[cut] = False
        inner = a[keep][:, keep]
        _, labels = connected_components(inner, directed=False)
        full = np.full(network.n, -1)
        full[keep] = labels
        neighbours = a.indices[a.indptr[cut] : a.indptr[cut + 1]]
        pieces: dict[int, list[int]] = {}
        for x in neighbours:
            pieces.setdefault(int(full[x]), []).append(int(x))
        if len(pieces) < 2:
            continue
        sizes = np.bincount(labels)
        ordered = sorted(pieces, key=lambda p: -sizes[p])
        main, side = ordered[0], ordered[1]
        u = max(pieces[main], key=lambda x: score[x])
        v = max(pieces[side], key=lambda x: score[x])
        cut_off = int(sizes[side])
        add(
            u,
            v,
            "single_point_of_failure",
            f"{ids[cut]} is a single point of failure: if they left, {cut_off} "
            f"{'person' if cut_off == 1 else 'people'} would be cut off. {ids[u]} and {ids[v]} "
            f"both know {ids[cut]}; introducing them gives a second route.",
        )
        count += 1
    for u, v in result.bridges[: max(budget - count, 0)]:
        nu = [int(x) for x in a.indices[a.indptr[u] : a.indptr[u + 1]] if x != v]
        nv = [int(x) for x in a.indices[a.indptr[v] : a.indptr[v + 1]] if x != u]
        if not nu or not nv:
            continue
        x = max(nu, key=lambda i: score[i])
        y = max(nv, key=lambda i: score[i])
        add(
            x,
            y,
            "bridge",
            f"The tie between {ids[u]} and {ids[v]} is the only link between two parts of the "
            f"network. Introducing {ids[x]} (who knows {ids[u]}) and {ids[y]} (who knows "
            f"{ids[v]}) adds a second link.",
        )


def _across_communities(network: Network, result: MetricsResult, add: _Add, budget: int) -> None:
    community = result.nodes.community
    degree = network.degree
    tied = degree > 0
    if not tied.any():
        return
    labels = np.unique(community[tied])
    sizes = np.bincount(community[tied])
    big = [int(c) for c in labels if sizes[c] >= 3][:10]
    if len(big) < 2:
        return
    u, v, _ = network.edges
    cu, cv = community[u], community[v]
    between: dict[tuple[int, int], int] = {}
    for x, y in zip(cu.tolist(), cv.tolist(), strict=True):
        if x != y:
            key = (min(x, y), max(x, y))
            between[key] = between.get(key, 0) + 1
    score = _rank(network, result)
    org = network.organisation
    ids = network.ids
    lead = {}
    main_org: dict[int, str | None] = {}
    for c in big:
        members = np.flatnonzero(community == c)
        lead[c] = int(members[np.argmax(score[members])])
        known = [org[i] for i in members if org[i] is not None]
        main_org[c] = max(set(known), key=known.count) if known else None
    pairs = []
    for i, x in enumerate(big):
        for y in big[i + 1 :]:
            ties = between.get((min(x, y), max(x, y)), 0)
            if ties:
                continue
            cross = main_org[x] is not None and main_org[y] is not None and (main_org[x] != main_org[y])
            pairs.append((not cross, -int(sizes[x]) * int(sizes[y]), x, y))
    for _, _, x, y in sorted(pairs)[:budget]:
        p, q = lead[x], lead[y]
        where = ""
        if main_org[x] and main_org[y] and main_org[x] != main_org[y]:
            where = f", across {main_org[x]} and {main_org[y]}"
        add(
            p,
            q,
            "communities",
            f"Two communities ({sizes[x]} and {sizes[y]} people{where}) have no tie between "
            f"them. {ids[p]} and {ids[q]} are among the most sought-after in each.",
        )


def _bring_in(network: Network, result: MetricsResult, add: _Add, budget: int) -> None:
    largest = result.largest
    if not largest.any():
        return
    ids = network.ids
    org = network.organisation
    score = _rank(network, result)
    inside = np.flatnonzero(largest)
    by_score = inside[np.argsort(-score[inside], kind="stable")]
    hosts = by_score[: max(5, budget)]
    _, labels = connected_components(network.adjacency, directed=False)
    main = labels[inside[0]]
    groups: dict[int, list[int]] = {}
    for i in np.flatnonzero(~largest):
        groups.setdefault(int(labels[i]), []).append(int(i))
    ordered = sorted(groups.values(), key=lambda g: (-len(g), g[0]))
    for turn, group in enumerate(ordered[:budget]):
        person = max(group, key=lambda i: (score[i], -i))
        same = [h for h in by_score[:200] if org[person] is not None and org[h] == org[person]]
        host = int(same[0]) if same else int(hosts[turn % len(hosts)])
        if labels[host] != main:
            continue
        note = " in the same organisation" if same else ""
        if len(group) == 1:
            reason = (
                f"{ids[person]} has no ties to anyone. An introduction to {ids[host]}"
                f"{note}, who is well connected, would bring them in."
            )
            kind = "isolated"
        else:
            reason = (
                f"{ids[person]} is in a group of {len(group)} people with no tie to the main "
                f"network. An introduction to {ids[host]}{note} would connect the group."
            )
            kind = "small_group"
        add(person, host, kind, reason)
