"""Writes for relationship surveys: setting them up, changing them and binning them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from mobilise.core.bin import move_to_bin
from mobilise.core.concurrency import lock_for_edit
from mobilise.core.history import save_as
from mobilise.programmes.models import Programme

from ..models import Question, Survey
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
def survey_create(*, programme: Programme, data: SurveyData, user: Any) -> Survey:
    """A new survey with a roster of the programme's members and the people in its register."""
    _check(data)
    survey = Survey(
        programme=programme,
        title=data.title.strip(),
        introduction=data.introduction.strip(),
        consent_statement=data.consent_statement.strip(),
        opens_on=data.opens_on,
        closes_on=data.closes_on,
        created_by=user,
    )
    save_as(survey, by=user)
    _set_questions(survey, data.questions)
    roster_sync(survey)
    return survey


@transaction.atomic
def survey_update(*, survey: Survey, data: SurveyData, user: Any, expected_version: int | None) -> Survey:
    """Save changes; anyone new to the programme or the register joins the roster."""
    _check(data)
    current = lock_for_edit(survey, expected_version)
    current.title, current.introduction = data.title.strip(), data.introduction.strip()
    current.consent_statement = data.consent_statement.strip()
    current.opens_on, current.closes_on = data.opens_on, data.closes_on
    save_as(current, by=user)
    _set_questions(current, data.questions)
    roster_sync(current)
    return current


@transaction.atomic
def survey_bin(*, survey: Survey, user: Any) -> None:
    move_to_bin(survey, by=user)
