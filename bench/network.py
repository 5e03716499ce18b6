"""Benchmark for the network engine (mobilise.network).

    python bench/network.py            # full run (several minutes)
    python bench/network.py --quick    # small sizes, a quick smoke run

(a) 3,000 people / 15,000 ties, every metric exact: our full metric set against the same
    metric set computed with networkx alone, in the same run, with the ratio (target >= 20x)
    and a check that both give the same answers.
(b) 50,000 people / 250,000 ties: time for the full diagnosis (build, metrics, diagnosis,
    suggested introductions; target <= 30 s) and peak memory (target <= 2 GB, from
    resource.getrusage maxrss, measured in a fresh child process), plus the error of the
    sampled measures against exact values on a 5,000-person subnetwork.

Networks are synthetic advice networks: organisations of uneven size, teams inside them,
popular people (heavy-tailed in-degree), some returned ties, 8% with formal authority.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import networkx as nx
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mobilise.network import Person, Tie, analyse, build_network, compute_metrics
from mobilise.network.paths import path_measures
from mobilise.network.spread import compare_starting_groups


def make_network(people: int, ties: int, seed: int) -> tuple[list[Tie], list[Person]]:
    """A synthetic advice network with exactly ``ties`` distinct directed ties."""
    rng = np.random.default_rng(seed)
    orgs = max(2, people // 150)
    share = rng.dirichlet(np.full(orgs, 2.0))
    org = np.sort(rng.choice(orgs, size=people, p=share))
    popularity = rng.pareto(2.0, size=people) + 1.0
    team = np.arange(people) // 12
    org_start = np.searchsorted(org, np.arange(orgs))
    org_end = np.searchsorted(org, np.arange(orgs), side="right")
    cum = np.cumsum(popularity)
    total = cum[-1]
    seen: set[int] = set()
    out: list[tuple[int, int]] = []
    while len(out) < ties:
        batch = max(1024, ties - len(out))
        src = rng.integers(0, people, size=batch)
        kind = rng.random(batch)
        tgt = np.empty(batch, dtype=np.int64)
        in_team = kind < 0.4
        lo = team[src] * 12
        hi = np.minimum(lo + 12, people)
        tgt[in_team] = lo[in_team] + (rng.random(in_team.sum()) * (hi - lo)[in_team]).astype(int)
        in_org = (kind >= 0.4) & (kind < 0.8)
        o = org[src[in_org]]
        start = np.where(org_start[o] > 0, cum[org_start[o] - 1], 0.0)
        end = cum[org_end[o] - 1]
        tgt[in_org] = np.searchsorted(cum, start + rng.random(in_org.sum()) * (end - start))
        anywhere = kind >= 0.8
        tgt[anywhere] = np.searchsorted(cum, rng.random(anywhere.sum()) * total)
        tgt = np.minimum(tgt, people - 1)
        back = rng.random(batch) < 0.25
        pairs = list(zip(src.tolist(), tgt.tolist(), strict=True))
        pairs += [(t, s) for (s, t), b in zip(pairs, back.tolist(), strict=True) if b]
        for s, t in pairs:
            key = s * people + t
            if s != t and key not in seen:
                seen.add(key)
                out.append((s, t))
                if len(out) == ties:
                    break
    authority = rng.random(people) < 0.08
    names = [f"p{i}" for i in range(people)]
    tie_list = [Tie(names[s], names[t], 1.0) for s, t in out]
    person_list = [Person(names[i], f"org{org[i]}", "trust", bool(authority[i])) for i in range(people)]
    return tie_list, person_list


def networkx_metric_set(ties: list[Tie], people: list[Person], rewirings: int, seed: int) -> dict:
    """The same metric set as compute_metrics, with networkx alone (exact)."""
    d = nx.DiGraph()
    d.add_nodes_from(p.id for p in people)
    d.add_weighted_edges_from((t.source, t.target, t.weight) for t in ties)
    g = nx.Graph()
    g.add_nodes_from(d)
    for u, v, w in d.edges(data="weight"):
        if g.has_edge(u, v):
            g[u][v]["weight"] += w
        else:
            g.add_edge(u, v, weight=w)
    n = g.number_of_nodes()
    out: dict = {"people": n, "ties": g.number_of_edges(), "density": nx.density(g)}
    out["reciprocity"] = nx.overall_reciprocity(d)
    comps = list(nx.connected_components(g))
    lcc = max(comps, key=len)
    out["components"] = len(comps)
    out["largest_component_share"] = len(lcc) / n
    out["isolates"] = nx.number_of_isolates(g)
    deg = dict(g.degree())
    dmax = max(deg.values())
    out["degree_centralisation"] = sum(dmax - x for x in deg.values()) / ((n - 1) * (n - 2))
    bc = nx.betweenness_centrality(g)
    bmax = max(bc.values())
    out["betweenness_centralisation"] = sum(bmax - x for x in bc.values()) / (n - 1)
    h = g.subgraph(lcc)
    out["average_path_length"] = nx.average_shortest_path_length(h)
    out["diameter"] = nx.diameter(h)
    out["global_efficiency"] = nx.global_efficiency(g)
    out["transitivity"] = nx.transitivity(g)
    core = nx.core_number(g)
    out["two_core_share"] = sum(1 for x in core.values() if x >= 2) / n
    out["degeneracy"] = max(core.values())
    out["articulation_points"] = len(set(nx.articulation_points(g)))
    out["non_pendant_bridges"] = sum(1 for u, v in nx.bridges(g) if g.degree(u) > 1 and g.degree(v) > 1)
    out["algebraic_connectivity"] = nx.algebraic_connectivity(h, weight=None, seed=seed)
    constraint = nx.constraint(g, weight="weight")
    eigen = nx.eigenvector_centrality(g, max_iter=2000, tol=1e-10)
    in_degree = dict(d.in_degree())
    comms = nx.community.louvain_communities(g, weight="weight", seed=seed)
    out["modularity"] = nx.community.modularity(g, comms, weight="weight")
    out["communities"] = len(comms)
    null = []
    for r in range(rewirings):
        rewired = g.copy()
        e = rewired.number_of_edges()
        nx.double_edge_swap(rewired, nswap=e, max_tries=20 * e, seed=seed + r)
        cs = nx.community.louvain_communities(rewired, weight="weight", seed=seed + r)
        null.append(nx.community.modularity(rewired, cs, weight="weight"))
    out["modularity_null_mean"] = float(np.mean(null)) if null else None
    org = {p.id: p.organisation for p in people}
    cross = [org[u] != org[v] for u, v in g.edges()]
    out["cross_organisation_tie_share"] = float(np.mean(cross)) if cross else None
    out["_betweenness"] = bc
    out["_constraint"] = constraint
    out["_eigenvector"] = eigen
    out["_core"] = core
    out["_in_degree"] = in_degree
    return out


def _verdict(ok: bool, quick: bool) -> str:
    if quick:
        return "(target is for the full run)"
    return "PASS" if ok else "FAIL"


def part_a(people: int, ties: int, seed: int, quick: bool) -> bool:
    print(f"(a) {people:,} people, {ties:,} ties, every metric exact")
    tie_list, person_list = make_network(people, ties, seed)
    network = build_network(tie_list, person_list)
    start, cpu = time.perf_counter(), time.process_time()
    result = compute_metrics(network, seed=seed)
    ours, ours_cpu = time.perf_counter() - start, time.process_time() - cpu
    rewirings = result.metrics.rewirings
    start, cpu = time.perf_counter(), time.process_time()
    ref = networkx_metric_set(tie_list, person_list, rewirings, seed)
    theirs, theirs_cpu = time.perf_counter() - start, time.process_time() - cpu
    ratio = theirs / ours
    print(f"    ours (mobilise.network): {ours:8.2f} s wall, {ours_cpu:8.2f} s CPU")
    print(
        f"    networkx alone:          {theirs:8.2f} s wall, {theirs_cpu:8.2f} s CPU "
        f"(same metrics, {rewirings} rewirings)"
    )
    print(f"    ratio: {ratio:.1f}x  target >= 20x  {_verdict(ratio >= 20, quick)}")
    m = result.metrics
    nodes = result.nodes
    ids = network.ids
    checks = {
        "betweenness (max abs diff)": max(
            abs(nodes.betweenness[i] - ref["_betweenness"][p]) for i, p in enumerate(ids)
        ),
        "constraint (max abs diff)": max(
            abs(nodes.constraint[i] - ref["_constraint"][p])
            for i, p in enumerate(ids)
            if not np.isnan(nodes.constraint[i])
        ),
        "eigenvector (max abs diff)": max(
            abs(nodes.eigenvector[i] - ref["_eigenvector"][p]) for i, p in enumerate(ids)
        ),
        "core numbers differing": sum(
            int(nodes.core_number[i] != ref["_core"][p]) for i, p in enumerate(ids)
        ),
        "in-degrees differing": sum(
            int(nodes.in_degree[i] != ref["_in_degree"][p]) for i, p in enumerate(ids)
        ),
    }
    for key in (
        "density",
        "reciprocity",
        "components",
        "largest_component_share",
        "isolates",
        "degree_centralisation",
        "betweenness_centralisation",
        "average_path_length",
        "diameter",
        "global_efficiency",
        "transitivity",
        "two_core_share",
        "degeneracy",
        "articulation_points",
        "non_pendant_bridges",
        "algebraic_connectivity",
        "cross_organisation_tie_share",
    ):
        checks[key] = abs(float(getattr(m, key)) - float(ref[key]))
    worst = max(v for k, v in checks.items())
    print(f"    agreement with networkx: largest difference {worst:.2e}")
    for key, value in checks.items():
        if value > 1e-6:
            print(f"      {key}: {value:.3g}")
    print(
        f"    modularity: ours {m.modularity:.4f} (rewired {m.modularity_null_mean:.4f}); "
        f"networkx {ref['modularity']:.4f} (rewired {ref['modularity_null_mean']:.4f}; "
        "networkx's double_edge_swap drops tie weights)"
    )
    return ratio >= 20 and worst <= 1e-6


def part_b_child(people: int, ties: int, seed: int) -> None:
    """Runs in a fresh process so peak memory is this part's alone."""
    tie_list, person_list = make_network(people, ties, seed)
    start, cpu = time.perf_counter(), time.process_time()
    network = build_network(tie_list, person_list)
    built = time.perf_counter() - start
    analysis = analyse(network, seed=seed)
    total, total_cpu = time.perf_counter() - start, time.process_time() - cpu
    spread_start = time.perf_counter()
    spread = compare_starting_groups(network, analysis.result, seed=seed)
    spread_time = time.perf_counter() - spread_start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(
        json.dumps(
            {
                "build": built,
                "total": total,
                "cpu": total_cpu,
                "spread": spread_time,
                "spread_final": {k: v.final_reach for k, v in spread.items()},
                "spread_half": {k: v.steps_to_reach(0.5) for k, v in spread.items()},
                "peak_bytes": peak,
                "diagnosis": analysis.diagnosis.label,
                "sampling": analysis.metrics.sampling.describe(),
                "threads": os.cpu_count(),
            }
        )
    )


