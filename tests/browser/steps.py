"""Small steps for browser journeys. Every page the journey lands on gets an axe check.

`Journey` records each page the browser navigates to and each page axe has checked; a journey
fails at the end if it visited a page without checking it.
"""

from __future__ import annotations

import re
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Frame, Locator, Page, Response, expect

_axe = Axe()
ASSET_TYPES = {"stylesheet", "script", "image", "font"}


def describe_violations(results: Any) -> str:
    lines = []
    for violation in results.response.get("violations", []):
        lines.append(f"- {violation['id']} ({violation.get('impact')}): {violation['help']}")
        for node in violation.get("nodes", [])[:5]:
            where = ", ".join(map(str, node.get("target", [])))
            lines.append(f"    at {where}: {node.get('html', '')[:160]}")
    return "\n".join(lines)


class Journey:
    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.visited: list[str] = []
        self.checked: set[str] = set()
        self.broken_assets: list[str] = []
        self.policy_violations: list[str] = []
        page.on("framenavigated", self._record_navigation)
        page.on("response", self._record_broken_asset)
        page.on("console", self._record_policy_violation)

    def _record_navigation(self, frame: Frame) -> None:
        if frame == self.page.main_frame:
            self.visited.append(frame.url)

    def _record_broken_asset(self, response: Response) -> None:
        if (
            response.request.resource_type in ASSET_TYPES
            and response.url.startswith(self.base_url)
            and response.status >= 400
        ):
            self.broken_assets.append(f"{response.status} {response.url.removeprefix(self.base_url)}")

    def _record_policy_violation(self, message: Any) -> None:
        # Chromium reports what the Content-Security-Policy blocked as a console error.
        if "Content Security Policy" in message.text:
            self.policy_violations.append(f"{self.path()}: {message.text[:300]}")

    # Moving around ------------------------------------------------------------------------

    def open(self, path: str) -> None:
        self.page.goto(path)
        self.check_page()

    def click(self, name: str, role: str = "button", exact: bool = True) -> None:
        """Click a button or link that loads a new page, then check that page."""
        self.click_on(self.page.get_by_role(role, name=name, exact=exact).first)  # type: ignore[arg-type]

    def click_on(self, target: Locator) -> None:
        with self.page.expect_navigation():
            target.click()
        self.check_page()

    def follow(self, name: str, exact: bool = True) -> None:
        self.click(name, role="link", exact=exact)

    def fill(self, label: str, value: str, exact: bool = True) -> None:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            self.fill_date(label, value, exact=exact)
            return
        self.page.get_by_label(label, exact=exact).fill(value)

    def fill_date(self, label: str, value: str, exact: bool = True) -> None:
        """Types an ISO date into the NHS.UK date input whose legend is `label`, box by box."""
        year, month, day = value.split("-")
        group = self.page.get_by_role("group", name=label, exact=exact)
        for box, text in (("Day", day), ("Month", month), ("Year", year)):
            group.get_by_label(box, exact=True).fill(text)

    def choose(self, label: str) -> None:
        self.page.get_by_label(label, exact=True).check()

    def select(self, label: str, option: str) -> None:
        self.page.get_by_label(label, exact=True).select_option(label=option)

    # Seeing ------------------------------------------------------------------------------

    def heading(self) -> str:
        return self.page.locator("h1").inner_text().strip()

    def see_heading(self, text: str) -> None:
        expect(self.page.locator("h1")).to_have_text(re.compile(re.escape(text)))

    def see(self, text: str) -> None:
        expect(self.page.get_by_text(text, exact=False).first).to_be_visible()

    def path(self) -> str:
        return self.page.url.removeprefix(self.base_url)

    # Checking ----------------------------------------------------------------------------

    def check_page(self) -> None:
        """Axe finds nothing, there is one h1, and the NHS.UK styles have loaded."""
        self.page.wait_for_load_state("load")
        results = _axe.run(self.page)
        assert results.violations_count == 0, (
            f"Accessibility problems on {self.path()}:\n{describe_violations(results)}"
        )
        assert self.page.locator("h1").count() == 1, f"{self.path()} should have exactly one h1"
        font = self.page.evaluate("getComputedStyle(document.body).fontFamily")
        assert "Frutiger" in font, f"The NHS.UK stylesheet did not load on {self.path()}"

        assert not self.broken_assets, f"Styles, scripts or images failed to load: {self.broken_assets}"
        assert not self.policy_violations, (
            "The Content-Security-Policy blocked something (move it into a static file):\n"
            + "\n".join(self.policy_violations)
        )
        self.checked.add(self.page.url)

    def assert_every_page_was_checked(self) -> None:
        unchecked = [
            url for url in dict.fromkeys(self.visited) if url not in self.checked and url != "about:blank"
        ]
        assert not unchecked, f"Pages visited without an accessibility check: {unchecked}"


def sign_in(journey: Journey, email: str, password: str) -> None:
    """From any page that has brought up the sign-in form (or from nothing), sign in."""
    if "/accounts/login/" not in journey.page.url:
        journey.open("/accounts/login/")
    journey.fill("Email address", email)
    journey.fill("Password", password)
    journey.click("Sign in")


def sign_out(journey: Journey) -> None:
    journey.click("Sign out")
