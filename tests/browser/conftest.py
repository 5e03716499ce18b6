"""Browser journeys: Playwright driving Debian's Chromium against pytest-django's live server.

Locally they skip when /usr/bin/chromium is missing; in CI (CI=true) a missing browser fails.
Other test folders reuse these fixtures with `from tests.browser.conftest import browser, journey`.
The browser lives for one test module: Playwright's sync API keeps an event loop running in the
main thread while it is open, which would upset later tests that run async code.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache

from .steps import Journey

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        message = f"The browser journeys need Chromium at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread, and the tests still use the database.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
            )
            yield chromium
            chromium.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def journey(
    request: pytest.FixtureRequest, browser: Any, live_server: Any, transactional_db: Any
) -> Iterator[Journey]:
    failures_before = request.session.testsfailed
    cache.clear()  # sign-in rate limits live in the cache; each journey starts afresh
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(30_000)  # generous: CI machines can be busy
    # Nothing leaves the machine: the NHS.UK web fonts (assets.nhs.uk) fall back to Arial.
    context.route(re.compile(r"^https?://(?!localhost[:/]|127\.0\.0\.1[:/])"), lambda route: route.abort())
    page = context.new_page()
    steps = Journey(page, live_server.url)
    yield steps
    context.close()
    if request.session.testsfailed == failures_before:  # a failed step already says what went wrong
        steps.assert_every_page_was_checked()
