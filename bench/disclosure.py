"""Benchmark: the disclosure engine applies every rule to a 1,000,000-cell table.

    python bench/disclosure.py [--runs N]

Runs each measurement in a fresh Python process (import numpy and the engine, build the table,
apply primary suppression, rounding, totals from rounded cells and secondary suppression), so the
figure is the whole job as an analyst or a page would pay for it. Two tables: counts spread like a
busy survey (Poisson, mean 20) and a hard one with a quarter of the cells small. Prints each figure
against its target; exit status 1 if one is missed.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_S = 1.0

JOB = """
import sys, time
start = time.perf_counter()
import numpy as np
from mobilise.disclosure import protect_table
rng = np.random.default_rng(11)
table = rng.poisson(20, (1000, 1000)) if sys.argv[1] == "busy" else rng.integers(0, 30, (1000, 1000))
built = time.perf_counter()
shown = protect_table(table)
done = time.perf_counter()
print(done - start, done - built, int(shown.hidden.sum()))
"""


def run(kind: str) -> tuple[float, float, float, int]:
    wall = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", JOB, kind], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.split()
    return time.perf_counter() - wall, float(out[0]), float(out[1]), int(out[2])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    failed = False
    for kind, label in (("busy", "survey-like counts"), ("hard", "a quarter of cells small")):
        runs = [run(kind) for _ in range(args.runs)]
        process = statistics.median(r[0] for r in runs)
        engine = statistics.median(r[2] for r in runs)
        ok = process <= TARGET_S
        failed |= not ok
        print(
            f"disclosure, 1,000,000 cells, {label}: whole process {process:.3f} s "
            f"(target <= {TARGET_S:.1f} s) {'PASS' if ok else 'FAIL'}; of which the rules {engine:.3f} s; "
            f"{runs[0][3]:,} cells hidden"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
