"""Benchmark of the spread engine and the spread page.

    python bench/spread.py [--quick] [--no-page]

Reports, each with PASS/FAIL against its target:

* **adoption curves**: 10,000 curves (40 sites x 36 months, seeded) fitted with
  logistic and Bass curves, AICc choice, covariance, 80% bands and the dates
  to 16% and 50% in one ``forecast_batch`` call (best of 3; target <= 1 s);
* **the peer**: a loop of ``scipy.optimize.curve_fit`` doing the same fits
  (both models, from the same starting values, with ``pcov``), timed on a
  sample of curves in the same run and scaled to 10,000 (the sample size is
  printed); the ratio must be >= 50x;
* **funnel**: ``funnel`` on 10,000 sites (best of 5; target <= 50 ms);
* **the spread page**: server time of a real request (Django test client,
  whole middleware stack) for a practice spreading to 500 sites with stage
  history and a measure per site (median of 5 after a warm-up; target <= 200 ms).

Exit status 1 if a target fails.  ``--quick`` runs 1,000 curves (time target
scaled) and a 20-curve peer sample.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mobilise.spread import forecast_batch, funnel
from mobilise.spread.curves import bass, bass_from_logistic, initial_guess, logistic

N_CURVES = 10_000
N_SITES = 40
N_MONTHS = 36
TARGET_CURVES = 1.0
TARGET_RATIO = 50.0
TARGET_FUNNEL = 0.050
TARGET_PAGE = 0.200


def make_curves(n: int, seed: int = 12) -> np.ndarray:
    """Cumulative adopters per month: each site adopts at a logistic-distributed time."""
    rng = np.random.default_rng(seed)
    mid = rng.uniform(6, 40, size=(n, 1))
    spread = rng.uniform(2, 8, size=(n, 1))
    times = mid + spread * rng.logistic(size=(n, N_SITES))
    months = np.arange(N_MONTHS)
    return (times[:, None, :] <= months[None, :, None]).sum(axis=2).astype(np.float64)


def timed(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def peer_loop(y: np.ndarray) -> float:
    """``curve_fit`` per curve and model, with the engine's starting values; seconds for the sample."""
    from scipy.optimize import curve_fit

    t = np.arange(N_MONTHS, dtype=np.float64)
    k = float(N_SITES)
    mask = np.ones((1, N_MONTHS), dtype=bool)
    start = time.perf_counter()
    for row in y:
        if row.max() <= 0:
            continue
        y1 = row[None, :]
        p_log = initial_guess("logistic", t[None, :], y1, mask, np.array([k]))[0]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                p1, _ = curve_fit(lambda tt, r, t0: logistic(tt, r, t0, k), t, row, p0=p_log, maxfev=5000)
                p_bass = bass_from_logistic(p1[None, :])[0]
                curve_fit(lambda tt, p, q: bass(tt, p, q, k), t, row, p0=p_bass, maxfev=5000)
            except RuntimeError:
                pass
    return time.perf_counter() - start


def bench_page(n_sites: int) -> float:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mobilise.settings.test")
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()
    from django.db import connection
    from django.test.utils import setup_databases

    setup_databases(verbosity=0, interactive=False)
    from mobilise.adoption.benchdata import build_spread_programme

    client, url = build_spread_programme(n_sites)
    assert connection.vendor
    client.get(url)
    samples = []
    for _ in range(5):
        start = time.perf_counter()
        response = client.get(url)
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200, response.status_code
    return float(np.median(samples))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--no-page", action="store_true")
    args = parser.parse_args()
    n = 1_000 if args.quick else N_CURVES
    sample = 20 if args.quick else 200
    failed = False

    def report(name: str, value: float, target: float, unit: str, higher: bool = False) -> None:
        nonlocal failed
        ok = value >= target if higher else value <= target
        failed |= not ok
        sign = ">=" if higher else "<="
        print(f"  {'PASS' if ok else 'FAIL'}  {name}: {value:.3f}{unit} (target {sign} {target:g}{unit})")

    y = make_curves(n)
    t = np.arange(N_MONTHS, dtype=np.float64)
    forecast_batch(t, y[:50], N_SITES)  # warm-up: imports and first calls
    seconds = timed(lambda: forecast_batch(t, y, N_SITES, horizon=12), 3)
    result = forecast_batch(t, y, N_SITES, horizon=12)
    ok = int((result.status == 0).sum())
    print(f"adoption curves: {n:,} curves x {N_MONTHS} months, {ok:,} forecast, the rest refused honestly")
    report("one batch call with bands", seconds, TARGET_CURVES * n / N_CURVES, " s")
    loop = peer_loop(y[:sample])
    per_curve = loop / sample
    print(
        f"  peer: curve_fit loop on a sample of {sample} curves took {loop:.3f} s; "
        f"scaled to {n:,} curves: {per_curve * n:.2f} s"
    )
    report("speed-up over the curve_fit loop", per_curve * n / seconds, TARGET_RATIO, "x", higher=True)

    rng = np.random.default_rng(5)
    den = rng.integers(200, 20_000, size=10_000)
    ev = rng.binomial(den, rng.beta(30, 70, size=10_000))
    funnel(ev[:10], den[:10])
    report("funnel of 10,000 sites", timed(lambda: funnel(ev, den), 5), TARGET_FUNNEL, " s")

    if not args.no_page:
        page = bench_page(500)
        report("spread page, 500 sites (server time, median of 5)", page, TARGET_PAGE, " s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
