"""Getting engagement objects within a programme, or 404: views never query the models directly."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404

from mobilise.programmes.models import Programme

from .models import NetworkAnalysis, Respondent, Stakeholder, Survey


def stakeholders_in(programme: Programme) -> Any:
    return Stakeholder.objects.filter(programme=programme).select_related("owner")


def get_stakeholder_or_404(programme: Programme, pk: int, *, include_binned: bool = False) -> Stakeholder:
    manager: Any = Stakeholder.all_objects if include_binned else Stakeholder.objects
    found: Stakeholder = get_object_or_404(
        manager.select_related("owner", "member"), programme=programme, pk=pk
    )
    return found


def stakeholder_history(stakeholder: Stakeholder, limit: int = 50) -> list[Any]:
    return list(
        stakeholder.history.select_related("history_user").order_by("-history_date", "-history_id")[:limit]
    )


def surveys_in(programme: Programme) -> Any:
    return Survey.objects.filter(programme=programme)


def get_survey_or_404(programme: Programme, pk: int, *, include_binned: bool = False) -> Survey:
    manager: Any = Survey.all_objects if include_binned else Survey.objects
    found: Survey = get_object_or_404(manager, programme=programme, pk=pk)
    return found


def latest_analysis(survey: Survey) -> NetworkAnalysis | None:
    """The newest analysis, without its result (a big document, read only where it is used)."""
    found: NetworkAnalysis | None = survey.analyses.defer("result").order_by("-created_at", "-pk").first()
    return found


def latest_finished_analysis(survey: Survey) -> NetworkAnalysis | None:
    """The newest finished analysis, without its result (read when first used)."""
    found: NetworkAnalysis | None = (
        survey.analyses.defer("result").filter(status="done").order_by("-created_at", "-pk").first()
    )
    return found


def get_analysis_or_404(survey: Survey, pk: int) -> NetworkAnalysis:
    found: NetworkAnalysis = get_object_or_404(NetworkAnalysis, survey=survey, pk=pk)
    return found


def respondent_for_user(survey: Survey, user: Any) -> Respondent | None:
    """The signed-in person's place on the survey's list, if they have one."""
    found: Respondent | None = (
        Respondent.objects.filter(survey=survey, user_id=user.pk).select_related("survey", "entry").first()
    )
    return found


def respondents_with_entries(survey: Survey, *, with_users: bool = False) -> list[Respondent]:
    related = ("entry", "entry__user", "entry__stakeholder") if with_users else ("entry",)
    return list(survey.respondents.select_related(*related).order_by("entry__name", "pk"))


def with_email() -> Q:
    """Respondents who can be sent their link: a member with an email address, or someone in the
    register (not binned) whose email address was recorded for sending links."""
    member = Q(entry__user__isnull=False) & ~Q(entry__user__email="")
    stakeholder = (
        Q(entry__user__isnull=True)
        & Q(entry__stakeholder__isnull=False)
        & Q(entry__stakeholder__deleted_at__isnull=True)
        & ~Q(entry__stakeholder__email="")
    )
    return member | stakeholder


def email_of(respondent: Respondent) -> str:
    """Where a respondent's link goes: their account's address, else the register's (needs the
    entry's user and stakeholder loaded)."""
    entry = respondent.entry
    if entry.user is not None:
        return str(entry.user.email)
    stakeholder = entry.stakeholder
    if stakeholder is not None and stakeholder.deleted_at is None:
        return str(stakeholder.email)
    return ""


def stakeholders_with_email(programme: Programme) -> Any:
    """People in the register (not binned) with an email address for sending them links."""
    return Stakeholder.objects.filter(programme=programme).exclude(email="")


def sending_summary(survey: Survey) -> dict[str, int]:
    """How many on the roster have been emailed, are waiting to be, or have no email address."""
    counts = survey.respondents.aggregate(
        emailed=Count("pk", filter=Q(emailed_at__isnull=False)),
        queued=Count("pk", filter=~Q(outbox="")),
        without_email=Count("pk", filter=~with_email()),
        total=Count("pk"),
    )
    return {k: int(v or 0) for k, v in counts.items()}
