"""What an operator relies on: health checks, request ids in structured logs, browser policies,
compressed pages and sessions that end."""

from __future__ import annotations

import io
import logging
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from django.test import Client, override_settings
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from mobilise.core.observability import JsonFormatter, RequestIdFilter, request_id_for
from mobilise.core.sessions import SEEN, STARTED

ROOT = Path(__file__).resolve().parents[2]


# Health and readiness --------------------------------------------------------------------------


def test_live_answers_without_touching_anything(client: Client) -> None:
    # No database fixture: any query here would fail the test.
    response = client.get(reverse("core:health_live"))
    assert response.status_code == 200
    assert orjson.loads(response.content) == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_ready_checks_the_database_queue_and_storage(db: Any, client: Client) -> None:
    response = client.get(reverse("core:health_ready"))
    body = orjson.loads(response.content)
    assert response.status_code == 200, body
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "queue", "storage"}
    assert all(check["ok"] for check in body["checks"].values())
    assert body["checks"]["queue"]["waiting"] == 0


def test_ready_says_which_check_failed_when_storage_cannot_be_written(
    db: Any, client: Client, tmp_path: Path
) -> None:
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("storage cannot live inside a file")
    storages = {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(not_a_folder)},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        response = client.get(reverse("core:health_ready"))
    body = orjson.loads(response.content)
    assert response.status_code == 503
    assert body["status"] == "unavailable"
    assert body["checks"]["storage"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True
    assert str(not_a_folder) not in response.content.decode(), "paths are not given away"


def test_health_refuses_writes(client: Client) -> None:
    assert client.post(reverse("core:health_live")).status_code == 405


# Request ids and structured logs ---------------------------------------------------------------


@pytest.fixture
def json_log() -> Iterator[io.StringIO]:
    """The production log handler (JSON, request id filter) on the root logger, into a buffer."""
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield buffer
    finally:
        root.removeHandler(handler)


def test_a_refused_request_logs_one_json_line_with_the_request_id(
    db: Any, client: Client, json_log: io.StringIO
) -> None:
    response = client.get("/no-such-page-here/")
    assert response.status_code == 404
    request_id = response["X-Request-ID"]
    lines = [orjson.loads(line) for line in json_log.getvalue().splitlines()]
    refused = [line for line in lines if line["logger"] == "mobilise.refused"]
    assert len(refused) == 1
    assert refused[0]["request_id"] == request_id
    assert refused[0]["level"] == "WARNING"
    assert refused[0]["message"].startswith("Refused GET /no-such-page-here/ status=404")


def test_a_proxys_request_id_is_kept(client: Client) -> None:
    response = client.get(reverse("core:health_live"), headers={"X-Request-ID": "lb-7f3a9c21"})
    assert response["X-Request-ID"] == "lb-7f3a9c21"


def test_every_response_says_the_servers_own_time_and_cpu(cast: Any) -> None:
    client = Client()
    client.force_login(cast.member)
    response = client.get(reverse("workspace:home", kwargs={"slug": cast.programme.slug}))
    timing = re.fullmatch(r"app;dur=(\d+\.\d), cpu;dur=(\d+\.\d)", response["Server-Timing"])
    assert timing, response["Server-Timing"]
    assert float(timing[1]) > 0 and float(timing[2]) >= 0


def test_the_load_test_seeder_runs_at_a_tiny_scale(db: Any) -> None:
    from bench.seeders.ics import TINY, seed_ics
    from mobilise.accounts.models import User
    from mobilise.engagement.models import NetworkAnalysis

    seeded = seed_ics(TINY)
    assert len(seeded.programmes) == TINY.programmes and User.objects.count() == TINY.people
    assert len(seeded.measures) == TINY.measures and seeded.survey
    assert NetworkAnalysis.objects.get(survey_id=seeded.survey).status == "done"
    client = Client()
    client.force_login(User.objects.get(email=seeded.convenors[0]))
    for group, paths in seeded.pages.items():
        for path in paths[:2]:
            assert client.get(path).status_code == 200, (group, path)


@settings(max_examples=60, deadline=None)
@given(offered=st.text(max_size=80))
def test_request_ids_are_always_safe_to_log(offered: str) -> None:
    from django.test import RequestFactory

    request = RequestFactory().get("/", headers={"X-Request-ID": offered} if offered.isprintable() else {})
    request_id = request_id_for(request)
    assert re.fullmatch(r"[A-Za-z0-9._-]{8,64}", request_id), request_id


# Browser policies --------------------------------------------------------------------------------


def test_every_page_carries_a_content_security_policy_with_its_nonce(db: Any, client: Client) -> None:
    response = client.get(reverse("core:home"))
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy
    assert "report-uri /csp-report" in policy
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    [nonce] = re.findall(r"'nonce-([^']+)'", policy)
    html = response.content.decode()
    inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert inline_scripts, "the NHS.UK template's inline script should be on the page"
    for attributes in inline_scripts:
        assert f'nonce="{nonce}"' in attributes or 'type="application/json"' in attributes
    assert "camera=()" in response["Permissions-Policy"]


def test_the_sign_in_page_nonce_matches_its_policy(db: Any, client: Client) -> None:
    response = client.get(reverse("account_login"))
    [nonce] = re.findall(r"'nonce-([^']+)'", response["Content-Security-Policy"])
    assert f'<script nonce="{nonce}">' in response.content.decode()


INLINE_STYLE = re.compile(r"""\sstyle=["']|<style[\s>]""")
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\b(?:src|nonce)=)(?![^>]*type=\"application/json\")[^>]*>")


