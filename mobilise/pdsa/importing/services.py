"""Writes for imports: check a file and keep the result for the preview, then import all or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import IO, Any

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from mobilise.accounts.models import Organisation
from mobilise.improvement.models import ChangeIdea
from mobilise.pdsa.models import ImportStatus, PdsaImport, TestOfChange
from mobilise.programmes.models import Programme

from .checking import TEXT_KEYS, check_table
from .reading import FileRefused, read_table

BATCH = 500
GONE_SINCE = (
    "This was moved to the bin or removed from the programme after the file was checked. "
    "Upload the file again"
)


@dataclass(frozen=True)
class Imported:
    count: int
    problems: list[dict[str, Any]]  # non-empty when something changed since the preview; nothing written


def pdsa_import_check(
    *, programme: Programme, upload: IO[bytes], name: str, size: int, user: Any
) -> PdsaImport:
    """Read and check the whole file, and keep the outcome for the preview. Raises FileRefused."""
    table = read_table(upload, name=name, size=size)
    checked = check_table(table, programme)
    return PdsaImport.objects.create(
        programme=programme,
        filename=name[:255],
        created_by=user,
        status=ImportStatus.HAS_ERRORS if checked.errors else ImportStatus.READY,
        rows=checked.rows,
        errors=checked.errors,
        unused_columns=checked.unused,
    )


class ImportNotReady(Exception):
    """The import has errors, or has already been done."""


@transaction.atomic
def pdsa_import_confirm(*, pdsa_import: PdsaImport, user: Any) -> Imported:
    """Write every checked row in one transaction, or none if a change idea or site has gone since."""
    locked = PdsaImport.objects.select_for_update().get(pk=pdsa_import.pk)
    if locked.status != ImportStatus.READY:
        raise ImportNotReady(locked.get_status_display())
    programme = locked.programme
    ideas = {
        idea.pk: idea
        for idea in ChangeIdea.objects.filter(
            programme=programme, pk__in={row["change_idea"] for row in locked.rows}
        )
    }
    sites = {
        site.pk: site
        for site in Organisation.objects.filter(
            programmes=programme, pk__in={row["site"] for row in locked.rows if row["site"]}
        )
    }
    problems = [
        {
            "row": row["row"],
            "column": "Change idea" if row["change_idea"] not in ideas else "Site",
            "value": "",
            "reason": GONE_SINCE,
        }
        for row in locked.rows
        if row["change_idea"] not in ideas or (row["site"] and row["site"] not in sites)
    ]
    if problems:
        locked.status, locked.errors, locked.rows = ImportStatus.HAS_ERRORS, problems, []
        locked.save(update_fields=["status", "errors", "rows"])
        return Imported(0, problems)
    tests = [_test(row, programme, ideas, sites, user) for row in locked.rows]
    bulk_create_with_history(
        tests,
        TestOfChange,
        batch_size=BATCH,
        default_user=user,
        default_change_reason=f"Imported from {locked.filename}",
    )
    locked.status, locked.imported_count = ImportStatus.IMPORTED, len(tests)
    locked.imported_at = timezone.now()
    locked.rows = []  # the tests hold the data now
    locked.save(update_fields=["status", "imported_count", "imported_at", "rows"])
    return Imported(len(tests), [])


def _test(
    row: dict[str, Any],
    programme: Programme,
    ideas: dict[int, ChangeIdea],
    sites: dict[int, Organisation],
    user: Any,
) -> TestOfChange:
    test = TestOfChange(
        programme=programme,
        change_idea=ideas[row["change_idea"]],
        site=sites.get(row["site"]) if row["site"] else None,
        created_by=user,
        planned_start=date.fromisoformat(row["planned_start"]),
        done_on=date.fromisoformat(row["done_on"]) if row["done_on"] else None,
        people_count=row["people_count"],
        stage=row["stage"],
        outcome=row["outcome"],
        prediction_result=row["prediction_result"],
        **{key: row[key] for key in TEXT_KEYS},
    )
    test.set_tested_on()
    return test


__all__ = ["FileRefused", "ImportNotReady", "Imported", "pdsa_import_check", "pdsa_import_confirm"]
