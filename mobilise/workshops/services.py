"""Writes for sessions, their actions, feedback and evaluations. Every change to the team's work
records who made it; anonymous answers record nobody."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from mobilise.accounts.models import Organisation
from mobilise.core.bin import move_to_bin
from mobilise.core.concurrency import lock_for_edit
from mobilise.core.history import save_as
from mobilise.programmes.models import Programme
from mobilise.workspace.models import COMPONENT_CHOICES

from .models import (
    Action,
    DeviceReceipt,
    Evaluation,
    EvaluationAnswer,
    Feedback,
    Series,
    Session,
    Theme,
    ValueCase,
    new_token,
)
from .themes import THEMES, Kind

SESSION_TEXT = ("title", "place", "agenda", "notes", "learnt")
# However many phones share a link, no more than this many answers a minute are taken for it.
ANSWERS_PER_MINUTE = 60
MAX_SERIES = 7
COMPONENT_NAMES = dict(COMPONENT_CHOICES)


class AlreadyAnswered(Exception):
    """This device has already sent an answer to this form."""


class TooManyAnswers(Exception):
    """The link is taking answers faster than any real room could send them."""


def _check_organisations(programme: Programme, organisations: Sequence[Organisation]) -> None:
    allowed = set(programme.partners.values_list("pk", flat=True))
    if any(o.pk not in allowed for o in organisations):
        raise ValidationError({"organisations": "Choose organisations from the list of partners"})


@transaction.atomic
def series_plan(
    *,
    programme: Programme,
    title: str,
    themes: Sequence[Theme],
    first_on: date,
    weeks_between: int,
    place: str,
    user: Any,
) -> Series:
    """A series with one session per chosen theme, spaced evenly, each ready to change.

    Each session takes a copy of its theme's title and agenda, so later edits to the theme
    change only sessions planned after them.
    """
    if not title.strip():
        raise ValidationError({"title": "Enter a name for the series"})
    if not themes or len(themes) > MAX_SERIES:
        raise ValidationError({"themes": f"Choose between 1 and {MAX_SERIES} themes"})
    if any(t.programme_id != programme.pk or t.archived for t in themes):
        raise ValidationError({"themes": "Choose themes from the list"})
    if not 1 <= weeks_between <= 26:
        raise ValidationError({"weeks_between": "Weeks between sessions must be between 1 and 26"})
    series = Series(programme=programme, title=title.strip(), facilitator=user, created_by=user)
    save_as(series, by=user)
    for i, theme in enumerate(themes):
        session = Session(
            programme=programme,
            series=series,
            kind=Kind.WORKSHOP,
            theme=theme.key,
            planned_from=theme,
            component=theme.component,
            title=theme.title,
            agenda=theme.agenda,
            held_on=first_on + timedelta(weeks=weeks_between * i),
            place=place.strip(),
            facilitator=user,
            created_by=user,
        )
        save_as(session, by=user)
    return series


THEME_TEXT = ("title", "agenda")


def themes_start(programme: Programme, user: Any) -> None:
    """The six starter themes for a programme that has none yet (a programme starter)."""
    if Theme.objects.filter(programme=programme).exists():
        return
    for position, starter in enumerate(THEMES):
        theme = Theme(
            programme=programme,
            key=starter.key,
            title=starter.title,
            component=starter.component,
            agenda=starter.agenda,
            position=position,
        )
        save_as(theme, by=user, reason="Starter theme")


def _apply_theme(theme: Theme, data: Mapping[str, Any]) -> None:
    if not (data.get("title") or "").strip():
        raise ValidationError({"title": "Enter a name for the theme"})
    if data.get("component") not in COMPONENT_NAMES:
        raise ValidationError({"component": "Choose the part of the Change Model this theme is about"})
    for name in THEME_TEXT:
        setattr(theme, name, (data.get(name) or "").strip())
    theme.component = data["component"]


@transaction.atomic
def theme_create(*, programme: Programme, data: Mapping[str, Any], user: Any) -> Theme:
    """A new theme for the programme, placed last among its themes."""
    last = Theme.objects.filter(programme=programme).order_by("-position").values_list("position", flat=True)
    theme = Theme(programme=programme, position=(last.first() or 0) + 1)
    _apply_theme(theme, data)
    save_as(theme, by=user)
    return theme


@transaction.atomic
def theme_update(*, theme: Theme, data: Mapping[str, Any], user: Any, expected_version: int | None) -> Theme:
    """Save an edit, or raise EditConflict if someone saved since. Sessions already planned keep
    their own copy of the title and agenda."""
    current = lock_for_edit(theme, expected_version)
    _apply_theme(current, data)
    save_as(current, by=user)
    return current


@transaction.atomic
def theme_move(*, theme: Theme, up: bool, user: Any, expected_version: int | None) -> Theme:
    """Swap the theme with its neighbour among the live themes, or raise EditConflict if the
    theme was changed or moved since the page was read (so a replayed click moves it once)."""
    ordered = list(Theme.objects.select_for_update().filter(programme_id=theme.programme_id).live())
    current = lock_for_edit(theme, expected_version)
    ids = [t.pk for t in ordered]
    if current.pk not in ids:  # archived: it has no place in the order until restored
        raise ValidationError("Restore the theme before moving it")
    index = ids.index(current.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(ordered):
        return current
    ordered[index] = current
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, item in enumerate(ordered):
        if item.pk == current.pk or item.position != position:
            item.position = position
            save_as(item, by=user, reason="Moved")
    return current


@transaction.atomic
def theme_archive(*, theme: Theme, archived: bool, user: Any) -> Theme:
    """Retire the theme from planning, or bring it back (last in the order). Asking twice changes
    nothing; sessions planned from it keep it either way."""
    current = Theme.objects.select_for_update().get(pk=theme.pk)
    if current.archived == archived:
        return current
    current.version += 1
    current.archived = archived
    if not archived:
        live = Theme.objects.filter(programme_id=current.programme_id).live()
        current.position = max(live.values_list("position", flat=True), default=-1) + 1
    save_as(current, by=user, reason="Archived" if archived else "Restored")
    return current


def _apply(session: Session, data: Mapping[str, Any]) -> None:
    if not (data.get("title") or "").strip():
        raise ValidationError({"title": "Enter a name for the session"})
    if data.get("held_on") is None:
        raise ValidationError({"held_on": "Enter the date of the session"})
    for name in SESSION_TEXT:
        setattr(session, name, (data.get(name) or "").strip())
    session.held_on = data["held_on"]
    session.kind = data.get("kind") or Kind.WORKSHOP
    session.component = data.get("component") or ""
    session.people_count = data.get("people_count")


@transaction.atomic
def session_create(*, programme: Programme, data: Mapping[str, Any], user: Any) -> Session:
    organisations = list(data.get("organisations") or [])
    _check_organisations(programme, organisations)
    series: Series | None = data.get("series")
    if series is not None and series.programme_id != programme.pk:
        raise ValidationError({"series": "Choose a series from the list"})
    session = Session(programme=programme, series=series, facilitator=user, created_by=user)
    _apply(session, data)
    theme: Theme | None = data.get("planned_from")
    if theme is not None:
        if theme.programme_id != programme.pk or theme.archived:
            raise ValidationError({"planned_from": "Choose a theme from the list"})
        session.planned_from, session.theme = theme, theme.key
        session.agenda = session.agenda or theme.agenda
        session.component = session.component or theme.component
    save_as(session, by=user)
    session.organisations.set(organisations)
    return session


@transaction.atomic
def session_update(
    *, session: Session, data: Mapping[str, Any], user: Any, expected_version: int | None
) -> Session:
    """Save an edit, or raise EditConflict (holding their version) if someone saved since."""
    organisations = list(data.get("organisations") or [])
    _check_organisations(session.programme, organisations)
    current = lock_for_edit(session, expected_version)
    _apply(current, data)
    save_as(current, by=user)
    current.organisations.set(organisations)
    return current


@transaction.atomic
def session_bin(*, session: Session, user: Any) -> None:
    move_to_bin(session, by=user)


@transaction.atomic
def feedback_link_renew(*, session: Session, user: Any, expected_version: int | None = None) -> Session:
    """A new secret for the link and QR code: the old one stops working at once. From a page that
    is out of date (a second click, a replay) it raises EditConflict, so only one new link is made."""
    current = lock_for_edit(session, expected_version)
    current.feedback_token = new_token()
    current.feedback_open = True
    save_as(current, by=user, reason="New feedback link")
    return current


@transaction.atomic
def feedback_link_open(*, session: Session, is_open: bool, user: Any) -> Session:
    """Close the link (answers are refused kindly) or open it again; asking twice changes nothing."""
    current = Session.objects.select_for_update().get(pk=session.pk)
    if current.feedback_open == is_open:
        return current
    current.version += 1
    current.feedback_open = is_open
    save_as(current, by=user, reason="Feedback link opened" if is_open else "Feedback link closed")
    return current


@transaction.atomic
def action_add(*, session: Session, text: str, owner: str, user: Any) -> Action:
    if not text.strip():
        raise ValidationError({"text": "Enter what will be done"})
    action = Action(
        programme_id=session.programme_id, session=session, text=text.strip(), owner=owner.strip()
    )
    save_as(action, by=user)
    return action


@transaction.atomic
def action_mark(*, action: Action, done: bool, user: Any, expected_version: int | None) -> Action:
    current = lock_for_edit(action, expected_version)
    current.done_on = timezone.localdate() if done else None
    save_as(current, by=user)
    return current


def device_digest(scope: str, device: str) -> str:
    """A keyed hash of the random cookie: it tells one answer from a second, and nobody from anybody."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"{scope}:{device}".encode(), hashlib.sha256).hexdigest()


