"""The browser journeys' fixtures for this folder's journeys."""

from tests.browser.conftest import browser, journey  # noqa: F401
