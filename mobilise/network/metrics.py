"""Network-level metrics and the per-person measures they are built from.

Structure metrics use the symmetrised network (a tie named in either direction counts
once); in-degree and reciprocity use the directed answers. Tie weights are used only where
strength matters by definition: communities (weighted Leiden and modularity) and Burt's
constraint. Everything else counts ties.
"""

from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
import rustworkx as rx
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components, laplacian, shortest_path

from .communities import ModularityTest, leiden, modularity_against_rewiring
from .graph import Network
from .nodes import NodeMeasures, burt_constraint
from .paths import EXACT_LIMIT, PIVOTS, path_measures
from .spectral import algebraic_connectivity, eigenvector_centrality

__all__ = ["MetricsResult", "NetworkMetrics", "Sampling", "compute_metrics", "default_rewirings"]


@dataclass(frozen=True, slots=True)
class Sampling:
    """Whether path-based measures were sampled, and how precise they are.

    Standard errors are for the estimates as reported (betweenness on its 0..1 scale).
    ``betweenness_max_se`` is the largest standard error of any one person's betweenness.
    When sampled, ``diameter`` is a lower bound (the longest route actually found).
    """

    sampled: bool
    pivots: int
    betweenness_max_se: float | None = None
    betweenness_centralisation_se: float | None = None
    average_path_length_se: float | None = None
    global_efficiency_se: float | None = None

    @property
    def diameter_is_lower_bound(self) -> bool:
        return self.sampled

    def describe(self) -> str:
        """One plain-English sentence on how exact the path-based measures are."""
        if not self.sampled:
            return "Betweenness and path lengths are exact."
        errors = []
        if self.betweenness_max_se is not None:
            errors.append(f"betweenness at most {self.betweenness_max_se:.4f} for any person")
        if self.average_path_length_se is not None:
            errors.append(f"average path length {self.average_path_length_se:.3f}")
        if self.global_efficiency_se is not None:
            errors.append(f"global efficiency {self.global_efficiency_se:.4f}")
        text = "Betweenness and path lengths were estimated from "
        text += f"{self.pivots} randomly chosen starting people"
        if errors:
            text += " (standard errors: " + "; ".join(errors) + ")"
        return text + ". The diameter is a lower bound."


@dataclass(frozen=True, slots=True)
class NetworkMetrics:
    """Every network-level metric. ``None`` means not defined for this network."""

    people: int
    ties: int  # symmetrised: a tie named in either direction counts once
    directed_ties: int  # distinct answers
    density: float
    mean_degree: float
    reciprocity: float | None  # share of answers that were returned
    components: int
    largest_component_share: float
    isolates: int
    degree_centralisation: float | None
    betweenness_centralisation: float | None
    average_path_length: float | None  # within the largest component
    path_length_ratio: float | None  # vs ln(n)/ln(mean degree) in the largest component
    diameter: int | None  # within the largest component
    global_efficiency: float
    transitivity: float
    two_core_share: float
    degeneracy: int
    articulation_points: int
    non_pendant_bridges: int
    algebraic_connectivity: float | None  # of the largest component
    modularity: float | None
    modularity_null_mean: float | None
    modularity_null_sd: float | None
    modularity_z: float | None
    rewirings: int
    communities: int  # among people with at least one tie
    between_community_tie_share: float | None  # ties joining two different communities
    community_density: float | None  # average share of own community each person is tied to
    chain_links: int  # single points of failure outside every tightly knit group (3-core)
    mean_constraint: float | None
    organisations: int
    cross_organisation_tie_share: float | None
    sampling: Sampling

    @property
    def modularity_excess(self) -> float | None:
        if self.modularity is None or self.modularity_null_mean is None:
            return None
        return self.modularity - self.modularity_null_mean


@dataclass(frozen=True, eq=False)
class MetricsResult:
    """Metrics plus the intermediate results the diagnosis and suggestions need."""

    metrics: NetworkMetrics
    nodes: NodeMeasures
    largest: np.ndarray  # boolean mask: people in the largest component
    articulation: np.ndarray  # indices of single points of failure, most between first
    bridges: list[tuple[int, int]]  # non-pendant bridges (u, v)
    modularity_test: ModularityTest | None
    algebraic_connectivity_converged: bool


def default_rewirings(people: int, exact_limit: int = EXACT_LIMIT) -> int:
    """How many rewired networks to judge modularity against.

    Three at every size: the z-score is only reported (no label depends on it), and each
    copy costs a full Leiden run, the largest single cost after shortest paths.
    """
    del people, exact_limit
    return 3


