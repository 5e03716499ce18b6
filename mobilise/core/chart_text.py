"""Room for words on server-drawn charts: how wide a label is, where it wraps, how labels stand apart.

SVG cannot measure text on the server, so widths are estimated from the characters of Arial
(Frutiger, when the web font loads, is no wider). The estimate errs on the wide side, so a label
given room by it fits in the browser. Pure: no Django.
"""

from __future__ import annotations

from collections.abc import Sequence

# Advance widths in ems, rounded up from Arial's metrics.
_NARROW = frozenset("iljtfrI.,:;'|!()[]` ")
_WIDE = frozenset("mwMWOQGDHNUC%@&")
_DIGITS = frozenset("0123456789")
ELLIPSIS = "…"


def text_width(text: str, size: float) -> float:
    """An upper estimate of the width of ``text`` at font size ``size``, in the same units."""
    ems = 0.0
    for ch in text:
        if ch in _NARROW:
            ems += 0.34
        elif ch in _WIDE:
            ems += 0.9
        elif ch in _DIGITS:
            ems += 0.58
        elif ch.isupper():
            ems += 0.72
        else:
            ems += 0.6
    return ems * size


def _hard_break(word: str, width: float, size: float) -> list[str]:
    pieces, current = [], ""
    for ch in word:
        if current and text_width(current + ch, size) > width:
            pieces.append(current)
            current = ch
        else:
            current += ch
    return [*pieces, current] if current else pieces


def _shorten(line: str, width: float, size: float) -> str:
    while line and text_width(line + ELLIPSIS, size) > width:
        line = line[:-1]
    return line.rstrip() + ELLIPSIS


def wrap(text: str, width: float, size: float, max_lines: int = 3) -> list[str]:
    """``text`` in lines no wider than ``width``; words longer than a line are broken, and
    anything beyond ``max_lines`` is cut with an ellipsis."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        if text_width(word, size) <= width:
            current = word
        else:
            *whole, current = _hard_break(word, width, size)
            lines.extend(whole)
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], _shorten(lines[max_lines - 1], width, size)]
    return lines or [""]


def spread(wanted: Sequence[float], heights: Sequence[float], low: float, high: float) -> list[float]:
    """Top edges for boxes of the given heights, each as near its wanted top as it can be, in the
    same order, none overlapping, all within low..high (when they fit at all)."""
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    tops = [0.0] * len(wanted)
    edge = low
    for i in order:  # downwards: push each box below the one above
        tops[i] = max(wanted[i], edge)
        edge = tops[i] + heights[i]
    edge = high
    for i in reversed(order):  # upwards: pull back any that fell off the bottom
        tops[i] = min(tops[i], edge - heights[i])
        edge = tops[i]
    return tops
