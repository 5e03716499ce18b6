"""Importing PDSA logs: every problem listed with its row and column, and all or nothing written."""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from mobilise.pdsa.choices import Outcome, Stage
from mobilise.pdsa.models import ImportStatus, PdsaImport, TestOfChange
from tests.factories import OrganisationFactory

from .factories import ChangeIdeaFactory

pytestmark = pytest.mark.django_db

HEADINGS = "Change idea,Test name,Site,Team,Planned start,Done date,Decision,Results,People involved\n"


@pytest.fixture
def setting(cast: Any) -> dict[str, Any]:
    """A programme with two change ideas and two partner sites, one with an ODS code."""
    oak = OrganisationFactory(name="Oak Lane Surgery", ods_code="A81001")
    hebburn = OrganisationFactory(name="Hebburn Health Centre")
    OrganisationFactory(name="Not A Partner Practice")
    cast.programme.partners.add(oak, hebburn)
    return {
        "huddle": ChangeIdeaFactory(programme=cast.programme, title="Daily safety huddle"),
        "texts": ChangeIdeaFactory(programme=cast.programme, title="Text reminders"),
        "oak": oak,
        "hebburn": hebburn,
    }


def send(cast: Any, name: str, content: bytes, who: str = "member") -> Any:
    url = reverse("pdsa:import", kwargs={"slug": cast.programme.slug})
    return cast.client_for(who).post(url, {"file": SimpleUploadedFile(name, content)}, follow=True)


def confirm(cast: Any, job: PdsaImport, who: str = "member") -> Any:
    url = reverse("pdsa:import_preview", kwargs={"slug": cast.programme.slug, "pk": job.pk})
    return cast.client_for(who).post(url, follow=True)


def test_a_good_csv_is_previewed_then_imported_with_history(cast: Any, setting: dict[str, Any]) -> None:
    csv = (
        HEADINGS
        + "daily SAFETY huddle,Huddle on ward 3,A81001,Ward 3,02/03/2026,09/03/2026,Adopted,Fewer misses,"
        + "6\nText reminders,SMS on Mondays,hebburn health centre,,2026-02-10,,abandon,Prefer calls,\n"
    )
    preview = send(cast, "log.csv", csv.encode()).content.decode()
    assert "The file is ready: 2 tests of 2 change ideas at 2 sites" in preview
    assert "Huddle on ward 3" in preview and "Oak Lane Surgery" in preview and "9 March 2026" in preview
    assert not TestOfChange.objects.exists()

    wall = confirm(cast, PdsaImport.objects.get()).content.decode()
    assert "2 tests of change imported" in wall and "SMS on Mondays" in wall
    huddle = TestOfChange.objects.get(title="Huddle on ward 3")
    assert (huddle.change_idea, huddle.site, huddle.outcome, huddle.stage) == (
        setting["huddle"],
        setting["oak"],
        Outcome.ADOPT,
        Stage.DONE,
    )
    assert (huddle.tested_on, huddle.people_count, huddle.created_by) == (date(2026, 3, 9), 6, cast.member)
    sms = TestOfChange.objects.get(title="SMS on Mondays")
    assert sms.site == setting["hebburn"] and sms.outcome == Outcome.ABANDON
    assert huddle.history.get().history_user == cast.member


def test_every_problem_is_listed_and_nothing_is_written(cast: Any, setting: dict[str, Any]) -> None:
    csv = (
        HEADINGS
        + "Walking group,Try a walk,,,02/03/2026,,,,\n"  # unknown change idea
        + "Text reminders,SMS,Not A Partner Practice,,2026-02-10,,,,\n"  # not a partner
        + "Text reminders,SMS two,,,31/02/2026,,maybe,,lots\n"  # bad date, bad decision, bad count
        + "Text reminders,,,,,,,,\n"  # no name, no date
        + "Text reminders,Good row,,,2026-02-10,2026-02-01,,,\n"
    )  # done before start
    page = send(cast, "log.csv", csv.encode()).content.decode()
    assert "Nothing has been imported" in page and "The file has 8 problems" in page
    for row, column, reason in [
        (2, "Change idea", "There is no change idea called “Walking group” in this programme"),
        (3, "Site", "“Not A Partner Practice” is not a partner organisation in this programme"),
        (4, "Planned start", "Planned start must be a real date"),
        (4, "Decision", "Decision must be adopt, adapt, abandon or next cycle"),
        (4, "People involved", "People involved must be a whole number"),
        (5, "Test name", "Enter a name for the test"),
        (5, "Planned start", "Enter a planned start or a done date"),
        (6, "Done date", "The done date must be the same as or after the planned start"),
    ]:
        assert f'<td class="nhsuk-table__cell">{row}</td><td class="nhsuk-table__cell">{column}</td>' in page
        assert reason in page
    job = PdsaImport.objects.get()
    assert job.status == ImportStatus.HAS_ERRORS and 'type="submit">Import' not in page
    assert confirm(cast, job).status_code == 200
    assert not TestOfChange.objects.exists()


