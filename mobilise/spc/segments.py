"""Phases ("segments") of a padded ``[series x points]`` batch, and per-phase reductions.

The batch is flattened row by row.  Every series starts a new segment, and so
does every rebase point (and the padding after a series), so one segment is
"this phase of this series": a contiguous run of cells.  Per-phase statistics
are then one ``np.add.reduceat`` over the whole batch, and per-phase values
reach the cells by ``np.repeat``: no Python loop per series or per phase.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .types import BoolArray, FloatArray, IdArray, Int32Array, IntArray

MAX_CELLS = 2**31 - 1


@dataclass(frozen=True, slots=True)
class Layout:
    """Where each flattened cell sits: its series' length, segment and neighbours."""

    shape: tuple[int, int]
    inlen: BoolArray  # flat: cell lies within its series' length (not padding)
    seg: IdArray  # flat: segment (series-phase) id of each cell
    n_seg: int
    seg_first: IntArray  # per segment: flat index of its first cell
    seg_len: IntArray  # per segment: number of cells
    seg_is_padding: BoolArray  # per segment: it holds the padding after a series
    seg_row: IntArray  # per segment: its series
    same_prev: BoolArray  # flat: cell i and cell i-1 are in the same segment (and not padding)
    phase: Int32Array  # [series x points]: phase number within the series, -1 for padding
    last_seg: IntArray  # per series: segment of its last phase, -1 for an empty series

    def positions(self) -> IdArray:
        """Flat: position of each cell within its segment (0-based)."""
        pos = np.arange(self.seg.size, dtype=np.int32)
        pos -= np.repeat(self.seg_first.astype(np.int32), self.seg_len)
        return pos


def build_layout(lengths: IntArray, rebase: BoolArray) -> Layout:
    n_series, n_points = rebase.shape
    inlen2 = np.arange(n_points)[None, :] < lengths[:, None]
    start2 = rebase & inlen2
    if n_points:
        start2[:, 0] = True
        # Padding gets a segment of its own, so a phase's sums cover exactly
        # its series' points (and a batch sums exactly as a single series).
        padded = np.flatnonzero((lengths > 0) & (lengths < n_points))
        start2[padded, lengths[padded]] = True
    start = start2.ravel()
    if start.size >= MAX_CELLS:
        raise ValueError(f"a batch can hold at most {MAX_CELLS - 1} points; split it")
    seg = np.cumsum(start, dtype=np.int32)
    seg -= 1
    n_seg = int(seg[-1]) + 1 if seg.size else 0
    seg_first = np.flatnonzero(start).astype(np.int64)
    seg_len = np.diff(seg_first, append=start.size)
    seg_row = seg_first // max(n_points, 1)
    inlen = inlen2.ravel()
    same_prev = ~start
    same_prev &= inlen
    if n_points:
        seg2 = seg.reshape(n_series, n_points)
        phase = np.subtract(seg2, seg2[:, :1])
        if (lengths < n_points).any():
            np.copyto(phase, np.int32(-1), where=~inlen2)
        last_cell = np.maximum(lengths - 1, 0)
        last_seg = np.where(lengths > 0, seg2[np.arange(n_series), last_cell], -1)
    else:
        phase = np.zeros((n_series, 0), dtype=np.int32)
        last_seg = np.full(n_series, -1)
    return Layout(
        shape=(n_series, n_points),
        inlen=inlen,
        seg=seg,
        n_seg=n_seg,
        seg_first=seg_first,
        seg_len=seg_len,
        seg_is_padding=~inlen[seg_first],
        seg_row=seg_row,
        same_prev=same_prev,
        phase=phase,
        last_seg=last_seg.astype(np.int64),
    )


def divide(num: FloatArray, den: FloatArray) -> FloatArray:
    """``num / den`` with NaN (and no warning) where ``den`` is zero."""
    out = np.full(np.broadcast(num, den).shape, np.nan)
    np.divide(num, den, out=out, where=den != 0)
    return out


