"""Security properties a person relies on without seeing them, checked from the outside."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from mobilise.accounts.models import Organisation, User
from mobilise.core.markdown import render_markdown
from tests.factories import PASSWORD

PROJECT_DIR = Path(__file__).resolve().parent.parent


@pytest.fixture
def fresh_rate_limits() -> Iterator[None]:
    """Rate limits live in the cache, shared by every test in this process: start and end clean."""
    cache.clear()
    yield
    cache.clear()


# Deployment settings --------------------------------------------------------------------------


def test_production_settings_pass_djangos_deployment_checks() -> None:
    # Browser journeys (in this process) set DJANGO_ALLOW_ASYNC_UNSAFE; production never does.
    unwanted = ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in unwanted}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "mobilise.settings.production",
            "SECRET_KEY": "a-long-random-secret-used-only-by-this-check-0f3a9c2b7d1e4f5a6b8c9d0e",
            "ALLOWED_HOSTS": "mobilise.example.nhs.uk",
        }
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_refuse_to_start_without_a_secret_key() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "SECRET_KEY")}
    env.update({"DJANGO_SETTINGS_MODULE": "mobilise.settings.production", "ALLOWED_HOSTS": "example.org"})
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


class ElementsFound(HTMLParser):
    """The real elements and attributes in some HTML (escaped text is only text)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes += [(tag, name, value or "") for name, value in attrs]


# Rich text ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert('x')</script>",
        "<img src=x onerror=alert('x')>",
        "<svg onload=alert('x')></svg>",
        "<a href=\"javascript:alert('x')\">click</a>",
        "[click](javascript:alert('x'))",
        "[click](JaVaScRiPt:alert('x'))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        '<iframe src="https://example.org"></iframe>',
        '<p style="background:url(javascript:alert(1))" onclick="alert(1)">hi</p>',
        "**bold** <b onmouseover=alert(1)>x</b>",
    ],
)
def test_markdown_with_scripts_or_event_handlers_renders_inert(text: str) -> None:
    elements = ElementsFound()
    elements.feed(str(render_markdown(text)))
    assert not elements.tags & {"script", "iframe", "svg", "img", "object", "embed", "style"}, elements.tags
    for tag, name, value in elements.attributes:
        assert not name.startswith("on"), f"<{tag} {name}> survived"
        assert name != "style", f"<{tag} style> survived"
        if name in ("href", "src"):
            assert value.lower().startswith(("http://", "https://", "mailto:")), f"<{tag} {name}={value}>"


def test_markdown_keeps_ordinary_formatting_and_safe_links() -> None:
    html = str(render_markdown("# Why\n\n**Joined-up** care, see [the plan](https://example.nhs.uk/plan)."))
    assert "<h2>Why</h2>" in html
    assert "<strong>Joined-up</strong>" in html
    assert 'href="https://example.nhs.uk/plan"' in html
    assert 'rel="noopener noreferrer nofollow"' in html


# Signing in -----------------------------------------------------------------------------------


def test_sign_in_is_refused_after_five_failures_even_with_the_right_password(
    cast: Any, fresh_rate_limits: None
) -> None:
    client = Client()
    for _ in range(5):
        response = client.post(
            reverse("account_login"), {"login": cast.member.email, "password": "wrong-guess-123"}
        )
        assert "Too many" not in response.content.decode()
    response = client.post(reverse("account_login"), {"login": cast.member.email, "password": PASSWORD})
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Too many failed" in page
    assert "_auth_user_id" not in client.session


def test_a_correct_password_before_the_limit_signs_in(cast: Any, fresh_rate_limits: None) -> None:
    client = Client()
    for _ in range(4):
        client.post(reverse("account_login"), {"login": cast.member.email, "password": "wrong-guess-123"})
    response = client.post(reverse("account_login"), {"login": cast.member.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(cast.member.pk)


def test_sign_up_needs_a_password_of_at_least_12_characters(
    client: Client, db: Any, fresh_rate_limits: None
) -> None:
    response = client.post(
        reverse("account_signup"),
        {"email": "new.person@example.nhs.uk", "password1": "eleven-char", "password2": "eleven-char"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "12 characters" in page
    assert not User.objects.filter(email="new.person@example.nhs.uk").exists()


def test_sign_up_with_a_12_character_password_works(client: Client, db: Any, fresh_rate_limits: None) -> None:
    response = client.post(
        reverse("account_signup"),
        {
            "email": "new.person@example.nhs.uk",
            "password1": "twelve-chars",
            "password2": "twelve-chars",
            "full_name": "New Person",
            "job_title": "Practice manager",
        },
    )
    assert response.status_code == 302
    assert User.objects.filter(email="new.person@example.nhs.uk").exists()


# Organisations --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed,stored",
    [
        ("RR7", "RR7"),
        ("A81001", "A81001"),
        ("rr7", "RR7"),
        (" qhm ", "QHM"),
    ],
)
def test_valid_ods_codes_are_accepted_in_capitals(as_member: Client, typed: str, stored: str) -> None:
    response = as_member.post(
        reverse("accounts:organisation_create"),
        {
            "name": "South Tyneside and Sunderland NHS Foundation Trust",
            "type": "nhs_trust",
            "ods_code": typed,
        },
    )
    assert response.status_code == 302
    assert Organisation.objects.get(name__startswith="South Tyneside").ods_code == stored


@pytest.mark.parametrize(
    "typed,message",
    [
        ("R!7", "Enter an ODS code of 3 to 8 letters and numbers, like RR7 or A81001"),
        ("R7", "Enter an ODS code of 3 to 8 letters and numbers, like RR7 or A81001"),
        ("RR 7", "Enter an ODS code of 3 to 8 letters and numbers, like RR7 or A81001"),
        ("ABCDEFGHI", "An ODS code is at most 8 letters and numbers"),
    ],
)
def test_invalid_ods_codes_are_refused_with_a_clear_message(
    as_member: Client, typed: str, message: str
) -> None:
    response = as_member.post(
        reverse("accounts:organisation_create"), {"name": "A trust", "type": "nhs_trust", "ods_code": typed}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Organisation.objects.filter(name="A trust").exists()


# Private programmes ---------------------------------------------------------------------------


def test_a_programme_is_not_listed_or_shown_to_someone_outside_it(cast: Any, as_outsider: Client) -> None:
    page = as_outsider.get(reverse("programmes:list")).content.decode()
    assert cast.other_programme.name in page
    assert cast.programme.name not in page
    response = as_outsider.get(reverse("workspace:home", kwargs={"slug": cast.programme.slug}))
    assert response.status_code == 404
    assert cast.programme.name not in response.content.decode()