def test_missing_columns_are_reported_once_not_on_every_row(cast: Any, setting: dict[str, Any]) -> None:
    page = send(cast, "log.csv", b"Idea name,Notes\nText reminders,hello\n" * 1).content.decode()
    assert "Add a column called “Change idea”" in page and "Add a column called “Test name”" in page
    assert "The file has 3 problems" in page


def test_columns_we_do_not_read_are_listed(cast: Any, setting: dict[str, Any]) -> None:
    csv = "Change idea,Test name,Date,Cost code\nText reminders,SMS,2026-02-10,X1\n"
    page = send(cast, "log.csv", csv.encode()).content.decode()
    assert "These columns were left out because we do not read them: Cost code" in page


def test_an_excel_workbook_imports_with_real_dates(cast: Any, setting: dict[str, Any]) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Change idea", "Test name", "Planned start", "Stage", "As predicted"])
    sheet.append(["Daily safety huddle", "Huddle at night", datetime(2026, 1, 20), "in progress", "partly"])
    buffer = io.BytesIO()
    book.save(buffer)
    send(cast, "log.xlsx", buffer.getvalue())
    confirm(cast, PdsaImport.objects.get())
    test = TestOfChange.objects.get()
    assert (test.planned_start, test.stage, test.prediction_result) == (
        date(2026, 1, 20),
        Stage.DOING,
        "partly",
    )


def test_a_windows_csv_is_read(cast: Any, setting: dict[str, Any]) -> None:
    csv = "Change idea,Test name,Planned start,Results\nText reminders,Café SMS,2026-02-10,“Better”\n"
    send(cast, "log.csv", csv.encode("cp1252"))
    confirm(cast, PdsaImport.objects.get())
    assert TestOfChange.objects.get().title == "Café SMS"


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("log.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "older Excel file (.xls)"),
        ("log.xlsx", b"PK\x03\x04 broken", "This file is not a real Excel workbook"),
        ("log.pdf", b"%PDF-1.4", "The selected file must be a CSV or Excel (.xlsx) file"),
        ("log.csv", b"", "The selected file is empty"),
        ("log.csv", b"\n\n,,\n", "The file is empty"),
    ],
)
def test_files_that_are_not_a_log_are_refused(
    cast: Any, setting: dict[str, Any], name: str, content: bytes, message: str
) -> None:
    page = send(cast, name, content).content.decode()
    assert message in page
    assert not PdsaImport.objects.exists()


def test_importing_twice_does_not_duplicate(cast: Any, setting: dict[str, Any]) -> None:
    send(cast, "log.csv", b"Change idea,Test name,Planned start\nText reminders,SMS,2026-02-10\n")
    job = PdsaImport.objects.get()
    confirm(cast, job)
    page = confirm(cast, job).content.decode()
    assert "already been imported" in page and "1 tests of change were imported" in page
    assert TestOfChange.objects.count() == 1


def test_a_change_idea_binned_after_the_preview_stops_the_whole_import(
    cast: Any, setting: dict[str, Any]
) -> None:
    csv = (
        "Change idea,Test name,Planned start\n"
        "Text reminders,SMS,2026-02-10\nDaily safety huddle,Huddle,2026-02-11\n"
    )
    send(cast, "log.csv", csv.encode())
    setting["texts"].deleted_at = timezone.now()
    setting["texts"].save()
    page = confirm(cast, PdsaImport.objects.get()).content.decode()
    assert "Nothing has been imported" in page and "moved to the bin" in page
    assert not TestOfChange.objects.exists()


def test_the_template_lists_the_columns(cast: Any) -> None:
    url = reverse("pdsa:import_template", kwargs={"slug": cast.programme.slug})
    response = cast.client_for("viewer").get(url)
    assert response["Content-Disposition"] == 'attachment; filename="pdsa-log-template.csv"'
    first_line = response.content.decode().splitlines()[0]
    assert first_line.startswith("Change idea,Test name,Site,Team,Scale,Planned start,Done date")
