"""Importing actions and risks: every row or none, each problem by row and column; downloads go back in."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mobilise.delivery.importing import check_and_import
from mobilise.delivery.models import Action, Risk
from mobilise.programmes.models import Membership

from .factories import ActionFactory

pytestmark = pytest.mark.django_db


def _upload(text: str, name: str = "plan.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


def test_a_good_file_imports_every_row(cast: Any) -> None:
    text = _csv([
        ["what", "components", "owner", "due", "status"],
        ["Meet the patient panel", "Engagement to mobilise", "member@example.nhs.uk", "01/06/2026", "doing"],
        ["Draft the pathway", "delivery; purpose", "Test Convenor", "2026-07-01", "Planned"],
    ])  # fmt: skip
    client = cast.client_for("member")
    response = client.post(
        reverse("delivery:action_import", kwargs={"slug": cast.programme.slug}), {"file": _upload(text)}
    )
    assert response.status_code == 302 and not Action.objects.exists()  # a preview first
    preview = client.get(response["Location"]).content.decode()
    assert "has 2 actions" in preview and "Engagement to mobilise" in preview and "Test Member" in preview
    assert "01/06/2026" in preview and "Doing" in preview
    assert client.post(response["Location"]).status_code == 302
    assert Action.objects.filter(programme=cast.programme).count() == 2
    assert Action.objects.get(title="Draft the pathway").component_keys == ["purpose", "delivery"]
    assert Action.objects.get(title="Meet the patient panel").history.count() == 1  # type: ignore[attr-defined]


BAD_CELLS = {
    "owner": ("nobody@example.com", "Not a member"),
    "due": ("31/02/2026", "Must be a date"),
    "status": ("maybe", "Must be one of"),
    "components": ("finance", "is not one of the eight components"),
}


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.sampled_from(sorted(BAD_CELLS))), min_size=1, max_size=4))
def test_any_bad_cell_stops_the_whole_import_and_is_named_by_row_and_column(
    cast: Any, spoilt: list[tuple[int, str]]
) -> None:
    headings = ["what", "owner", "due", "status", "components"]
    good = ["Something to do", "member@example.nhs.uk", "01/06/2026", "planned", "delivery"]
    rows = [list(good) for _ in range(6)]
    for index, column in spoilt:
        rows[index][headings.index(column)] = BAD_CELLS[column][0]
    outcome = check_and_import(
        programme=cast.programme,
        upload=[_csv([headings, *rows]).encode()],
        name="plan.csv",
        what="actions",
        user=cast.member,
    )
    assert outcome.created == 0 and outcome.problems
    expected = {(index + 2, column) for index, column in spoilt}
    assert {(p.row, p.column) for p in outcome.problems} == expected
    for p in outcome.problems:
        assert BAD_CELLS[p.column][1] in p.reason
    assert not Action.objects.filter(programme=cast.programme).exists()


def test_a_row_with_the_wrong_number_of_cells_is_a_problem(cast: Any) -> None:
    text = "what,status\nFirst,planned\nSecond,planned,extra\n"
    outcome = check_and_import(
        programme=cast.programme, upload=[text.encode()], name="plan.csv", what="actions", user=cast.member
    )
    assert [(p.row, p.column) for p in outcome.problems or []] == [(3, "(whole row)")]


def test_the_download_imports_back(cast: Any) -> None:
    ActionFactory(programme=cast.programme, owner=cast.member, title="=1+1 looks like a formula")
    client = cast.client_for("member")
    download = client.get(
        reverse("delivery:action_csv", kwargs={"slug": cast.programme.slug})
    ).content.decode()
    Action.objects.all().delete()
    response = client.post(
        reverse("delivery:action_import", kwargs={"slug": cast.programme.slug}), {"file": _upload(download)}
    )
    assert response.status_code == 302
    assert client.post(response["Location"]).status_code == 302
    assert Action.objects.get().title == "=1+1 looks like a formula"  # as typed; the download adds the guard


def test_risks_need_their_impact_on_the_shared_purpose(cast: Any) -> None:
    text = "risk,impact on our shared purpose,likelihood,impact\nWinter,,4,4\n"
    response = cast.client_for("member").post(
        reverse("delivery:risk_import", kwargs={"slug": cast.programme.slug}), {"file": _upload(text)}
    )
    page = response.content.decode()
    assert "Nothing was imported" in page and "impact on our shared purpose" in page
    assert not Risk.objects.exists()


def test_a_file_that_is_not_a_spreadsheet_is_refused(cast: Any) -> None:
    response = cast.client_for("member").post(
        reverse("delivery:action_import", kwargs={"slug": cast.programme.slug}),
        {"file": SimpleUploadedFile("plan.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest")},
    )
    assert "older Excel file" in response.content.decode()


def test_confirming_twice_imports_once_and_a_change_since_the_preview_stops_it(cast: Any) -> None:
    text = _csv([
        ["risk", "impact on our shared purpose", "likelihood", "impact", "owner"],
        *[[f"Risk {i}", "Partners drift apart", "4", "3", "member@example.nhs.uk"] for i in range(12)],
    ])  # fmt: skip
    client = cast.client_for("convenor")
    upload = reverse("delivery:risk_import", kwargs={"slug": cast.programme.slug})
    preview_url = client.post(upload, {"file": _upload(text)})["Location"]
    page = client.get(preview_url).content.decode()
    assert "The first 10 of 12" in page and "Import 12 risks" in page and not Risk.objects.exists()
    assert client.post(preview_url).status_code == 302
    again = client.post(preview_url)  # a replay, or a second click
    assert again.status_code == 302 and Risk.objects.filter(programme=cast.programme).count() == 12
    assert Risk.objects.filter(title="Risk 0").get().score == 12
    # Someone named in a file leaves between the preview and "Import": nothing is written.
    second_url = client.post(upload, {"file": _upload(text.replace("Risk ", "Later risk "))})["Location"]
    Membership.objects.filter(programme=cast.programme, user=cast.member).delete()
    refused = client.post(second_url)
    assert refused.status_code == 409 and "Not a member" in refused.content.decode()
    assert not Risk.objects.filter(title__startswith="Later").exists()
