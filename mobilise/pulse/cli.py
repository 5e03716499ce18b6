"""``mobilise-pulse``: aggregate a CSV of pulse answers under the same disclosure rules as the site.

    mobilise-pulse ANSWERS.csv [--by COLUMN] [--threshold N] [--format text|json] [--output FILE]

One row per person, one column per question. Columns of numbers are scores (1 to 5 counts "agree"
from 4); other columns are free text, which is counted but never printed (read and redact it in
Mobilise first). ``--by`` names a column of group labels (say, organisation type): each group's
figures are given, small groups merged into "Smaller groups", and the answer counts of each
question are protected as one groups-by-scores table (small cells hidden, others rounded to 5,
totals from rounded cells, secondary suppression). Means, medians and shares need 8 or more
people (or ``--threshold``, which can only be raised). No minimum or maximum is ever given.

``ANSWERS.csv`` ``-`` reads standard input. Exit status 0 on success, 2 when the input or the
options cannot be used (the reason, with line and column, goes to standard error).

Django is not needed: pyarrow reads, numpy and the disclosure engine add up, orjson writes.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, Any

import numpy as np

from mobilise.disclosure import (
    NHS_THRESHOLD,
    SMALLER_GROUPS,
    DisclosureError,
    Rules,
    merge_small_groups,
    protect_counts,
    protect_table,
    rounded_share,
)

PROG = "mobilise-pulse"
EXIT_INPUT = 2
MISSING = frozenset({"", "na", "n/a", "nan", "null"})
AGREE_FROM = 4


class InputError(Exception):
    """The input cannot be used; the message says why in plain English."""


@dataclass
class Table:
    names: list[str]
    columns: dict[str, list[str | None]]
    rows: int


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG, description="Pulse answers added up under NHS small-number rules (no group under 8 shown)."
    )
    parser.add_argument(
        "file", metavar="ANSWERS.csv", help="CSV file, one row per person, or - for standard input"
    )
    parser.add_argument(
        "--by", metavar="COLUMN", help="a column of group labels to break the figures down by"
    )
    parser.add_argument(
        "--threshold",
        type=int,
        default=NHS_THRESHOLD,
        help=f"smallest group shown (default and minimum {NHS_THRESHOLD})",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json")
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    return parser


def _read_exact(text: str) -> Table:
    """The definition: Python's csv module, row by row, with the line and column of any problem."""
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        raise InputError("the file is empty: it needs a header row naming the questions") from None
    names = [h.strip() for h in header]
    if any(not n for n in names):
        raise InputError(f"line 1: column {names.index('') + 1} has no heading")
    if len(set(names)) != len(names):
        raise InputError("line 1: two columns have the same heading")
    columns: dict[str, list[str | None]] = {n: [] for n in names}
    rows = 0
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(names):
            raise InputError(
                f"line {reader.line_num}: {len(row)} cells, but the header names {len(names)} columns"
            )
        for name, cell in zip(names, row, strict=True):
            value = cell.strip()
            columns[name].append(None if value.lower() in MISSING else value)
        rows += 1
    return Table(names, columns, rows)


def read_answers(text: str) -> Table:
    """Fast path with pyarrow; anything unusual falls back to the exact reader for its message."""
    try:
        import pyarrow as pa
        import pyarrow.csv as pacsv

        parsed = pacsv.read_csv(
            pa.py_buffer(text.encode()),
            convert_options=pacsv.ConvertOptions(
                strings_can_be_null=True, null_values=sorted(MISSING | {m.upper() for m in MISSING})
            ),
        )
        names = [n.strip() for n in parsed.column_names]
        if len(set(names)) != len(names) or any(not n for n in names):
            return _read_exact(text)
        columns: dict[str, list[str | None]] = {}
        for name, column in zip(names, parsed.columns, strict=True):
            values = column.to_pylist()
            columns[name] = [None if v is None or str(v).strip() == "" else str(v).strip() for v in values]
        return Table(names, columns, parsed.num_rows)
    except InputError:
        raise
    except Exception:
        return _read_exact(text)


def _scores(name: str, values: list[str | None]) -> np.ndarray | None:
    """The column as numbers (NaN for missing), or None when it is free text."""
    out = np.full(len(values), np.nan)
    for i, v in enumerate(values):
        if v is None:
            continue
        try:
            out[i] = float(v)
        except ValueError:
            return None
    return out


