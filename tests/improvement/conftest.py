from __future__ import annotations

from typing import Any

import pytest

from .factories import SmallDiagram, small_diagram


@pytest.fixture
def tree(cast: Any) -> SmallDiagram:
    return small_diagram(cast.programme)
