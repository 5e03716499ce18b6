"""CSV downloads: cells a spreadsheet would run as formulas come out as plain text."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from mobilise.core.spreadsheets import neutralise

from .factories import ActionFactory

pytestmark = pytest.mark.django_db


@given(st.text())
def test_no_cell_starts_with_a_formula_character(text: str) -> None:
    cell = neutralise(text)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert cell.removeprefix("'") == text or cell == text


def test_the_action_download_neutralises_formulas(cast: Any) -> None:
    ActionFactory(programme=cast.programme, title='=HYPERLINK("http://evil")', details="@SUM(A1)")
    response = cast.client_for("viewer").get(
        reverse("delivery:action_csv", kwargs={"slug": cast.programme.slug})
    )
    rows = list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff"))))
    assert rows[1][0] == '\'=HYPERLINK("http://evil")'
    assert rows[1][-1] == "'@SUM(A1)"
