"""``mobilise-network TIES.csv [--people PEOPLE.csv] [--format json]``

TIES has columns ``source,target`` and optionally ``weight`` ("source goes to target for
advice"). PEOPLE has ``id`` and optionally ``organisation``, ``organisation_type`` and
``formal_authority`` (yes/no). Use ``-`` to read either file from standard input. Problems
are reported on standard error in plain English, with exit status 2.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
from collections.abc import Iterator
from typing import NamedTuple, NoReturn, TextIO

import numpy as np
import orjson

from mobilise.console import exit_after

from .analysis import Analysis, analyse
from .graph import NetworkInputError, Person, Tie, build_network, build_network_from_codes

__all__ = ["main", "run"]

_JSON = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE | orjson.OPT_SERIALIZE_NUMPY
_YES = {"yes", "y", "true", "t", "1"}
_NO = {"no", "n", "false", "f", "0"}


class _InputError(Exception):
    """A problem with the input, already phrased for the person running the command."""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="mobilise-network",
        description=(
            "Measure and diagnose an advice network (who goes to whom for advice) and "
            "suggest introductions that would strengthen it."
        ),
    )
    p.add_argument("ties", help="CSV with source,target[,weight]; '-' for standard input")
    p.add_argument("--people", help="CSV with id[,organisation,organisation_type,formal_authority]")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    p.add_argument(
        "--response-rate",
        help="survey response rate, e.g. 0.82 or 82%%; below 70%% the diagnosis is withheld",
    )
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.add_argument("--introductions", type=int, default=5, help="how many introductions to suggest")
    p.add_argument("--per-person", action="store_true", help="include each person's measures (JSON only)")
    return p


def _open(path: str, stdin: TextIO) -> TextIO:
    if path == "-":
        return stdin
    try:
        return open(path, encoding="utf-8-sig", newline="")
    except FileNotFoundError:
        raise _InputError(f"cannot find the file {path!r}") from None
    except OSError as e:
        raise _InputError(f"cannot read {path!r}: {e.strerror or e}") from None


def _rows(handle: TextIO, name: str, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    text = handle.read()
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""))
    headings = next(reader, None)
    if headings is None:
        raise _InputError(f"{name} is empty: it needs a header row with {', '.join(required)}")
    keys = [h.strip().lower() for h in headings]
    missing = [c for c in required if c not in keys]
    if missing:
        found = ", ".join(k for k in keys if k) or "nothing"
        raise _InputError(f"{name} has no {' or '.join(repr(m) for m in missing)} column (found: {found})")
    width = len(keys)
    for cells in reader:
        if len(cells) != width:
            if not any(cell.strip() for cell in cells):
                continue
            raise _InputError(
                f"{name} line {reader.line_num}: {len(cells)} "
                f"{'cell' if len(cells) == 1 else 'cells'} but {width} headings; "
                "check for a missing or extra comma"
            )
        clean = {key: cell.strip() for key, cell in zip(keys, cells, strict=True)}
        if not any(clean.values()):
            continue
        yield reader.line_num, clean


def _read_ties(handle: TextIO, name: str) -> list[Tie]:
    ties = []
    for line, row in _rows(handle, name, ("source", "target")):
        if not row["source"] or not row["target"]:
            raise _InputError(f"{name} line {line}: both source and target are needed")
        raw = row.get("weight", "")
        weight = 1.0
        if raw:
            try:
                weight = float(raw)
            except ValueError:
                raise _InputError(f"{name} line {line}: weight {raw!r} is not a number") from None
            if not weight > 0 or weight == float("inf"):
                raise _InputError(f"{name} line {line}: weight {raw!r} must be a positive number")
        ties.append(Tie(row["source"], row["target"], weight))
    return ties


_FAST_BYTES = 256 * 1024


class _FastTies(NamedTuple):
    source_codes: np.ndarray
    target_codes: np.ndarray
    names: list[str]
    weights: np.ndarray


def _fast_ties(path: str) -> _FastTies | None:
    """Ties from a large, clean file, read by pyarrow's compiled CSV reader.

    ``None`` when the file is small or anything in it needs a closer look: the careful
    reader then runs and reports the problem with its line number.
    """
    try:
        if os.path.getsize(path) < _FAST_BYTES:
            return None
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    header = data.split(b"\n", 1)[0].decode("utf-8", "replace").rstrip("\r")
    names = header.split(",")
    keys = [name.strip().lower() for name in names]
    if '"' in header or len(set(keys)) != len(keys) or not {"source", "target"} <= set(keys):
        return None
    # Imported here: only large files need it, and it takes a moment to load.
    import pyarrow as pa
    import pyarrow.compute as pc
    from pyarrow import csv as pa_csv

    try:
        table = pa_csv.read_csv(
            pa.py_buffer(data),
            read_options=pa_csv.ReadOptions(column_names=names, skip_rows=1),
            convert_options=pa_csv.ConvertOptions(column_types=dict.fromkeys(names, pa.string())),
        )
    except (pa.ArrowInvalid, UnicodeDecodeError):
        return None
    column = dict(zip(keys, table.columns, strict=True))
    sources = pc.utf8_trim_whitespace(column["source"])
    targets = pc.utf8_trim_whitespace(column["target"])
    if pc.any(pc.equal(sources, "")).as_py() or pc.any(pc.equal(targets, "")).as_py():
        return None
    weights = np.ones(len(table))
    if "weight" in column:
        raw = pc.utf8_trim_whitespace(column["weight"])
        given = pc.not_equal(raw, "").to_numpy(zero_copy_only=False)
        try:
            parsed = pc.cast(pc.filter(raw, given), pa.float64()).to_numpy()
        except pa.ArrowInvalid:
            return None
        if not (np.isfinite(parsed) & (parsed > 0)).all():
            return None
        weights[given] = parsed
    # One dictionary for both columns, so each id becomes one number.
    both = pa.chunked_array(sources.chunks + targets.chunks).combine_chunks().dictionary_encode()
    codes = both.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    return _FastTies(codes[: len(table)], codes[len(table) :], both.dictionary.to_pylist(), weights)


def _read_people(handle: TextIO, name: str) -> list[Person]:
    people = []
    seen: set[str] = set()
    for line, row in _rows(handle, name, ("id",)):
        pid = row["id"]
        if not pid:
            raise _InputError(f"{name} line {line}: the id is blank")
        if pid in seen:
            raise _InputError(f"{name} line {line}: {pid!r} is listed more than once")
        seen.add(pid)
        raw = row.get("formal_authority", "").lower()
        authority: bool | None = None
        if raw in _YES:
            authority = True
        elif raw in _NO:
            authority = False
        elif raw:
            raise _InputError(
                f"{name} line {line}: formal_authority {row['formal_authority']!r} should be yes or no"
            )
        people.append(
            Person(
                pid,
                organisation=row.get("organisation") or None,
                organisation_type=row.get("organisation_type") or None,
                formal_authority=authority,
            )
        )
    return people


def _response_rate(raw: str | None) -> float | None:
    if raw is None:
        return None
    text = raw.strip()
    try:
        value = float(text.rstrip("%")) / 100 if text.endswith("%") else float(text)
    except ValueError:
        raise _InputError(f"response rate {raw!r} is not a number") from None
    if not 0 <= value <= 1:
        raise _InputError(f"response rate {raw!r} should be between 0 and 1 (or a percentage like 82%)")
    return value


def _fmt(value: object) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def _text(analysis: Analysis) -> str:
    m = analysis.metrics
    d = analysis.diagnosis
    lines = [f"Advice network: {m.people} people, {m.ties} ties ({m.directed_ties} answers)", ""]
    if d.label is None:
        lines += ["Diagnosis withheld", f"  {d.withheld}", ""]
    else:
        lines.append(f"Diagnosis: {d.label.replace('_', '-')}")
        lines += [f"  - {e}" for e in d.evidence]
        if d.also_matches:
            lines.append(f"  Also shows signs of: {', '.join(d.also_matches)}")
        lines.append("")
    if d.flags:
        lines.append("Flags")
        lines += [f"  ! {f.code}: {f.message}" for f in d.flags if f.code != "response_rate_low"]
        lines.append("")
    lines.append("Metrics")
    data = analysis.to_dict()
    skip = {"sampling"}
    for key in (k for k in data if k not in skip):
        if key == "diagnosis":
            break
        lines.append(f"  {key:<32} {_fmt(data[key])}")
    lines.append(f"  {m.sampling.describe()}")
    lines.append("")

    def people(title: str, ids: tuple[str, ...], limit: int = 20) -> None:
        shown = ", ".join(ids[:limit]) + (f" and {len(ids) - limit} more" if len(ids) > limit else "")
        lines.append(f"{title}: {shown or 'none'}")

    people("Single points of failure", analysis.single_points_of_failure)
    people("Informal influencers", analysis.informal_influencers)
    people("Sought-after people", analysis.sought_after)
    people("Brokers", analysis.brokers)
    if analysis.suggested_introductions:
        lines += ["", "Suggested introductions (for a person to confirm)"]
        for k, intro in enumerate(analysis.suggested_introductions, start=1):
            lines.append(f"  {k}. {intro.source} and {intro.target}: {intro.reason}")
    if analysis.notes:
        lines += ["", "Notes"] + [f"  {note}" for note in analysis.notes]
    return "\n".join(lines) + "\n"


def run() -> NoReturn:
    """``mobilise-network`` and ``python -m mobilise.network``: run the command
    and leave at once (:func:`mobilise.console.exit_after`)."""
    exit_after(main)


def main(argv: list[str] | None = None) -> int:
    """Run the command; returns the exit status (0 ok, 2 bad input)."""
    parser = _parser()
    args = parser.parse_args(argv)
    stdin, stdout, stderr = sys.stdin, sys.stdout, sys.stderr
    try:
        if args.ties == "-" and args.people == "-":
            raise _InputError("only one of TIES and --people can be read from standard input")
        rate = _response_rate(args.response_rate)
        if args.introductions < 0:
            raise _InputError("--introductions cannot be negative")
        ties_name = "standard input" if args.ties == "-" else args.ties
        fast = _fast_ties(args.ties) if args.ties != "-" else None
        ties: list[Tie] = []
        if fast is None:
            with _open(args.ties, stdin) as handle:
                ties = _read_ties(handle, ties_name)
        people = None
        if args.people is not None:
            people_name = "standard input" if args.people == "-" else args.people
            with _open(args.people, stdin) as handle:
                people = _read_people(handle, people_name)
        network = build_network(ties, people) if fast is None else build_network_from_codes(*fast, people)
        if network.n == 0:
            raise _InputError(f"{ties_name} has no ties and no people were listed")
    except (_InputError, NetworkInputError) as e:
        print(f"mobilise-network: error: {e}", file=stderr)
        return 2
    for note in network.notes:
        print(f"mobilise-network: note: {note}", file=stderr)
    analysis = analyse(network, response_rate=rate, seed=args.seed, introductions=args.introductions)
    if args.format == "json":
        # orjson is several times faster than json and writes NaN as null (to_dict has none).
        stdout.write(orjson.dumps(analysis.to_dict(per_person=args.per_person), option=_JSON).decode())
    else:
        stdout.write(_text(analysis))
    return 0
