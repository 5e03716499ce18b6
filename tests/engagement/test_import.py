"""Importing an existing edge list: all or nothing, with every problem listed."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from mobilise.engagement.edge_list import read_edge_list
from mobilise.engagement.models import RosterEntry, Survey, Tie

from .factories import StakeholderFactory


def _post(client: Any, cast: Any, content: bytes, name: str = "ties.csv") -> Any:
    return client.post(
        reverse("engagement:network_import", kwargs={"slug": cast.programme.slug}),
        {"title": "Workshop network", "file": SimpleUploadedFile(name, content, content_type="text/csv")},
    )


def test_a_clean_file_becomes_a_network_linked_to_people_we_know(cast: Any, as_convenor: Any) -> None:
    StakeholderFactory(programme=cast.programme, name="Amira Khan", organisation_type="gp_practice")
    content = "source,target,weight\nAmira Khan,Test Member,2\ntest member,Jo Bell,1\nJo Bell,Amira Khan,\n"
    response = _post(as_convenor, cast, content.encode("utf-8-sig"))
    survey = Survey.objects.get()
    assert response.status_code == 302
    assert survey.is_imported
    assert Tie.objects.filter(survey=survey).count() == 3
    assert RosterEntry.objects.get(name="Amira Khan").organisation_type == "gp_practice"
    assert RosterEntry.objects.get(name="Test Member").user == cast.member
    assert RosterEntry.objects.get(name="Jo Bell").typed_in
    assert Tie.objects.get(source__name="Amira Khan").weight == 2.0


def test_every_problem_is_listed_and_nothing_is_imported(cast: Any, as_convenor: Any) -> None:
    content = (
        b"source,target,weight\n"
        b"Amira,Tom,2\n"
        b",Tom,1\n"  # row 3: no source
        b"Tom,Tom,1\n"  # row 4: names themselves
        b"Jo,Tom,heavy\n"  # row 5: weight not a number
        b"Amira,Tom,1\n"  # row 6: repeated tie
        b"Jo,Amira,-1\n"
    )  # row 7: weight not above 0
    page = _post(as_convenor, cast, content).content.decode()
    assert "We found 5 problems. Nothing has been saved" in page
    for row, reason in (
        (3, "Enter a name or id in the source column"),
        (4, "Someone cannot name themselves"),
        (5, "The weight must be a number above 0"),
        (6, "This tie is already on row 2"),
        (7, "The weight must be a number above 0"),
    ):
        assert f"<tr><td>{row}</td>" in page and reason in page
    assert not Survey.objects.exists() and not Tie.objects.exists()


def test_a_file_without_the_right_columns_is_refused(cast: Any, as_convenor: Any) -> None:
    page = _post(as_convenor, cast, b"from,to\nA,B\n").content.decode()
    assert "The first row must name the columns: source,target" in page
    assert not Survey.objects.exists()


def test_a_file_that_is_not_csv_is_refused(cast: Any, as_convenor: Any) -> None:
    page = _post(as_convenor, cast, b"PK\x03\x04", name="ties.xlsx").content.decode()
    assert "The file must be a CSV file" in page


def test_windows_1252_names_are_read_correctly() -> None:
    edges = read_edge_list("source,target\nRenée,Zoë\n".encode("cp1252"))
    assert edges.ties == [("Renée", "Zoë", 1.0)]
    assert not edges.errors


def test_an_empty_file_says_so() -> None:
    assert read_edge_list(b"source,target\n").errors[0].reason.startswith("The file has no ties in it")


def test_a_name_with_an_unquoted_comma_is_an_error_not_a_tie_to_half_the_name(
    cast: Any, as_convenor: Any
) -> None:
    page = _post(
        as_convenor, cast, b"source,target\nAmira Khan,Jo Bell\nAmira Khan,Reid, Tom\n"
    ).content.decode()
    assert "This row has 3 cells but the first row has 2 headings" in page
    assert "<tr><td>3</td><td>column 3</td><td> Tom</td>" in page
    assert not Survey.objects.exists() and not RosterEntry.objects.filter(name="Reid").exists()


def test_a_quoted_name_with_a_comma_is_read_whole() -> None:
    edges = read_edge_list(b'source,target\nAmira Khan,"Reid, Tom"\n')
    assert edges.ties == [("Amira Khan", "Reid, Tom", 1.0)] and not edges.errors


def test_a_row_short_of_cells_names_the_missing_column() -> None:
    edges = read_edge_list(b"source,target,weight\nAmira,Tom,2\nJo,Tom\n")
    assert [(e.row, e.column) for e in edges.errors] == [(3, "weight")]
    assert "This row has 2 cells but the first row has 3 headings" in edges.errors[0].reason


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(
        st.lists(st.sampled_from(["Amira", "Tom", "Jo", "Reid", " ", "", "2"]), min_size=0, max_size=5),
        min_size=1,
        max_size=12,
    )
)
def test_every_row_with_the_wrong_number_of_cells_is_reported_and_nothing_is_kept(
    rows: list[list[str]],
) -> None:
    text = "source,target,weight\n" + "\n".join(",".join(row) for row in rows) + "\n"
    edges = read_edge_list(text.encode())
    wrong = {
        number
        for number, row in enumerate(rows, start=2)
        if any(cell.strip() for cell in row) and len(row) != 3
    }
    reported = {e.row for e in edges.errors if "cells but the first row has 3 headings" in e.reason}
    assert reported == wrong
    if wrong:
        assert edges.errors  # the import refuses the whole file
    assert all(len(tie) == 3 and tie[0] and tie[1] for tie in edges.ties)


@pytest.mark.parametrize("length", [20_000, 200_000])
def test_a_huge_cell_gives_a_clear_error_not_a_crash(cast: Any, as_convenor: Any, length: int) -> None:
    content = b"source,target\nAmira,Tom\n" + b"A" * length + b",Tom\nJo,Tom\n"
    response = _post(as_convenor, cast, content)
    page = response.content.decode()
    assert response.status_code == 200
    assert "A cell is longer than 10,000 characters" in page and "<tr><td>3</td>" in page
    assert "A" * 100 not in page  # the cell is not echoed back
    assert not Survey.objects.exists()
