from __future__ import annotations

from django.urls import reverse

from mobilise.core.jinja2env import uk_date
from mobilise.purpose.models import SharedPurpose

from .factories import write_purpose


def _edit_url(cast):
    return reverse("purpose:edit", kwargs={"slug": cast.programme.slug})


def _form(**fields):
    data = {
        "statement": "",
        "why_it_matters": "",
        "who_for": "",
        "values": "",
        "what_good_looks_like": "",
        "reason": "",
        "version": 0,
    }
    return data | fields


def test_writing_the_purpose_for_the_first_time_saves_a_version_with_who_and_when(cast, as_member):
    response = as_member.post(
        _edit_url(cast),
        _form(
            statement="Adults with complex needs get joined-up care close to home.",
            reason="First draft from the March workshop",
        ),
    )

    assert response.status_code == 302
    purpose = SharedPurpose.objects.get(programme=cast.programme)
    [revision] = purpose.history.all()
    assert revision.history_user == cast.member
    assert revision.history_change_reason == "First draft from the March workshop"
    page = as_member.get(response["Location"]).content.decode()
    assert "The shared purpose has been saved." in page
    assert "Adults with complex needs get joined-up care close to home." in page
    assert f"Last refreshed {uk_date(purpose.updated_at)} by Test Member" in page
    assert "1 version saved" in page


def test_editing_adds_a_new_version_and_keeps_the_old_one(cast, as_member):
    purpose = write_purpose(cast.programme, cast.convenor, statement="Join up care.")
    response = as_member.post(
        _edit_url(cast), _form(statement="Join up care for adults and carers.", version=purpose.version)
    )

    assert response.status_code == 302
    purpose.refresh_from_db()
    assert purpose.statement == "Join up care for adults and carers."
    assert purpose.updated_by == cast.member
    statements = [h.statement for h in purpose.history.order_by("history_id")]
    assert statements == ["Join up care.", "Join up care for adults and carers."]


def test_the_edit_form_starts_with_the_current_text_and_the_guiding_questions(cast, as_member):
    write_purpose(cast.programme, cast.convenor, values="Kindness and candour.")
    page = as_member.get(_edit_url(cast)).content.decode()
    assert "Kindness and candour." in page
    assert "If a patient or carer asked why we are doing this" in page
    assert "You can use Markdown: **bold**, *italic*, lists, links" in page


def test_viewer_cannot_edit_the_purpose(cast, as_viewer):
    assert as_viewer.get(_edit_url(cast)).status_code == 403
    response = as_viewer.post(_edit_url(cast), _form(statement="A viewer's purpose"))
    assert response.status_code == 403
    assert not SharedPurpose.objects.filter(programme=cast.programme).exists()


def test_saving_without_a_change_says_nothing_changed_and_adds_no_version(cast, as_member):
    purpose = write_purpose(cast.programme, cast.convenor, statement="Join up care.")
    response = as_member.post(
        _edit_url(cast), _form(statement="Join up care.", version=purpose.version), follow=True
    )
    assert "Nothing changed" in response.content.decode()
    assert purpose.history.count() == 1
    purpose.refresh_from_db()
    assert purpose.updated_by == cast.convenor


def test_a_stale_save_is_refused_keeping_your_text_and_showing_theirs(cast, as_member):
    purpose = write_purpose(cast.programme, cast.convenor, statement="Join up care.")
    started_from = purpose.version
    write_purpose(cast.programme, cast.facilitator, statement="Their newer wording of the purpose.")

    response = as_member.post(
        _edit_url(cast), _form(statement="My carefully written purpose.", version=started_from)
    )

    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else changed the shared purpose while you were editing" in page
    assert "My carefully written purpose." in page
    assert "Their newer wording of the purpose." in page
    purpose.refresh_from_db()
    assert purpose.statement == "Their newer wording of the purpose."
    assert purpose.history.count() == 2
    # Saving again from the conflict page is a deliberate choice, so it goes through.
    assert f'name="version" value="{purpose.version}"' in page


def test_a_first_save_is_refused_if_someone_else_wrote_the_purpose_meanwhile(cast, as_member):
    write_purpose(cast.programme, cast.convenor, statement="The convenor got there first.")
    response = as_member.post(_edit_url(cast), _form(statement="My first draft.", version=0))
    assert response.status_code == 409
    assert "My first draft." in response.content.decode()
    assert SharedPurpose.objects.get(programme=cast.programme).statement == "The convenor got there first."


def test_over_long_text_gets_a_clear_message_not_an_error_page(cast, as_member):
    response = as_member.post(_edit_url(cast), _form(statement="x" * 2001, reason="y" * 501))
    assert response.status_code == 200
    page = response.content.decode()
    assert "The shared purpose must be 2,000 characters or fewer" in page
    assert "The note must be 500 characters or fewer" in page
    assert "There is a problem" in page
    assert not SharedPurpose.objects.filter(programme=cast.programme).exists()


def test_line_breaks_count_as_one_character_each(cast, as_member):
    text = "\r\n".join(["a" * 99] * 20)  # 1,980 letters and 19 line breaks: 1,999 characters
    response = as_member.post(_edit_url(cast), _form(statement=text))
    assert response.status_code == 302
    assert SharedPurpose.objects.get(programme=cast.programme).statement == text.replace("\r\n", "\n")
