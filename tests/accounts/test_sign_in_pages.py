"""django-allauth's pages in our NHS.UK templates: plain English, one h1, nothing of allauth's own look."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

ALLAUTH_WORDING = (
    "Sign In",
    "Sign Up",
    "Sign Out",
    "Password Reset",
    "Change Password",
    "Two-Factor Authentication",
    "Menu:",
    "Remember Me",
)


def assert_looks_like_ours(response: Any, h1: str) -> str:
    assert response.status_code == 200
    page = response.content.decode()
    assert re.findall(r"<h1[^>]*>\s*(.*?)\s*</h1>", page, re.S) == [h1]
    assert 'class="nhsuk-header"' in page
    assert "nhsuk-frontend.min.css" in page
    for words in ALLAUTH_WORDING:
        assert words not in page, f"allauth's own wording {words!r} shows on the {h1!r} page"
    return page


@pytest.fixture
def person(db: Any) -> Any:
    return UserFactory(email="jo.gp@example.nhs.uk", full_name="Dr Jo Patel")


def signed_in(person: Any) -> Client:
    """Signed in through the form, as a person would, so allauth records when they did."""
    client = Client()
    client.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})
    return client


@pytest.mark.parametrize(
    "name,h1",
    [
        ("account_login", "Sign in"),
        ("account_signup", "Create an account"),
        ("account_reset_password", "Reset your password"),
        ("account_reset_password_done", "Check your email"),
        ("account_reset_password_from_key_done", "Your password has been changed"),
        ("account_email_verification_sent", "Check your email"),
    ],
)
def test_pages_for_people_not_signed_in(client: Client, db: Any, name: str, h1: str) -> None:
    assert_looks_like_ours(client.get(reverse(name)), h1)


def test_sign_in_page_links_to_a_new_account_and_a_forgotten_password(client: Client, db: Any) -> None:
    page = assert_looks_like_ours(client.get(reverse("account_login")), "Sign in")
    assert "Create an account" in page
    assert f'href="{reverse("account_reset_password")}">Forgotten your password?' in page
    assert '<label class="nhsuk-label" for="id_login">Email address</label>' in page
    assert 'autocomplete="email"' in page
    assert 'autocomplete="current-password"' in page


def test_sign_in_problem_is_summarised_and_linked_to_the_field(client: Client, person: Any) -> None:
    response = client.post(reverse("account_login"), {"login": person.email, "password": "wrong-password-1"})
    page = response.content.decode()
    assert "<title>Error: Sign in – Mobilise</title>" in page
    assert "There is a problem" in page


def test_signup_field_errors_link_from_the_summary_to_the_field(client: Client, db: Any) -> None:
    response = client.post(reverse("account_signup"), {"email": "", "password1": "", "password2": ""})
    page = response.content.decode()
    assert '<a href="#id_email">' in page
    assert 'id="id_email-error"' in page
    assert 'aria-describedby="id_email-hint id_email-error"' in page


@pytest.mark.parametrize(
    "name,h1",
    [
        ("account_change_password", "Change your password"),
        ("account_logout", "Sign out"),
        ("mfa_index", "Two-step sign-in"),
    ],
)
def test_pages_for_people_signed_in(person: Any, name: str, h1: str) -> None:
    page = assert_looks_like_ours(signed_in(person).get(reverse(name)), h1)
    assert "Your programmes" in page  # the signed-in menu, as on every other page


def test_the_whole_password_reset_flow_uses_our_pages(client: Client, person: Any) -> None:
    client.post(reverse("account_reset_password"), {"email": person.email})
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+)", mail.outbox[-1].body).group(1)
    response = client.get(link, follow=True)
    assert_looks_like_ours(response, "Choose a new password")
    response = client.post(
        response.redirect_chain[-1][0] if response.redirect_chain else link,
        {"password1": "four long unrelated words", "password2": "four long unrelated words"},
        follow=True,
    )
    assert_looks_like_ours(response, "Your password has been changed")


def test_a_used_or_broken_reset_link_explains_what_to_do(client: Client, db: Any) -> None:
    response = client.get("/accounts/password/reset/key/1-not-a-key/", follow=True)
    page = assert_looks_like_ours(response, "This link no longer works")
    assert "Ask for a new link" in page


def test_setting_up_an_authenticator_app_asks_for_the_password_first(person: Any) -> None:
    client = signed_in(person)
    response = client.get(reverse("mfa_activate_totp"), follow=True)
    assert_looks_like_ours(response, "Confirm it is you")
    reauthenticate_url = response.redirect_chain[-1][0]  # carries ?next= back to the set-up page
    response = client.post(reauthenticate_url, {"password": PASSWORD}, follow=True)
    page = assert_looks_like_ours(response, "Set up an authenticator app")
    assert 'alt="QR code for adding Mobilise to your authenticator app"' in page
    assert '<label class="nhsuk-label" for="id_code">Code from the app</label>' in page


def test_a_wrong_authenticator_code_is_explained(person: Any) -> None:
    client = signed_in(person)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    page = response.content.decode()
    assert "There is a problem" in page
    assert "nhsuk-form-group--error" in page


def test_signed_in_message_is_plain_english(client: Client, person: Any) -> None:
    response = client.post(
        reverse("account_login"), {"login": person.email, "password": PASSWORD}, follow=True
    )
    assert "You are signed in as Dr Jo Patel." in response.content.decode()


def test_an_expired_email_confirmation_link_says_what_to_do(client: Client, db: Any) -> None:
    response = client.get(reverse("account_confirm_email", kwargs={"key": "not-a-real-key"}))
    page = assert_looks_like_ours(response, "Confirm your email address")
    assert "expired or has already been used" in page
