"""Writes for relationship surveys: setting them up, changing them and binning them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from mobilise.core.bin import move_to_bin
from mobilise.core.history import save_as
from mobilise.programmes.models import Programme

from ..models import Question, Survey
from ..replays import create_once, lock_unless_same
from .roster import roster_sync

MAX_QUESTIONS = 5


@dataclass(frozen=True)
class SurveyData:
    title: str
    introduction: str
    consent_statement: str
    opens_on: date
    closes_on: date
    questions: list[str]


def _check(data: SurveyData) -> None:
    errors: dict[str, str] = {}
    if not data.title.strip():
        errors["title"] = "Enter a title"
    if not data.consent_statement.strip():
        errors["consent_statement"] = "Enter a consent statement"
    if data.closes_on < data.opens_on:
        errors["closes_on"] = "The closing date must be the same as or after the opening date"
    if not data.questions:
        errors["questions"] = "Enter at least one question"
    elif len(data.questions) > MAX_QUESTIONS:
        errors["questions"] = f"Enter {MAX_QUESTIONS} questions or fewer"
    if errors:
        raise ValidationError(errors)


def _set_questions(survey: Survey, questions: list[str]) -> None:
    current = [q.text for q in survey.questions.order_by("position")]
    if current == questions:
        return
    if survey.ties.exists():
        raise ValidationError({"questions": "The questions cannot change once people have started answering"})
    survey.questions.all().delete()
    Question.objects.bulk_create(
        [Question(survey=survey, position=i, text=text) for i, text in enumerate(questions, start=1)]
    )


@transaction.atomic
def survey_create(*, programme: Programme, data: SurveyData, user: Any, form_key: str = "") -> Survey:
    """A new survey with a roster of the programme's members and the people in its register.

    A replayed post (same form key) returns the survey the first one made."""
    _check(data)

    def create() -> Survey:
        survey = Survey(
            programme=programme,
            title=data.title.strip(),
            introduction=data.introduction.strip(),
            consent_statement=data.consent_statement.strip(),
            opens_on=data.opens_on,
            closes_on=data.closes_on,
            created_by=user,
            form_key=form_key,
        )
        save_as(survey, by=user)
        _set_questions(survey, data.questions)
        roster_sync(survey)
        return survey

    return create_once(Survey, programme, form_key, create)[0]


@transaction.atomic
def survey_update(*, survey: Survey, data: SurveyData, user: Any, expected_version: int | None) -> Survey:
    """Save changes; anyone new to the programme or the register joins the roster."""
    _check(data)
    current, changed = lock_unless_same(survey, expected_version, lambda c: _says(c, data))
    if changed:
        current.title, current.introduction = data.title.strip(), data.introduction.strip()
        current.consent_statement = data.consent_statement.strip()
        current.opens_on, current.closes_on = data.opens_on, data.closes_on
        save_as(current, by=user)
        _set_questions(current, data.questions)
    roster_sync(current)
    return current


def _says(survey: Survey, data: SurveyData) -> bool:
    """Whether the survey already holds exactly this data (a replayed save)."""
    return (
        survey.title,
        survey.introduction,
        survey.consent_statement,
        survey.opens_on,
        survey.closes_on,
    ) == (
        data.title.strip(),
        data.introduction.strip(),
        data.consent_statement.strip(),
        data.opens_on,
        data.closes_on,
    ) and [q.text for q in survey.questions.order_by("position")] == data.questions


@transaction.atomic
def survey_bin(*, survey: Survey, user: Any) -> None:
    """Move to the bin once: a replay finds it there and changes nothing."""
    current = Survey.all_objects.select_for_update().get(pk=survey.pk)
    if current.deleted_at is None:
        move_to_bin(current, by=user)