def _source_files() -> list[Path]:
    patterns = ("*.jinja", "*.html", "*.py")
    return [
        path
        for pattern in patterns
        for path in (ROOT / "mobilise").rglob(pattern)
        if "static" not in path.parts and "migrations" not in path.parts
    ]


def test_no_inline_style_or_script_is_left_in_templates_or_drawn_pictures() -> None:
    found = []
    for path in _source_files():
        text = path.read_text(encoding="utf-8")
        for pattern in (INLINE_STYLE, INLINE_SCRIPT):
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{path.relative_to(ROOT)}:{line}: {match.group(0).strip()}")
    assert not found, "Inline styles or scripts are blocked by the policy; use a class:\n" + "\n".join(found)


def test_a_policy_violation_report_is_one_line(client: Client, caplog: pytest.LogCaptureFixture) -> None:
    report = {
        "csp-report": {
            "document-uri": "https://mobilise.example.nhs.uk/p/frailty/?token=secret",
            "effective-directive": "style-src-attr",
            "blocked-uri": "inline",
        }
    }
    caplog.set_level(logging.WARNING, logger="mobilise.csp")
    response = client.post(
        reverse("core:csp_report"), orjson.dumps(report), content_type="application/csp-report"
    )
    assert response.status_code == 204
    [line] = [r.getMessage() for r in caplog.records if r.name == "mobilise.csp"]
    assert line == "CSP violation directive=style-src-attr page=/p/frailty/ blocked=inline"


@pytest.mark.parametrize(
    ("body", "status"),
    [(b"not json", 400), (b"[" + b"1," * 20_000 + b"1]", 413)],
    ids=["garbage", "too-big"],
)
def test_bad_reports_are_refused_plainly(client: Client, body: bytes, status: int) -> None:
    response = client.post(reverse("core:csp_report"), body, content_type="application/json")
    assert response.status_code == status
    assert client.get(reverse("core:csp_report")).status_code == 405


def test_pages_are_compressed_for_browsers_that_ask(db: Any, client: Client) -> None:
    response = client.get(reverse("account_login"), headers={"Accept-Encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"


# Sessions that end -------------------------------------------------------------------------------


def _age_session(client: Client, **seconds_ago: float) -> None:
    session = client.session
    now = time.time()
    for key, ago in seconds_ago.items():
        session[{"started": STARTED, "seen": SEEN}[key]] = now - ago
    session.save()


def _signed_in(client: Client) -> bool:
    return client.get(reverse("programmes:list")).status_code == 200


@override_settings(SESSION_IDLE_SECONDS=3600, SESSION_ABSOLUTE_SECONDS=43200)
@pytest.mark.parametrize(
    ("started", "seen", "still_signed_in"),
    [(600, 30, True), (7200, 3700, False), (43300, 10, False), (43000, 3500, True)],
    ids=["busy", "left-idle", "past-the-working-day", "just-inside-both"],
)
def test_sessions_end_when_left_idle_or_after_a_working_day(
    cast: Any, started: float, seen: float, still_signed_in: bool
) -> None:
    client = cast.client_for("member")
    assert _signed_in(client)
    _age_session(client, started=started, seen=seen)
    assert _signed_in(client) is still_signed_in


def test_switching_off_an_account_signs_the_person_out(cast: Any) -> None:
    client = cast.client_for("member")
    assert _signed_in(client)
    cast.member.is_active = False
    cast.member.save(update_fields=["is_active"])
    response = client.get(reverse("programmes:list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_sign_ins_are_audited_without_the_address(
    db: Any, client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    from tests.factories import UserFactory

    person = UserFactory(email="audit.me@example.nhs.uk")
    person.set_password("a-long-enough-password-1")
    person.save()
    caplog.set_level(logging.INFO, logger="mobilise.audit")
    client.post(reverse("account_login"), {"login": person.email, "password": "wrong-password-123"})
    client.post(reverse("account_login"), {"login": person.email, "password": "a-long-enough-password-1"})
    lines = [r.getMessage() for r in caplog.records if r.name == "mobilise.audit"]
    assert "Sign-in refused" in lines
    assert f"Signed in user={person.pk}" in lines
    assert person.email not in caplog.text


@override_settings(ALLOWED_HOSTS=["mobilise.example.nhs.uk"], SECURE_SSL_REDIRECT=True)
def test_a_load_balancer_probe_by_internal_address_over_http_gets_an_answer(db: Any, client: Client) -> None:
    for name in ("core:health_live", "core:health_ready"):
        response = client.get(reverse(name), HTTP_HOST="10.0.3.17:8000")
        assert response.status_code == 200, name
    refused = client.get(reverse("core:home"), HTTP_HOST="10.0.3.17:8000")
    assert refused.status_code == 400, "other pages still check the host"
