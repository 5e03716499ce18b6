"""Benchmark for the network engine, end to end: the console command from input file to
output file, timed as a whole process (interpreter start and imports included).

    python bench/network.py            # full run (several minutes: networkx is slow)
    python bench/network.py --quick    # small sizes, a quick smoke run
    python bench/network.py --skip-peer  # our side only, to iterate (no ratio, no agreement check)

(a) 3,000 people / 15,000 ties, every metric exact: ``mobilise-network`` (median of repeated
    runs) against the peer, a whole process that reads the same files and computes the same
    metric set with networkx alone, measured in the same run. Prints both, the ratio
    (targets: <= 1 s whole process, >= 100x networkx) and a check that both give the same
    answers.
(b) 50,000 people / 250,000 ties: ``mobilise-network`` end to end (target <= 15 s, median of
    3 runs) and its peak memory (target <= 2 GB), plus the error of the sampled measures
    against exact values on a 5,000-person subnetwork.

Wall times depend on what else the machine is doing, so CPU time (user + system) and the
load average are printed beside them.

Networks are synthetic advice networks: organisations of uneven size, teams inside them,
popular people (heavy-tailed in-degree), some returned ties, 8% with formal authority.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mobilise.network import Person, Tie, build_network
from mobilise.network.paths import path_measures


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


def write_files(folder: Path, people: int, ties: int, seed: int) -> tuple[Path, Path]:
    tie_list, person_list = make_network(people, ties, seed)
    ties_path, people_path = folder / f"ties-{people}.csv", folder / f"people-{people}.csv"
    with ties_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["source", "target", "weight"])
        writer.writerows((t.source, t.target, t.weight) for t in tie_list)
    with people_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "organisation", "organisation_type", "formal_authority"])
        writer.writerows(
            (p.id, p.organisation, p.organisation_type, "yes" if p.formal_authority else "no")
            for p in person_list
        )
    return ties_path, people_path


def timed(command: list[str], output: Path) -> tuple[float, float, int]:
    """Whole-process wall time, CPU time (user + system) and peak memory of one run."""
    with output.open("wb") as out:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"{command[:4]} failed with status {child.returncode}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024


def ours_command(ties: Path, people: Path) -> list[str]:
    return [sys.executable, "-m", "mobilise.network", str(ties), "--people", str(people), "--format", "json"]


def run_ours(ties: Path, people: Path, output: Path, runs: int) -> tuple[float, float, int]:
    timings = [timed([*ours_command(ties, people), "--per-person"], output) for _ in range(runs)]
    return (
        statistics.median(t[0] for t in timings),
        statistics.median(t[1] for t in timings),
        max(t[2] for t in timings),
    )


def networkx_peer(ties_path: str, people_path: str, out_path: str, rewirings: int, seed: int) -> None:
    """The peer as a whole process: read the files, compute the metric set, write JSON."""
    with open(ties_path, newline="", encoding="utf-8") as handle:
        ties = [Tie(r["source"], r["target"], float(r["weight"] or 1)) for r in csv.DictReader(handle)]
    with open(people_path, newline="", encoding="utf-8") as handle:
        people = [
            Person(r["id"], r["organisation"], r["organisation_type"], r["formal_authority"] == "yes")
            for r in csv.DictReader(handle)
        ]
    out = networkx_metric_set(ties, people, rewirings, seed)
    with open(out_path, "w", encoding="utf-8") as handle:
        json.dump(out, handle)


def part_a(people: int, ties: int, seed: int, quick: bool, folder: Path, skip_peer: bool = False) -> bool:
    print(f"(a) {people:,} people, {ties:,} ties, every metric exact, end to end")
    ties_path, people_path = write_files(folder, people, ties, seed)
    runs = 3 if quick else 7
    ours_out = folder / "ours-a.json"
    ours, ours_cpu, peak = run_ours(ties_path, people_path, ours_out, runs)
    data = json.loads(ours_out.read_text(encoding="utf-8"))
    rewirings = int(data["rewirings"])
    if skip_peer:
        print(
            f"    mobilise-network: {ours:6.2f} s wall, {ours_cpu:6.2f} s CPU (median of {runs} runs), "
            f"peak {peak / 1024**2:.0f} MB  target <= 1 s  {_verdict(ours <= 1.0, quick)}"
        )
        print("    networkx peer skipped (--skip-peer): no ratio, no agreement check")
        print(f"    diagnosis: {data['diagnosis']}")
        return ours <= 1.0
    peer_out = folder / "peer-a.json"
    peer_command = [
        sys.executable,
        __file__,
        "--peer",
        str(ties_path),
        str(people_path),
        str(peer_out),
        str(rewirings),
        str(seed),
    ]
    theirs, theirs_cpu, _ = timed(peer_command, folder / "peer-a.log")
    ref = json.loads(peer_out.read_text(encoding="utf-8"))
    ratio, cpu_ratio = theirs / ours, theirs_cpu / ours_cpu
    print(
        f"    mobilise-network: {ours:6.2f} s wall, {ours_cpu:6.2f} s CPU (median of {runs} runs), "
        f"peak {peak / 1024**2:.0f} MB  target <= 1 s  {_verdict(ours <= 1.0, quick)}"
    )
    print(
        f"    networkx alone:   {theirs:6.2f} s wall, {theirs_cpu:6.2f} s CPU "
        f"(1 run; same metrics, {rewirings} rewirings)"
    )
    print(
        f"    ratio: {ratio:.0f}x wall, {cpu_ratio:.0f}x CPU  target >= 100x  {_verdict(ratio >= 100, quick)}"
    )
    person = {p["id"]: p for p in data["per_person"]}
    checks = {
        "betweenness (max abs diff)": max(
            abs(person[p]["betweenness"] - b) for p, b in ref["_betweenness"].items()
        ),
        "constraint (max abs diff)": max(
            abs(person[p]["constraint"] - c) for p, c in ref["_constraint"].items() if person[p]["constraint"]
        ),
        "eigenvector (max abs diff)": max(
            abs(person[p]["eigenvector"] - e) for p, e in ref["_eigenvector"].items()
        ),
        "core numbers differing": sum(int(person[p]["core_number"] != c) for p, c in ref["_core"].items()),
        "in-degrees differing": sum(int(person[p]["in_degree"] != d) for p, d in ref["_in_degree"].items()),
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
        checks[key] = abs(float(data[key]) - float(ref[key]))
    worst = max(checks.values())
    print(f"    agreement with networkx: largest difference {worst:.2e}")
    for key, value in checks.items():
        if value > 1e-6:
            print(f"      {key}: {value:.3g}")
    print(
        f"    modularity: ours (Leiden) {data['modularity']:.4f} "
        f"(rewired {data['modularity_null_mean']:.4f}); networkx (Louvain) {ref['modularity']:.4f} "
        f"(rewired {ref['modularity_null_mean']:.4f})"
    )
    print(f"    diagnosis: {data['diagnosis']}")
    return ours <= 1.0 and ratio >= 100 and worst <= 1e-6


def part_b(people: int, ties: int, sub: int, seed: int, quick: bool, folder: Path) -> bool:
    print(f"(b) {people:,} people, {ties:,} ties, end to end (sampled path measures)")
    ties_path, people_path = write_files(folder, people, ties, seed)
    runs = 1 if quick else 3
    out = folder / "ours-b.json"
    timings = [timed(ours_command(ties_path, people_path), out) for _ in range(runs)]
    secs = statistics.median(t[0] for t in timings)
    cpu = statistics.median(t[1] for t in timings)
    peak = max(t[2] for t in timings)
    data = json.loads(out.read_text(encoding="utf-8"))
    ok_time, ok_mem = secs <= 15, peak <= 2 * 1024**3
    print(f"    diagnosis: {data['diagnosis']}; {data['sampling']['description']}")
    print(
        f"    mobilise-network: {secs:.1f} s wall, {cpu:.1f} s CPU (median of {runs})  "
        f"target <= 15 s  {_verdict(ok_time, quick)}"
    )
    print(f"    peak memory: {peak / 1024**2:.0f} MB  target <= 2048 MB  {_verdict(ok_mem, quick)}")

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
    parser.add_argument(
        "--skip-peer",
        action="store_true",
        help="skip the networkx peer in (a) (minutes long): our figures only, to iterate",
    )
    parser.add_argument("--peer", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.peer:
        ties, people, out, rewirings, seed = args.peer
        networkx_peer(ties, people, out, int(rewirings), int(seed))
        return 0
    if args.quick:
        a = (600, 3_000)
        b, sub = (8_000, 40_000), 1_500
    else:
        a = (3_000, 15_000)
        b, sub = (50_000, 250_000), 5_000
    quick = " (quick: targets apply to the full run)" if args.quick else ""
    print(f"mobilise.network benchmark, end to end{quick}")
    print(
        f"python {sys.version.split()[0]}, numpy {np.__version__}, networkx {nx.__version__}, "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start"
    )
    with tempfile.TemporaryDirectory() as folder:
        ok_a = part_a(*a, seed=args.seed, quick=args.quick, folder=Path(folder), skip_peer=args.skip_peer)
        ok_b = part_b(*b, sub=sub, seed=args.seed, quick=args.quick, folder=Path(folder))
    print(f"load average {os.getloadavg()[0]:.1f} at end (above the core count, timings suffer)")
    print("overall:", _verdict(ok_a and ok_b, args.quick) + (" (without the peer)" if args.skip_peer else ""))
    # A missed target fails the run (as every benchmark does); a quick run has no targets.
    return 0 if (ok_a and ok_b) or args.quick else 1


if __name__ == "__main__":
    raise SystemExit(main())