def compute_metrics(
    network: Network,
    *,
    seed: int = 0,
    exact_limit: int = EXACT_LIMIT,
    pivots: int = PIVOTS,
    rewirings: int | None = None,
) -> MetricsResult:
    """Compute every metric and per-person measure for ``network``."""
    n = network.n
    adjacency = network.adjacency
    degree = network.degree
    ties = adjacency.nnz // 2
    graph = network.rx_graph

    count: int
    labels: np.ndarray
    count, labels = connected_components(adjacency, directed=False)
    sizes = np.bincount(labels) if n else np.zeros(0, dtype=np.int64)
    largest = _largest_component(adjacency, labels, sizes) if n else np.zeros(0, dtype=bool)
    size = int(largest.sum())

    # Shortest paths (numpy-heavy, releases the interpreter lock) run in the background
    # while communities (Python-heavy) run here, so two cores are both busy.
    with ThreadPoolExecutor(max_workers=1) as background:
        future = background.submit(
            path_measures, adjacency, largest, exact_limit=exact_limit, pivots=pivots, seed=seed
        )
        weights = network.undirected
        community = leiden(weights, seed=seed) if n else np.zeros(0, dtype=np.int64)
        if rewirings is None:
            rewirings = default_rewirings(n, exact_limit)
        test = (
            modularity_against_rewiring(weights, community, rewirings=rewirings, seed=seed) if ties else None
        )
        constraint = burt_constraint(weights)
        eigenvector = eigenvector_centrality(adjacency)
        connectivity, converged = _largest_connectivity(adjacency, largest, seed)
        # rustworkx's type stubs are wrong for these two (a dict and a set of pairs).
        core: Any = rx.core_number(graph)
        bridge_pairs: Any = rx.bridges(graph)
        core_number = np.fromiter((core[i] for i in range(n)), dtype=np.int64, count=n)
        cut_points = np.fromiter(rx.articulation_points(graph), dtype=np.int64)
        paths = future.result()
    betweenness = paths.betweenness
    articulation = cut_points[np.lexsort((cut_points, -betweenness[cut_points]))]
    bridges = sorted((min(u, v), max(u, v)) for u, v in bridge_pairs if degree[u] > 1 and degree[v] > 1)

    nodes = NodeMeasures(
        ids=network.ids,
        in_degree=network.in_degree,
        degree=degree,
        betweenness=betweenness,
        betweenness_se=paths.betweenness_se,
        eigenvector=eigenvector,
        constraint=constraint,
        core_number=core_number,
        community=community,
        articulation=np.isin(np.arange(n), articulation),
    )

    b_central = _centralisation(betweenness, n, 1.0)
    sampling = Sampling(sampled=paths.sampled, pivots=paths.pivots)
    if paths.sampled and paths.betweenness_se is not None:
        top = int(np.argmax(betweenness))
        sampling = Sampling(
            sampled=True,
            pivots=paths.pivots,
            betweenness_max_se=float(paths.betweenness_se.max()),
            betweenness_centralisation_se=float(paths.betweenness_se[top]) * n / (n - 1),
            average_path_length_se=paths.average_path_length_se,
            global_efficiency_se=paths.global_efficiency_se,
        )

    tied = degree > 0
    organisations = {o for o in network.organisation if o is not None}
    metrics = NetworkMetrics(
        people=n,
        ties=ties,
        directed_ties=int(network.directed.nnz),
        density=ties / (n * (n - 1) / 2) if n > 1 else 0.0,
        mean_degree=2 * ties / n if n else 0.0,
        reciprocity=_reciprocity(network.directed),
        components=int(count),
        largest_component_share=size / n if n else 0.0,
        isolates=int((degree == 0).sum()),
        degree_centralisation=_centralisation(degree.astype(np.float64), n, float(n - 1)),
        betweenness_centralisation=b_central,
        average_path_length=paths.average_path_length,
        path_length_ratio=_path_length_ratio(paths.average_path_length, degree, largest),
        diameter=paths.diameter,
        global_efficiency=paths.global_efficiency,
        transitivity=float(rx.graph_transitivity(graph)) if n else 0.0,
        two_core_share=float((core_number >= 2).mean()) if n else 0.0,
        degeneracy=int(core_number.max()) if n else 0,
        articulation_points=len(articulation),
        non_pendant_bridges=len(bridges),
        algebraic_connectivity=connectivity,
        modularity=test.modularity if test else None,
        modularity_null_mean=test.null_mean if test else None,
        modularity_null_sd=test.null_sd if test else None,
        modularity_z=test.z_score if test else None,
        rewirings=test.rewirings if test else 0,
        communities=len(np.unique(community[tied])),
        between_community_tie_share=_between_share(network, community),
        community_density=_community_density(network, community),
        chain_links=int((core_number[articulation] <= 2).sum()),
        mean_constraint=float(np.nanmean(constraint)) if tied.any() else None,
        organisations=len(organisations),
        cross_organisation_tie_share=_cross_organisation_share(network),
        sampling=sampling,
    )
    return MetricsResult(
        metrics=metrics,
        nodes=nodes,
        largest=largest,
        articulation=articulation,
        bridges=bridges,
        modularity_test=test,
        algebraic_connectivity_converged=converged,
    )


