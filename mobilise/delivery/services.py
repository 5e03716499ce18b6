"""Writes for delivery. Every write records who made it; edits refuse a stale version."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from mobilise.accounts.models import Organisation
from mobilise.core.bin import BinnableModel, move_to_bin
from mobilise.core.concurrency import VersionedModel, lock_for_edit
from mobilise.core.history import save_as
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import RESTORE, Role, role_of

from . import components, importing
from .models import (
    Action,
    Agreement,
    ComponentLeads,
    Confirmation,
    DigestChoice,
    Milestone,
    PartnerConfirmation,
    PartnerLead,
    PendingImport,
    PromptDismissal,
    Review,
    ReviewStatus,
    Risk,
    SystemDriver,
)
from .reviews import snapshot

M = TypeVar("M", bound=VersionedModel)

# The fields each kind of item takes from its form, as they are stored.
FIELDS: dict[type[Any], tuple[str, ...]] = {
    Action: (
        "title",
        "details",
        "owner",
        "partner",
        "due_on",
        "status",
        "in_the_way",
        "tension",
        "change_idea",
        "measure",
    ),
    Risk: (
        "title",
        "cause",
        "consequence",
        "purpose_impact",
        "likelihood",
        "impact",
        "owner",
        "mitigation",
        "review_on",
        "status",
    ),
    Agreement: ("title", "details", "decided_on", "where"),
    Milestone: ("title", "due_on", "measure", "target", "reached_on"),
    SystemDriver: ("name", "kind", "motivation", "holder", "pull", "how", "response", "tension"),
}


def _member_ids(programme: Programme) -> set[int]:
    return set(programme.memberships.values_list("user_id", flat=True))


def _check_links(programme: Programme, item: Any, data: Mapping[str, Any]) -> None:
    """Links must stay inside the programme; someone who has left may stay as they were."""
    errors: dict[str, str] = {}
    for name in ("tension", "change_idea", "measure"):
        linked = data.get(name)
        if linked is not None and linked.programme_id != programme.pk:
            errors[name] = "Choose from the list"
    owner = data.get("owner")
    if (
        owner is not None
        and owner.pk not in _member_ids(programme)
        and owner.pk != getattr(item, "owner_id", None)
    ):
        errors["owner"] = "Choose a member of the programme"
    partner = data.get("partner")
    if partner is not None and not programme.partners.filter(pk=partner.pk).exists():
        errors["partner"] = "Choose a partner from the list"
    if errors:
        raise ValidationError(errors)


def _apply(item: Any, data: Mapping[str, Any]) -> None:
    for name in FIELDS[type(item)]:
        value = data.get(name)
        setattr(item, name, value.strip() if isinstance(value, str) else value)
    if hasattr(item, "components") and "components" in data:
        item.components = components.pack(data.get("components") or [])


@transaction.atomic
def item_create(
    *, model: type[M], programme: Programme, data: Mapping[str, Any], user: Any, **extra: Any
) -> M:
    """A new action, risk, agreement or system driver."""
    item = model(programme=programme, **extra)
    if hasattr(item, "created_by_id"):
        item.created_by = user  # type: ignore[attr-defined]
    _check_links(programme, item, data)
    _apply(item, data)
    save_as(item, by=user)
    return item


@transaction.atomic
def item_update(*, item: M, data: Mapping[str, Any], user: Any, expected_version: int | None) -> M:
    """Save an edit, or raise EditConflict (holding their version) if someone saved since."""
    _check_links(item.programme, item, data)  # type: ignore[attr-defined]
    current = lock_for_edit(item, expected_version)
    _apply(current, data)
    save_as(current, by=user)
    return current


@transaction.atomic
def item_bin(*, item: BinnableModel, user: Any) -> None:
    """Move to the bin once: a replay finds it there and changes nothing."""
    current = type(item).all_objects.select_for_update().get(pk=item.pk)
    if current.deleted_at is None:
        move_to_bin(current, by=user)


@transaction.atomic
def agreement_supersede(*, old: Agreement, data: Mapping[str, Any], user: Any) -> Agreement:
    """A new agreement that replaces `old`; the old one stays in the register, marked as replaced."""
    locked = Agreement.objects.select_for_update().get(pk=old.pk)
    if Agreement.all_objects.filter(supersedes=locked).exists():
        raise ValidationError(
            "This agreement has already been replaced. Open the newer one to replace it again"
        )
    return item_create(model=Agreement, programme=locked.programme, data=data, user=user, supersedes=locked)


def may_confirm(user: Any, programme: Programme, organisation: Organisation) -> bool:
    """Only the partner's own lead, or a convenor, answers for a partner."""
    if role_of(user, programme) == Role.CONVENOR:
        return True
    return PartnerLead.objects.filter(programme=programme, organisation=organisation, lead=user).exists()


@transaction.atomic
def confirmation_set(
    *,
    agreement: Agreement,
    organisation: Organisation,
    state: str,
    concern: str,
    user: Any,
    expected_version: int | None,
) -> PartnerConfirmation:
    programme = agreement.programme
    if not programme.partners.filter(pk=organisation.pk).exists():
        raise ValidationError("That organisation is not a partner in this programme")
    if not may_confirm(user, programme, organisation):
        raise PermissionDenied("Only this partner's lead, or a convenor, can answer for the partner.")
    if state not in (Confirmation.CONFIRMED, Confirmation.CONCERNS):
        raise ValidationError({"state": "Choose whether your organisation confirms it"})
    current = _get_or_make(PartnerConfirmation, agreement=agreement, organisation=organisation)
    current = lock_for_edit(current, expected_version)
    current.state = state
    current.concern = concern.strip() if state == Confirmation.CONCERNS else ""
    current.answered_by, current.answered_at = user, timezone.now()
    save_as(current, by=user)
    return current


