"""The programmes a token may see."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from mobilise.programmes.models import Programme
from mobilise.programmes.roles import EDIT, role_of

from .. import reads
from ..access import programme_for
from ..schemas import ProgrammeOut

router = Router(tags=["Programmes"])


def _out(request: HttpRequest, programme: Programme) -> dict[str, Any]:
    token: Any = request.auth  # type: ignore[attr-defined]
    return {
        "slug": programme.slug,
        "name": programme.name,
        "role": role_of(token.user, programme) or "",
        "may_write": token.may_write and token.user.has_perm(EDIT, programme),
    }


@router.get("", response=list[ProgrammeOut], url_name="programmes", summary="Programmes this token may see")
def programme_list(request: HttpRequest) -> list[dict[str, Any]]:
    token: Any = request.auth  # type: ignore[attr-defined]
    return [_out(request, p) for p in reads.token_programmes(token)]


@router.get("/{slug}", response=ProgrammeOut, url_name="programme", summary="One programme")
def programme_detail(request: HttpRequest, slug: str) -> dict[str, Any]:
    return _out(request, programme_for(request, slug))