def _centralisation(values: np.ndarray, n: int, star_max: float) -> float | None:
    """Freeman centralisation: sum(max - value) / its value for a star of the same size.

    For degree the star's sum is (n-1)(n-2); for normalised betweenness it is n-1.
    """
    if n < 3:
        return None
    top = float(values.max())
    total = float((top - values).sum())
    if star_max == 1.0:
        return total / (n - 1)
    return total / ((n - 1) * (n - 2))


def _reciprocity(directed: sp.csr_array) -> float | None:
    if directed.nnz == 0:
        return None
    pattern = directed.copy()
    pattern.data = np.ones_like(pattern.data)
    mutual = pattern.multiply(pattern.T)
    return float(mutual.sum()) / float(directed.nnz)


def _path_length_ratio(average: float | None, degree: np.ndarray, largest: np.ndarray) -> float | None:
    """Average path length compared with a random network of the same size and mean degree.

    The reference is ln(n) / ln(k), with n and k measured in the largest component and k
    taken as at least 2 (below that a random network has no giant component to compare).
    """
    size = int(largest.sum())
    if average is None or size < 3:
        return None
    mean_degree = max(float(degree[largest].mean()), 2.0)
    return average / (math.log(size) / math.log(mean_degree))


def _largest_component(adjacency: sp.csr_array, labels: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """The largest connected group. Where several share the largest size, the choice must not depend
    on how people were named or listed: most ties, then degrees, then the shortest average path."""
    tied = np.flatnonzero(sizes == sizes.max())
    if len(tied) == 1:
        return np.asarray(labels == int(tied[0]))

    def rank(label: int) -> tuple[int, tuple[int, ...], float]:
        inside = labels == label
        inner = adjacency[inside][:, inside]
        degrees = tuple(sorted((np.diff(inner.indptr)).tolist(), reverse=True))
        distances = shortest_path(inner, unweighted=True, directed=False)
        pairs = inside.sum() * (inside.sum() - 1)
        average = float(distances.sum() / pairs) if pairs else 0.0
        return (-int(inner.nnz), tuple(-d for d in degrees), average)

    return np.asarray(labels == min((int(label) for label in tied), key=rank))


def _largest_connectivity(
    adjacency: sp.csr_array, largest: np.ndarray, seed: int
) -> tuple[float | None, bool]:
    if largest.sum() < 2:
        return None, True
    inner = adjacency[largest][:, largest]
    value, converged = algebraic_connectivity(sp.csr_array(laplacian(inner)), seed=seed)
    return value, converged


def _between_share(network: Network, community: np.ndarray) -> float | None:
    u, v, _ = network.edges
    if not len(u):
        return None
    return float((community[u] != community[v]).mean())


def _community_density(network: Network, community: np.ndarray) -> float | None:
    """For a typical person in a group of three or more: the share of the group they are tied to."""
    u, v, _ = network.edges
    if not len(u):
        return None
    sizes = np.bincount(community)
    same = community[u] == community[v]
    own = np.bincount(u[same], minlength=network.n) + np.bincount(v[same], minlength=network.n)
    grouped = sizes[community] >= 3
    if not grouped.any():
        return None
    return float(np.mean(own[grouped] / (sizes[community[grouped]] - 1)))


def _cross_organisation_share(network: Network) -> float | None:
    u, v, _ = network.edges
    org = np.asarray([o if o is not None else "" for o in network.organisation], dtype=object)
    if not len(u):
        return None
    known = (org[u] != "") & (org[v] != "")
    if not known.any():
        return None
    return float((org[u][known] != org[v][known]).mean())
