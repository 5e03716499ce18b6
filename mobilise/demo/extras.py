"""Demo content for the later apps, one builder per app, run after each programme's core work.

Each builder takes (spec, programme, people, clock) and adds that app's demo content; keep each in
its own `build_<app>.py` so the apps' demo content stays apart.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Builder = Callable[[Any, Any, Any, Any], None]


def builders() -> list[Builder]:
    # Imported here so the demo's import cost is paid only when the demo is built.
    from . import (
        build_adoption,
        build_boardpaper,
        build_delivery,
        build_library,
        build_pulse,
        build_relationships,
        build_stories,
        build_workshops,
    )

    return [
        build_delivery.build,
        build_pulse.build,
        build_relationships.build,
        build_adoption.build,
        build_stories.build,
        build_library.build,
        build_workshops.build,
        build_boardpaper.build,
    ]
