"""What the purpose pages show, worked out away from the templates."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .diff import Segment, has_changes, word_diff
from .models import PURPOSE_FIELDS

FIELD_LABELS: dict[str, str] = {
    "statement": "Our shared purpose",
    "why_it_matters": "Why it matters to patients and communities",
    "who_for": "Who it is for",
    "values": "Our values",
    "what_good_looks_like": "What good will look like",
}


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    text: str


def sections(source: Any, keys: Sequence[str] = PURPOSE_FIELDS) -> list[Section]:
    """The purpose's fields, labelled, from the current purpose or a revision (empty when None)."""
    return [Section(key, FIELD_LABELS[key], getattr(source, key, "") or "") for key in keys]


@dataclass(frozen=True)
class HistoryRow:
    history_id: int
    when: datetime
    who: str
    reason: str
    changed: list[str]
    is_first: bool
    is_current: bool


def _who(record: Any) -> str:
    user = record.history_user
    return user.display_name if user is not None else "Someone no longer on Mobilise"


def history_rows(records: Sequence[Any]) -> list[HistoryRow]:
    """Rows for the history page from revisions newest first, each compared with the one before it."""
    rows = []
    for index, record in enumerate(records):
        older = records[index + 1] if index + 1 < len(records) else None
        if older is None:
            changed = [FIELD_LABELS[k] for k in PURPOSE_FIELDS if (getattr(record, k) or "").strip()]
        else:
            delta = record.diff_against(older, included_fields=PURPOSE_FIELDS)
            changed = [FIELD_LABELS[k] for k in PURPOSE_FIELDS if k in delta.changed_fields]
        rows.append(
            HistoryRow(
                history_id=record.history_id,
                when=record.history_date,
                who=_who(record),
                reason=record.history_change_reason or "",
                changed=changed,
                is_first=older is None,
                is_current=index == 0,
            )
        )
    return rows


@dataclass(frozen=True)
class Comparison:
    label: str
    then: str
    segments: list[Segment]
    changed: bool


def comparisons(revision: Any, current: Any) -> list[Comparison]:
    """Each field as it was in `revision`, with the words added and removed since then."""
    result = []
    for key in PURPOSE_FIELDS:
        then, now = getattr(revision, key) or "", getattr(current, key, "") or ""
        segments = word_diff(then, now)
        result.append(Comparison(FIELD_LABELS[key], then, segments, has_changes(segments)))
    return result


def revision_who(revision: Any) -> str:
    return _who(revision)
