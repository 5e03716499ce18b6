"""Writes for tests of change and their attachments. Every write records who made it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction

from mobilise.accounts.models import Organisation
from mobilise.core.bin import move_to_bin
from mobilise.core.concurrency import lock_for_edit
from mobilise.core.history import save_as
from mobilise.improvement.models import ChangeIdea
from mobilise.programmes.models import Programme

from .choices import Outcome, PredictionResult, Stage
from .models import Attachment, TestOfChange
from .uploads import check_upload

# Free-text fields, stored trimmed.
TEXT_FIELDS = (
    "title",
    "team",
    "scale",
    "question",
    "prediction",
    "plan",
    "data_to_collect",
    "what_happened",
    "observations",
    "study",
    "act_notes",
)


def _check_links(programme: Programme, data: Mapping[str, Any], *, current_site_id: int | None) -> None:
    change_idea: ChangeIdea | None = data.get("change_idea")
    if change_idea is None or change_idea.programme_id != programme.pk or change_idea.in_bin:
        raise ValidationError({"change_idea": "Choose the change idea this test belongs to"})
    site: Organisation | None = data.get("site")
    if site is not None and site.pk != current_site_id and not programme.partners.filter(pk=site.pk).exists():
        raise ValidationError({"site": "Choose a site from the list"})


def _apply(test: TestOfChange, data: Mapping[str, Any]) -> None:
    errors: dict[str, str] = {}
    if not (data.get("title") or "").strip():
        errors["title"] = "Enter a name for the test"
    if data.get("planned_start") is None:
        errors["planned_start"] = "Enter the date the test starts"
    if (data.get("stage") or Stage.PLANNED) not in Stage.values:
        errors["stage"] = "Choose where the test is now"
    if (data.get("outcome") or "") not in Outcome.values:
        errors["outcome"] = "Choose what you will do now"
    if (data.get("prediction_result") or "") not in PredictionResult.values:
        errors["prediction_result"] = "Choose whether it turned out as predicted"
    if errors:
        raise ValidationError(errors)
    for name in TEXT_FIELDS:
        setattr(test, name, (data.get(name) or "").strip())
    test.stage = data.get("stage") or Stage.PLANNED
    test.outcome = data.get("outcome") or Outcome.UNDECIDED
    test.prediction_result = data.get("prediction_result") or PredictionResult.UNKNOWN
    test.people_count = data.get("people_count")
    test.planned_start = data["planned_start"]
    test.done_on = data.get("done_on")
    test.change_idea = data["change_idea"]
    test.site = data.get("site")


def _check_ramp(test: TestOfChange, change_idea: ChangeIdea) -> None:
    """A ramp climbs within one change idea; moving one cycle of it elsewhere would break the ladder."""
    if test.change_idea_id == change_idea.pk:
        return
    if test.previous_cycle_id is not None or test.next_cycles.exists():
        raise ValidationError(
            {
                "change_idea": "This test is one cycle of a ramp, so it must stay with its "
                "change idea. Start a new test for a different change idea"
            }
        )


@transaction.atomic
def test_create(
    *, programme: Programme, data: Mapping[str, Any], user: Any, previous_cycle: TestOfChange | None = None
) -> TestOfChange:
    """Log a new test. `previous_cycle` makes it the next rung of that test's ramp."""
    _check_links(programme, data, current_site_id=None)
    if previous_cycle is not None and (
        previous_cycle.programme_id != programme.pk or previous_cycle.change_idea_id != data["change_idea"].pk
    ):
        raise ValidationError({"change_idea": "The next cycle must test the same change idea as the last"})
    test = TestOfChange(programme=programme, previous_cycle=previous_cycle, created_by=user)
    _apply(test, data)
    save_as(test, by=user)
    test.people.set(data.get("people") or [])
    return test


@transaction.atomic
def test_update(
    *, test: TestOfChange, data: Mapping[str, Any], user: Any, expected_version: int | None
) -> TestOfChange:
    """Save an edit, or raise EditConflict (holding their version) if someone saved since."""
    programme = test.programme
    _check_links(programme, data, current_site_id=test.site_id)
    current = lock_for_edit(test, expected_version)
    _check_ramp(current, data["change_idea"])
    _apply(current, data)
    save_as(current, by=user)
    current.people.set(data.get("people") or [])
    return current


@transaction.atomic
def test_bin(*, test: TestOfChange, user: Any) -> None:
    move_to_bin(test, by=user)


@transaction.atomic
def attachment_add(
    *, test: TestOfChange, upload: IO[bytes], name: str, size: int, description: str, user: Any
) -> Attachment:
    """Store a checked file under a random name; refuse anything that is not what it claims to be."""
    checked = check_upload(upload, name=name, size=size)
    attachment = Attachment(
        programme_id=test.programme_id,
        test=test,
        original_name=_safe_name(name, checked.extension),
        content_type=checked.content_type,
        size=size,
        description=description.strip(),
        uploaded_by=user,
    )
    attachment.file.save(f"upload{checked.extension}", File(upload), save=False)
    save_as(attachment, by=user)
    return attachment


def _safe_name(name: str, extension: str) -> str:
    """The person's file name for the download, with the extension its content earned."""
    stem = name.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    stem = "".join(ch for ch in stem if ch.isprintable() and ch not in '"<>:|?*').strip() or "attachment"
    return f"{stem[:200]}{extension}"


@transaction.atomic
def attachment_bin(*, attachment: Attachment, user: Any) -> None:
    move_to_bin(attachment, by=user)
