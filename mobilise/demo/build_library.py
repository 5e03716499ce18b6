"""Demo content for the library: each demo programme is a worked example and shares some work."""

from __future__ import annotations

from typing import Any

from mobilise.library.examples import example_mark
from mobilise.library.models import SearchEntry
from mobilise.library.services import contactable_set, entry_share

from .content.people import CONVENOR


def build(spec: Any, programme: Any, people: Any, clock: Any) -> None:
    convenor = people[CONVENOR]
    for kind in ("driver_diagram", "measure", "story"):
        entry = (
            SearchEntry.objects.filter(programme=programme, kind=kind, can_share=True).order_by("pk").first()
        )
        if entry is not None:
            entry_share(entry=entry, share=True, user=convenor)
    contactable_set(programme=programme, user=convenor, contactable=True)
    example_mark(
        programme=programme, example=True, note="A demo programme, written to show the change model in use."
    )
