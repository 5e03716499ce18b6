"""Benchmark of the SPC engine (mobilise.spc) against abspc 1.1.0.

    python bench/spc.py [--quick]

Generates 10,000 weekly series of 104 points (seeded; with shifts, trends and
a few missing values), runs the full Making Data Count method on all of them in
one batch call (XmR limits with screening, the four rules, point types,
variation and assurance icons against per-series targets) and reports:

* the batch time (best of 3, ``time.perf_counter``) and time per series,
* peak memory (tracemalloc peak during the call, and the process's max RSS),
* abspc 1.1.0's time per series on a sample of the same data, through its
  public API, and the speed ratio,

with PASS/FAIL against the targets: ≤ 0.25 s, ≥ 100× faster per series,
≤ 300 MB.  Exit status 1 if a target fails.  ``--quick`` runs 1,000 series
(time target scaled to match) and a 10-series abspc sample.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
import warnings
from pathlib import Path

import numpy as np

try:
    from mobilise.spc import VARIATION_ICONS, BatchResult, analyse_batch
except ModuleNotFoundError:  # run from a checkout without `pip install -e .`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from mobilise.spc import VARIATION_ICONS, BatchResult, analyse_batch

N_SERIES = 10_000
N_POINTS = 104
TARGET_SECONDS = 0.25
TARGET_RATIO = 100.0
TARGET_MB = 300.0


def make_data(n_series: int, n_points: int, seed: int = 2024) -> dict[str, np.ndarray]:
    """Weekly indicators: level + noise, with shifts, trends and a few gaps."""
    rng = np.random.default_rng(seed)
    level = rng.uniform(50, 150, size=(n_series, 1))
    sd = level * rng.uniform(0.03, 0.12, size=(n_series, 1))
    values = level + sd * rng.standard_normal((n_series, n_points))
    weeks = np.arange(n_points)
    # 30% of series shift by 1.5-3 sd at a random week
    shifted = rng.random(n_series) < 0.30
    at = rng.integers(20, n_points - 10, size=n_series)
    size = rng.uniform(1.5, 3.0, size=n_series) * rng.choice([-1, 1], size=n_series)
    values += np.where(shifted[:, None] & (weeks >= at[:, None]), (size * sd[:, 0])[:, None], 0)
    # 20% drift over 8-15 weeks somewhere
    trending = rng.random(n_series) < 0.20
    start = rng.integers(0, n_points - 16, size=n_series)
    length = rng.integers(8, 16, size=n_series)
    slope = rng.uniform(0.3, 0.8, size=n_series) * rng.choice([-1, 1], size=n_series)
    step = np.clip(weeks - start[:, None], 0, length[:, None])
    values += np.where(trending[:, None], step * (slope * sd[:, 0])[:, None], 0)
    # 0.5% missing weeks
    values[rng.random(values.shape) < 0.005] = np.nan
    target = level[:, 0] * rng.uniform(0.85, 1.15, size=n_series)
    improvement = np.where(rng.random(n_series) < 0.7, "increase", "decrease")
    return {"values": values, "target": target, "improvement": improvement}


def run_batch(data: dict[str, np.ndarray]) -> BatchResult:
    return analyse_batch(
        data["values"],
        improvement=list(data["improvement"]),
        target=data["target"],
    )


def time_batch(data: dict[str, np.ndarray], repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        run_batch(data)
        best = min(best, time.perf_counter() - t0)
    return best


def peak_memory_mb(data: dict[str, np.ndarray]) -> float:
    tracemalloc.start()
    run_batch(data)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def max_rss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 2**20 if sys.platform == "darwin" else rss / 2**10


def time_abspc(data: dict[str, np.ndarray], sample: int) -> float | None:
    """Seconds per series for abspc's public API on ``sample`` of the same series."""
    try:
        import abspc
        import pandas as pd
    except ImportError:
        return None
    values, targets, improvement = data["values"], data["target"], data["improvement"]

    def one(i: int) -> None:
        row = values[i]
        df = pd.DataFrame({"value": row[~np.isnan(row)]})
        direction = "high" if improvement[i] == "increase" else "low"
        result = abspc.calculate_control_limits(df, "XmR")
        result = abspc.detect_special_causes(result)
        abspc.determine_point_colours(result, improvement_direction=direction, target=float(targets[i]))
        abspc.determine_variation_type(result, improvement_direction=direction)
        abspc.determine_assurance_type(result, float(targets[i]), improvement_direction=direction)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        one(0)  # warm-up: imports and first-call costs
        t0 = time.perf_counter()
        for i in range(sample):
            one(i)
        return (time.perf_counter() - t0) / sample


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 series, 10-series abspc sample")
    args = parser.parse_args(argv)
    n_series = 1_000 if args.quick else N_SERIES
    sample = 10 if args.quick else 50
    time_target = TARGET_SECONDS * n_series / N_SERIES

    data = make_data(n_series, N_POINTS)
    print(
        f"SPC benchmark: {n_series:,} series x {N_POINTS} weekly points; XmR with screening, "
        "4 MDC rules, point types, variation + assurance icons (per-series targets)"
    )
    seconds = time_batch(data)
    per_series_us = seconds / n_series * 1e6
    traced_mb = peak_memory_mb(data)
    rss_mb = max_rss_mb()  # before abspc (and pandas) are imported
    result = run_batch(data)

    ok_time = seconds <= time_target
    ok_mem = max(traced_mb, rss_mb) <= TARGET_MB
    print(
        f"  batch call (best of 3): {seconds:.3f} s = {per_series_us:.1f} us per series"
        f"   [target <= {time_target:.3f} s] {verdict(ok_time)}"
    )
    print(
        f"  peak memory: {traced_mb:.0f} MB traced in the call, {rss_mb:.0f} MB process max RSS"
        f"   [target <= {TARGET_MB:.0f} MB] {verdict(ok_mem)}"
    )
    flagged = float(result.special_cause_flag.mean())
    icons = np.bincount(result.variation_icon[result.variation_icon >= 0], minlength=7)
    print(
        f"  special-cause points: {flagged:.1%}; variation icons: "
        + ", ".join(f"{name} {n}" for name, n in zip(VARIATION_ICONS, icons, strict=True))
    )

    ok_ratio = True
    abspc_seconds = time_abspc(data, sample)
    if abspc_seconds is None:
        print("  abspc is not importable (pip install abspc==1.1.0): speed ratio skipped")
    else:
        ratio = abspc_seconds / (seconds / n_series)
        ok_ratio = ratio >= TARGET_RATIO
        print(f"  abspc 1.1.0 ({sample} series, public API): {abspc_seconds * 1e3:.2f} ms per series")
        print(
            f"  speed ratio per series: {ratio:,.0f}x   [target >= {TARGET_RATIO:.0f}x] {verdict(ok_ratio)}"
        )
    ok = ok_time and ok_mem and ok_ratio
    print(f"  overall: {verdict(ok)}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
