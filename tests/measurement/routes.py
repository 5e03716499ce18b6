"""Permission-matrix entries for measures, their data, annotations, phases and imports."""

from __future__ import annotations

from typing import Any

from .factories import AnnotationFactory, DataPointFactory, ImportJobFactory, MeasureFactory, PhaseFactory


def _slug(cast: Any) -> dict[str, Any]:
    return {"slug": cast.programme.slug}


def _measure(cast: Any) -> dict[str, Any]:
    measure = MeasureFactory(programme=cast.programme)
    DataPointFactory.create_batch(3, measure=measure)
    return {"slug": cast.programme.slug, "pk": measure.pk}


def _point(cast: Any) -> dict[str, Any]:
    point = DataPointFactory(measure=MeasureFactory(programme=cast.programme))
    return {"slug": cast.programme.slug, "pk": point.measure_id, "point_pk": point.pk}


def _annotation(cast: Any) -> dict[str, Any]:
    note = AnnotationFactory(measure=MeasureFactory(programme=cast.programme))
    return {"slug": cast.programme.slug, "pk": note.measure_id, "annotation_pk": note.pk}


def _phase(cast: Any) -> dict[str, Any]:
    phase = PhaseFactory(measure=MeasureFactory(programme=cast.programme))
    return {"slug": cast.programme.slug, "pk": phase.measure_id, "phase_pk": phase.pk}


def _job(cast: Any) -> dict[str, Any]:
    # The stored file does not exist: the pages say "upload it again" rather than touch the disk.
    return {"slug": cast.programme.slug, "job_pk": ImportJobFactory(programme=cast.programme).pk}


def _finished_job(cast: Any) -> dict[str, Any]:
    job = ImportJobFactory(
        programme=cast.programme,
        status="done",
        stored_name="",
        message="No changes: all 3 values were already there.",
    )
    return {"slug": cast.programme.slug, "job_pk": job.pk}


MEASURE_DATA = {
    "name": "Days from referral to first visit",
    "type": "process",
    "unit": "days",
    "improvement": "decrease",
    "target": "",
    "frequency": "week",
    "chart": "xmr",
    "data_owner": "",
    "component": "",
    "definition": "",
    "version": "1",
}

ROUTES: dict[str, dict[str, Any]] = {
    "measurement:dashboard": {"kwargs": _slug, "methods": ["GET"], "perm": "view"},
    "measurement:measure_create": {
        "kwargs": _slug,
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": lambda cast: MEASURE_DATA,
    },
    "measurement:measure": {"kwargs": _measure, "methods": ["GET"], "perm": "view"},
    "measurement:measure_csv": {"kwargs": _measure, "methods": ["GET"], "perm": "view"},
    "measurement:measure_edit": {
        "kwargs": _measure,
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": lambda cast: MEASURE_DATA,
    },
    "measurement:measure_delete": {"kwargs": _measure, "methods": ["GET", "POST"], "perm": "edit"},
    "measurement:baseline": {
        "kwargs": _measure,
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": lambda cast: {"points": "2", "version": "1"},
    },
    "measurement:point_add": {
        "kwargs": _measure,
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": lambda cast: {"period": "March 2030", "value": "12"},
    },
    "measurement:point_edit": {
        "kwargs": _point,
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": lambda cast: {"value": "14", "reason": "Late returns"},
    },
    "measurement:point_delete": {"kwargs": _point, "methods": ["POST"], "perm": "edit"},
    "measurement:annotation_add": {
        "kwargs": _measure,
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": lambda cast: {"period": "01/02/2020", "text": "Huddles began"},
    },
    "measurement:annotation_delete": {"kwargs": _annotation, "methods": ["POST"], "perm": "edit"},
    "measurement:phase_add": {
        "kwargs": _measure,
        "methods": ["GET", "POST"],
        "perm": "edit",
        "post_data": lambda cast: {"starts": "2020-02-01", "reason": "A new falls pathway started"},
    },
    "measurement:phase_delete": {"kwargs": _phase, "methods": ["POST"], "perm": "edit"},
    "measurement:import_upload": {"kwargs": _slug, "methods": ["GET", "POST"], "perm": "edit"},
    "measurement:import_mapping": {"kwargs": _job, "methods": ["GET", "POST"], "perm": "edit"},
    "measurement:import_status": {"kwargs": _finished_job, "methods": ["GET"], "perm": "edit"},
}
