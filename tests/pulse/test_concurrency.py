"""Replayed and overlapping submissions of one link record exactly one answer.

The replay runs on every database; the overlap needs PostgreSQL's real concurrent writers
(run with DATABASE_URL=postgres://...)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import close_old_connections, connection
from django.test import Client

from mobilise.pulse.models import AnswerTally, Comment, Invitation, PeopleTally, Wave

from .helpers import answer_url, make_pulse, open_wave


def _data(wave: Wave) -> dict[str, str]:
    data = {"org_type": "nhs_trust", "role_group": "clinical"}
    for q in wave.questions.all():
        data[f"q{q.pk}"] = "Please more time" if q.kind == "text" else "4"
    return data


def _recorded(wave: Wave) -> tuple[int, int, int, int]:
    return (
        sum(PeopleTally.objects.filter(wave=wave).values_list("count", flat=True)),
        sum(AnswerTally.objects.filter(wave=wave).values_list("count", flat=True)),
        Comment.objects.filter(wave=wave).count(),
        Wave.objects.get(pk=wave.pk).answered,
    )


@pytest.mark.django_db
def test_a_replayed_submission_records_one_answer(cast: Any) -> None:
    pulse = make_pulse(cast)
    wave, tokens = open_wave(pulse, 1)
    data = _data(wave)
    statuses = [Client().post(answer_url(tokens[0]), data).status_code for _ in range(5)]
    assert statuses == [200, 410, 410, 410, 410]
    scale = wave.questions.filter(kind="scale").count()
    assert _recorded(wave) == (1, scale, 1, 1)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrent writers need PostgreSQL")
def test_overlapping_submissions_of_one_link_record_one_answer(cast: Any) -> None:
    pulse = make_pulse(cast)
    wave, tokens = open_wave(pulse, 3)
    data = _data(wave)
    senders = 6
    start = threading.Barrier(senders)
    statuses: list[int] = []
    lock = threading.Lock()

    def send(token: str) -> None:
        try:
            start.wait()
            status = Client().post(answer_url(token), data).status_code
            with lock:
                statuses.append(status)
        finally:
            close_old_connections()

    # Four copies of one link and one each of two others, all at the same moment.
    threads = [threading.Thread(target=send, args=(t,)) for t in [tokens[0]] * 4 + tokens[1:3]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 200, 200, 410, 410, 410]
    scale = wave.questions.filter(kind="scale").count()
    assert _recorded(wave) == (3, 3 * scale, 3, 3)
    assert Invitation.objects.filter(wave=wave, used=True).count() == 3
