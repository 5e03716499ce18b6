"""The improvement work of each demo programme, by programme slug."""

from __future__ import annotations

from mobilise.demo.work_spec import WorkSpec

from . import maternity, neighbourhood, safer_care, work_maternity, work_neighbourhood, work_safer_care

WORK: dict[str, WorkSpec] = {
    neighbourhood.PROGRAMME.slug: work_neighbourhood.WORK,
    maternity.PROGRAMME.slug: work_maternity.WORK,
    safer_care.PROGRAMME.slug: work_safer_care.WORK,
}
