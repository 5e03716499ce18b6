"""Pulse and relationship survey results through the API: only what the results pages show to every
member, number for number, for many generated answer sets including small groups."""

from __future__ import annotations

import html
import re
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from mobilise.engagement.disclosure import NOT_SHOWN, percent_text
from mobilise.pulse import services as pulse_services
from mobilise.pulse.results import fmt_mean, fmt_share
from tests.api.helpers import api_client, survey_with_people, token_for

ORGS = ("nhs_trust", "gp_practice", "local_authority")
ROLES = ("clinical", "management")
QUESTIONS = ("physical", "intellectual", "emotional", "spiritual", "belonging", "valued", "agency")

# One person's answer: organisation type, role group, and a score for each starter question.
person = st.tuples(
    st.sampled_from(ORGS), st.sampled_from(ROLES), st.lists(st.integers(1, 5), min_size=7, max_size=7)
)
# One or two waves of 0 to 24 people: plenty of waves and groups below the threshold of 8.
waves = st.lists(st.lists(person, max_size=24), min_size=1, max_size=2)
# Each example builds pulses through the real answer path, so shrinking is left out: a failure
# prints its whole (small) example, which is readable as it is.
QUICK = (Phase.explicit, Phase.reuse, Phase.generate)
group = st.sampled_from(
    [{}, {"org_type": "nhs_trust"}, {"role_group": "clinical"}, {"org_type": "local_authority"}]
)


def _text(cell: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", cell)).strip()


def page_tables(page: str) -> dict[str, list[list[str]]]:
    """The table under each question's chart: {question name: [[wave, people, mean, agree]]}."""
    over_time = page.split("<h2>Over time</h2>", 1)[1].split("<h2>", 1)[0]
    tables = {}
    for name, body in re.findall(r"<h3>(.*?)</h3>(.*?)</table>", over_time, re.S):
        rows = re.findall(r'<tr class="nhsuk-table__row">\s*<td(.*?)</tr>', body, re.S)
        tables[_text(name)] = [
            [_text(c) for c in re.findall(r'<td class="nhsuk-table__cell">(.*?)</td>', "<td" + row, re.S)][:4]
            for row in rows
        ]
    return tables


def people_number(text: str) -> int | None:
    """The page's "about 45", "45", "fewer than 8" or "not shown" as the API's number or null."""
    digits = re.fullmatch(r"(?:about )?([\d,]+)", text)
    return int(digits.group(1).replace(",", "")) if digits else None


def send_wave(pulse: Any, answers: list[tuple[str, str, list[int]]], user: Any) -> None:
    today = timezone.localdate()
    questions = [q for q in pulse.questions.all() if q.asked_by_default]
    keys = {q.key: q.pk for q in questions}
    sent = pulse_services.wave_open(
        pulse=pulse,
        questions=questions,
        opens_on=today,
        closes_on=today + timedelta(days=7),
        user=user,
        emails=[f"person{i}@example.nhs.uk" for i in range(max(len(answers), 1))],
    )
    for token, (org, role, scores) in zip(sent.links.values(), answers, strict=False):
        invitation = pulse_services.invitation_for(token)
        assert invitation is not None
        pulse_services.answer_submit(
            invitation=invitation,
            scores={keys[k]: v for k, v in zip(QUESTIONS, scores, strict=True) if k in keys},
            texts={},
            org_type=org,
            role_group=role,
            today=today,
        )


@pytest.mark.django_db
@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture], phases=QUICK
)
@given(answer_sets=waves, view=group)
def test_pulse_results_are_the_numbers_the_page_shows(
    cast: Any, as_member: Any, answer_sets: list[list[Any]], view: dict[str, str]
) -> None:
    pulse = pulse_services.pulse_create(
        programme=cast.programme, name="Energy pulse", cadence=28, threshold=8, user=cast.convenor
    )
    for answers in answer_sets:
        send_wave(pulse, answers, cast.convenor)
    url = reverse("pulse:results", kwargs={"slug": cast.programme.slug, "pk": pulse.pk})
    page = as_member.get(url, view).content.decode()
    client = api_client(token_for(cast.member, [cast.programme], access="read"))
    response = client.get(f"/api/v1/programmes/{cast.programme.slug}/pulses/{pulse.pk}/results", view)
    assert response.status_code == 200, response.content
    results = response.json()

    shown = page_tables(page)
    assert list(shown) == [q["name"] for q in results["questions"]]
    for question in results["questions"]:
        from_api = [
            [str(c["wave"]), c["people"], fmt_mean(c["mean"]), fmt_share(c["share_agreeing"])]
            for c in question["waves"]
        ]
        from_page = [[w, people_number(p), m, a] for w, p, m, a in shown[question["name"]]]
        assert from_api == from_page, question["name"]
        for cell in question["waves"]:
            # Nothing about fewer than 8 people; every gap says why.
            assert cell["people"] in (None, 0) or cell["people"] >= 8
            assert (cell["mean"] is None) == (cell["withheld"] is not None)
            assert (cell["share_agreeing"] is None) == (cell["share_withheld"] is not None)
    for line in results["summary"]:
        assert html.escape(line, quote=False) in page or line in html.unescape(page)
    if results["refusal"]:
        assert html.escape(results["refusal"], quote=False) in page


