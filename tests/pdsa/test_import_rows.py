"""PDSA logs: text with commas survives only when quoted; an unquoted comma is a numbered problem."""

from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from mobilise.pdsa.models import PdsaImport, TestOfChange

from .factories import ChangeIdeaFactory
from .test_import import send

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(cast: Any) -> dict[str, Any]:
    return {"texts": ChangeIdeaFactory(programme=cast.programme, title="Text reminders")}


WORDS = st.text(alphabet="abcdefgh ,.", min_size=1, max_size=30).filter(lambda t: t.strip(" ,."))


@settings(
    max_examples=25,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(notes=st.lists(st.tuples(WORDS, st.booleans()), min_size=1, max_size=8))
def test_results_with_commas_are_kept_whole_or_the_row_is_refused(
    cast: Any,
    setting: dict[str, Any],
    notes: list[tuple[str, bool]],
) -> None:
    PdsaImport.objects.all().delete()
    out = io.StringIO()
    out.write("Change idea,Test name,Planned start,Results\n")
    for i, (note, quoted) in enumerate(notes):
        shown = '"' + note + '"' if quoted else note
        out.write(f"Text reminders,Test {i},2026-02-10,{shown}\n")
    page = send(cast, "log.csv", out.getvalue().encode()).content.decode()
    job = PdsaImport.objects.get()
    split = [i + 2 for i, (note, quoted) in enumerate(notes) if not quoted and "," in note]
    assert [e["row"] for e in job.errors] == split
    if split:
        assert "cells but there are 4 headings" in page
        assert job.rows == []
    else:
        assert [row["study"] for row in job.rows] == [note.strip() for note, _ in notes]


def test_a_log_with_only_headings_says_there_are_no_tests(cast: Any, setting: dict[str, Any]) -> None:
    page = send(cast, "log.csv", b"Change idea,Test name,Planned start\n").content.decode()
    assert "The file has headings but no tests under them" in page
    assert "Import 0 tests" not in page and not PdsaImport.objects.exists()


def test_a_workbook_note_beyond_the_last_heading_is_refused(cast: Any, setting: dict[str, Any]) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Change idea", "Test name", "Planned start"])
    sheet.append(["Text reminders", "SMS", "2026-02-10", "stray note"])
    buffer = io.BytesIO()
    book.save(buffer)
    page = send(cast, "log.xlsx", buffer.getvalue()).content.decode()
    assert "This row has something in a column with no heading" in page
    assert PdsaImport.objects.get().errors[0]["column"] == "Column D"
    assert not TestOfChange.objects.exists()
