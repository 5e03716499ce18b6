"""The board paper: built from live data by the eight components, published versions that never
change, a PDF checked by drawing its pages, and CSV that a spreadsheet cannot turn into formulas."""

from __future__ import annotations

import csv
import io
from typing import Any

import pypdfium2 as pdfium
import pytest
from django.urls import reverse

from mobilise.boardpaper import pdf, services
from mobilise.boardpaper.models import Paper, PublishedPaperChanged
from mobilise.purpose.models import SharedPurpose
from mobilise.workspace.components import COMPONENTS
from mobilise.workspace.models import AlignmentEntry, ComponentState, Note
from tests.measurement.factories import measure_with_points

RISING = [10, 11, 9, 10, 12, 10, 11, 9, 10, 11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23]


@pytest.fixture
def live(cast: Any) -> Any:
    p = cast.programme
    SharedPurpose.objects.create(
        programme=p, statement="Adults with complex needs get joined-up care at home."
    )
    ComponentState.objects.create(programme=p, component="measurement", status="in_place")
    Note.objects.create(
        programme=p, component="measurement", kind="decision", title="One dashboard for all partners"
    )
    AlignmentEntry.objects.create(
        programme=p,
        first="purpose",
        second="system_drivers",
        relationship="tension",
        description="Contracts reward activity, not outcomes",
        action="Raise it with commissioners",
    )
    measure_with_points(RISING, programme=p, name="Visits on the same day", unit="%")
    measure_with_points([5.0] * 20, programme=p, name='=HYPERLINK("http://x")')
    return p


def test_the_draft_is_set_out_by_the_components_around_the_purpose(cast: Any, live: Any) -> None:
    url = reverse("boardpaper:draft", kwargs={"slug": live.slug})
    text = cast.client_for("viewer").get(url).content.decode()
    assert (
        text.index("Our shared purpose")
        < text.index("The work, part by part")
        < text.index("What the measures say")
    )
    assert "joined-up care at home" in text
    for c in COMPONENTS[1:]:
        assert c.name in text
    assert "Decision: One dashboard for all partners" in text
    assert "Visits on the same day" in text and '<svg class="board-spark"' in text
    assert "Contracts reward activity, not outcomes" in text
    assert "not yet published" in text


def test_a_published_version_never_changes_and_the_next_is_a_new_version(cast: Any, live: Any) -> None:
    client = cast.client_for("convenor")
    client.post(
        reverse("boardpaper:draft_edit", kwargs={"slug": live.slug}),
        {
            "narrative": "Good progress in Jarrow.\n\nHebburn is slower.",
            "asks": "Agree two more sites",
            "version": "1",
        },
    )
    first = client.post(reverse("boardpaper:publish", kwargs={"slug": live.slug}))
    assert first["Location"].endswith("/board/1/")
    SharedPurpose.objects.filter(programme=live).update(statement="A new purpose")
    client.post(reverse("boardpaper:publish", kwargs={"slug": live.slug}))
    v1 = client.get(reverse("boardpaper:paper", kwargs={"slug": live.slug, "number": 1})).content.decode()
    v2 = client.get(reverse("boardpaper:paper", kwargs={"slug": live.slug, "number": 2})).content.decode()
    assert "joined-up care at home" in v1 and "A new purpose" not in v1
    assert "A new purpose" in v2 and "Agree two more sites" in v1
    paper = Paper.objects.get(programme=live, number=1)
    paper.title = "Rewritten"
    with pytest.raises(PublishedPaperChanged):
        paper.save()


def test_only_the_convenor_publishes(cast: Any, live: Any) -> None:
    url = reverse("boardpaper:publish", kwargs={"slug": live.slug})
    assert cast.client_for("facilitator").post(url).status_code == 403
    assert not Paper.objects.exists()


def test_the_pdf_is_two_to_four_readable_pages(cast: Any, live: Any) -> None:
    for i in range(30):
        measure_with_points(RISING, programme=live, name=f"Rising measure {i}")
    paper = services.publish(programme=live, user=cast.convenor)
    response = cast.client_for("viewer").get(
        reverse("boardpaper:paper_pdf", kwargs={"slug": live.slug, "number": paper.number})
    )
    assert response["Content-Type"] == "application/pdf"
    document = pdfium.PdfDocument(response.content)
    assert 1 <= len(document) <= 4
    words = " ".join(
        " ".join(document[i].get_textpage().get_text_range().split()) for i in range(len(document))
    )
    assert "Our shared purpose" in words and "Rising measure 0" in words
    image = document[0].render(scale=1).to_pil().convert("L")
    dark = image.point(lambda px: 255 if px < 128 else 0).histogram()[255]
    assert dark > 2000  # real text on the page, not a blank sheet
    assert pdfium.raw.FPDFCatalog_IsTagged(document.raw)  # tagged for screen readers
    document.close()


def test_the_pdf_fetches_nothing_from_anywhere(cast: Any) -> None:
    body = '<p>Board</p><img src="http://example.invalid/tracker.png"><link rel="stylesheet" href="file:///etc/passwd">'
    refused: list[str] = []
    result = pdf.render_pdf(title="Test", body_html=body, refused=refused)
    assert result.startswith(b"%PDF")
    assert set(refused) == {"http://example.invalid/tracker.png", "file:///etc/passwd"}


def test_csv_tables_hold_every_measure_and_never_a_formula(cast: Any, live: Any) -> None:
    paper = services.publish(programme=live, user=cast.convenor)
    url = reverse(
        "boardpaper:paper_csv", kwargs={"slug": live.slug, "number": paper.number, "table": "measures"}
    )
    rows = list(csv.reader(io.StringIO(cast.client_for("viewer").get(url).content.decode())))
    assert rows[0][0] == "Measure" and len(rows) == 3
    names = {r[0] for r in rows[1:]}
    assert '\'=HYPERLINK("http://x")' in names
    missing = reverse(
        "boardpaper:paper_csv", kwargs={"slug": live.slug, "number": paper.number, "table": "nope"}
    )
    assert cast.client_for("viewer").get(missing).status_code == 404


def test_the_draft_reads_200_measures_in_a_fixed_number_of_queries(
    cast: Any, django_assert_max_num_queries: Any
) -> None:
    for i in range(40):
        measure_with_points(RISING, programme=cast.programme, name=f"Measure {i}")
    client = cast.client_for("viewer")
    url = reverse("boardpaper:draft", kwargs={"slug": cast.programme.slug})
    client.get(url)
    with django_assert_max_num_queries(20):
        client.get(url)
