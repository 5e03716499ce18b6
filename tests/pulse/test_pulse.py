"""A convenor runs pulse waves; people answer once through their link; everyone sees results in which
no small group can be picked out, on the page, in the CSV and on the programme home."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from mobilise.pulse.links import token_hmac
from mobilise.pulse.models import AnswerTally, Comment, Invitation, PeopleTally, Pulse, Wave

from .helpers import answer_all, answer_url, make_pulse, open_wave, post_answer

pytestmark = pytest.mark.django_db


def _cells(page: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", c).strip()
        for c in re.findall(r'<td class="nhsuk-table__cell">(.*?)</td>', page, re.S)
    ]


def _results(client: Any, cast: Any, pulse: Pulse, **params: str) -> str:
    url = reverse("pulse:results", kwargs={"slug": cast.programme.slug, "pk": pulse.pk})
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_a_convenor_sets_up_a_pulse_and_sends_a_wave_by_email(cast: Any, as_convenor: Any) -> None:
    response = as_convenor.post(
        reverse("pulse:create", kwargs={"slug": cast.programme.slug}),
        {"name": "Monthly energy", "cadence": "28", "threshold": "8"},
    )
    pulse = Pulse.objects.get(programme=cast.programme)
    assert response.status_code == 302
    assert pulse.questions.count() == 11
    page = as_convenor.get(reverse("pulse:wave_create", kwargs={"slug": cast.programme.slug, "pk": pulse.pk}))
    chosen = re.findall(r'name="questions" type="checkbox" value="(\d+)" checked', page.content.decode())
    assert len(chosen) == 10
    response = as_convenor.post(
        reverse("pulse:wave_create", kwargs={"slug": cast.programme.slug, "pk": pulse.pk}),
        {"questions": chosen, "opens_on": "2020-01-01", "closes_on": "2099-01-01"},
    )
    assert response.status_code == 302
    wave = Wave.objects.get(pulse=pulse)
    assert wave.invited == 4  # the four people in the programme
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        u.email for u in (cast.convenor, cast.facilitator, cast.member, cast.viewer)
    )
    link = re.search(r"http://testserver(/pulse/[^/\s]+/)", mail.outbox[0].body)
    assert link is not None
    token = link.group(1).split("/")[2]
    # Only the HMAC is stored: the token itself appears nowhere in the database.
    assert len(token) >= 43  # 256 bits in base64
    assert not Invitation.objects.filter(token_hmac=token).exists()
    assert Invitation.objects.filter(token_hmac=token_hmac(token)).exists()


def test_more_than_ten_questions_are_refused(cast: Any, as_convenor: Any) -> None:
    pulse = make_pulse(cast)
    for i in range(3):
        pulse.questions.create(key=f"extra-{i}", text=f"Extra {i}", position=20 + i)
    response = as_convenor.post(
        reverse("pulse:wave_create", kwargs={"slug": cast.programme.slug, "pk": pulse.pk}),
        {
            "questions": [q.pk for q in pulse.questions.all()],
            "opens_on": "2020-01-01",
            "closes_on": "2099-01-01",
        },
    )
    assert response.status_code == 200
    assert "Choose 10 questions or fewer" in response.content.decode()
    assert not Wave.objects.exists()


def test_a_link_works_once_and_then_says_so_plainly(cast: Any) -> None:
    pulse = make_pulse(cast)
    wave, tokens = open_wave(pulse, 1)
    page = post_answer(tokens[0], {"physical": 4, "belonging": 5, "valued": 5}, org="gp_practice")
    assert page.status_code == 200 and "Thank you" in page.content.decode()
    again = post_answer(tokens[0], {"physical": 1})
    assert again.status_code == 410
    assert "already been used" in again.content.decode()
    assert AnswerTally.objects.filter(wave=wave, count__gt=0).count() == 3
    assert sum(PeopleTally.objects.filter(wave=wave).values_list("count", flat=True)) == 1
    assert Wave.objects.get(pk=wave.pk).answered == 1
    # A made-up or altered token finds nothing.
    assert post_answer(tokens[0][:-2] + "xx", {"physical": 1}).status_code == 404


def test_answers_are_never_stored_with_who_gave_them(cast: Any) -> None:
    pulse = make_pulse(cast)
    wave, tokens = open_wave(pulse, 2)
    post_answer(tokens[0], {"physical": 2}, text="More time for huddles")
    for model in (AnswerTally, PeopleTally, Comment):
        names = {f.name for f in model._meta.get_fields()}
        assert not names & {"invitation", "user", "email", "created_at", "respondent"}
    # Which invitation was used is known; which counts it added to is not.
    assert Invitation.objects.filter(wave=wave, used=True).count() == 1


def test_a_reminder_sends_fresh_links_only_to_those_who_have_not_answered(
    cast: Any, as_convenor: Any
) -> None:
    pulse = make_pulse(cast)
    wave, tokens = open_wave(pulse, 3)
    post_answer(tokens[0], {"physical": 3})
    mail.outbox.clear()
    response = as_convenor.post(
        reverse("pulse:wave_remind", kwargs={"slug": cast.programme.slug, "pk": pulse.pk, "wave": wave.pk})
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 2
    assert Client_get(tokens[1]) == 404  # the old link was replaced by the reminder's
    fresh = re.search(r"/pulse/([^/\s]+)/", mail.outbox[0].body)
    assert fresh is not None and Client_get(fresh.group(1)) == 200


def Client_get(token: str) -> int:
    from django.test import Client

    return int(Client().get(answer_url(token)).status_code)


def test_small_groups_are_suppressed_and_a_filter_close_to_everyone_is_refused(
    cast: Any, as_member: Any
) -> None:
    pulse = make_pulse(cast)
    _, tokens = open_wave(pulse, 30)
    answer_all(tokens[:20], 4, org="nhs_trust", role="clinical")
    answer_all(tokens[20:25], 2, org="gp_practice", role="clinical", text="We are tired")
    page = _results(as_member, cast, pulse)
    assert "3.6" in _cells(page)  # the wave mean of 25 people: (20*4 + 5*2) / 25
    # 5 GP practice answers: never shown on their own, and merged in the breakdown.
    gp = _results(as_member, cast, pulse, org_type="gp_practice")
    assert "Fewer than 8 people" in gp
    assert "2.0" not in _cells(gp)
    # Everyone but the GP practices differs from everyone by 5 people: refused.
    trust = _results(as_member, cast, pulse, org_type="nhs_trust")
    assert "differs from another one you can see by fewer than 8 people" in trust
    assert "4.0" not in _cells(trust)
    # Role group "clinical" is everyone: nothing to subtract, shown.
    clinical = _results(as_member, cast, pulse, role_group="clinical")
    assert "3.6" in _cells(clinical)
    assert "GP practice" not in page.split("By organisation type")[1].split("</table>")[0]


def test_comments_wait_for_eight_people_and_redacted_ones_never_show(
    cast: Any, as_member: Any, as_convenor: Any
) -> None:
    pulse = make_pulse(cast)
    _, tokens = open_wave(pulse, 12)
    answer_all(tokens[:5], 3, text="Nobody listens to Dr Smith")
    page = _results(as_member, cast, pulse)
    assert "Nobody listens" not in page
    answer_all(tokens[5:9], 3, text="More protected time")
    page = _results(as_member, cast, pulse)
    assert "More protected time" in page and "Nobody listens" in page
    comment = Comment.objects.filter(text__startswith="Nobody").first()
    assert comment is not None
    queue = as_convenor.get(reverse("pulse:comments", kwargs={"slug": cast.programme.slug, "pk": pulse.pk}))
    assert "Nobody listens" in queue.content.decode()
    as_convenor.post(
        reverse(
            "pulse:comment_redact",
            kwargs={"slug": cast.programme.slug, "pk": pulse.pk, "comment": comment.pk},
        )
    )
    Comment.objects.filter(text__startswith="Nobody").update(redacted=True)
    page = _results(as_member, cast, pulse)
    assert "Nobody listens" not in page and "More protected time" in page
    # Never broken down by group.
    assert "More protected time" not in _results(as_member, cast, pulse, org_type="nhs_trust")


def test_two_waves_show_a_trend_and_the_csv_goes_through_the_same_rules(cast: Any, as_member: Any) -> None:
    pulse = make_pulse(cast)
    _, first = open_wave(pulse, 12)
    answer_all(first[:12], 4)
    _, second = open_wave(pulse, 12)
    answer_all(second[:5], 2)
    page = _results(as_member, cast, pulse)
    assert "Fewer than 8 people answered this wave." not in page  # shown as "not shown" in tables
    response = as_member.get(reverse("pulse:export", kwargs={"slug": cast.programme.slug, "pk": pulse.pk}))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["wave", "question", "people answering", "mean (1 to 5)", "share agreeing"]
    wave2 = [r for r in rows[1:] if r[0] == "2"]
    assert wave2 and all(r[2] == "not shown" and r[3] == "not shown" for r in wave2)
    wave1 = [r for r in rows[1:] if r[0] == "1" and r[1] == "Physical energy"]
    assert wave1 == [["1", "Physical energy", "10", "4.0", "100%"]]
    for row in rows[1:]:
        for cell in row[2:3]:
            digits = re.sub(r"\D", "", cell)
            assert not digits or int(digits) >= 8


def test_a_real_fall_in_energy_puts_a_prompt_on_the_programme_home(cast: Any, as_member: Any) -> None:
    pulse = make_pulse(cast)
    for score in (4, 4, 4, 4, 4, 4, 4, 4):
        _, tokens = open_wave(pulse, 10)
        answer_all(tokens, score)
    home = as_member.get(reverse("workspace:home", kwargs={"slug": cast.programme.slug})).content.decode()
    assert "Energy for change" in home and "Energy has fallen" not in home
    _, tokens = open_wave(pulse, 10)
    answer_all(tokens, 1)
    home = as_member.get(reverse("workspace:home", kwargs={"slug": cast.programme.slug})).content.decode()
    assert "Energy has fallen" in home
    assert "Refresh the story" in home
    leadership = as_member.get(
        reverse("workspace:component", kwargs={"slug": cast.programme.slug, "component": "leadership"})
    ).content.decode()
    assert "Energy for change" in leadership


def test_the_threshold_can_be_raised_but_not_lowered(cast: Any, as_convenor: Any) -> None:
    pulse = make_pulse(cast, threshold=10)
    url = reverse("pulse:edit", kwargs={"slug": cast.programme.slug, "pk": pulse.pk})
    lowered = as_convenor.post(
        url, {"name": "P", "cadence": "28", "threshold": "8", "version": str(pulse.version)}
    )
    assert lowered.status_code == 200 and "never lowered" in lowered.content.decode()
    raised = as_convenor.post(
        url, {"name": "P", "cadence": "28", "threshold": "12", "version": str(pulse.version)}
    )
    assert raised.status_code == 302
    assert Pulse.objects.get(pk=pulse.pk).threshold == 12
    stale = as_convenor.post(
        url, {"name": "Q", "cadence": "28", "threshold": "12", "version": str(pulse.version)}
    )
    assert stale.status_code == 409 and 'value="Q"' in stale.content.decode()


def test_the_results_page_reads_a_fixed_number_of_queries(
    cast: Any, as_member: Any, django_assert_max_num_queries: Any
) -> None:
    pulse = make_pulse(cast)
    for _ in range(3):
        _, tokens = open_wave(pulse, 9)
        answer_all(tokens, 3, org="nhs_trust")
    with django_assert_max_num_queries(20):
        _results(as_member, cast, pulse)
    with django_assert_max_num_queries(20):
        _results(as_member, cast, pulse, org_type="nhs_trust")


def test_the_same_wave_sent_from_two_tabs_goes_out_once(cast: Any, as_convenor: Any) -> None:
    pulse = make_pulse(cast)
    url = reverse("pulse:wave_create", kwargs={"slug": cast.programme.slug, "pk": pulse.pk})
    data = {
        "questions": [q.pk for q in pulse.questions.all()[:5]],
        "opens_on": "2020-01-01",
        "closes_on": "2099-01-01",
        "version": str(pulse.version),
    }
    assert as_convenor.post(url, data).status_code == 302
    second = as_convenor.post(url, data)
    assert second.status_code == 409
    assert "has not been sent" in second.content.decode()
    assert Wave.objects.filter(pulse=pulse).count() == 1
    assert len(mail.outbox) == 4


def test_energy_slipping_while_outcomes_improve_is_the_going_well_danger(cast: Any, as_member: Any) -> None:
    from datetime import date

    from mobilise.measurement.models import DataPoint, Measure

    measure = Measure.objects.create(
        programme=cast.programme,
        name="Emergency admissions",
        type="outcome",
        improvement="decrease",
        frequency="month",
        chart="xmr",
    )
    values = [100, 102, 99, 101, 100, 98, 101, 100, 99, 101, 80, 79, 78, 77, 76, 75, 74, 73]
    DataPoint.objects.bulk_create(
        DataPoint(measure=measure, period=date(2024 + i // 12, i % 12 + 1, 1), value=v)
        for i, v in enumerate(values)
    )
    pulse = make_pulse(cast)
    for score in (5, 5, 4):  # energy down a little: not a real fall, but slipping
        _, tokens = open_wave(pulse, 10)
        answer_all(tokens[:9], score)
        answer_all(tokens[9:], 3)
    home = as_member.get(reverse("workspace:home", kwargs={"slug": cast.programme.slug})).content.decode()
    assert "Energy has fallen" not in home
    assert "Things look good, but energy is slipping" in home


def test_question_text_that_looks_like_a_formula_is_plain_text_in_the_csv(cast: Any, as_member: Any) -> None:
    from mobilise.pulse import services
    from mobilise.pulse.models import Question

    pulse = make_pulse(cast)
    own = services.question_add(pulse=pulse, text='=HYPERLINK("http://x")', kind="scale", user=cast.convenor)
    Question.objects.filter(pk=own.pk).update(asked_by_default=True)
    Question.objects.filter(pulse=pulse, key="commitment").update(asked_by_default=False)
    _, tokens = open_wave(pulse, 10)
    answer_all(tokens, {"physical": 4, own.key: 4})
    response = as_member.get(reverse("pulse:export", kwargs={"slug": cast.programme.slug, "pk": pulse.pk}))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert ["1", '\'=HYPERLINK("http://x")'] in [r[:2] for r in rows]
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_removing_the_demo_leaves_no_pulse_history_behind(db: Any) -> None:
    from mobilise.demo.seed import demo_remove, seed_demo
    from mobilise.pulse.models import Question

    seed_demo()
    assert Wave.history.exists()
    demo_remove()
    assert not Pulse.history.exists()
    assert not Question.history.exists()
    assert not Wave.history.exists()
    assert not Comment.history.exists()


def test_the_response_rate_refreshes_itself_and_stays_hidden_below_eight(cast: Any, as_member: Any) -> None:
    pulse = make_pulse(cast)
    wave, tokens = open_wave(pulse, 20)
    url = reverse("pulse:wave_rate", kwargs={"slug": cast.programme.slug, "pk": pulse.pk, "wave": wave.pk})
    answer_all(tokens[:5], 4)
    page = as_member.get(url).content.decode()  # a whole page: works without JavaScript
    assert "Fewer than 8 people have answered so far" in page and "<progress" not in page
    assert 'hx-trigger="live:refresh"' in page and "data-live" in page and "Check again" in page
    answer_all(tokens[5:10], 4)
    fragment = as_member.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment
    assert "<strong>50%</strong> have answered: 10 of 20 people asked." in fragment
    assert 'value="50"' in fragment
    results = _results(as_member, cast, pulse)
    assert "Answering now" in results and f'id="wave-rate-{wave.pk}"' in results


def test_a_wave_is_emailed_by_the_background_worker_with_a_progress_bar_while_it_sends(
    cast: Any, as_convenor: Any, settings: Any
) -> None:
    from mobilise.pulse.sending import ASK, wave_emails_send

    pulse = make_pulse(cast)
    wave, _ = open_wave(pulse, 4)
    # As the wave page leaves it when a convenor sends: every invitation waiting for the worker.
    Invitation.objects.filter(wave=wave).update(outbox=ASK)
    url = reverse("pulse:manage", kwargs={"slug": cast.programme.slug, "pk": pulse.pk})
    fragment = as_convenor.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "Wave 1: sending emails, 0 of 4 done (0%)" in fragment
    assert 'hx-trigger="every 2s"' in fragment and "<progress" in fragment
    assert "Wave 1: sending emails" in as_convenor.get(url).content.decode()
    # A mail server that cannot be reached: the send fails and nothing leaves the outbox.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    with pytest.raises(OSError):
        wave_emails_send(wave_id=wave.pk, base_url="http://testserver")
    assert Invitation.objects.filter(wave=wave).exclude(outbox="").count() == 4
    # The worker tries again once the server is back: everyone gets one working link, once.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert wave_emails_send(wave_id=wave.pk, base_url="http://testserver") == 4
    assert wave_emails_send(wave_id=wave.pk, base_url="http://testserver") == 0
    assert sorted(m.to[0] for m in mail.outbox) == [f"person{i}@example.nhs.uk" for i in range(4)]
    fragment = as_convenor.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in fragment and "<progress" not in fragment
    link = re.search(r"http://testserver/pulse/([^/\s]+)/", mail.outbox[0].body)
    assert link is not None and Client_get(link.group(1)) == 200


def test_the_share_agreeing_has_its_own_spc_chart_with_a_table_alternative(cast: Any, as_member: Any) -> None:
    pulse = make_pulse(cast)
    for score in (4, 4, 4, 4, 2):  # everyone agrees four times, then nobody does
        _, tokens = open_wave(pulse, 10)
        answer_all(tokens, score)
    page = _results(as_member, cast, pulse)
    physical = pulse.questions.get(key="physical")
    assert f'aria-labelledby="agree-{physical.pk}"' in page
    assert "Physical energy: share agreeing each wave, in per cent." in page
    # The table beside it gives the same: the share agreeing and its signal, wave by wave.
    table = page.split(f'aria-labelledby="agree-{physical.pk}"')[1].split("</table>")[0]
    rows = re.findall(r"<tr class=\"nhsuk-table__row\">(.*?)</tr>", table, re.S)
    cells = [c for c in (re.findall(r'<td class="nhsuk-table__cell">([^<]*)</td>', row) for row in rows) if c]
    assert cells[0][:4] == ["1", "10", "4.0", "100%"] and cells[4][:4] == ["5", "10", "2.0", "0%"]
    assert cells[4][4:] == ["Real fall", "Real fall"]
