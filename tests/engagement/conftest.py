"""The browser journeys' fixtures (and their every-page-checked hook) for this folder's journeys."""

from tests.browser.conftest import browser, journey, pytest_runtest_makereport  # noqa: F401
