"""The browser journey's fixtures for this folder's journey."""

from tests.browser.conftest import browser, journey  # noqa: F401
