"""The what-if chart and the drawing's data, from a stored analysis and the people shown."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from . import charts

if TYPE_CHECKING:
    from .disclosure import Disclosure
    from .results import Introduction, Person, Results

SPREAD_LABELS = {
    "formal_leaders": "Formal leaders",
    "informal_influencers": "Informal influencers",
    "brokers": "Brokers",
    "random": "People at random",
}


def spread_chart(results: Results, data: dict[str, Any], disclosure: Disclosure) -> None:
    """The what-if table and chart. For anonymised viewers, a number reached (or the number not
    reached, out of everyone shown) from 1 to 7 is neither printed nor plotted."""
    runs = [r for r in data.get("spread") or [] if r.get("reach")]
    if not runs:
        return
    everyone = len(results.people)
    steps = max(len(r["reach"]) for r in runs)
    series: list[tuple[str, list[int]]] = []
    for run in runs:
        reach = [int(v) for v in run["reach"]]
        reach += [reach[-1]] * (steps - len(reach))
        label = SPREAD_LABELS.get(run["start"], run["start"].replace("_", " ").capitalize())
        series.append((label, reach))
        seeds = len(run.get("seeds") or [])
        results.spread_series.append((label, f"{seeds:,}" if seeds and disclosure.named else "", reach[-1]))
    shown = [[disclosure.part_of(v, everyone) for v in reach] for _, reach in series]
    plotted = [(label, [s.value for s in row]) for (label, _), row in zip(series, shown, strict=True)]
    results.spread_drawings = charts.drawings([str(i) for i in range(steps)], plotted, y_max=max(everyone, 1))
    results.spread_rows = [(i, [row[i].text for row in shown]) for i in range(steps)]


def drawing_json(
    data: dict[str, Any],
    keys: list[str],
    people: list[Person],
    node_id: Callable[[str], str],
    *,
    introductions: list[Introduction],
    shuffle_key: Callable[[str], str] | None = None,
) -> str:
    """The drawing's data for network.js, compact (ties as pairs of positions in the people list)
    and safe to place inside a <script type="application/json">.

    With `shuffle_key` (anonymised viewers) the people are unlabelled and put in a secret order,
    so nobody can count a drawn person's lines and match them to a row whose counts are withheld."""
    if shuffle_key is not None:
        people = sorted(people, key=lambda p: shuffle_key(p.id))
    type_order = sorted({p.type_label for p in people})
    type_at = {label: i for i, label in enumerate(type_order)}
    shown_at = {p.id: i for i, p in enumerate(people)}
    # The stored ties point into the stored order; the drawing uses the sorted order.
    moved = [shown_at[node_id(key)] for key in keys]
    ties = data.get("ties") or {}
    edges: list[int] = []
    for a, b in zip(ties.get("a") or [], ties.get("b") or [], strict=True):
        edges += (moved[a], moved[b])
    suggested: list[int] = []
    for i in introductions:
        first, second = shown_at.get(node_id(i.first_key)), shown_at.get(node_id(i.second_key))
        if i.decision != "Not for now" and first is not None and second is not None:
            suggested += (first, second)
    # Flat columns rather than an object per person or tie: far less work for big networks.
    payload = {
        "types": type_order,
        "labels": [p.label if shuffle_key is None else "" for p in people],
        "type": [type_at[p.type_label] for p in people],
        "size": [p.size for p in people],
        "spof": [int("Single point of failure" in p.flags) for p in people],
        "edges": edges,  # pairs of positions in the columns: [a0, b0, a1, b1, ...]
        "suggested": suggested,
    }
    # Escape <, > and & so that no name can close the script element.
    text = json.dumps(payload, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
