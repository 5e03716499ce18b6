"""Turn the demo content into rows, with authors and dates that look like months of real work.

Every save names its author and back-dates its history entry, so the history pages show who changed what
and when; `created_at`/`updated_at` columns are back-dated with queryset updates afterwards.
"""

from __future__ import annotations

import re
import textwrap
import zlib
from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import models
from django.utils import timezone

from mobilise.accounts.models import Organisation, User
from mobilise.core.history import save_as
from mobilise.programmes.models import Invitation, Membership, Programme
from mobilise.programmes.services import programme_create
from mobilise.purpose.models import SharedPurpose
from mobilise.workspace.models import AlignmentEntry, Audience, AudienceChoice, ComponentState, Note, Term

from .content.people import CONVENOR, PEOPLE
from .spec import DEMO_PASSWORD, ProgrammeSpec, demo_email

People = dict[str, User]


class Clock:
    """Dates relative to one fixed 'now', at a plausible working-day time that varies by item."""

    def __init__(self, now: datetime | None = None) -> None:
        self.now = timezone.localtime(now or timezone.now())

    def at(self, days_ago: int, salt: str = "") -> datetime:
        spread = zlib.crc32(salt.encode())
        day = self.now - timedelta(days=days_ago)
        moment = day.replace(hour=9 + spread % 8, minute=spread % 60, second=0, microsecond=0)
        return min(moment, self.now - timedelta(minutes=days_ago + 1))


def _save(obj: models.Model, *, by: User, when: datetime, reason: str = "") -> None:
    save_as(obj, by=by, reason=reason, when=when)


def _backdate(obj: models.Model, **fields: datetime) -> None:
    type(obj)._default_manager.filter(pk=obj.pk).update(**fields)


def _text(body: str) -> str:
    """Undo the source's line wrapping: one line per paragraph or list item, as a person types."""
    blocks = []
    for block in textwrap.dedent(body).strip().split("\n\n"):
        lines: list[str] = []
        for line in block.splitlines():
            if lines and not _LIST_ITEM.match(line):
                lines[-1] += " " + line.strip()
            else:
                lines.append(line.strip())
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


_LIST_ITEM = re.compile(r"^(- |\d+\. )")


def create_people(clock: Clock) -> People:
    # One hash for everyone: hashing 26 passwords separately would take seconds.
    password = make_password(DEMO_PASSWORD)
    people: People = {}
    for person in PEOPLE:
        user = User(
            email=person.email, full_name=person.full_name, job_title=person.job_title, password=password
        )
        user.save()
        people[person.key] = user
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in people.values()
    )
    User.objects.filter(pk__in=[u.pk for u in people.values()]).update(date_joined=clock.at(300, "joined"))
    return people


def build_programme(spec: ProgrammeSpec, people: People, clock: Clock) -> Programme:
    convenor = people[CONVENOR]
    orgs = _organisations(spec, convenor, clock)
    programme = programme_create(
        name=spec.name, challenge=spec.challenge, created_by=convenor, organisation=orgs[spec.convenor_org]
    )
    started = clock.at(spec.started_days_ago, spec.slug)
    Programme.objects.filter(pk=programme.pk).update(slug=spec.slug, created_at=started)
    programme.refresh_from_db()
    programme.partners.add(*orgs.values())
    programme.history.update(history_date=started, slug=spec.slug)
    convenor.organisations.add(orgs[spec.convenor_org])
    Membership.objects.filter(programme=programme).update(joined_at=started)
    Membership.history.filter(programme_id=programme.pk).update(history_date=started)

    _members(spec, programme, people, orgs, clock)
    _stages(spec, programme, people, clock)
    _purpose(spec, programme, people, clock)
    _statuses(spec, programme, people, clock)
    _notes(spec, programme, people, clock)
    _alignments(spec, programme, people, clock)
    _audiences(spec, programme, people, clock)
    _invitations(spec, programme, people, orgs, clock)
    return programme


def _organisations(spec: ProgrammeSpec, convenor: User, clock: Clock) -> dict[str, Organisation]:
    orgs: dict[str, Organisation] = {}
    for org in spec.orgs:
        organisation = Organisation(name=org.name, type=org.type, ods_code=org.ods_code)
        when = clock.at(spec.started_days_ago + 2, org.name)
        _save(organisation, by=convenor, when=when)
        _backdate(organisation, created_at=when)
        orgs[org.key] = organisation
    return orgs


