"""Demo content for board papers: a covering note and one published version."""

from __future__ import annotations

from typing import Any

from mobilise.boardpaper import services

from .content.people import CONVENOR

NOTE = (
    "Partners have agreed a shared purpose and the first small tests are running at two sites.\n\n"
    "The measures are early: most show no significant change yet, which is what we would expect. "
    "Our main worry is that the council's housing team has not yet been able to join us."
)
ASKS = (
    "Note the progress made since the last meeting\nAsk the council to name a housing lead for the programme"
)


def build(spec: Any, programme: Any, people: Any, clock: Any) -> None:
    convenor = people[CONVENOR]
    draft = services.draft_for(programme)
    services.draft_save(
        draft=draft, data={"title": "", "narrative": NOTE, "asks": ASKS}, user=convenor, expected_version=None
    )
    services.publish(programme=programme, user=convenor)