def _summary(values: np.ndarray, rules: Rules) -> dict[str, Any]:
    answered = values[~np.isnan(values)]
    n = int(answered.size)
    shown_n = protect_counts([n], rules).shown()[0]
    enough = rules.enough(n)
    on_scale = bool(n) and bool(np.all((answered >= 1) & (answered <= 5)))
    agree = int((answered >= AGREE_FROM).sum()) if on_scale else None
    return {
        "people": shown_n,
        "mean": round(float(answered.mean()), 2) if enough else None,
        "median": float(np.median(answered)) if enough else None,
        "share_agreeing": (
            None if agree is None or not enough else _rounded_share(rounded_share(agree, n, rules))
        ),
    }


def _rounded_share(x: float | None) -> float | None:
    return None if x is None else round(x, 3)


def aggregate(table: Table, *, by: str | None, rules: Rules) -> dict[str, Any]:
    if by is not None and by not in table.columns:
        raise InputError(f"--by: there is no column called '{by}' (columns: {', '.join(table.names)})")
    groups: list[str] = []
    labels: list[str] = []
    if by is not None:
        raw = [v or "Not given" for v in table.columns[by]]
        counts: dict[str, int] = {}
        for label in raw:
            counts[label] = counts.get(label, 0) + 1
        merged = merge_small_groups(counts, rules)
        labels = [merged[label] for label in raw]
        groups = sorted(set(labels), key=lambda g: (g == SMALLER_GROUPS, g))
    result: dict[str, Any] = {
        "threshold": rules.threshold,
        "people": protect_counts([table.rows], rules).shown()[0],
        "questions": [],
        "free_text": [],
    }
    label_array = np.array(labels, dtype=object)
    for name in table.names:
        if name == by:
            continue
        values = _scores(name, table.columns[name])
        if values is None:
            answered = sum(1 for v in table.columns[name] if v is not None)
            result["free_text"].append(
                {
                    "question": name,
                    "answers": protect_counts([answered], rules).shown()[0],
                    "note": "free text is never printed here: read and redact it in Mobilise first",
                }
            )
            continue
        entry: dict[str, Any] = {"question": name, **_summary(values, rules)}
        if by is not None:
            entry["groups"] = {g: _summary(values[label_array == g], rules) for g in groups}
            scale = values[~np.isnan(values)]
            if scale.size and np.all(np.isin(scale, [1, 2, 3, 4, 5])):
                cells = np.zeros((len(groups), 5), dtype=np.int64)
                for gi, g in enumerate(groups):
                    picked = values[(label_array == g) & ~np.isnan(values)].astype(np.int64)
                    cells[gi] = np.bincount(picked - 1, minlength=5)[:5]
                shown = protect_table(cells, rules)
                entry["counts"] = {
                    "columns": ["1", "2", "3", "4", "5", "total"],
                    "rows": dict(zip([*groups, "total"], shown.shown_rows(), strict=True)),
                }
        result["questions"].append(entry)
    return result


def _fmt(x: Any) -> str:
    if x is None:
        return "not shown"
    if isinstance(x, float):
        return f"{x:.2f}"
    return f"{x:,}" if isinstance(x, int) else str(x)


def write_text(out: IO[str], result: dict[str, Any]) -> None:
    out.write(f"People: {_fmt(result['people'])} (groups under {result['threshold']} are not shown)\n")
    for q in result["questions"]:
        out.write(f"\n{q['question']}\n")
        out.write(
            f"  all: people {_fmt(q['people'])}, mean {_fmt(q['mean'])}, median {_fmt(q['median'])}, "
            f"agreeing {_fmt(q['share_agreeing'])}\n"
        )
        for g, s in q.get("groups", {}).items():
            out.write(
                f"  {g}: people {_fmt(s['people'])}, mean {_fmt(s['mean'])}, median {_fmt(s['median'])}, "
                f"agreeing {_fmt(s['share_agreeing'])}\n"
            )
    for t in result["free_text"]:
        out.write(f"\n{t['question']}: {_fmt(t['answers'])} written answers ({t['note']})\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_INPUT
    try:
        try:
            rules = Rules(args.threshold)
        except DisclosureError as exc:
            raise InputError(f"--threshold: {exc}") from None
        if args.file == "-":
            text = sys.stdin.read()
        else:
            try:
                with open(args.file, encoding="utf-8-sig") as handle:
                    text = handle.read()
            except OSError as exc:
                raise InputError(f"cannot read {args.file}: {exc.strerror}") from None
        table = read_answers(text)
        if table.rows == 0:
            raise InputError("the input has a header but no answers")
        result = aggregate(table, by=args.by, rules=rules)
    except InputError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    out: IO[str] = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    try:
        if args.format == "json":
            import orjson

            out.write(
                orjson.dumps(result, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS).decode() + "\n"
            )
        else:
            write_text(out, result)
        out.flush()
    except BrokenPipeError:
        return 0
    finally:
        if args.output:
            out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
