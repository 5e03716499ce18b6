"""Analysing a survey, the diagnosis, the picture, introductions, the what-if, and privacy."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from typing import Any

from django.urls import reverse

from mobilise.engagement.models import AnalysisStatus, IntroductionDecision, NetworkAnalysis, Survey

from .factories import StakeholderFactory
from .helpers import answer, entry_for, make_survey, people_columns, stored_analysis


def _url(name: str, cast: Any, survey: Survey) -> str:
    return reverse(f"engagement:{name}", kwargs={"slug": cast.programme.slug, "pk": survey.pk})


def _main(response: Any) -> str:
    page = response.content.decode()
    return page[page.index("<main") : page.index("</main>")]


def _ring_survey(cast: Any, *, answering: int | None = None) -> Survey:
    """Twelve people each naming the next two round a ring; only the first `answering` send answers."""
    for i in range(8):
        StakeholderFactory(
            programme=cast.programme,
            name=f"Colleague {i}",
            organisation_type="voluntary",
            formal_authority="high" if i < 2 else "none",
        )
    survey = make_survey(cast.programme, cast.convenor)
    roster = list(survey.roster.order_by("pk"))
    for i, entry in enumerate(roster):
        answer(
            survey,
            entry,
            roster[(i + 1) % len(roster)],
            roster[(i + 2) % len(roster)],
            submit=answering is None or i < answering,
        )
    return survey


def test_a_convenor_runs_the_analysis_in_the_background_and_sees_the_diagnosis(
    cast: Any, as_convenor: Any
) -> None:
    survey = _ring_survey(cast)
    response = as_convenor.post(_url("survey_analyse", cast, survey))
    analysis = NetworkAnalysis.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/analyses/{analysis.pk}/")
    status = as_convenor.get(response["Location"]).content.decode()
    assert "The analysis has finished" in status  # the test queue runs tasks at once
    assert (analysis.status, analysis.progress) == (AnalysisStatus.DONE, 100)

    page = _main(as_convenor.get(_url("survey_results", cast, survey)))
    assert "Distributed and well connected" in page
    assert "What we saw" in page
    assert "Colleague 3" in page  # names, for convenors
    assert '<script type="application/json" id="network-data">' in page
    assert '<table class="nhsuk-table" id="network-table">' in page


def test_the_progress_fragment_refreshes_itself_until_done(cast: Any, as_convenor: Any) -> None:
    survey = _ring_survey(cast)
    analysis = NetworkAnalysis.objects.create(
        survey=survey, status=AnalysisStatus.RUNNING, progress=40, step="Measuring the network of 12 people"
    )
    url = reverse(
        "engagement:analysis_status",
        kwargs={"slug": cast.programme.slug, "pk": survey.pk, "analysis": analysis.pk},
    )
    fragment = as_convenor.get(url, headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith('<div id="analysis-progress"')
    assert 'hx-trigger="every 1s"' in fragment and 'value="40"' in fragment
    assert "Measuring the network of 12 people (40%)" in fragment
    assert ">Refresh</a>" in fragment  # works with JavaScript off too


def test_the_diagnosis_is_withheld_with_the_reason_below_70_percent(cast: Any, as_convenor: Any) -> None:
    survey = _ring_survey(cast, answering=6)  # 6 of 12 answered
    as_convenor.post(_url("survey_analyse", cast, survey))
    page = _main(as_convenor.get(_url("survey_results", cast, survey)))
    assert "The diagnosis is held back" in page
    assert "Only 50% of people asked had answered" in page
    assert "Distributed and well connected" not in page and "What we saw" not in page
    assert "Held back until more people have answered" in page  # no suggested introductions either
    assert '<table class="nhsuk-table" id="network-table">' in page  # the picture is still there


def test_an_imported_network_is_diagnosed_without_a_response_rate(cast: Any, as_convenor: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    rows = "\n".join(f"P{i},P{(i + 1) % 6}" for i in range(6))
    as_convenor.post(
        reverse("engagement:network_import", kwargs={"slug": cast.programme.slug}),
        {"title": "Old map", "file": SimpleUploadedFile("t.csv", f"source,target\n{rows}\n".encode())},
    )
    survey = Survey.objects.get()
    as_convenor.post(_url("survey_analyse", cast, survey))
    page = _main(as_convenor.get(_url("survey_results", cast, survey)))
    assert "held back" not in page
    assert "Chain-like" in page or "Mixed" in page or "Hub-dependent" in page


def test_members_see_the_structure_without_any_names(cast: Any, as_convenor: Any, as_member: Any) -> None:
    survey = _ring_survey(cast)
    as_convenor.post(_url("survey_analyse", cast, survey))
    assert as_member.get(_url("survey_results", cast, survey)).status_code == 403
    page = _main(as_member.get(_url("survey_picture", cast, survey)))
    for name in ("Colleague", "Test Convenor", "Test Viewer", "Test Facilitator"):
        assert name not in page
    number = entry_for(survey, cast.convenor).number
    assert f"Person {number}" in page
    assert "Suggested introductions" not in page and "Single points of failure</h3>" not in page


def _sheet(response: Any) -> list[list[str]]:
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff"))))


def _table(page: str) -> list[list[str]]:
    body = page.split('id="network-table"')[1].split("<tbody")[1].split("</tbody>")[0]
    return [re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", row) for row in re.findall(r"<tr>(.*?)</tr>", body)]


def test_the_table_of_everyone_downloads_as_the_page_shows_it(
    cast: Any, as_convenor: Any, as_member: Any
) -> None:
    survey = _ring_survey(cast)
    as_convenor.post(_url("survey_analyse", cast, survey))
    # Names for convenors and facilitators, row for row as their page shows them.
    named_page = as_convenor.get(_url("survey_results", cast, survey)).content.decode()
    named = _sheet(as_convenor.get(_url("survey_results_csv", cast, survey)))
    assert named[0] == ["Person", "Organisation", "Type of organisation", "Named by", "Notes"]
    assert named[1:] == [[html.unescape(c) for c in row] for row in _table(named_page)]
    assert any(row[0] == "Test Convenor" for row in named)
    # Members get numbers, merged groups and hidden counts, exactly as on their page, and no names.
    page = as_member.get(_url("survey_picture", cast, survey)).content.decode()
    sheet = as_member.get(_url("survey_picture_csv", cast, survey))
    rows = _sheet(sheet)
    assert rows[0] == ["Person", "Type of organisation", "Named by", "Notes"]
    assert rows[1:] == [[html.unescape(c) for c in row] for row in _table(page)]
    for name in ("Colleague", "Test Convenor", "Test Viewer", "Test Facilitator"):
        assert name not in sheet.content.decode()
    assert as_member.get(_url("survey_results_csv", cast, survey)).status_code == 403


def test_no_table_to_download_before_an_analysis_or_for_a_tiny_network(
    cast: Any, as_convenor: Any, as_member: Any
) -> None:
    survey = make_survey(cast.programme, cast.convenor)  # 4 people
    assert as_member.get(_url("survey_picture_csv", cast, survey)).status_code == 404
    stored_analysis(survey, {"people": people_columns(list(survey.roster.values_list("key", flat=True)))})
    # Fewer than 8 people: the page shows members no table, so there is none to download either.
    assert as_member.get(_url("survey_picture_csv", cast, survey)).status_code == 404
    assert len(_sheet(as_convenor.get(_url("survey_results_csv", cast, survey)))) == 5


def test_small_counts_and_small_groups_are_hidden_from_members(cast: Any, as_member: Any) -> None:
    survey = make_survey(cast.programme, cast.convenor)  # 4 people
    convenor = entry_for(survey, cast.convenor)
    stored_analysis(
        survey,
        {
            "metrics": {"people": 4, "ties": 9, "isolates": 0},
            "diagnosis": {
                "label": "hub_dependent",
                "evidence": [
                    f"~{convenor.key} is directly tied to 100% of everyone else.",
                    "3 people are single points of failure.",
                ],
                "flags": [{"code": "small_network", "message": "Only 4 people: treat these as indicative."}],
            },
            "people": people_columns(list(survey.roster.values_list("key", flat=True))),
        },
    )
    page = _main(as_member.get(_url("survey_picture", cast, survey)))
    assert '<th scope="row">People</th><td class="nhsuk-table__cell--numeric">fewer than 8</td>' in page
    # 9 ties are shown rounded to the nearest 5.
    assert '<th scope="row">Ties</th><td class="nhsuk-table__cell--numeric">10</td>' in page
    assert '<th scope="row">Isolated people</th><td class="nhsuk-table__cell--numeric">0</td>' in page
    # 100% of the 3 others is a count of 3: the share is put in words.
    assert f"Person {convenor.number} is directly tied to nearly all of everyone else." in page
    assert "fewer than 8 people are single points of failure" in page
    assert "Fewer than 8 people: treat these as indicative." in page
    assert (
        '<th scope="row">Smaller groups</th><td class="nhsuk-table__cell--numeric">fewer than 8</td>' in page
    )


def test_convenors_see_names_in_place_of_the_engines_ids(cast: Any, as_convenor: Any) -> None:
    survey = make_survey(cast.programme, cast.convenor)
    convenor = entry_for(survey, cast.convenor)
    stored_analysis(
        survey,
        {
            "diagnosis": {
                "label": "hub_dependent",
                "evidence": [f"~{convenor.key} is directly tied to 100% of everyone else."],
            }
        },
    )
    page = _main(as_convenor.get(_url("survey_results", cast, survey)))
    assert "Test Convenor is directly tied to 100% of everyone else." in page


def test_suggested_introductions_are_confirmed_or_dismissed_by_a_person(cast: Any, as_convenor: Any) -> None:
    survey = make_survey(cast.programme, cast.convenor)
    member, viewer = entry_for(survey, cast.member), entry_for(survey, cast.viewer)
    stored_analysis(
        survey,
        {
            "suggested_introductions": [
                {
                    "pair": [member.key, viewer.key],
                    "reason": f"~{member.key} and ~{viewer.key} both know the convenor.",
                }
            ]
        },
    )
    page = _main(as_convenor.get(_url("survey_results", cast, survey)))
    assert "Test Member and Test Viewer both know the convenor." in page
    assert 'Confirm<span class="nhsuk-u-visually-hidden"> introducing Test Member and Test Viewer' in page

    url = _url("introduction_decide", cast, survey)
    as_convenor.post(url, {"first": member.key, "second": viewer.key, "decision": "confirmed"})
    decision = IntroductionDecision.objects.get()
    assert (decision.decision, decision.decided_by) == ("confirmed", cast.convenor)
    as_convenor.post(url, {"first": viewer.key, "second": member.key, "decision": "dismissed"})
    assert IntroductionDecision.objects.get().decision == "dismissed"
    assert "<strong>Not for now</strong>" in _main(as_convenor.get(_url("survey_results", cast, survey)))


def test_an_introduction_that_was_not_suggested_cannot_be_recorded(cast: Any, as_convenor: Any) -> None:
    survey = make_survey(cast.programme, cast.convenor)
    stored_analysis(survey, {"suggested_introductions": []})
    as_convenor.post(
        _url("introduction_decide", cast, survey),
        {
            "first": entry_for(survey, cast.member).key,
            "second": entry_for(survey, cast.viewer).key,
            "decision": "confirmed",
        },
    )
    assert not IntroductionDecision.objects.exists()


def test_the_what_if_shows_reach_over_time_from_each_starting_group(cast: Any, as_convenor: Any) -> None:
    survey = _ring_survey(cast)
    as_convenor.post(_url("survey_analyse", cast, survey))
    result = NetworkAnalysis.objects.get().result
    starts = {run["start"] for run in result["spread"]}
    assert {"formal_leaders", "informal_influencers", "random"} <= starts
    page = _main(as_convenor.get(_url("survey_results", cast, survey)))
    assert "People reached at each round, by who starts" in page
    assert "Starting with formal leaders" in page and "Starting with informal influencers" in page
    assert '<th scope="row">0</th>' in page


def test_a_name_cannot_break_out_of_the_drawings_data(cast: Any, as_convenor: Any) -> None:
    StakeholderFactory(programme=cast.programme, name="</script><script>alert(1)</script>")
    survey = make_survey(cast.programme, cast.convenor)
    stored_analysis(survey, {"people": people_columns(list(survey.roster.values_list("key", flat=True)))})
    page = as_convenor.get(_url("survey_results", cast, survey)).content.decode()
    data = page.split('id="network-data">')[1].split("</script>")[0]
    assert "\\u003c/script\\u003e" in data and "<" not in data


def test_the_results_page_uses_a_fixed_number_of_queries(
    cast: Any, as_convenor: Any, as_member: Any, django_assert_max_num_queries: Any
) -> None:
    for i in range(40):
        StakeholderFactory(programme=cast.programme, name=f"Person {i}")
    survey = make_survey(cast.programme, cast.convenor)
    keys = list(survey.roster.values_list("key", flat=True))
    stored_analysis(
        survey,
        {
            "people": people_columns(keys, in_degree=2, degree=2),
            "ties": {"a": list(range(len(keys) - 1)), "b": list(range(1, len(keys)))},
            "single_points_of_failure": keys[:10],
            "brokers": keys[:5],
            "suggested_introductions": [{"pair": [keys[i], keys[i + 2]], "reason": "x"} for i in range(5)],
            "spread": [{"start": "brokers", "seeds": keys[:2], "reach": [2, 4, 8]}],
        },
    )
    # The first view reads the analysis's result; later ones take the results from the cache.
    for client, name in ((as_convenor, "survey_results"), (as_member, "survey_picture")):
        with django_assert_max_num_queries(13):
            assert client.get(_url(name, cast, survey)).status_code == 200
        with django_assert_max_num_queries(11):
            assert client.get(_url(name, cast, survey)).status_code == 200


def test_a_survey_with_no_answers_cannot_be_analysed_yet(cast: Any, as_convenor: Any) -> None:
    survey = make_survey(cast.programme, cast.convenor)
    response = as_convenor.post(_url("survey_analyse", cast, survey), follow=True)
    assert "There are no answers to analyse yet" in response.content.decode()
    assert not NetworkAnalysis.objects.exists()


def test_a_failed_analysis_says_so_plainly(cast: Any, as_convenor: Any) -> None:
    survey = _ring_survey(cast)
    analysis = NetworkAnalysis.objects.create(
        survey=survey, status=AnalysisStatus.FAILED, error="Something went wrong while analysing the network."
    )
    url = reverse(
        "engagement:analysis_status",
        kwargs={"slug": cast.programme.slug, "pk": survey.pk, "analysis": analysis.pk},
    )
    page = as_convenor.get(url).content.decode()
    assert "The analysis could not finish" in page and "hx-trigger" not in page


def test_members_drawing_has_no_labels_and_keeps_the_ties(
    cast: Any, as_convenor: Any, as_member: Any
) -> None:
    """A member can see the pattern but cannot count a pseudonym's lines against a withheld count."""
    for i in range(12):
        StakeholderFactory(programme=cast.programme, name=f"Colleague {i}")
    survey = make_survey(cast.programme, cast.convenor)
    keys = list(survey.roster.values_list("key", flat=True))
    ties = {"a": list(range(len(keys) - 1)), "b": list(range(1, len(keys)))}
    stored_analysis(survey, {"people": people_columns(keys), "ties": ties})

    def drawing(client: Any) -> dict[str, Any]:
        page_name = "survey_results" if client is as_convenor else "survey_picture"
        page = client.get(_url(page_name, cast, survey)).content.decode()
        parsed: dict[str, Any] = json.loads(page.split('id="network-data">')[1].split("</script>")[0])
        return parsed

    named, anonymised = drawing(as_convenor), drawing(as_member)
    assert all(named["labels"]) and not any(anonymised["labels"])
    assert len(anonymised["edges"]) == len(named["edges"]) == 2 * (len(keys) - 1)
    assert drawing(as_member) == anonymised  # the same secret order on every visit