def _get_or_make(model: type[M], **keys: Any) -> M:
    """The row for `keys`, made at version 0 if there is none yet (two first saves: one wins)."""
    found = model._default_manager.filter(**keys).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            made = model(**keys, version=0)
            made.save()
            return made
    except IntegrityError:
        return model._default_manager.get(**keys)


@transaction.atomic
def leads_set(
    *,
    programme: Programme,
    component: str,
    leads: list[Any],
    working_group: str,
    user: Any,
    expected_version: int | None,
) -> ComponentLeads:
    current = _get_or_make(ComponentLeads, programme=programme, component=component)
    before = set(current.leads.values_list("pk", flat=True))
    allowed = _member_ids(programme) | before
    if any(person.pk not in allowed for person in leads):
        raise ValidationError({"leads": "Choose members of the programme"})
    current = lock_for_edit(current, expected_version)
    current.working_group = working_group.strip()
    save_as(current, by=user)
    current.leads.set(leads)
    return current


@transaction.atomic
def partner_lead_set(
    *, programme: Programme, organisation: Organisation, lead: Any, user: Any, expected_version: int | None
) -> PartnerLead:
    if not programme.partners.filter(pk=organisation.pk).exists():
        raise ValidationError("That organisation is not a partner in this programme")
    current = _get_or_make(PartnerLead, programme=programme, organisation=organisation)
    if lead is not None and lead.pk not in _member_ids(programme) and lead.pk != current.lead_id:
        raise ValidationError({"lead": "Choose a member of the programme"})
    current = lock_for_edit(current, expected_version)
    current.lead = lead
    save_as(current, by=user)
    return current


CLOSED_REVIEW = "This review is closed, so it can no longer be changed. Start a new review instead"


@transaction.atomic
def review_create(*, programme: Programme, title: str, held_on: Any, user: Any) -> Review:
    review = Review(programme=programme, title=title.strip(), held_on=held_on)
    save_as(review, by=user)
    return review


@transaction.atomic
def review_update(
    *, review: Review, decided: str, reflections: dict[str, str], user: Any, expected_version: int | None
) -> Review:
    current = lock_for_edit(review, expected_version)
    if current.is_closed:
        raise ValidationError(CLOSED_REVIEW)
    current.decided = decided.strip()
    current.reflections = {k: v.strip() for k, v in reflections.items() if v.strip()}
    save_as(current, by=user)
    return current


@transaction.atomic
def review_close(*, review: Review, user: Any, expected_version: int | None) -> Review:
    """Keep what the review saw, for good: it is read-only from now on."""
    current = lock_for_edit(review, expected_version)
    if current.is_closed:
        raise ValidationError(CLOSED_REVIEW)
    current.snapshot = snapshot(current.programme, current.risk_threshold)
    current.status = ReviewStatus.CLOSED
    current.closed_at, current.closed_by = timezone.now(), user
    save_as(current, by=user)
    return current


def import_stage(*, programme: Programme, what: str, name: str, data: bytes, user: Any) -> PendingImport:
    """Keep a checked file for its preview, until someone presses "Import"."""
    return PendingImport.objects.create(
        programme=programme, what=what, name=name[:255], data=data, created_by=user
    )


@transaction.atomic
def import_confirm(*, pending: PendingImport, user: Any) -> tuple[int, list[Any], bool]:
    """Import a previewed file once: (rows created, problems, whether it had already been imported).

    The file is checked again (someone may have left the programme since the preview); all rows
    are written or none. The row lock makes a second, simultaneous confirmation wait and then find
    it done."""
    locked = PendingImport.objects.select_for_update().get(pk=pending.pk)
    if locked.state == PendingImport.DONE:
        return locked.created, [], True
    checked = importing.check(
        programme=locked.programme, data=bytes(locked.data), name=locked.name, what=locked.what, user=user
    )
    if checked.problems:
        return 0, checked.problems, False
    locked.created = importing.write(checked.items, user)
    locked.state = PendingImport.DONE
    locked.data = b""  # the rows are stored now; the file is not needed
    locked.save(update_fields=["created", "state", "data"])
    return locked.created, [], False


def prompt_dismiss(*, programme: Programme, user: Any, key: str) -> bool:
    """Put one reason for a review away for this person; a repeat changes nothing."""
    try:
        with transaction.atomic():
            PromptDismissal.objects.create(programme=programme, user=user, key=key[:80])
    except IntegrityError:
        return False
    return True


@transaction.atomic
def review_bin(*, review: Review, user: Any, expected_version: int | None) -> None:
    """Move a review to the bin. A closed one may be binned only by someone who may restore it."""
    current = lock_for_edit(review, expected_version)
    if current.is_closed and not user.has_perm(RESTORE, current.programme):
        raise PermissionDenied("Only a convenor can move a closed review to the bin")
    move_to_bin(current, by=user)


@transaction.atomic
def digest_choice_set(*, user: Any, weekly: bool, expected_version: int | None) -> DigestChoice:
    current = _get_or_make(DigestChoice, user=user)
    current = lock_for_edit(current, expected_version)
    current.weekly = weekly
    save_as(current, by=user)
    return current
