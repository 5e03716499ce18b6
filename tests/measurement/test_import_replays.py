"""Confirming an import again, or ten times at once, starts one import and shows every repeat its progress."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from mobilise.measurement import reads
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


def test_a_repeat_that_read_the_job_before_the_first_finished_still_goes_to_progress(
    cast, as_member, monkeypatch
):
    """The race behind "The uploaded file has gone", played out in order on any database: the
    repeat read the job while it was still waiting, then the first confirm imported and deleted the file."""
    falls = MeasureFactory(programme=cast.programme, name="Falls")
    _upload(as_member, cast, "falls.csv", CSV.encode(), measure=falls)
    stale = ImportJob.objects.get()
    assert _map(as_member, cast, stale, measure=str(falls.pk))["Location"] == _status_url(cast, stale)
    monkeypatch.setattr(reads, "get_import_or_404", lambda programme, pk: stale)  # still says "uploaded"
    response = _map(as_member, cast, stale, measure=str(falls.pk))
    assert response.status_code == 302 and response["Location"] == _status_url(cast, stale)
    _assert_imported_once(falls)


# SQLite's shared in-memory test database raises "table is locked" at once instead of waiting, so
# real simultaneity runs on PostgreSQL; the ordered race above covers SQLite.
@pytest.mark.skipif(connection.vendor == "sqlite", reason="needs a database whose locks wait")
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
