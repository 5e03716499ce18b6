"""The demo programmes, written as plain data. Every person and organisation is fictional."""

from __future__ import annotations

from mobilise.demo.spec import ProgrammeSpec

from . import maternity, neighbourhood, safer_care

PROGRAMMES: tuple[ProgrammeSpec, ...] = (
    neighbourhood.PROGRAMME,
    maternity.PROGRAMME,
    safer_care.PROGRAMME,
)
