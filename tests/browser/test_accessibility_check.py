"""The accessibility check itself: it must find real problems, or every journey's pass means nothing."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from .steps import describe_violations

pytestmark = pytest.mark.browser


def test_axe_reports_an_image_without_alt_text_and_an_unlabelled_input(browser: Any) -> None:
    page = browser.new_page()
    page.set_content(
        '<html lang="en"><head><title>Broken</title></head><body><main><h1>Broken</h1>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><input type="text">'
        "</main></body></html>"
    )
    results = Axe().run(page)
    page.close()
    report = describe_violations(results)
    assert "image-alt" in report
    assert "label" in report
