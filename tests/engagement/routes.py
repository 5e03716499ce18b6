"""Permission-matrix entries for the relationships part.

The app's own permissions map onto the matrix's: "stage" means convenors and facilitators
(`engagement.view_named`: named network data), "manage" means convenors only
(`engagement.run_surveys`, `engagement.set_goal`).

`engagement:survey_link` is the one public route: a single-use link for answering a survey
without an account, so it does not send anonymous visitors to sign in. Its signed token is the
permission: a bad or changed token gives 404 and a used one 410 (see tests/engagement/test_links.py).
"""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from mobilise.engagement.services.answering import link_token

from .factories import StakeholderFactory
from .helpers import answer, entry_for, make_survey, stored_analysis


def _slug(cast: Any) -> dict[str, Any]:
    return {"slug": cast.programme.slug}


def _stakeholder(cast: Any) -> dict[str, Any]:
    return {**_slug(cast), "pk": StakeholderFactory(programme=cast.programme).pk}


def _survey(cast: Any) -> dict[str, Any]:
    return {**_slug(cast), "pk": make_survey(cast.programme, cast.convenor).pk}


def _answered_survey(cast: Any) -> Any:
    survey = make_survey(cast.programme, cast.convenor)
    answer(survey, entry_for(survey, cast.member), entry_for(survey, cast.convenor))
    return survey


def _analysed(cast: Any) -> dict[str, Any]:
    survey = _answered_survey(cast)
    stored_analysis(
        survey,
        {
            "suggested_introductions": [
                {"pair": [f"m{cast.member.pk}", f"m{cast.viewer.pk}"], "reason": "Joins two groups"}
            ]
        },
    )
    return {**_slug(cast), "pk": survey.pk}


def _analysis_status(cast: Any) -> dict[str, Any]:
    survey = _answered_survey(cast)
    return {**_slug(cast), "pk": survey.pk, "analysis": stored_analysis(survey, {}).pk}


def _link(cast: Any) -> dict[str, Any]:
    survey = make_survey(cast.programme, cast.convenor)
    return {"token": link_token(entry_for(survey, cast.member).respondent)}


STAKEHOLDER_DATA = {
    "name": "Cllr Jo Bell",
    "kind": "person",
    "formal_authority": "high",
    "informal_influence": "medium",
    "engagement_current": "for",
    "engagement_desired": "with",
    "stance": "supporter",
    "version": "1",
}
SURVEY_DATA = {
    "title": "Advice network, spring",
    "questions": "Who do you go to for advice?",
    "consent_statement": "Only convenors see names.",
    "opens_on": "01/01/2026",
    "closes_on": "31/12/2030",
    "version": "1",
}

ROUTES: dict[str, dict[str, Any]] = {
    "engagement:stakeholders": {"kwargs": _slug, "methods": ["GET"], "perm": "view"},
    "engagement:stakeholder_create": {
        "kwargs": _slug,
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": lambda cast: {**STAKEHOLDER_DATA, "version": "0"},
    },
    "engagement:stakeholder_detail": {"kwargs": _stakeholder, "methods": ["GET"], "perm": "view"},
    "engagement:stakeholder_edit": {
        "kwargs": _stakeholder,
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": lambda cast: STAKEHOLDER_DATA,
    },
    "engagement:stakeholder_move": {
        "kwargs": _stakeholder,
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": lambda cast: {"formal_authority": "high", "informal_influence": "high", "version": "1"},
    },
    "engagement:stakeholder_delete": {"kwargs": _stakeholder, "methods": ["GET", "POST"], "perm": "edit"},
    "engagement:map": {"kwargs": _slug, "methods": ["GET"], "perm": "view"},
    "engagement:movement": {"kwargs": _slug, "methods": ["GET"], "perm": "view"},
    "engagement:critical_mass": {"kwargs": _slug, "methods": ["GET"], "perm": "view"},
    "engagement:critical_mass_goal": {
        "kwargs": _slug,
        "methods": ["POST"],
        "perm": "manage",
        "post_data": lambda cast: {"goal": "150", "version": "0"},
    },
    "engagement:surveys": {"kwargs": _slug, "methods": ["GET"], "perm": "view"},
    "engagement:survey_create": {
        "kwargs": _slug,
        "methods": ["GET", "POST"],
        "perm": "manage",
        "post_data": lambda cast: SURVEY_DATA,
    },
    "engagement:network_import": {
        "kwargs": _slug,
        "methods": ["GET", "POST"],
        "perm": "manage",
        "post_data": lambda cast: {
            "title": "Workshop network",
            "file": SimpleUploadedFile(
                "ties.csv", b"source,target\nAmira Khan,Tom Reid\n", content_type="text/csv"
            ),
        },
    },
    "engagement:survey_detail": {"kwargs": _survey, "methods": ["GET"], "perm": "view"},
    "engagement:survey_rate": {"kwargs": _survey, "methods": ["GET"], "perm": "view"},
    "engagement:survey_edit": {
        "kwargs": _survey,
        "methods": ["GET", "POST"],
        "perm": "manage",
        "post_data": lambda cast: SURVEY_DATA,
    },
    "engagement:survey_delete": {"kwargs": _survey, "methods": ["GET", "POST"], "perm": "manage"},
    "engagement:survey_links": {"kwargs": _survey, "methods": ["GET"], "perm": "manage"},
    "engagement:survey_links_csv": {"kwargs": _survey, "methods": ["GET"], "perm": "manage"},
    "engagement:survey_send": {"kwargs": _survey, "methods": ["POST"], "perm": "manage"},
    "engagement:survey_remind": {"kwargs": _survey, "methods": ["POST"], "perm": "manage"},
    "engagement:survey_answer": {
        "kwargs": _survey,
        "methods": ["GET", "POST"],
        "perm": "view",
        "post_data": lambda cast: {"step": "0", "consent": "on"},
    },
    "engagement:survey_analyse": {
        "kwargs": lambda cast: {**_slug(cast), "pk": _answered_survey(cast).pk},
        "methods": ["POST"],
        "perm": "stage",
    },
    "engagement:analysis_status": {"kwargs": _analysis_status, "methods": ["GET"], "perm": "stage"},
    "engagement:survey_results": {"kwargs": _analysed, "methods": ["GET"], "perm": "stage"},
    "engagement:survey_picture": {"kwargs": _analysed, "methods": ["GET"], "perm": "view"},
    "engagement:survey_results_csv": {"kwargs": _analysed, "methods": ["GET"], "perm": "stage"},
    "engagement:survey_picture_csv": {"kwargs": _analysed, "methods": ["GET"], "perm": "view"},
    "engagement:introduction_decide": {
        "kwargs": _analysed,
        "methods": ["POST"],
        "perm": "stage",
        "post_data": lambda cast: {
            "first": f"m{cast.member.pk}",
            "second": f"m{cast.viewer.pk}",
            "decision": "confirmed",
        },
    },
    "engagement:survey_link": {"kwargs": _link, "methods": ["GET", "POST"], "perm": "token", "public": True},
}
