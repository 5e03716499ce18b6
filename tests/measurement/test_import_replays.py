"""Confirming an import again, or ten times at once, starts one import and shows every repeat its progress."""

from __future__ import annotations

import threading

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from mobilise.measurement.models import DataPoint, ImportJob, ImportStatus

from .factories import MeasureFactory, monthly
from .test_imports import _map, _upload

CSV = "Month,Falls\n" + "".join(f"{d:%b-%y},{i}\n" for i, d in enumerate(monthly(36)))


def _status_url(cast, job):
    return reverse("measurement:import_status", kwargs={"slug": cast.programme.slug, "job_pk": job.pk})


def _assert_imported_once(falls):
    assert DataPoint.objects.filter(measure=falls).count() == 36
    assert DataPoint.history.filter(measure=falls).count() == 36  # one "created" entry each
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.DONE and "36 new values added" in job.message


def test_repeating_the_confirm_sends_every_repeat_to_the_same_progress_page(cast, as_member):
    falls = MeasureFactory(programme=cast.programme, name="Falls")
    _upload(as_member, cast, "falls.csv", CSV.encode(), measure=falls)
    job = ImportJob.objects.get()
    for _ in range(4):
        response = _map(as_member, cast, job, measure=str(falls.pk))
        assert response.status_code == 302 and response["Location"] == _status_url(cast, job)
    _assert_imported_once(falls)
    assert "The uploaded file has gone" not in as_member.get(_status_url(cast, job)).content.decode()


@pytest.mark.django_db(transaction=True)
def test_ten_simultaneous_confirms_start_one_import(cast):
    falls = MeasureFactory(programme=cast.programme, name="Falls")
    clients = [cast.client_for("member") for _ in range(10)]
    _upload(clients[0], cast, "falls.csv", CSV.encode(), measure=falls)
    job = ImportJob.objects.get()
    start = threading.Barrier(len(clients))
    answers: list[tuple[int, str, str]] = []

    def confirm(client: Client) -> None:
        try:
            start.wait()
            response = _map(client, cast, job, measure=str(falls.pk))
            answers.append((response.status_code, response.get("Location", ""), response.content.decode()))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=confirm, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(answers) == 10
    assert all(code == 302 and where == _status_url(cast, job) for code, where, _ in answers), answers
    _assert_imported_once(falls)