def rate_rows(page: str) -> list[list[str]]:
    body = page.split("Answers so far, by organisation", 1)[1].split("</tbody>", 1)[0]
    return [
        [_text(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr><th scope=\"row\">.*?</tr>", body, re.S)
    ]


organisations = st.dictionaries(
    st.sampled_from(["Oak Lane Surgery", "City Hospital", "Riverside Council", "Hillside PCN", "Age UK"]),
    st.integers(1, 30).flatmap(lambda asked: st.tuples(st.just(asked), st.integers(0, asked))),
    min_size=2,
    max_size=5,
)


@pytest.mark.django_db
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture], phases=QUICK
)
@given(groups=organisations)
def test_survey_response_rates_are_the_numbers_the_page_shows(
    cast: Any, as_member: Any, groups: dict[str, tuple[int, int]]
) -> None:
    survey = survey_with_people(cast.programme, cast.convenor, groups)
    url = reverse("engagement:survey_rate", kwargs={"slug": cast.programme.slug, "pk": survey.pk})
    page = as_member.get(url).content.decode()
    # Even a convenor's token, who sees names and exact numbers on the page, gets the protected view.
    client = api_client(token_for(cast.convenor, [cast.programme], access="read"))
    response = client.get(f"/api/v1/programmes/{cast.programme.slug}/surveys/{survey.pk}/summary")
    assert response.status_code == 200, response.content
    summary = response.json()

    # The number asked is the protected one too: rounded to 5, or withheld when fewer than 8.
    total = sum(asked for asked, _ in groups.values())
    if total < 8:
        assert summary["asked"] is None
    else:
        assert summary["asked"] % 5 == 0 and abs(summary["asked"] - total) <= 5
    if summary["share"] is None:
        assert html.escape(summary["withheld"]) in page
    else:
        assert (
            f"<strong>{percent_text(summary['share'])}</strong> have answered: {summary['answered']:,} of"
            in page
        )
    rows = rate_rows(page) if len(summary["by_organisation"]) > 1 else []
    from_api = [
        [
            r["organisation"],
            f"{r['asked']:,}" if r["asked"] is not None else None,
            f"{r['answered']:,}" if r["answered"] is not None else None,
            percent_text(r["share"]) if r["share"] is not None else NOT_SHOWN,
        ]
        for r in summary["by_organisation"]
    ]
    if rows:
        assert [[o, p] for o, _, _, p in from_api] == [[o, p] for o, _, _, p in rows]
        for api_row, page_row in zip(from_api, rows, strict=True):
            for k in (1, 2):
                assert api_row[k] == page_row[k] or (api_row[k] is None and "fewer than 8" in page_row[k])
    for r in summary["by_organisation"]:
        if r["asked"] is None:  # fewer than 8 asked: no share, and answered only when it is none at all
            assert r["share"] is None and r["answered"] in (None, 0)
            continue
        assert r["asked"] >= 8 or r["organisation"] == "Smaller organisations together"
        answered, rest = r["answered"], r["asked"] - (r["answered"] or 0)
        assert answered is None or answered == 0 or (answered >= 8 and (rest == 0 or rest >= 8))
        assert (r["answered"] is None or r["share"] is None) == (r["withheld"] is not None)
