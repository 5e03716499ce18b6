"""Changes to tests of change, stakeholders, actions and risks sent through the API.

Each one goes through the web's own service (the same checks, history and version rules); here the
ids sent are turned into the programme's own objects, and an update starts from what is stored so a
body names only what it changes. An id that is not the programme's is a located error, as on a form.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet

from mobilise.delivery import services as delivery
from mobilise.delivery.models import Action, ActionStatus, Risk
from mobilise.engagement.models import Stakeholder
from mobilise.engagement.services import register
from mobilise.pdsa import services as pdsa
from mobilise.pdsa.models import TestOfChange
from mobilise.programmes.models import Programme

from . import reads

_M = TypeVar("_M", bound=Model)

# Which of the programme's objects each id field names, and what to say when it is not one of them.
LINKS: dict[str, tuple[Any, str]] = {
    "change_idea": (reads.change_ideas, "Choose a change idea of this programme"),
    "site": (reads.partners, "Choose a site from the programme's partners"),
    "partner": (reads.partners, "Choose a partner from the list"),
    "owner": (reads.members, "Choose a member of the programme"),
    "measure": (reads.measures, "Choose a measure of this programme"),
}


def _linked(programme: Programme, data: Mapping[str, Any]) -> dict[str, Any]:
    """The body with each id replaced by the programme's object; every unknown id is an error."""
    out = dict(data)
    errors: dict[str, str] = {}
    for name, (found_in, message) in LINKS.items():
        pk = data.get(name)
        if name not in data or pk is None:
            continue
        queryset: QuerySet[Any] = found_in(programme)
        obj = queryset.filter(pk=pk).first()
        if obj is None:
            errors[name] = message
        out[name] = obj
    if errors:
        raise ValidationError(errors)
    return out


def _values(obj: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in names}


# Tests of change -------------------------------------------------------------------------------------

TEST_FIELDS = (
    *pdsa.TEXT_FIELDS,
    "stage",
    "outcome",
    "prediction_result",
    "people_count",
    "planned_start",
    "done_on",
    "change_idea",
    "site",
)


def test_of_change_create(*, programme: Programme, data: Mapping[str, Any], user: Any) -> TestOfChange:
    return pdsa.test_create(programme=programme, data=_linked(programme, data), user=user)


def test_of_change_change(
    *, test: TestOfChange, data: Mapping[str, Any], version: int, user: Any
) -> TestOfChange:
    merged = {
        **_values(test, TEST_FIELDS),
        "people": list(test.people.all()),
        **_linked(test.programme, data),
    }
    return pdsa.test_update(test=test, data=merged, user=user, expected_version=version)


# Stakeholders ------------------------------------------------------------------------------------

STAKEHOLDER_FIELDS = tuple(
    f for f in register.StakeholderData.__dataclass_fields__ if f not in ("stance", "member", "email")
)


def _stakeholder_data(values: Mapping[str, Any], member: Any, email: str) -> register.StakeholderData:
    # The API never reads or sets a stance (a judgement that stays on the web pages), so it is left as it is.
    return register.StakeholderData(
        **{k: values[k] for k in STAKEHOLDER_FIELDS if k in values}, stance=None, member=member, email=email
    )


def stakeholder_create(*, programme: Programme, data: Mapping[str, Any], user: Any) -> Stakeholder:
    linked = _linked(programme, data)
    return register.stakeholder_create(
        programme=programme, data=_stakeholder_data(linked, None, ""), user=user
    )


def stakeholder_change(
    *, stakeholder: Stakeholder, data: Mapping[str, Any], version: int, user: Any
) -> Stakeholder:
    merged = {**_values(stakeholder, STAKEHOLDER_FIELDS), **_linked(stakeholder.programme, data)}
    return register.stakeholder_update(
        stakeholder=stakeholder,
        data=_stakeholder_data(merged, stakeholder.member, stakeholder.email),
        user=user,
        expected_version=version,
    )


# Actions and risks ---------------------------------------------------------------------------------


def _check_action(data: Mapping[str, Any]) -> None:
    if data.get("status") == ActionStatus.STUCK and not (data.get("in_the_way") or "").strip():
        raise ValidationError({"in_the_way": "Say what is in the way, so others can help"})


def action_create(*, programme: Programme, data: Mapping[str, Any], user: Any) -> Action:
    linked = _linked(programme, data)
    _check_action(linked)
    return delivery.item_create(model=Action, programme=programme, data=linked, user=user)


def action_change(*, action: Action, data: Mapping[str, Any], version: int, user: Any) -> Action:
    merged = {**_values(action, delivery.FIELDS[Action]), **_linked(action.programme, data)}
    _check_action(merged)
    return delivery.item_update(item=action, data=merged, user=user, expected_version=version)


def risk_create(*, programme: Programme, data: Mapping[str, Any], user: Any) -> Risk:
    return delivery.item_create(model=Risk, programme=programme, data=_linked(programme, data), user=user)


def risk_change(*, risk: Risk, data: Mapping[str, Any], version: int, user: Any) -> Risk:
    merged = {**_values(risk, delivery.FIELDS[Risk]), **_linked(risk.programme, data)}
    return delivery.item_update(item=risk, data=merged, user=user, expected_version=version)
