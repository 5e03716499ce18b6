"""Writes for measures, their data, annotations, phases and imports. Views call only these."""

from .imports import import_job_create, import_job_refuse, import_job_start, import_run
from .measures import baseline_set, measure_bin, measure_create, measure_update
from .points import (
    DuplicatePeriod,
    annotation_add,
    annotation_delete,
    phase_add,
    phase_delete,
    point_add,
    point_delete,
    point_update,
)

__all__ = [
    "DuplicatePeriod",
    "annotation_add",
    "annotation_delete",
    "baseline_set",
    "import_job_create",
    "import_job_refuse",
    "import_job_start",
    "import_run",
    "measure_bin",
    "measure_create",
    "measure_update",
    "phase_add",
    "phase_delete",
    "point_add",
    "point_delete",
    "point_update",
]
