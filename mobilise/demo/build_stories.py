"""Demo content for stories: each programme's story, a few stories with consent, and its share page."""

from __future__ import annotations

from typing import Any

from mobilise.core.history import save_as
from mobilise.stories.models import ConsentUse, Narrative, ShareLink, Story, StoryKind, StoryStatus

from .content.people import CONVENOR, FACILITATOR

# Written for the demo, one short telling per programme: why I care, what we share, why now.
NARRATIVES = {
    "hebburn-jarrow-neighbourhood-teams": (
        "I was a district nurse here for twelve years. The day I found Mr Reid on the floor of his kitchen, "
        "three services had already visited him that week and none of us knew about the others.",
        "Every one of us, in the practice, the council and the community trust, went into this work to "
        "look after people, not to pass them between teams.",
        "Winter starts in ten weeks. If the neighbourhood team is working together by then, fewer people "
        "like Mr Reid will spend Christmas on a ward.",
    ),
    "six-borough-maternity-vision": (
        "When my daughter was born the midwife who saw me in clinic was never the one I met again.",
        "Families across the six boroughs want the same thing: to be known by the people caring for them.",
        "The continuity pilots end this year. Now is the moment to show what works and spread it.",
    ),
    "safer-care-early-adopter-practices": (
        "A patient of mine came to harm from a repeat prescription nobody had looked at for two years.",
        "Every practice in this group has a story like that, and every one wants it to be the last.",
        "The new review tool is ready now; each month we wait, more reviews are missed.",
    ),
}

STORIES = (
    (
        StoryKind.PATIENT,
        "Home the same day",
        "The team came to my house after my fall, so I did not go to hospital.",
    ),
    (
        StoryKind.CARER,
        "Nobody asked what I knew",
        "I know Dad's medicines better than anyone, but no one asked me.",
    ),
    (
        StoryKind.STAFF,
        "Ringing round for a bed",
        "On a night shift I spent two hours on the phone finding one bed.",
    ),
)


def build(spec: Any, programme: Any, people: Any, clock: Any) -> None:
    convenor = people[CONVENOR]
    facilitator = people.get(FACILITATOR, convenor)
    self_text, us_text, now_text = NARRATIVES.get(spec.slug, ("", "", ""))
    if self_text:
        narrative = Narrative(
            programme=programme,
            self_text=self_text,
            us_text=us_text,
            now_text=now_text,
            stage_when_written=programme.stage,
            updated_by=convenor,
        )
        save_as(narrative, by=convenor, reason="First telling", when=clock.at(40, "story"))
    for n, (kind, title, body) in enumerate(STORIES):
        story = Story(
            programme=programme,
            kind=kind,
            title=title,
            body=body,
            anonymised=n != 2,
            teller="" if n != 2 else "A ward nurse",
            consent_by="The person who told it",
            consent_use=ConsentUse.SHARED if n == 0 else ConsentUse.PROGRAMME,
            status=StoryStatus.ACCEPTED,
            created_by=facilitator,
        )
        save_as(story, by=facilitator, when=clock.at(30 - n, title))
    ShareLink.objects.create(programme=programme, nonce=f"demo{programme.pk:04d}", opened_by=convenor)
    waiting = Story(
        programme=programme,
        kind=StoryKind.IDEA,
        title="A list of who to call",
        body="Could the surgery give carers one sheet with every number we might need?",
        anonymised=True,
        consent_by="The person who told it",
        status=StoryStatus.WAITING,
        from_public_link=True,
    )
    save_as(waiting, by=None, when=clock.at(2, "waiting"))
