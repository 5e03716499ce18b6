"""Small numbers are never given away to people who may not see names, on any page, for any survey.

Each test draws whole families of surveys (sizes, who answered, who named whom, how a practice
spreads) and checks that no number a member can read lets them work out a count from 1 to 7.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from typing import Any

from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mobilise.engagement.disclosure import THRESHOLD, Disclosure, is_small, rounded
from mobilise.engagement.models import Respondent, Stakeholder, Survey

from .helpers import make_survey, stored_analysis

TYPES = ["gp_practice", "voluntary", "acute_trust", ""]
SMALL = range(1, THRESHOLD)


def _is_number(text: str) -> bool:
    return bool(re.fullmatch(r"[\d,]+", text.strip()))


def _number(text: str) -> int:
    return int(text.strip().replace(",", ""))


@given(part=st.integers(0, 60), extra=st.integers(0, 60), named=st.booleans())
def test_a_share_or_part_is_shown_only_when_neither_it_nor_the_rest_is_small(
    part: int, extra: int, named: bool
) -> None:
    whole = part + extra
    shown, share = Disclosure(named).part_of(part, whole), Disclosure(named).share(part, whole)
    if named:
        assert shown.value == part
    elif part in SMALL or (part and extra in SMALL):
        assert shown.hidden and share.hidden
        # The threshold itself may be named ("fewer than 8"); the part may not.
        assert str(part) not in shown.text.replace(f"fewer than {THRESHOLD}", "")
    else:
        # Shown rounded to the nearest 5, and the share worked out from the rounded counts.
        assert shown.value == rounded(part)
        if whole >= THRESHOLD:
            assert share.value == rounded(part) / (rounded(part) + rounded(extra))
    if not shown.hidden and not named and whole:
        assert part not in SMALL and (part == 0 or extra not in SMALL)


@given(labels=st.lists(st.sampled_from(["A", "B", "C", "D", "E"]), max_size=60))
def test_groups_shown_without_names_are_never_small_unless_everyone_is(labels: list[str]) -> None:
    table = Disclosure(named=False).group_table(labels)
    counts = [shown.value for _, shown in table]
    if len(labels) >= THRESHOLD:
        assert all(n is not None and n not in SMALL for n in counts)
    # Every count shown is rounded to the nearest 5.
    assert all(n % 5 == 0 for n in counts if n is not None)
    assert abs(sum(n or 0 for n in counts) - len(labels)) <= 2 * len(counts) or any(n is None for n in counts)


def _family(draw: Any) -> dict[str, Any]:
    size = draw(st.integers(0, 16))
    return {
        "types": [draw(st.sampled_from(TYPES)) for _ in range(size)],
        "answered": draw(st.integers(0, size + 4)),
        "in_degree": draw(st.lists(st.integers(0, 12), min_size=size + 4, max_size=size + 4)),
        "reach": sorted(draw(st.lists(st.integers(0, size + 4), min_size=1, max_size=5))),
        "ties": draw(st.integers(0, 30)),
        "main_group": draw(st.integers(0, size + 4)),
    }


families = st.composite(_family)


def _build(cast: Any, family: dict[str, Any]) -> Survey:
    Survey.all_objects.all().delete()
    Stakeholder.all_objects.all().delete()
    for i, org_type in enumerate(family["types"]):
        Stakeholder.objects.create(
            programme=cast.programme, name=f"Colleague {i}", kind="person", organisation_type=org_type
        )
    survey = make_survey(cast.programme, cast.convenor)
    respondents = list(Respondent.objects.filter(survey=survey).order_by("pk"))
    Respondent.objects.filter(pk__in=[r.pk for r in respondents[: family["answered"]]]).update(
        submitted_at=timezone.now()
    )
    keys = list(survey.roster.order_by("pk").values_list("key", flat=True))
    n = len(keys)
    asked, answered = len(respondents), min(family["answered"], len(respondents))
    stored_analysis(
        survey,
        {
            "metrics": {
                "people": n,
                "ties": family["ties"],
                "density": family["ties"] / max(1, n * (n - 1) / 2),
                "mean_degree": 2 * family["ties"] / max(1, n),
                "largest_component_share": min(family["main_group"], n) / max(1, n),
            },
            "people": {"id": keys, "in_degree": family["in_degree"][:n], "degree": family["in_degree"][:n]},
            "spread": [
                {"start": "brokers", "seeds": keys[:1], "reach": [min(r, n) for r in family["reach"]]}
            ],
            "response_rate": answered / asked,
            "asked": asked,
            "answered": answered,
        },
    )
    return survey


def _url(name: str, cast: Any, survey: Survey) -> str:
    return reverse(f"engagement:{name}", kwargs={"slug": cast.programme.slug, "pk": survey.pk})


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(family=families())
def test_no_page_a_member_sees_gives_a_small_count_away(
    cast: Any, as_member: Any, family: dict[str, Any]
) -> None:
    survey = _build(cast, family)
    asked = survey.respondents.count()
    answered = survey.respondents.filter(submitted_at__isnull=False).count()
    rate_hidden = answered in SMALL or (answered and asked - answered in SMALL)

    rate = as_member.get(_url("survey_rate", cast, survey)).content.decode()
    listing = as_member.get(
        reverse("engagement:surveys", kwargs={"slug": cast.programme.slug})
    ).content.decode()
    picture = as_member.get(_url("survey_picture", cast, survey)).content.decode()
    if rate_hidden:
        assert "<progress" not in rate and not re.search(r"\d+%", rate.split("70%")[0])
        assert not re.search(rf"(?<!than ){answered} of", rate + listing)
        assert not re.search(r"· \d+% have answered", listing)
        assert "of people asked had answered" not in picture.replace(
            "Fewer than 70% of people asked had answered", ""
        )

    people = len(survey.roster.all())
    cell = r'<td class="nhsuk-table__cell--numeric">([^<]*)</td>'
    rows = re.findall(r'<tr><th scope="row">Person \d+</th><td>([^<]*)</td>' + cell, picture)
    sheet = as_member.get(_url("survey_picture_csv", cast, survey))
    if 0 < people < THRESHOLD:
        assert not rows and "network-data" not in picture
        assert sheet.status_code == 404
        return
    # The download holds the table exactly as shown, so the same protections hold for it.
    downloaded = list(csv.reader(io.StringIO(sheet.content.decode().lstrip("\ufeff"))))[1:]
    assert [(r[1], r[2]) for r in downloaded] == [(html.unescape(t), n) for t, n in rows]
    # "Named by": each count is 0, 8 or more, or "fewer than 8".
    for _, named_by in rows:
        assert named_by == "fewer than 8" or (
            _is_number(named_by) and _number(named_by) not in SMALL and _number(named_by) % 5 == 0
        )
    # No type of organisation can be counted to a small number from the table of people.
    by_type: dict[str, int] = {}
    for label, _ in rows:
        by_type[label] = by_type.get(label, 0) + 1
    assert all(n not in SMALL for n in by_type.values())
    # The drawing's circle sizes draw every hidden count alike.
    data = json.loads(picture.split('id="network-data">')[1].split("</script>")[0])
    assert len({s for s in data["size"] if s in SMALL}) <= 1
    # The what-if: no number reached, nor the number not reached out of everyone, is small.
    spread = picture.split("People who have taken it up after each round</caption>")[1].split("</table>")[0]
    reach = [min(r, people) for r in family["reach"]]
    cells = re.findall(r'<td class="nhsuk-table__cell--numeric">([^<]*)</td>', spread)
    for cell, r in zip(cells, reach, strict=True):
        if _is_number(cell):
            # The number reached, rounded, and shown only when neither it nor the rest is small.
            assert _number(cell) == rounded(r)
            assert r not in SMALL and (r == 0 or people - r not in SMALL)
    # Measures: the density and average contacts are the number of ties over a shown number.
    measures = dict(
        re.findall(
            r'<tr><th scope="row">([^<]+)</th><td class="nhsuk-table__cell--numeric">([^<]*)</td>', picture
        )
    )
    if family["ties"] in SMALL:
        assert measures["Ties"] == "fewer than 8"
        assert measures["Density"] == measures["Average contacts"] == "not shown"
    main = min(family["main_group"], people)
    if main in SMALL or (main and people - main in SMALL):
        assert measures["In the main group"] == "not shown"


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(family=families())
def test_convenors_see_every_number_as_it_is(cast: Any, as_convenor: Any, family: dict[str, Any]) -> None:
    survey = _build(cast, family)
    asked = survey.respondents.count()
    answered = survey.respondents.filter(submitted_at__isnull=False).count()
    rate = as_convenor.get(_url("survey_rate", cast, survey)).content.decode()
    assert f"{answered:,} of {asked:,} people" in rate
    page = as_convenor.get(_url("survey_results", cast, survey)).content.decode()
    assert "fewer than 8" not in page and "not shown" not in page


@given(people=st.integers(2, 400), contacts=st.integers(1, 399))
def test_a_percentage_in_a_sentence_never_gives_away_a_small_count(people: int, contacts: int) -> None:
    """The engine writes "tied to 4% of everyone else"; a member must not be able to work back to 1–7."""
    contacts = min(contacts, people - 1)
    sentence = f"Person 3 is tied to {contacts / (people - 1):.0%} of everyone else."
    shown = Disclosure(named=False).percentages_in(sentence, people=people)
    if is_small(contacts) or is_small(people - 1 - contacts):
        assert "%" not in shown
    assert Disclosure(named=True).percentages_in(sentence, people=people) == sentence


@given(people=st.integers(2, 400), contacts=st.integers(1, 399))
def test_a_percentage_in_a_sentence_is_worked_out_from_rounded_counts(people: int, contacts: int) -> None:
    """An exact percentage of a known number of people gives the exact count away, small or not."""
    contacts = min(contacts, people - 1)
    others = people - 1
    sentence = f"Person 3 is tied to {contacts / others:.0%} of everyone else."
    shown = Disclosure(named=False).percentages_in(sentence, people=people)
    found = re.search(r"(\d+)% of everyone else", shown)
    if found is None:
        assert "a small share of everyone else" in shown or "nearly all of everyone else" in shown
        return
    # Every count the sentence could stand for is safe, and the figure comes from rounded counts.
    part = round(contacts / others * 100) / 100 * others
    assert f"{int(found.group(1))}%" == Disclosure(named=False).share(round(part), others).text


def test_thresholds_in_brackets_are_left_as_the_engine_wrote_them() -> None:
    sentence = "Only 37% of ties cross between the 4 organisations (below 40%): most advice stays inside."
    shown = Disclosure(named=False).percentages_in(sentence, people=60, ties=101)
    # 37 of 101 ties is shown as 35 of 100 (rounded counts); the fixed threshold is kept.
    assert (
        shown == "Only 35% of ties cross between the 4 organisations (below 40%): most advice stays inside."
    )


@given(n=st.integers(0, 500))
def test_counts_in_a_sentence_are_withheld_or_rounded(n: int) -> None:
    shown = Disclosure(named=False).counts_in(f"{n} people sit in 2 other separate groups.")
    if n in SMALL:
        assert shown.startswith("fewer than 8 people")
    elif n:
        assert shown.startswith(f"about {rounded(n):,} people")
    assert Disclosure(named=True).counts_in(f"{n} people") == f"{n} people"


@given(rows=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), min_size=1, max_size=6))
def test_answers_by_organisation_are_protected_as_one_table(rows: list[tuple[int, int]]) -> None:
    """(answered, not yet) by organisation: no withheld cell comes back from a shown row total, and
    a shown share is the shown answered count over the shown asked count."""
    table = [(answered, answered + rest) for answered, rest in rows]
    shown = Disclosure(named=False).answered_table(table)
    for (answered, asked), (part, whole, share) in zip(table, shown, strict=True):
        if answered in SMALL:
            assert part.hidden
        if part.value is not None:
            assert part.value == rounded(answered)
        if whole.value is not None and part.value is not None and not share.hidden:
            assert share.value == part.value / whole.value
            assert asked - answered not in SMALL
        if part.hidden and whole.value is not None:
            # The rest is withheld too, or the total could give the part back.
            assert share.hidden
