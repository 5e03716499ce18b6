"""The theory of change: six steps, a readable chain, a paragraph, every revision kept."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from mobilise.improvement.models import TheoryItem
from mobilise.improvement.presenters import theory_steps, theory_story
from mobilise.measurement.models import Measure

from .factories import DiagramFactory, TheoryItemFactory
from .helpers import text, url


def add(client: Any, cast: Any, step: str, statement: str, **extra: Any) -> Any:
    return client.post(url("theory_item_add", cast.programme), {"step": step, "text": statement, **extra})


def test_the_chain_reads_from_shared_context_to_outcomes_for_people(as_member: Any, cast: Any) -> None:
    add(as_member, cast, "if_we_have", "Primary care networks that already meet weekly")
    add(as_member, cast, "if_we_have", "A council keen to pool budgets")
    add(as_member, cast, "plus", "Small tests of change led by front-line teams")
    add(as_member, cast, "then", "Teams will be able to plan care together")
    add(as_member, cast, "as_a_result", "Fewer emergency admissions")
    page = text(as_member.get(url("theory", cast.programme)))
    labels = ["If we have", "Plus", "And", "Then", "This will mean", "As a result"]
    positions = [page.index(f'<h2 class="improvement-step__label">{label}<') for label in labels]
    assert positions == sorted(positions)
    assert (
        "If we have primary care networks that already meet weekly and a council keen to pool budgets, "
        "plus small tests of change led by front-line teams, then teams will be able to plan care "
        "together. As a result, fewer emergency admissions."
    ) in page
    assert "improvement/improvement.css" in page  # with the one-page print styles


def test_a_statement_keeps_its_assumptions_evidence_and_links(as_member: Any, cast: Any) -> None:
    measure = Measure.objects.create(programme=cast.programme, name="Emergency admissions")
    diagram = DiagramFactory(programme=cast.programme, title="Fewer admissions")
    add(
        as_member,
        cast,
        "as_a_result",
        "Fewer emergency admissions",
        assumptions="Beds are not the constraint",
        evidence="Hebburn pilot, 2024",
        measures=[measure.pk],
        aims=[diagram.pk],
    )
    page = text(as_member.get(url("theory", cast.programme)))
    assert "<strong>Assuming:</strong> Beds are not the constraint" in page
    assert "<strong>Evidence:</strong> Hebburn pilot, 2024" in page
    assert "Emergency admissions</a>" in page and ">Fewer admissions</a>" in page
    diagram_page = text(as_member.get(url("diagram", cast.programme, pk=diagram.pk)))
    assert "“Fewer emergency admissions” (as a result)" in diagram_page


def test_a_statement_needs_text_and_a_step(as_member: Any, cast: Any) -> None:
    page = text(as_member.post(url("theory_item_add", cast.programme), {"text": "", "step": ""}))
    assert "Enter the statement" in page and "Choose the step it belongs to" in page
    assert "The statement must be 300 characters or fewer" in text(add(as_member, cast, "plus", "x" * 301))
    assert not TheoryItem.objects.exists()


def test_statements_can_be_reordered_within_a_step(as_member: Any, cast: Any) -> None:
    first = TheoryItemFactory(programme=cast.programme, step="plus", text="First")
    second = TheoryItemFactory(programme=cast.programme, step="plus", text="Second")
    as_member.post(url("theory_item_move", cast.programme, pk=second.pk), {"direction": "up"})
    assert [i.text for i in theory_steps(list(TheoryItem.objects.all()))[1].items] == ["Second", "First"]
    assert first.pk != second.pk


def test_every_revision_is_kept_and_the_theory_can_be_seen_as_it_was(
    as_member: Any, as_convenor: Any, cast: Any
) -> None:
    add(as_member, cast, "plus", "Small tests of change")
    item = TheoryItem.objects.get()
    as_member.post(
        url("theory_item_edit", cast.programme, pk=item.pk),
        {"step": "plus", "text": "Many small tests of change", "version": 1},
    )
    as_member.post(url("theory_item_delete", cast.programme, pk=item.pk), {"version": 2})
    assert not TheoryItem.objects.exists()

    history = text(as_member.get(url("theory_history", cast.programme)))
    assert "Moved “Many small tests of change” to the bin" in history
    assert "Changed “Small tests of change” to “Many small tests of change”" in history
    assert "Added “Small tests of change”" in history and "Test Member" in history

    first = TheoryItem.history.filter(history_type="+").get()
    old = text(as_member.get(url("theory_revision", cast.programme, history_id=first.history_id)))
    assert "Small tests of change" in old and "Many small tests" not in old.split("<h1>")[1]

    as_convenor.post(
        reverse(
            "programmes:bin_restore",
            kwargs={"slug": cast.programme.slug, "kind": "theory_item", "pk": item.pk},
        )
    )
    assert TheoryItem.objects.get().text == "Many small tests of change"
    assert "Brought “Many small tests of change” back from the bin" in text(
        as_member.get(url("theory_history", cast.programme))
    )


def test_a_stale_delete_shows_the_statement_as_it_now_reads(as_member: Any, cast: Any) -> None:
    item = TheoryItemFactory(programme=cast.programme, step="plus", text="Old words")
    TheoryItem.objects.filter(pk=item.pk).update(text="New words", version=2)
    response = as_member.post(url("theory_item_delete", cast.programme, pk=item.pk), {"version": 1})
    assert response.status_code == 409
    assert "Someone changed this statement after you opened it" in text(response) and "New words" in text(
        response
    )
    assert TheoryItem.objects.filter(pk=item.pk).exists()


def test_the_story_skips_empty_steps_and_keeps_acronyms() -> None:
    items = [
        TheoryItem(pk=1, step="and", text="GP practices that share data."),
        TheoryItem(pk=2, step="this_will_mean", text="One plan per person"),
    ]
    assert (
        theory_story(theory_steps(items))
        == "And GP practices that share data. This will mean one plan per person."
    )
