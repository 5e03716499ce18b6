from __future__ import annotations

import re

from django.urls import reverse

from .factories import write_purpose


def _detail(cast, client):
    return client.get(reverse("purpose:detail", kwargs={"slug": cast.programme.slug})).content.decode()


def test_an_unwritten_purpose_invites_contributors_to_write_it_with_guiding_questions(cast, as_member):
    page = _detail(cast, as_member)
    assert "Nobody has written the shared purpose yet" in page
    assert "Whose voices were missing when we agreed the purpose" in page
    assert reverse("purpose:edit", kwargs={"slug": cast.programme.slug}) in page


def test_viewers_see_the_purpose_but_no_edit_button(cast, as_viewer):
    write_purpose(cast.programme, cast.member, statement="Care closer to home.")
    page = _detail(cast, as_viewer)
    assert "Care closer to home." in page
    assert reverse("purpose:edit", kwargs={"slug": cast.programme.slug}) not in page
    assert "Edit the shared purpose" not in page


def test_every_part_of_the_purpose_is_shown_as_formatted_text(cast, as_member):
    write_purpose(
        cast.programme,
        cast.member,
        statement="Adults with **complex needs** get joined-up care.",
        why_it_matters="People tell their story *once*.",
        who_for="- adults with several long-term conditions\n- their carers",
        values="Kindness, candour, curiosity.",
        what_good_looks_like="Fewer [emergency admissions](https://example.org/admissions).",
    )
    page = _detail(cast, as_member)
    assert "<strong>complex needs</strong>" in page
    assert "<em>once</em>" in page
    assert "<li>their carers</li>" in page
    assert "Kindness, candour, curiosity." in page
    assert 'href="https://example.org/admissions"' in page
    for heading in (
        "Why it matters to patients and communities",
        "Who it is for",
        "Our values",
        "What good will look like",
    ):
        assert heading in page
    assert "Edit the shared purpose" in page


def test_unsafe_markdown_renders_inert(cast, as_member):
    write_purpose(
        cast.programme,
        cast.member,
        statement="<script>alert('purpose')</script> Care at home.",
        why_it_matters='<img src="x" onerror="alert(1)"> Matters.',
        values="[x](javascript:alert(1))",
    )
    page = _detail(cast, as_member)
    assert "Care at home." in page
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page  # shown as the words they typed, not run
    assert "<img" not in page
    assert not re.search(r"<[^>]*\sonerror=", page)
    assert not re.search(r"href=[\"']?\s*javascript:", page, re.IGNORECASE)
    assert "[x](javascript:alert(1))" in page  # left as plain text, not a link


def test_the_page_links_to_the_history_and_counts_the_versions(cast, as_member):
    write_purpose(cast.programme, cast.member, statement="One.")
    write_purpose(cast.programme, cast.member, statement="Two.")
    page = _detail(cast, as_member)
    assert "2 versions saved" in page
    assert reverse("purpose:history", kwargs={"slug": cast.programme.slug}) in page