def segment_sum(values: FloatArray, ok: BoolArray, layout: Layout) -> FloatArray:
    """Sum of the ``ok`` cells of each segment (segments are contiguous runs of cells)."""
    if layout.n_seg == 0:
        return np.zeros(0)
    filled = np.zeros(values.shape)
    np.copyto(filled, values, where=ok)
    return np.add.reduceat(filled, layout.seg_first)


def segment_count(ok: BoolArray, layout: Layout) -> IntArray:
    """Number of ``ok`` cells in each segment."""
    if layout.n_seg == 0:
        return np.zeros(0, dtype=np.int64)
    return np.add.reduceat(ok.view(np.int8), layout.seg_first, dtype=np.int64)


def segment_mean(values: FloatArray, ok: BoolArray, layout: Layout) -> FloatArray:
    """Mean of the ``ok`` cells of each segment; NaN for a segment without any.

    Two passes, as R's ``mean()``: the sum divided by the count, then the mean
    residual added back.  This makes the mean of a constant phase exactly that
    constant (one pass puts ten 0.1s at 0.09999999999999999, and zero-width
    limits would then flag every point) and keeps integer data correctly rounded.
    """
    count = segment_count(ok, layout).astype(np.float64)
    first = divide(segment_sum(values, ok, layout), count)
    residual = np.repeat(first, layout.seg_len)
    np.subtract(values, residual, out=residual)
    return first + divide(segment_sum(residual, ok, layout), count)


def segment_median(values: FloatArray, ok: BoolArray, layout: Layout) -> FloatArray:
    """Median of the ``ok`` cells of each segment (mean of the middle two for an
    even count, as R); NaN for a segment without any.

    Sorts a ``[segments x longest segment]`` matrix row by row (NaN sorts
    last), or, should that matrix be much bigger than the batch, one lexsort.
    """
    out = np.full(layout.n_seg, np.nan)
    count = segment_count(ok, layout)
    has = count > 0
    if not has.any():
        return out
    width = int(layout.seg_len.max())
    if layout.n_seg * width <= 4 * values.size:
        matrix = np.full((layout.n_seg, width), np.nan)
        matrix[layout.seg[ok], layout.positions()[ok]] = values[ok]
        matrix.sort(axis=1)
        rows = np.flatnonzero(has)
        c = count[has]
        out[has] = (matrix[rows, (c - 1) // 2] + matrix[rows, c // 2]) / 2
        return out
    seg = layout.seg[ok]
    order = np.lexsort((values[ok], seg))
    ordered = values[ok][order]
    first = (np.cumsum(count) - count)[has]
    c = count[has]
    out[has] = (ordered[first + (c - 1) // 2] + ordered[first + c // 2]) / 2
    return out


def moving_ranges(
    values: FloatArray, ok: BoolArray, layout: Layout
) -> tuple[FloatArray, BoolArray, FloatArray]:
    """Moving ranges between consecutive ``ok`` cells of a segment, and their mean.

    A missing value leaves the two moving ranges touching it undefined; the
    range is never bridged across the gap.  That is what NHSRplotthedots gets
    from ``mean(abs(diff(y)), na.rm = TRUE)``.

    Returns ``(mr, has_mr, amr)``: per cell the range to the previous cell and
    whether it is defined, and per segment the mean moving range.
    """
    n = values.size
    has_mr = np.zeros(n, dtype=bool)
    mr = np.full(n, np.nan)
    if n:
        np.logical_and(ok[1:], ok[:-1], out=has_mr[1:])
        has_mr &= layout.same_prev
        np.abs(np.subtract(values[1:], values[:-1]), out=mr[1:])
    return mr, has_mr, segment_mean(mr, has_mr, layout)


def spread(per_seg: FloatArray, layout: Layout) -> FloatArray:
    """Each cell gets its segment's value (NaN for padding, which has segments of its own)."""
    if layout.n_seg == 0:
        return np.full(layout.seg.shape, np.nan)
    return np.repeat(np.where(layout.seg_is_padding, np.nan, per_seg), layout.seg_len)
