"""Benchmark of the SPC engine and the ``mobilise-spc`` command, against abspc 1.1.0.

    python bench/spc.py [--quick]

Generates 10,000 weekly series of 104 points (seeded; with shifts, trends and a
few missing values) and reports, each with PASS/FAIL against its target:

* **end to end**: ``python -m mobilise.spc FILE.csv --output OUT`` as a whole
  process (interpreter start, imports, reading the 1,040,000-row CSV, the
  analysis, writing the output), best of 3 wall-clock runs, for JSON (the
  default; target <= 0.6 s), CSV and Parquet; and a check that the JSON holds
  the same answers as the in-process batch call;
* **the engine alone**: one ``analyse_batch`` call (best of 3; target <= 0.25 s)
  and its peak memory (target <= 300 MB);
* **abspc 1.1.0**, the peer, timed per series through its public API on a
  sample of the same series in the same run, and the ratios: the whole
  ``mobilise-spc`` process per series against abspc per series (target >= 100x)
  and the engine call per series against abspc.

Exit status 1 if a target fails.  ``--quick`` runs 1,000 series (time targets
scaled to match) and a 10-series abspc sample.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
import tracemalloc
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.harness import time_process
from mobilise.spc import VARIATION_ICONS, BatchResult, analyse_batch

N_SERIES = 10_000
N_POINTS = 104
TARGET_SECONDS = 0.25
TARGET_END_TO_END = 0.6
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
    n_series, n_points = data["values"].shape
    return analyse_batch(
        data["values"],
        lengths=np.full(n_series, n_points),  # a missing last week is missing, not padding
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


def time_abspc(data: dict[str, np.ndarray], sample: int) -> tuple[float, float] | None:
    """Seconds per series for abspc's public API on ``sample`` of the same series:
    (wall clock, CPU time)."""
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
        t0, c0 = time.perf_counter(), time.process_time()
        for i in range(sample):
            one(i)
        return (time.perf_counter() - t0) / sample, (time.process_time() - c0) / sample


def write_csv(data: dict[str, np.ndarray], path: Path) -> None:
    """The series as the command reads them: one row per point (series, period,
    value), each series' target and improvement direction on its first row."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    values = data["values"]
    n_series, n_points = values.shape
    weeks = np.datetime64("2024-04-01") + 7 * np.arange(n_points)
    first = np.zeros(values.shape, dtype=bool)
    first[:, 0] = True
    target = np.where(first, data["target"][:, None], np.nan).ravel()
    improvement = np.where(first, data["improvement"][:, None], "").ravel()
    flat = values.ravel()
    table = pa.table(
        {
            "series": np.repeat([f"Trust {i:05d} indicator" for i in range(n_series)], n_points),
            "period": np.tile(weeks.astype(str), n_series),
            "value": pa.array(flat, mask=np.isnan(flat)),
            "target": pa.array(target, mask=np.isnan(target)),
            "improvement": improvement,
        }
    )
    pacsv.write_csv(table, str(path), pacsv.WriteOptions(quoting_style="none"))


#: The least a process on this stack (Python, numpy, pyarrow, orjson) can do with the file: parse
#: the value column alone and write the values back as JSON. No checks, no analysis, none of the
#: other 95% of the output. Printed beside abspc to show what a ratio asks of the whole process.
FLOOR = """
import os, sys
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np, orjson, pyarrow.csv as pc
column = pc.read_csv(sys.argv[1], convert_options=pc.ConvertOptions(include_columns=["value"]))
values = column.column("value").combine_chunks()
rows = np.frombuffer(values.buffers()[1], dtype=np.float64, count=len(values)).reshape(-1, int(sys.argv[3]))
with open(sys.argv[2], "wb") as out:
    out.write(orjson.dumps({"series": [{"value": r} for r in rows]}, option=orjson.OPT_SERIALIZE_NUMPY))
os._exit(0)
"""


def same_answers(path: Path, result: BatchResult, sample: int) -> bool:
    """The command's JSON holds the in-process batch result for a sample of series."""
    doc = json.loads(path.read_bytes())["series"]
    pt = result.point_type_labels()
    for i in np.linspace(0, result.n_series - 1, sample).astype(int).tolist():
        points = doc[i]["points"]
        for name in ("values", "centre", "lower", "upper"):
            got = np.array(
                [np.nan if x is None else x for x in points["value" if name == "values" else name]]
            )
            if not np.array_equal(got, getattr(result, name)[i], equal_nan=True):
                return False
        if points["point_type"] != pt[i].tolist():
            return False
    return True


