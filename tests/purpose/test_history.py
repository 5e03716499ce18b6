from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mobilise.core.jinja2env import uk_date
from mobilise.purpose.models import SharedPurpose

from .factories import oldest_history_id, write_purpose


def _history_url(cast):
    return reverse("purpose:history", kwargs={"slug": cast.programme.slug})


def _revision_url(cast, history_id):
    return reverse("purpose:revision", kwargs={"slug": cast.programme.slug, "history_id": history_id})


def _restore_url(cast, history_id):
    return reverse("purpose:restore", kwargs={"slug": cast.programme.slug, "history_id": history_id})


def test_history_lists_every_version_newest_first_with_who_what_and_why(cast, as_viewer):
    write_purpose(cast.programme, cast.convenor, reason="First draft", statement="Join up care.")
    write_purpose(
        cast.programme,
        cast.member,
        reason="Added carers after the workshop",
        statement="Join up care for adults and carers.",
        who_for="Carers too.",
    )
    write_purpose(cast.programme, cast.facilitator, values="Kindness.")

    page = as_viewer.get(_history_url(cast)).content.decode()

    body = page.split('<tbody class="nhsuk-table__body">', 1)[1]
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    assert len(rows) == 3
    assert "Test Facilitator" in rows[0] and "Our values" in rows[0] and "Current" in rows[0]
    assert "Test Member" in rows[1] and "Added carers after the workshop" in rows[1]
    assert "Our shared purpose, Who it is for" in rows[1]
    assert "Test Convenor" in rows[2] and "First written" in rows[2] and "First draft" in rows[2]
    when = uk_date(SharedPurpose.history.earliest().history_date, with_time=True)
    assert when in rows[2]
    assert f'View<span class="nhsuk-u-visually-hidden"> the version from {when}</span>' in rows[2]


def test_history_before_anything_is_written_says_so(cast, as_member):
    page = as_member.get(_history_url(cast)).content.decode()
    assert "has not been written yet" in page


def _queries_for_history(client, cast):
    with CaptureQueriesContext(connection) as context:
        assert client.get(_history_url(cast)).status_code == 200
    return len(context.captured_queries)


def test_history_page_queries_do_not_grow_with_the_number_of_versions(
    cast, as_member, django_assert_max_num_queries
):
    for n in range(2):
        write_purpose(cast.programme, cast.member, statement=f"Version {n}")
    few = _queries_for_history(as_member, cast)
    for n in range(2, 15):
        write_purpose(cast.programme, [cast.member, cast.convenor][n % 2], statement=f"Version {n}")
    with django_assert_max_num_queries(few):
        page = as_member.get(_history_url(cast)).content.decode()
    assert "15 versions, newest first" in page


def test_a_version_shows_its_text_and_the_words_added_and_removed_since(cast, as_viewer):
    write_purpose(cast.programme, cast.convenor, statement="Join up care for adults in Hebburn.")
    write_purpose(cast.programme, cast.member, statement="Join up care for adults and carers in Jarrow.")

    page = as_viewer.get(_revision_url(cast, oldest_history_id(cast.programme))).content.decode()

    assert "Join up care for adults in Hebburn." in page  # the text as it was
    hidden = '<span class="nhsuk-u-visually-hidden">'
    assert f'<ins class="mobilise-diff-ins">{hidden}[added: </span>and carers <span' in page
    assert f'<del class="mobilise-diff-del">{hidden}[removed: </span>Hebburn<span' in page
    assert "Jarrow" in page
    assert "Restore this version" not in page  # viewers cannot restore


def test_a_version_with_no_difference_from_now_says_so(cast, as_member):
    write_purpose(cast.programme, cast.convenor, statement="Join up care.")
    page = as_member.get(_revision_url(cast, oldest_history_id(cast.programme))).content.decode()
    assert "This version is the same as the current shared purpose." in page
    assert "Restore this version" not in page


@pytest.mark.parametrize("who", ["member", "outsider"])
def test_unknown_or_other_programme_versions_are_404(cast, who):
    write_purpose(cast.other_programme, cast.outsider, statement="Their private purpose.")
    theirs = oldest_history_id(cast.other_programme)
    client = cast.client_for(who)
    assert client.get(_revision_url(cast, theirs)).status_code == 404
    assert client.get(_revision_url(cast, 999999)).status_code == 404
    assert client.post(_restore_url(cast, theirs)).status_code == 404
    assert not SharedPurpose.objects.filter(programme=cast.programme).exists()


def test_restoring_saves_the_old_text_as_a_new_version_and_keeps_every_version(cast, as_member):
    write_purpose(cast.programme, cast.convenor, statement="The original purpose.", values="Kindness.")
    first = oldest_history_id(cast.programme)
    write_purpose(cast.programme, cast.facilitator, statement="A rewrite nobody liked.", values="")

    page = as_member.get(_revision_url(cast, first)).content.decode()
    assert "Restore this version" in page
    response = as_member.post(_restore_url(cast, first), follow=True)

    page = response.content.decode()
    original = SharedPurpose.history.get(history_id=first)
    when = uk_date(original.history_date, with_time=True)
    assert f"The version from {when} has been restored." in page
    assert "The original purpose." in page and "Kindness." in page
    purpose = SharedPurpose.objects.get(programme=cast.programme)
    versions = list(purpose.history.order_by("history_id"))
    assert [v.statement for v in versions] == [
        "The original purpose.",
        "A rewrite nobody liked.",
        "The original purpose.",
    ]
    newest = versions[-1]
    assert newest.history_user == cast.member
    assert newest.history_change_reason == f"Restored the version from {when}"
    assert (
        newest.diff_against(
            original,
            included_fields=["statement", "why_it_matters", "who_for", "values", "what_good_looks_like"],
        ).changes
        == []
    )


def test_viewer_cannot_restore(cast, as_viewer):
    write_purpose(cast.programme, cast.convenor, statement="One.")
    first = oldest_history_id(cast.programme)
    write_purpose(cast.programme, cast.convenor, statement="Two.")
    assert as_viewer.post(_restore_url(cast, first)).status_code == 403
    assert SharedPurpose.objects.get(programme=cast.programme).statement == "Two."


def test_restore_only_accepts_post(cast, as_member):
    write_purpose(cast.programme, cast.convenor, statement="One.")
    assert as_member.get(_restore_url(cast, oldest_history_id(cast.programme))).status_code == 405
