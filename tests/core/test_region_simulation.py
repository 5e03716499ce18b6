"""The region simulation (bench/region.py) times the product's own queries, and only on PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest

from bench import region


def _run(watch: region.Watch, sql: str, params: tuple[Any, ...]) -> tuple[str, tuple[Any, ...]]:
    seen: list[tuple[str, tuple[Any, ...]]] = []

    def execute(sql: str, params: tuple[Any, ...], many: bool, context: Any) -> None:
        seen.append((sql, params))

    watch(execute, sql, params, False, {})
    return seen[0]


CHART = (
    'SELECT "measurement_datapoint"."id", "measurement_datapoint"."period" FROM "measurement_datapoint" '
    'WHERE "measurement_datapoint"."measure_id" = %s ORDER BY "measurement_datapoint"."period" ASC'
)


def test_a_data_point_query_passes_unchanged_and_is_kept_for_explain() -> None:
    watch = region.Watch()
    assert _run(watch, CHART, (7,)) == (CHART, (7,))
    assert watch.last == (CHART, (7,))


def test_naming_the_programme_filters_data_point_reads_only() -> None:
    watch = region.Watch()
    watch.programme = 3
    sql, params = _run(watch, CHART, (7,))
    assert 'WHERE "measurement_datapoint"."programme_id" = %s AND "measurement_datapoint"."measure_id"' in sql
    assert params == (3, 7)
    other = 'SELECT "measurement_phase"."starts" FROM "measurement_phase" WHERE "measurement_phase"."id" = %s'
    assert _run(watch, other, (1,)) == (other, (1,))
    copy = 'DELETE FROM "measurement_datapoint" WHERE "measurement_datapoint"."period" >= %s'
    assert _run(watch, copy, ("2026-01-05",)) == (copy, ("2026-01-05",))


def test_it_is_skipped_without_postgresql(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    monkeypatch.setenv("DATABASE_URL", "sqlite:///nowhere.sqlite3")
    assert region.main([]) == 0
    assert "runs on PostgreSQL" in capsys.readouterr().out