def _take_a_turn(scope: str) -> None:
    minute = int(timezone.now().timestamp() // 60)
    key = f"workshops:answers:{scope}:{minute}"
    cache.add(key, 0, timeout=120)
    if cache.incr(key) > ANSWERS_PER_MINUTE:
        raise TooManyAnswers


def _receipt(scope: str, device: str) -> None:
    try:
        with transaction.atomic():
            DeviceReceipt.objects.create(scope=scope, digest=device_digest(scope, device))
    except IntegrityError:
        raise AlreadyAnswered from None


@transaction.atomic
def feedback_send(*, session: Session, data: Mapping[str, Any], device: str) -> Feedback:
    """Keep one anonymous answer from this device, or raise AlreadyAnswered / TooManyAnswers."""
    scope = f"s{session.pk}"
    _receipt(scope, device)
    _take_a_turn(scope)
    return Feedback.objects.create(
        programme_id=session.programme_id,
        session=session,
        pace=data["pace"],
        usefulness=data["usefulness"],
        facilitation=data["facilitation"],
        recommend=data["recommend"],
        change=(data.get("change") or "").strip(),
    )


@transaction.atomic
def evaluation_open(*, programme: Programme, title: str, user: Any) -> Evaluation:
    if not title.strip():
        raise ValidationError({"title": "Enter a name for this evaluation, like “After six months”"})
    evaluation = Evaluation(programme=programme, title=title.strip(), created_by=user)
    save_as(evaluation, by=user)
    return evaluation


@transaction.atomic
def evaluation_answer(*, evaluation: Evaluation, data: Mapping[str, Any], device: str) -> EvaluationAnswer:
    scope = f"e{evaluation.pk}"
    _receipt(scope, device)
    _take_a_turn(scope)
    return EvaluationAnswer.objects.create(
        programme_id=evaluation.programme_id,
        evaluation=evaluation,
        slower=data["slower"],
        helped=(data.get("helped") or "").strip(),
        hindered=(data.get("hindered") or "").strip(),
    )


VALUE_TEXT = ("title", "cost_notes", "non_cashable", "assumptions")


def _apply_value(case: ValueCase, data: Mapping[str, Any]) -> None:
    if not (data.get("assumptions") or "").strip():
        raise ValidationError({"assumptions": "Write down the assumptions behind the numbers"})
    for name in VALUE_TEXT:
        setattr(case, name, (data.get(name) or "").strip())
    case.costs = data.get("costs")
    case.cashable = data.get("cashable")
    case.hours_released = data.get("hours_released")


def _check_measures(programme: Programme, measures: Sequence[Any]) -> None:
    if any(m.programme_id != programme.pk for m in measures):
        raise ValidationError({"measures": "Choose measures from the list"})


@transaction.atomic
def value_create(*, programme: Programme, data: Mapping[str, Any], user: Any) -> ValueCase:
    measures = list(data.get("measures") or [])
    _check_measures(programme, measures)
    case = ValueCase(programme=programme, created_by=user)
    _apply_value(case, data)
    save_as(case, by=user)
    case.measures.set(measures)
    return case


@transaction.atomic
def value_update(
    *, case: ValueCase, data: Mapping[str, Any], user: Any, expected_version: int | None
) -> ValueCase:
    measures = list(data.get("measures") or [])
    _check_measures(case.programme, measures)
    current = lock_for_edit(case, expected_version)
    _apply_value(current, data)
    save_as(current, by=user)
    current.measures.set(measures)
    return current


@transaction.atomic
def value_bin(*, case: ValueCase, user: Any) -> None:
    move_to_bin(case, by=user)
