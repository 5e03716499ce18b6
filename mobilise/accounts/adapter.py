from __future__ import annotations

from typing import Any

from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.contrib.auth.password_validation import validate_password


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]  # allauth ships no type hints
    """Sign-up is open: a new person sees only the programmes they create or are invited to."""

    # allauth's messages, in the words the rest of the service uses.
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": "The email address or password is not right. Check them and try again.",
        "too_many_login_attempts": "Too many failed attempts to sign in. Wait 5 minutes and try again, "
        "or reset your password.",
        "email_taken": "An account already uses this email address. Sign in, or reset your password.",
    }

    def clean_password(self, password: str, user: Any = None) -> str:
        min_length = app_settings.PASSWORD_MIN_LENGTH
        if min_length and len(password) < min_length:
            raise forms.ValidationError(f"Your password must be {min_length} characters or more")
        validate_password(password, user)
        return password
