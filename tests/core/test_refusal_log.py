"""Refused requests are one log line each: method, path, status, user id (never email), reason.

The permission matrix (tests/test_permissions.py) checks the line for every 403 and 404 it
provokes; these cover the other kinds of refusal: an edit conflict (409), a forged post (403 from
the CSRF check), an address that matches no page, and server errors still being logged in full.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from mobilise.core.refusals import DropClientErrors
from tests.purpose.factories import write_purpose

LINE = re.compile(r"^Refused (GET|POST|PUT|DELETE) (\S+) status=(\d{3}) user=(\d+|anonymous) reason='(.+)'$")


def refusal_lines(caplog: pytest.LogCaptureFixture) -> list[tuple[str, ...]]:
    assert not [r for r in caplog.records if r.exc_info], "a refusal was logged with a traceback"
    return [LINE.match(r.getMessage()).groups() for r in caplog.records if r.name == "mobilise.refused"]  # type: ignore[union-attr]


def _purpose_form(statement: str, version: int) -> dict[str, Any]:
    empty = dict.fromkeys(("why_it_matters", "who_for", "values", "what_good_looks_like", "reason"), "")
    return {**empty, "statement": statement, "version": version}


def test_an_edit_conflict_is_one_line(cast: Any, caplog: pytest.LogCaptureFixture) -> None:
    started_from = write_purpose(cast.programme, cast.convenor, statement="Join up care.").version
    write_purpose(cast.programme, cast.facilitator, statement="Their newer wording.")
    url = reverse("purpose:edit", kwargs={"slug": cast.programme.slug})
    caplog.clear()
    response = cast.client_for("member").post(url, _purpose_form("My wording.", started_from))
    assert response.status_code == 409
    [(method, path, status, user, reason)] = refusal_lines(caplog)
    assert (method, path, status, user) == ("POST", url, "409", str(cast.member.pk))
    assert "conflict" in reason


def test_a_forged_post_is_one_line_naming_the_csrf_check(cast: Any, caplog: pytest.LogCaptureFixture) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.member)
    url = reverse("programmes:create")
    caplog.clear()
    response = client.post(url, {"name": "Forged", "challenge": "Not really."})
    assert response.status_code == 403
    [(method, path, status, user, reason)] = refusal_lines(caplog)
    assert (method, path, status, user) == ("POST", url, "403", str(cast.member.pk))
    assert reason.startswith("CSRF check failed")
    assert cast.member.email not in caplog.text


def test_an_address_with_no_page_is_one_line_for_anyone(db: Any, caplog: pytest.LogCaptureFixture) -> None:
    caplog.clear()
    assert Client().get("/no-such-page/").status_code == 404
    assert refusal_lines(caplog) == [("GET", "/no-such-page/", "404", "anonymous", "not found")]


def test_a_refusal_names_the_reason_the_view_gave(cast: Any, caplog: pytest.LogCaptureFixture) -> None:
    url = reverse("programmes:invite", kwargs={"slug": cast.programme.slug})
    caplog.clear()
    assert cast.client_for("viewer").get(url).status_code == 403
    [(_, _, _, user, reason)] = refusal_lines(caplog)
    assert user == str(cast.viewer.pk)
    assert reason == "Your role in this programme does not allow this."


@pytest.mark.parametrize("status,kept", [(403, False), (404, False), (409, False), (400, True), (500, True)])
def test_only_djangos_records_of_refusals_we_log_ourselves_are_dropped(status: int, kept: bool) -> None:
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "Some problem", None, None)
    record.status_code = status
    assert DropClientErrors().filter(record) is kept
