"""Permission-matrix entries for tests of change: the learning walls, each test, attachments, imports."""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from mobilise.pdsa.importing.checking import TEXT_KEYS
from mobilise.pdsa.models import Attachment, ImportStatus, PdsaImport

from .factories import ChangeIdeaFactory, TestOfChangeFactory

# The matrix runs outside tests/pdsa (so without its temporary MEDIA_ROOT): one small fixed file serves.
MATRIX_FILE = "pdsa/attachments/route-matrix.txt"


def _slug(cast: Any) -> dict[str, Any]:
    return {"slug": cast.programme.slug}


def _test(cast: Any) -> dict[str, Any]:
    return {"slug": cast.programme.slug, "pk": TestOfChangeFactory(programme=cast.programme).pk}


def _attachment(cast: Any) -> dict[str, Any]:
    test = TestOfChangeFactory(programme=cast.programme)
    if not default_storage.exists(MATRIX_FILE):
        default_storage.save(MATRIX_FILE, ContentFile(b"Tally of missed visits\n"))
    attachment = Attachment.objects.create(
        programme=cast.programme,
        test=test,
        file=MATRIX_FILE,
        original_name="tally.txt",
        content_type="text/plain",
        size=23,
    )
    return {"slug": cast.programme.slug, "pk": test.pk, "attachment_pk": attachment.pk}


def _import(cast: Any) -> dict[str, Any]:
    idea = ChangeIdeaFactory(programme=cast.programme, title="Morning huddle")
    row = {
        "row": 2,
        "change_idea": idea.pk,
        "site": None,
        "title": "Huddle on ward 3",
        "planned_start": "2026-03-02",
        "done_on": None,
        "people_count": None,
        "outcome": "",
        "prediction_result": "",
        "stage": "planned",
        **dict.fromkeys(TEXT_KEYS[1:], ""),
    }
    job = PdsaImport.objects.create(
        programme=cast.programme, filename="log.csv", status=ImportStatus.READY, rows=[row]
    )
    return {"slug": cast.programme.slug, "pk": job.pk}


def _valid_test(cast: Any) -> dict[str, Any]:
    idea = ChangeIdeaFactory(programme=cast.programme, title="Text reminders")
    return {
        "title": "Reminders at one practice",
        "change_idea": str(idea.pk),
        "stage": "planned",
        "planned_start_day": "2",
        "planned_start_month": "3",
        "planned_start_year": "2026",
        "version": "1",
    }


def _valid_next_cycle(cast: Any) -> dict[str, Any]:
    return {
        "title": "Reminders at two practices",
        "stage": "planned",
        "planned_start_day": "9",
        "planned_start_month": "3",
        "planned_start_year": "2026",
    }


ROUTES: dict[str, dict[str, Any]] = {
    "pdsa:my_wall": {"kwargs": lambda cast: {}, "methods": ["GET"], "perm": "signed_in"},
    "pdsa:wall": {"kwargs": _slug, "methods": ["GET"], "perm": "view"},
    "pdsa:create": {"kwargs": _slug, "methods": ["GET", "POST"], "perm": "edit", "post_data": _valid_test},
    "pdsa:detail": {"kwargs": _test, "methods": ["GET"], "perm": "view"},
    "pdsa:edit": {"kwargs": _test, "methods": ["GET", "POST"], "perm": "edit", "post_data": _valid_test},
    "pdsa:next_cycle": {
        "kwargs": _test,
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": _valid_next_cycle,
    },
    "pdsa:delete": {"kwargs": _test, "methods": ["GET", "POST"], "perm": "edit"},
    "pdsa:attachment_add": {"kwargs": _test, "methods": ["GET", "POST"], "perm": "edit"},
    "pdsa:attachment": {"kwargs": _attachment, "methods": ["GET"], "perm": "view"},
    "pdsa:attachment_delete": {"kwargs": _attachment, "methods": ["GET", "POST"], "perm": "edit"},
    "pdsa:import": {"kwargs": _slug, "methods": ["GET", "POST"], "perm": "edit"},
    "pdsa:import_template": {"kwargs": _slug, "methods": ["GET"], "perm": "view"},
    "pdsa:import_preview": {"kwargs": _import, "methods": ["GET", "POST"], "perm": "edit"},
}