def _members(
    spec: ProgrammeSpec, programme: Programme, people: People, orgs: dict[str, Organisation], clock: Clock
) -> None:
    for member in spec.members:
        user = people[member.person]
        organisation = orgs[member.org] if member.org else None
        when = clock.at(member.days_ago, member.person + spec.slug)
        membership = Membership(programme=programme, user=user, role=member.role, organisation=organisation)
        _save(membership, by=people[CONVENOR], when=when)
        _backdate(membership, joined_at=when)
        if organisation is not None:
            user.organisations.add(organisation)


def _stages(spec: ProgrammeSpec, programme: Programme, people: People, clock: Clock) -> None:
    for step in spec.stages:
        programme.stage, programme.cycle_round, programme.stage_note = step.stage, step.cycle_round, step.note
        _save(programme, by=people[step.author], when=clock.at(step.days_ago, step.note))
    _backdate(programme, updated_at=clock.at(spec.stages[-1].days_ago, spec.stages[-1].note))


def _purpose(spec: ProgrammeSpec, programme: Programme, people: People, clock: Clock) -> None:
    purpose = SharedPurpose(programme=programme, version=0)
    when = clock.now
    for revision in spec.purpose:
        when = clock.at(revision.days_ago, revision.reason)
        purpose.version += 1
        purpose.statement = revision.statement
        purpose.why_it_matters = revision.why_it_matters
        purpose.who_for = revision.who_for
        purpose.values = revision.values
        purpose.what_good_looks_like = revision.what_good_looks_like
        purpose.updated_by = people[revision.author]
        _save(purpose, by=people[revision.author], when=when, reason=revision.reason)
    _backdate(purpose, updated_at=when)


def _statuses(spec: ProgrammeSpec, programme: Programme, people: People, clock: Clock) -> None:
    for component, changes in spec.statuses.items():
        state = ComponentState(programme=programme, component=component, version=0)
        when = clock.now
        for change in changes:
            when = clock.at(change.days_ago, component + change.status)
            state.version += 1
            state.status = change.status
            state.updated_by = people[change.author]
            _save(state, by=people[change.author], when=when)
        _backdate(state, updated_at=when)


def _notes(spec: ProgrammeSpec, programme: Programme, people: People, clock: Clock) -> None:
    for item in spec.notes:
        when = clock.at(item.days_ago, item.title)
        author = people[item.author]
        note = Note(
            programme=programme,
            component=item.component,
            kind=item.kind,
            title=item.title,
            body=_text(item.body),
            author=author,
        )
        _save(note, by=author, when=when)
        _backdate(note, created_at=when, updated_at=when)


def _alignments(spec: ProgrammeSpec, programme: Programme, people: People, clock: Clock) -> None:
    for item in spec.alignments:
        when = clock.at(item.days_ago, item.description)
        author = people[item.author]
        entry = AlignmentEntry(
            programme=programme,
            first=item.first,
            second=item.second,
            relationship=item.relationship,
            description=item.description,
            action=item.action,
            status=item.status,
            created_by=author,
        )
        _save(entry, by=author, when=when)
        _backdate(entry, created_at=when, updated_at=when)


def _audiences(spec: ProgrammeSpec, programme: Programme, people: People, clock: Clock) -> None:
    for item in spec.audiences:
        when = clock.at(item.days_ago, item.name)
        author = people[item.author]
        # A new programme starts with word sets of its own; the demo's words for the same audience win.
        audience = Audience.objects.filter(programme=programme, name__iexact=item.name).first()
        if audience is None:
            audience = Audience(programme=programme, name=item.name)
        else:
            Term.objects.filter(audience=audience).delete()
        _save(audience, by=author, when=when)
        _backdate(audience, created_at=when)
        for key, text in item.terms.items():
            _save(Term(audience=audience, key=key, text=text), by=author, when=when)
        for person in item.chosen_by:
            AudienceChoice.objects.create(programme=programme, user=people[person], audience=audience)


def _invitations(
    spec: ProgrammeSpec, programme: Programme, people: People, orgs: dict[str, Organisation], clock: Clock
) -> None:
    for item in spec.invitations:
        invitation = Invitation.objects.create(
            programme=programme,
            email=demo_email(item.email_key),
            role=item.role,
            organisation=orgs[item.org] if item.org else None,
            message=item.message,
            invited_by=people[item.invited_by],
        )
        _backdate(invitation, created_at=clock.at(item.days_ago, item.email_key))