def end_to_end(
    data: dict[str, np.ndarray], result: BatchResult, time_target: float | None
) -> tuple[tuple[float, float], float, bool]:
    """(wall, CPU) seconds for the whole ``mobilise-spc`` process writing JSON, the
    wall-clock seconds of the :data:`FLOOR` process, and whether every check passed."""
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        csv_path = Path(folder) / "series.csv"
        write_csv(data, csv_path)
        rows = data["values"].size
        size_mb = csv_path.stat().st_size / 2**20
        print(f"  end to end: python -m mobilise.spc on a {rows:,}-row CSV ({size_mb:.0f} MB), whole process")
        startup, startup_cpu = time_process([sys.executable, "-c", "import mobilise.spc.cli"])
        print(
            f"    start-up (interpreter + imports of the command): {startup:.3f} s ({startup_cpu:.3f} s CPU)"
        )
        floor_path = Path(folder) / "floor.json"
        floor, _ = time_process([sys.executable, "-c", FLOOR, str(csv_path), str(floor_path), str(N_POINTS)])
        print(
            f"    floor: a process that only parses the value column and writes the values as JSON: "
            f"{floor:.3f} s"
        )
        json_seconds = (0.0, 0.0)
        for fmt in ("json", "csv", "parquet"):
            out = Path(folder) / f"out.{fmt}"
            argv = [
                sys.executable,
                "-m",
                "mobilise.spc",
                str(csv_path),
                "--format",
                fmt,
                "--output",
                str(out),
            ]
            seconds, cpu = time_process(argv)
            size = out.stat().st_size / 2**20
            line = f"    --format {fmt:8s} {seconds:.3f} s ({cpu:.3f} s CPU), {size:.0f} MB out"
            if fmt == "json":
                json_seconds = (seconds, cpu)
                if time_target is None:
                    line += "   [quick run: the 0.6 s target is for 10,000 series]"
                else:
                    ok_time = seconds <= time_target
                    ok = ok and ok_time
                    line += f"   [target <= {time_target:.2f} s] {verdict(ok_time)}"
                same = same_answers(out, result, 50)
                ok = ok and same
                line += f"; same answers as the batch call: {verdict(same)}"
            print(line)
    return json_seconds, floor, ok


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
    # As written to the CSV, so the command and the batch call see the same numbers.
    data["values"] = np.round(data["values"], 2)
    data["target"] = np.round(data["target"], 1)
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

    whole, floor, ok_whole = end_to_end(data, result, None if args.quick else TARGET_END_TO_END)

    ok_ratio = True
    abspc_seconds = time_abspc(data, sample)
    if abspc_seconds is None:
        print("  abspc is not importable (pip install abspc==1.1.0): speed ratios skipped")
    else:
        abspc_wall, abspc_cpu = abspc_seconds
        per_series = f"{abspc_wall * 1e3:.2f} ms per series ({abspc_cpu * 1e3:.2f} ms CPU)"
        print(f"  abspc 1.1.0 ({sample} series, public API, in process): {per_series}")
        ratio_whole = abspc_wall / (whole[0] / n_series)
        ratio_cpu = abspc_cpu / (whole[1] / n_series)
        ok_ratio = ratio_whole >= TARGET_RATIO
        print(
            f"  whole mobilise-spc process (JSON) vs abspc, per series: {ratio_whole:,.0f}x wall clock"
            f"   [target >= {TARGET_RATIO:.0f}x] {verdict(ok_ratio)}; {ratio_cpu:,.0f}x in CPU time"
        )
        print(f"  engine call vs abspc, per series: {abspc_wall / (seconds / n_series):,.0f}x")
        print(
            f"  (the floor process vs abspc, per series: {abspc_wall / (floor / n_series):,.0f}x; "
            f"{TARGET_RATIO:.0f}x asks the whole process for {abspc_wall * n_series / TARGET_RATIO:.3f} s)"
        )
    ok = ok_time and ok_mem and ok_ratio and ok_whole
    print(f"  overall: {verdict(ok)}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
