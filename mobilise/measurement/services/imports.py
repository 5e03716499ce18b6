"""Importing a file into measures: store the upload, check every row, then write all or nothing.

Small files run in the request; bigger ones run in the background task ``run_import`` and the
person watches a progress bar. Either way the same ``import_run`` does the work, and the uploaded
file is deleted when it finishes.
"""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from mobilise.programmes.models import Programme

from ..importing.check import check_file
from ..importing.files import (
    MAX_UPLOAD_BYTES,
    NOT_CSV,
    check_workbook,
    detect_kind,
    estimate_rows,
    looks_binary,
    size_words,
    write_upload,
)
from ..importing.mapping import ColumnMapping
from ..importing.problems import FileRefused, Problem
from ..importing.validate import MeasureRef, name_key
from ..models import ImportJob, ImportStatus, Measure
from .import_writes import import_apply, import_message

logger = logging.getLogger(__name__)

IMPORT_DIR = "measure-imports"
# Files up to this size are imported while the person waits; larger ones go to the background.
INLINE_BYTES = 256 * 1024
PROGRESS_SECONDS = 0.5
ABANDONED_AFTER = timedelta(days=1)


def upload_path(job: ImportJob) -> Path:
    return Path(settings.MEDIA_ROOT) / IMPORT_DIR / job.stored_name


def import_job_create(
    *, programme: Programme, user: Any, upload: UploadedFile, measure: Measure | None = None
) -> ImportJob:
    """Keep the upload under a random name; refuse wrong kinds of file, big files and workbook bombs."""
    name = (upload.name or "upload").rsplit("/", 1)[-1]
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise FileRefused(
            f"The file is larger than {size_words(MAX_UPLOAD_BYTES)}. Split it into "
            "smaller files and upload them one at a time"
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not head:
        raise FileRefused("The file is empty")
    kind = detect_kind(name, head)
    stored = f"{secrets.token_hex(16)}.{kind}"
    path = Path(settings.MEDIA_ROOT) / IMPORT_DIR / stored
    size = write_upload(upload.chunks(), path)
    try:
        if kind == "xlsx":
            check_workbook(path)
        elif looks_binary(path):
            raise FileRefused(NOT_CSV)
    except FileRefused:
        path.unlink(missing_ok=True)
        raise
    _sweep_abandoned(programme)
    return ImportJob.objects.create(
        programme=programme,
        created_by=user,
        original_name=name[:255],
        stored_name=stored,
        kind=kind,
        size=size,
        measure=measure,
    )


def _sweep_abandoned(programme: Programme) -> None:
    """Delete files people uploaded but never imported."""
    stale = ImportJob.objects.filter(
        programme=programme, status=ImportStatus.UPLOADED, created_at__lt=timezone.now() - ABANDONED_AFTER
    ).exclude(stored_name="")
    for job in stale:
        _finish(job, ImportStatus.REFUSED, message="The file was not imported and has been deleted.")


def import_job_start(*, job: ImportJob, mapping: ColumnMapping) -> bool:
    """Record the person's column choices and run the import: now if small, else in the background.

    Only the first confirmation starts it: the state moves from uploaded to queued in one
    conditional update, so a repeated or simultaneous confirm finds nothing to claim and
    returns False (the caller sends it to the same progress page)."""
    from ..tasks import run_import

    claimed = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.UPLOADED).update(
        mapping=mapping.as_json(), measure_id=mapping.measure_id, status=ImportStatus.QUEUED
    )
    if not claimed:
        return False
    if job.size <= INLINE_BYTES:
        import_run(job_id=job.pk)
    else:
        run_import.enqueue(job.pk)
    return True


