from __future__ import annotations

from typing import Any

import pytest
from django.test import Client


@pytest.fixture
def as_facilitator_client(cast: Any) -> Client:
    return cast.client_for("facilitator")