def test_a_queued_analysis_says_waiting_to_start_once(cast: Any, as_convenor: Any) -> None:
    survey = _ring_survey(cast)
    analysis = NetworkAnalysis.objects.create(survey=survey, step="Waiting to start")
    url = reverse(
        "engagement:analysis_status",
        kwargs={"slug": cast.programme.slug, "pk": survey.pk, "analysis": analysis.pk},
    )
    fragment = as_convenor.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "Waiting to start (0%)" in fragment
    assert "Waiting to start: Waiting to start" not in fragment


def test_results_are_kept_between_views_without_reading_the_result_again(
    cast: Any, as_convenor: Any, as_member: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for i in range(20):
        StakeholderFactory(programme=cast.programme, name=f"Person {i}")
    survey = make_survey(cast.programme, cast.convenor)
    keys = list(survey.roster.values_list("key", flat=True))
    stored_analysis(survey, {"people": people_columns(keys, in_degree=2, degree=2), "brokers": keys[:3]})

    def reads_result(queries: Any) -> bool:
        return any('"result"' in q["sql"] for q in queries.captured_queries)

    for client, name in ((as_convenor, "survey_results"), (as_member, "survey_picture")):
        with CaptureQueriesContext(connection) as first:
            before = _main(client.get(_url(name, cast, survey)))
        with CaptureQueriesContext(connection) as second:
            after = _main(client.get(_url(name, cast, survey)))
        assert reads_result(first) and not reads_result(second)
        assert before.count("<tr>") == after.count("<tr>") > 20
    # A newer analysis is a new key: it shows at once.
    stored_analysis(survey, {"people": people_columns(keys, in_degree=9, degree=9), "brokers": []})
    assert "<td>Broker</td>" not in _main(as_convenor.get(_url("survey_results", cast, survey)))
