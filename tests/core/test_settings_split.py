"""The demo app is for laptops and tests; production never installs it."""

from __future__ import annotations

import importlib
import sys
from types import ModuleType

import pytest


def _settings(name: str, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.setenv("SECRET_KEY", "a-long-random-enough-secret-key-value-for-the-settings-test")
    monkeypatch.setenv("ALLOWED_HOSTS", "mobilise.example.nhs.uk")
    module = f"mobilise.settings.{name}"
    monkeypatch.delitem(sys.modules, module, raising=False)
    return importlib.import_module(module)


@pytest.mark.parametrize(("name", "has_demo"), [("production", False), ("dev", True), ("test", True)])
def test_only_production_leaves_the_demo_out(
    name: str, has_demo: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    apps = _settings(name, monkeypatch).INSTALLED_APPS
    assert ("mobilise.demo" in apps) is has_demo
