"""Pulse and relationship survey results: only the aggregates the web pages show to everyone, through
the same results services and the disclosure engine, never an individual answer or a named view."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import Field

from mobilise.accounts.models import OrganisationType
from mobilise.engagement.disclosure import ALL_BUT_FEW, FEWER, SMALL_GROUPS
from mobilise.engagement.rates import rates_by_organisation, response_rate
from mobilise.engagement.reads import get_survey_or_404
from mobilise.pulse.models import RoleGroup
from mobilise.pulse.reads import get_pulse_or_404
from mobilise.pulse.results import Point, pulse_results

from .. import reads
from ..access import programme_for
from ..paging import PageQuery, page
from ..schemas import Page, PulseOut, PulseResultsOut, SurveyOut, SurveySummaryOut

router = Router(tags=["Results"])

# The register's merged row, labelled as the survey page labels it.
SMALLER_ORGANISATIONS = "Smaller organisations together"


class Group(Schema):
    org_type: OrganisationType | None = Field(None, description="Only people from this type of organisation")
    role_group: RoleGroup | None = Field(None, description="Only people in this role group")


@router.get("/{slug}/pulses", response=Page[PulseOut], url_name="pulses", summary="Pulses")
def pulse_list(request: HttpRequest, slug: str, paging: PageQuery) -> dict[str, Any]:
    programme = programme_for(request, slug)
    return page(
        request,
        reads.pulses(programme),
        paging,
        lambda p: {"id": p.pk, "name": p.name, "threshold": p.threshold, "waves": p.wave_count},
    )


def _cell(point: Point, signal: str | None, threshold: int) -> dict[str, Any]:
    withheld = point.refused
    if withheld is None and point.mean is None:
        withheld = f"Fewer than {threshold} people answered this question in this wave."
    share_withheld = withheld
    if share_withheld is None and point.agree is None:
        share_withheld = (
            f"Fewer than {threshold} people agreed, or fewer than {threshold} did not, "
            "so the share could reveal how they answered."
        )
    return {
        "wave": point.wave,
        "people": point.people_shown,
        "mean": point.mean,
        "share_agreeing": point.agree,
        "withheld": withheld,
        "share_withheld": share_withheld,
        "signal": signal,
    }


@router.get(
    "/{slug}/pulses/{pulse_id}/results",
    response=PulseResultsOut,
    url_name="pulse_results",
    summary="A pulse's results by wave and question, under disclosure control (as on the results page)",
)
def pulse_result(request: HttpRequest, slug: str, pulse_id: int, group: Query[Group]) -> dict[str, Any]:
    pulse = get_pulse_or_404(programme_for(request, slug), pulse_id)
    org_type = group.org_type.value if group.org_type else None
    role_group = group.role_group.value if group.role_group else None
    found = pulse_results(pulse, org_type=org_type, role_group=role_group)
    return {
        "pulse": pulse.pk,
        "name": pulse.name,
        "threshold": pulse.threshold,
        "org_type": org_type,
        "role_group": role_group,
        "refusal": found.refusal,
        "waves": [
            {"number": w.number, "opens_on": w.opens_on, "closes_on": w.closes_on} for w in found.waves
        ],
        "questions": [
            {
                "id": t.question.pk,
                "key": t.question.key,
                "name": t.name,
                "text": t.question.text,
                "variation_icon": t.mean_line.variation,
                "waves": [
                    _cell(p, t.point_types[i] if i < len(t.point_types) else None, pulse.threshold)
                    for i, p in enumerate(t.points)
                ],
            }
            for t in found.trends
        ],
        "summary": found.summary,
    }


@router.get("/{slug}/surveys", response=Page[SurveyOut], url_name="surveys", summary="Relationship surveys")
def survey_list(request: HttpRequest, slug: str, paging: PageQuery) -> dict[str, Any]:
    programme = programme_for(request, slug)
    return page(
        request,
        reads.surveys(programme),
        paging,
        lambda s: {
            "id": s.pk,
            "title": s.title,
            "opens_on": s.opens_on,
            "closes_on": s.closes_on,
            "imported": s.is_imported,
        },
    )


def _withheld(text: str) -> str:
    if text == FEWER:
        return "Fewer than 8 have answered, so the count and share are not shown."
    if text == ALL_BUT_FEW:
        return "Fewer than 8 have still to answer, so the count and share are not shown."
    return "Too few people were asked for a share to be shown."


@router.get(
    "/{slug}/surveys/{survey_id}/summary",
    response=SurveySummaryOut,
    url_name="survey_summary",
    summary="A relationship survey's response rate, overall and by organisation, under disclosure control",
)
def survey_summary(request: HttpRequest, slug: str, survey_id: int) -> dict[str, Any]:
    survey = get_survey_or_404(programme_for(request, slug), survey_id)
    rate = response_rate(survey)
    # Always the view of someone who may not see names, whatever the token's role: an API response
    # is easily copied on, so it carries only what every member of the programme may see.
    shown = rate.shown(named=False)
    rows = rates_by_organisation(survey, named=False)
    return {
        "survey": survey.pk,
        "title": survey.title,
        "open": survey.is_open_on(timezone.localdate()),
        "asked": shown.asked.value,
        "answered": shown.answered.value,
        "share": shown.percent.value,
        "withheld": shown.withheld_sentence() if shown.percent.hidden and rate.asked else None,
        "enough_for_diagnosis": rate.enough_for_diagnosis,
        "by_organisation": [
            {
                "organisation": SMALLER_ORGANISATIONS if r.label == SMALL_GROUPS else r.label,
                "asked": r.asked_shown.value,
                "answered": r.answered.value,
                "share": r.percent.value,
                "withheld": _withheld(r.answered.text) if r.answered.hidden or r.percent.hidden else None,
            }
            for r in rows
        ],
    }
