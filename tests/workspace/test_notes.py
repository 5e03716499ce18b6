"""Adding, editing and binning notes, decisions and evidence, with history kept."""

from __future__ import annotations

from django.urls import reverse

from mobilise.workspace.models import Note, NoteKind

from .factories import NoteFactory


def _create_url(cast, component="leadership") -> str:
    return reverse("workspace:note_create", kwargs={"slug": cast.programme.slug, "component": component})


def _edit_url(cast, note) -> str:
    return reverse("workspace:note_edit", kwargs={"slug": cast.programme.slug, "pk": note.pk})


def _delete_url(cast, note) -> str:
    return reverse("workspace:note_delete", kwargs={"slug": cast.programme.slug, "pk": note.pk})


def test_a_member_records_a_decision(cast, as_member):
    page = as_member.get(_create_url(cast) + "?kind=decision").content.decode()
    assert 'value="decision" checked' in page
    response = as_member.post(
        _create_url(cast),
        {"kind": NoteKind.DECISION, "title": "Weekly huddles in every practice", "body": "Agreed by *all*."},
    )
    note = Note.objects.get(programme=cast.programme)
    assert response.status_code == 302
    assert response["Location"].endswith(f"/c/leadership/#note-{note.pk}")
    assert (note.kind, note.author, note.version) == (NoteKind.DECISION, cast.member, 1)
    assert note.history.get().history_user == cast.member
    page = as_member.get(response["Location"]).content.decode()
    assert "Decision added." in page and "<em>all</em>" in page


def test_a_note_without_a_title_says_enter_a_title(cast, as_member):
    response = as_member.post(_create_url(cast), {"kind": NoteKind.NOTE, "title": "  ", "body": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and "Enter a title" in page
    assert not Note.objects.exists()


def test_an_over_long_title_is_refused_with_its_limit(cast, as_member):
    response = as_member.post(_create_url(cast), {"kind": NoteKind.NOTE, "title": "x" * 201})
    assert "Title must be 200 characters or fewer" in response.content.decode()


def test_a_viewer_cannot_add_notes(cast, as_viewer):
    response = as_viewer.post(_create_url(cast), {"kind": NoteKind.NOTE, "title": "Sneaky"})
    assert response.status_code == 403
    assert not Note.objects.exists()


def test_adding_to_an_unknown_component_is_404(cast, as_member):
    assert as_member.get(_create_url(cast, "budget")).status_code == 404


def test_editing_keeps_every_version(cast, as_member):
    note = NoteFactory(programme=cast.programme, title="First try")
    page = as_member.get(_edit_url(cast, note)).content.decode()
    assert 'value="First try"' in page and 'name="version" value="1"' in page
    response = as_member.post(
        _edit_url(cast, note), {"kind": NoteKind.EVIDENCE, "title": "Second try", "body": "", "version": "1"}
    )
    assert response.status_code == 302
    note.refresh_from_db()
    assert (note.title, note.kind, note.version) == ("Second try", NoteKind.EVIDENCE, 2)
    assert [h.title for h in note.history.order_by("history_id")] == ["First try", "Second try"]
    assert note.history.latest("history_id").history_user == cast.member


def test_an_edit_conflict_keeps_your_text_and_shows_theirs(cast, as_member, as_convenor):
    note = NoteFactory(programme=cast.programme, title="Original", body="Original body")
    as_convenor.post(
        _edit_url(cast, note),
        {"kind": NoteKind.NOTE, "title": "Convenor's title", "body": "Their careful wording", "version": "1"},
    )
    response = as_member.post(
        _edit_url(cast, note),
        {"kind": NoteKind.NOTE, "title": "My title", "body": "My long paragraph", "version": "1"},
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone else changed this while you were editing" in page
    assert "My long paragraph" in page and 'value="My title"' in page
    assert "Their careful wording" in page
    assert 'name="version" value="2"' in page
    note.refresh_from_db()
    assert note.title == "Convenor's title"


def test_saving_again_after_a_conflict_replaces_their_version(cast, as_member):
    note = NoteFactory(programme=cast.programme, version=2)
    response = as_member.post(
        _edit_url(cast, note), {"kind": NoteKind.NOTE, "title": "Mine after all", "body": "", "version": "2"}
    )
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.title == "Mine after all"


def test_a_note_from_another_programme_is_404(cast, as_member):
    theirs = NoteFactory(programme=cast.other_programme)
    assert as_member.get(_edit_url(cast, theirs)).status_code == 404
    assert as_member.post(_delete_url(cast, theirs)).status_code == 404
    assert Note.objects.filter(pk=theirs.pk).exists()


def test_deleting_asks_first_then_moves_to_the_bin(cast, as_member):
    note = NoteFactory(programme=cast.programme, title="Old plan")
    confirm = as_member.get(_delete_url(cast, note)).content.decode()
    assert "Move “Old plan” to the bin?" in confirm
    assert Note.objects.filter(pk=note.pk).exists()
    response = as_member.post(_delete_url(cast, note), follow=True)
    page = response.content.decode()
    assert "Moved to the bin. A convenor can restore it within 30 days." in page
    assert "Old plan" not in page.split("Moved to the bin")[1]
    assert not Note.objects.filter(pk=note.pk).exists()
    assert Note.all_objects.get(pk=note.pk).deleted_by == cast.member


def test_the_convenor_restores_a_binned_note_from_the_bin(cast, as_member, as_convenor):
    note = NoteFactory(programme=cast.programme, title="Old plan")
    as_member.post(_delete_url(cast, note))
    bin_page = as_convenor.get(reverse("programmes:bin", kwargs={"slug": cast.programme.slug}))
    assert "Note: Old plan (Leadership for change)" in bin_page.content.decode()
    restore = reverse(
        "programmes:bin_restore", kwargs={"slug": cast.programme.slug, "kind": "note", "pk": note.pk}
    )
    assert as_convenor.post(restore).status_code == 302
    page = as_member.get(
        reverse("workspace:component", kwargs={"slug": cast.programme.slug, "component": "leadership"})
    ).content.decode()
    assert "Old plan" in page


def test_editing_a_note_binned_meanwhile_keeps_your_text(cast, as_member, as_convenor):
    note = NoteFactory(programme=cast.programme)
    as_convenor.post(_delete_url(cast, note))
    response = as_member.post(
        _edit_url(cast, note),
        {"kind": NoteKind.NOTE, "title": "Still mine", "body": "Words I typed", "version": "1"},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "moved this to the bin while you were editing" in page and "Words I typed" in page
    assert as_member.get(_edit_url(cast, note)).status_code == 404
