"""The one place that talks to the network engine and turns its answer into our stored JSON.

People go to the engine with ids "~<roster key>" so that wherever the engine names someone in
its plain-English evidence or reasons, the pages can put a name (or a pseudonym) in its place.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mobilise.network import Person, Tie, analyse, build_network, compare_starting_groups

MARK = "~"
PERSON_COLUMNS = ("in_degree", "degree", "betweenness", "constraint", "core_number", "community")
ID_IN_TEXT = re.compile(r"~([a-z]\d+)\b")


@dataclass(frozen=True)
class EngineInput:
    # (roster key, organisation name, organisation type, formal authority or None)
    people: list[tuple[str, str, str, bool | None]]
    # (source key, target key, weight)
    ties: list[tuple[str, str, float]]


def _key(engine_id: str) -> str:
    return engine_id[len(MARK) :] if engine_id.startswith(MARK) else engine_id


def _keys(ids: Any) -> list[str]:
    return [_key(i) for i in ids]


def analyse_network(
    data: EngineInput, progress: Callable[[int, str], None], *, response_rate: float | None
) -> dict[str, Any]:
    """Metrics, diagnosis, key people, introductions and what-if spread, as JSON-ready data."""
    network = build_network(
        [Tie(MARK + s, MARK + t, w) for s, t, w in data.ties],
        people=[
            Person(
                MARK + key,
                organisation=org or None,
                organisation_type=org_type or None,
                formal_authority=authority,
            )
            for key, org, org_type, authority in data.people
        ],
    )
    progress(15, f"Measuring the network of {network.n:,} people")
    analysis = analyse(network, response_rate=response_rate)
    progress(75, "Simulating how a new practice could spread")
    spread = compare_starting_groups(network, analysis.result)
    progress(95, "Saving the results")
    engine = analysis.to_dict(per_person=True)
    metric_names = [
        k for k, v in engine.items() if not isinstance(v, list | dict) and not k.startswith("diagnosis")
    ]
    records = engine.get("per_person", [])
    ids = [_key(r["id"]) for r in records]
    at = {key: i for i, key in enumerate(ids)}
    pairs = sorted({(min(at[s], at[t]), max(at[s], at[t])) for s, t, _ in data.ties if s != t})
    return {
        "metrics": {name: engine[name] for name in metric_names},
        "sampling": engine.get("sampling", {}),
        "diagnosis": {
            "label": analysis.diagnosis.label,
            "evidence": list(analysis.diagnosis.evidence),
            "also_matches": list(analysis.diagnosis.also_matches),
            "withheld": analysis.diagnosis.withheld,
            "flags": [{"code": f.code, "message": f.message} for f in analysis.diagnosis.flags],
        },
        # Columns, not a dict per person: a 2,000-person result then loads as a few dozen objects.
        "people": {"id": ids, **{column: [r[column] for r in records] for column in PERSON_COLUMNS}},
        # Ties in the symmetrised network, as positions in the people columns.
        "ties": {"a": [a for a, _ in pairs], "b": [b for _, b in pairs]},
        "single_points_of_failure": _keys(analysis.single_points_of_failure),
        "brokers": _keys(analysis.brokers),
        "informal_influencers": _keys(analysis.informal_influencers),
        "sought_after": _keys(analysis.sought_after),
        "suggested_introductions": [
            {
                "pair": [_key(i.source), _key(i.target)],
                "kind": i.kind,
                "reason": i.reason,
                "gain": i.efficiency_gain,
            }
            for i in analysis.suggested_introductions
        ],
        "spread": [
            {
                "start": name,
                "seeds": _keys(run.seeds),
                "reach": [round(share * network.n) for share in run.reach],
            }
            for name, run in spread.items()
        ],
        "notes": [ID_IN_TEXT.sub(lambda m: m.group(1), note) for note in analysis.notes],
    }
