"""A word-level comparison of two texts, as segments a template can mark up.

Pure functions, no Django: the revision page shows what was added and removed since.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

Kind = Literal["same", "added", "removed"]

# Words, punctuation and the spaces between them, so joined segments read exactly like the text.
_TOKENS = re.compile(r"\s+|\w+(?:['’-]\w+)*|[^\w\s]+")


@dataclass(frozen=True)
class Segment:
    kind: Kind
    text: str


def _tokens(text: str) -> list[str]:
    return _TOKENS.findall(text.replace("\r\n", "\n"))


def _append(segments: list[Segment], kind: Kind, text: str) -> None:
    if not text:
        return
    if segments and segments[-1].kind == kind:
        segments[-1] = Segment(kind, segments[-1].text + text)
    else:
        segments.append(Segment(kind, text))


def word_diff(old: str, new: str) -> list[Segment]:
    """Segments that turn `old` into `new`: removed words come before the words that replace them."""
    before, after = _tokens(old or ""), _tokens(new or "")
    segments: list[Segment] = []
    matcher = SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _append(segments, "same", "".join(before[i1:i2]))
            continue
        removed, added = "".join(before[i1:i2]), "".join(after[j1:j2])
        # Changes in spacing alone mean nothing to a reader: show the new spacing as unchanged.
        if removed.strip():
            _append(segments, "removed", removed)
        _append(segments, "added" if added.strip() else "same", added)
    return segments


def has_changes(segments: list[Segment]) -> bool:
    return any(s.kind != "same" for s in segments)
