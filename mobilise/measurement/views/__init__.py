"""Measurement pages, one module per part: the dashboard, measures, their data, and imports."""

from .dashboard import dashboard
from .imports import import_mapping, import_status, import_upload
from .measures import baseline_edit, measure_create, measure_csv, measure_delete, measure_detail, measure_edit
from .points import (
    annotation_add,
    annotation_delete,
    phase_add,
    phase_delete,
    point_add,
    point_delete,
    point_edit,
)

__all__ = [
    "annotation_add",
    "annotation_delete",
    "baseline_edit",
    "dashboard",
    "import_mapping",
    "import_status",
    "import_upload",
    "measure_create",
    "measure_csv",
    "measure_delete",
    "measure_detail",
    "measure_edit",
    "phase_add",
    "phase_delete",
    "point_add",
    "point_delete",
    "point_edit",
]