def import_run(*, job_id: int) -> None:
    """Check every row, then write everything in one transaction, or nothing if any cell is wrong."""
    # Claiming the queued job first means a task delivered twice still imports once.
    if not ImportJob.objects.filter(pk=job_id, status=ImportStatus.QUEUED).update(
        status=ImportStatus.CHECKING
    ):
        return
    job = ImportJob.objects.select_related("measure", "created_by").get(pk=job_id)
    try:
        _run(job)
    except FileRefused as refused:
        _finish(job, ImportStatus.REFUSED, message=f"{refused}.")
    except Exception:
        logger.exception("Import %s failed", job.pk)
        _finish(
            job,
            ImportStatus.FAILED,
            message="Something went wrong while importing, so nothing was "
            "saved. Try again; if it happens again, save the file as CSV and import that.",
        )


def _run(job: ImportJob) -> None:
    path = upload_path(job)
    if not job.stored_name or not path.exists():
        raise FileRefused("The uploaded file has gone. Upload it again")
    mapping = ColumnMapping.from_json(job.mapping)
    _set(job, rows_total=_data_rows_estimate(path, job.kind, mapping))
    programme_measures = list(Measure.objects.filter(programme_id=job.programme_id))
    refs = {
        m.pk: MeasureRef(id=m.pk, name=m.name, frequency=m.frequency, chart=m.chart)
        for m in programme_measures
    }
    fixed = None
    if mapping.measure_id is not None:
        fixed = refs.get(mapping.measure_id)
        if fixed is None:
            raise FileRefused("The measure you chose has been moved to the bin. Choose another")
    by_name = {name_key(m.name): refs[m.pk] for m in programme_measures}
    checked = check_file(
        path, job.kind, mapping, measures=by_name, fixed=fixed, progress=_progress_writer(job)
    )
    if not checked.ok:
        count = checked.problem_count
        _finish(
            job,
            ImportStatus.REFUSED,
            problems=checked.problems,
            problem_count=count,
            rows_done=checked.rows_read,
            message=f"No values were imported: the file has {count:,} "
            f"{'problem' if count == 1 else 'problems'}. Correct {'it' if count == 1 else 'them'} "
            "and import the file again.",
        )
        return
    _set(job, status=ImportStatus.SAVING, rows_done=checked.rows_read)
    mapped = (mapping.value is not None, mapping.numerator is not None, mapping.denominator is not None)
    summary = import_apply(
        rows=checked.rows, mapped=mapped, user=job.created_by, reason=f"Imported from {job.original_name}"
    )
    summary["skipped"] = checked.skipped_empty
    summary["measures"] = sorted(
        ({"pk": pk, "name": refs[pk].name} for pk in summary.pop("measure_ids")), key=lambda m: m["name"]
    )
    _finish(
        job, ImportStatus.DONE, summary=summary, rows_done=checked.rows_read, message=import_message(summary)
    )


def _data_rows_estimate(path: Path, kind: str, mapping: ColumnMapping) -> int | None:
    total = estimate_rows(path, kind, mapping.sheet)
    return None if total is None else max(total - mapping.header_row, 0)


def _progress_writer(job: ImportJob) -> Callable[[int], None]:
    last = [0.0]

    def write(rows_done: int) -> None:
        now = time.monotonic()
        if now - last[0] >= PROGRESS_SECONDS:
            last[0] = now
            ImportJob.objects.filter(pk=job.pk).update(rows_done=rows_done)

    return write


def _set(job: ImportJob, **fields: Any) -> None:
    for name, value in fields.items():
        setattr(job, name, value)
    job.save(update_fields=list(fields))


def _finish(
    job: ImportJob, status: str, *, message: str, problems: list[Problem] | None = None, **fields: Any
) -> None:
    if job.stored_name:
        upload_path(job).unlink(missing_ok=True)
    _set(
        job,
        status=status,
        message=message,
        stored_name="",
        finished_at=timezone.now(),
        problems=[p.as_dict() for p in problems or []],
        **fields,
    )


def import_job_refuse(*, job: ImportJob, reason: str) -> None:
    """Give up on an upload that turned out unreadable, deleting the file (unless an import of it
    has already started, which then owns the file)."""
    if ImportJob.objects.filter(pk=job.pk, status=ImportStatus.UPLOADED).update(status=ImportStatus.REFUSED):
        _finish(job, ImportStatus.REFUSED, message=f"{reason}.")
