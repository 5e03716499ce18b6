"""Load the demo programmes once; `reset=True` removes the demo and loads it afresh.

The demo is recognised by its programme slugs, its email domain and its organisation names, so a
reset never touches anybody else's work (though it does remove demo people from any programme).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.apps import apps
from django.db import models, transaction

from mobilise.accounts.models import Organisation, User
from mobilise.measurement.models import Annotation, DataPoint, Measure, Phase
from mobilise.programmes.models import Programme
from mobilise.workspace.models import Audience, Note, Term

from .build import Clock, build_programme, create_people
from .build_work import build_work
from .content import PROGRAMMES
from .content.people import CONVENOR
from .content.work import WORK
from .extras import builders
from .spec import DEMO_DOMAIN, DEMO_PASSWORD, demo_email

CONVENOR_EMAIL = demo_email(CONVENOR)
DEMO_SLUGS: tuple[str, ...] = tuple(spec.slug for spec in PROGRAMMES)
DEMO_ORG_NAMES: tuple[str, ...] = tuple(org.name for spec in PROGRAMMES for org in spec.orgs)


@dataclass(frozen=True)
class SeedResult:
    created: bool
    programmes: int
    people: int
    notes: int
    convenor_email: str = CONVENOR_EMAIL
    password: str = DEMO_PASSWORD


def demo_programmes() -> models.QuerySet[Programme]:
    return Programme.objects.filter(slug__in=DEMO_SLUGS)


def demo_users() -> models.QuerySet[User]:
    return User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}")


def demo_organisations() -> models.QuerySet[Organisation]:
    return Organisation.objects.filter(name__in=DEMO_ORG_NAMES)


def demo_exists() -> bool:
    return demo_programmes().exists() or demo_users().exists()


def seed_demo(*, reset: bool = False, now: datetime | None = None) -> SeedResult:
    """Create the three demo programmes unless they exist; `now` pins the dates (for tests)."""
    with transaction.atomic():
        if reset:
            demo_remove()
        elif demo_exists():
            return demo_summary(created=False)
        clock = Clock(now)
        people = create_people(clock)
        for spec in PROGRAMMES:
            programme = build_programme(spec, people, clock)
            build_work(WORK[spec.slug], spec, programme, people, clock)
            for build in builders():
                build(spec, programme, people, clock)
        return demo_summary(created=True)


def demo_summary(*, created: bool) -> SeedResult:
    return SeedResult(
        created=created,
        programmes=demo_programmes().count(),
        people=demo_users().count(),
        notes=Note.objects.filter(programme__slug__in=DEMO_SLUGS).count(),
    )


@transaction.atomic
def demo_remove() -> None:
    programme_ids = list(demo_programmes().values_list("pk", flat=True))
    organisation_ids = list(demo_organisations().values_list("pk", flat=True))
    audiences = Audience.all_objects.filter(programme_id__in=programme_ids)
    audience_ids = list(audiences.values_list("pk", flat=True))
    measures = Measure.all_objects.filter(programme_id__in=programme_ids)
    measure_ids = list(measures.values_list("pk", flat=True))
    demo_programmes().delete()
    demo_users().delete()
    demo_organisations().delete()
    # Deleting writes a "deleted" history row for every object; the demo's whole past goes too.
    for history in _history_models():
        source = history.instance_type
        if source is Programme:
            history.objects.filter(id__in=programme_ids).delete()
        elif source is Organisation:
            history.objects.filter(id__in=organisation_ids).delete()
        elif source is Term:
            history.objects.filter(audience_id__in=audience_ids).delete()
        elif source in (DataPoint, Annotation, Phase):
            history.objects.filter(measure_id__in=measure_ids).delete()
        elif any(field.name == "programme" for field in history._meta.fields):
            history.objects.filter(programme_id__in=programme_ids).delete()


def _history_models() -> list[Any]:
    """The tables django-simple-history keeps, one per model with `history = HistoricalRecords()`."""
    return [model for model in apps.get_models() if hasattr(model, "instance_type")]