def part_b(people: int, ties: int, sub: int, seed: int, quick: bool) -> bool:
    print(f"(b) {people:,} people, {ties:,} ties, full diagnosis (sampled measures)")
    child = subprocess.run(
        [sys.executable, __file__, "--child", str(people), str(ties), str(seed)],
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(child.stdout.strip().splitlines()[-1])
    secs, peak = data["total"], data["peak_bytes"]
    ok_time, ok_mem = secs <= 30, peak <= 2 * 1024**3
    print(f"    diagnosis: {data['diagnosis']}; {data['sampling']}")
    print(
        f"    time (build + metrics + diagnosis + introductions): {secs:.1f} s "
        f"(build {data['build']:.1f} s; {data['cpu']:.1f} s CPU)  "
        f"target <= 30 s  {_verdict(ok_time, quick)}"
    )
    print(f"    peak memory: {peak / 1024**2:.0f} MB  target <= 2048 MB  {_verdict(ok_mem, quick)}")
    print(
        f"    what-if spread (4 starting groups, 20 random runs): {data['spread']:.1f} s; "
        f"final reach {', '.join(f'{k} {v:.0%}' for k, v in data['spread_final'].items())}; "
        f"steps to 50% {', '.join(f'{k} {v}' for k, v in data['spread_half'].items())}"
    )

    # Sampled against exact on a subnetwork small enough to do exactly.
    tie_list, person_list = make_network(people, ties, seed)
    keep = {p.id for p in person_list[:sub]}
    network = build_network(
        [t for t in tie_list if t.source in keep and t.target in keep],
        [p for p in person_list if p.id in keep],
    )
    from scipy.sparse.csgraph import connected_components

    _, labels = connected_components(network.adjacency, directed=False)
    largest = labels == np.bincount(labels).argmax()
    exact = path_measures(network.adjacency, largest, exact_limit=network.n)
    sampled = path_measures(network.adjacency, largest, exact_limit=0, seed=seed)
    assert sampled.betweenness_se is not None
    err = np.abs(sampled.betweenness - exact.betweenness)
    top = np.argsort(-exact.betweenness)[:20]
    within = float(np.mean(err[top] <= 3 * np.maximum(sampled.betweenness_se[top], 1e-12)))
    apl_err = abs((sampled.average_path_length or 0) - (exact.average_path_length or 0))
    eff_err = abs(sampled.global_efficiency - exact.global_efficiency)
    print(f"    sampled vs exact on a {network.n:,}-person subnetwork ({sampled.pivots} pivots):")
    print(
        f"      betweenness: max abs error {err.max():.4f} (largest stated SE "
        f"{sampled.betweenness_se.max():.4f}); top-20 people within 3 SE: {within:.0%}"
    )
    print(
        f"      average path length: error {apl_err:.4f} (stated SE "
        f"{sampled.average_path_length_se:.4f}); exact {exact.average_path_length:.3f}"
    )
    print(
        f"      global efficiency: error {eff_err:.5f} (stated SE "
        f"{sampled.global_efficiency_se:.5f}); exact {exact.global_efficiency:.4f}"
    )
    print(f"      diameter: lower bound {sampled.diameter}, exact {exact.diameter}")
    return ok_time and ok_mem


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes for a smoke run")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--child", nargs=3, type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        part_b_child(*args.child)
        return 0
    if args.quick:
        a = (600, 3_000)
        b, sub = (8_000, 40_000), 1_500
    else:
        a = (3_000, 15_000)
        b, sub = (50_000, 250_000), 5_000
    quick = " (quick: targets apply to the full run)" if args.quick else ""
    print(f"mobilise.network benchmark{quick}")
    print(
        f"python {sys.version.split()[0]}, numpy {np.__version__}, networkx {nx.__version__}, "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start"
    )
    ok_a = part_a(*a, seed=args.seed, quick=args.quick)
    ok_b = part_b(*b, sub=sub, seed=args.seed, quick=args.quick)
    print(f"load average {os.getloadavg()[0]:.1f} at end (above the core count, timings suffer)")
    print("overall:", _verdict(ok_a and ok_b, args.quick))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
