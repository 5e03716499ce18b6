"""Which programme a request may reach: the token's choice, then the web's own permission rules."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from mobilise.programmes.access import get_programme_or_404
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import VIEW

from . import reads, services


def programme_for(request: HttpRequest, slug: str, perm: str = VIEW) -> Programme:
    """The programme, as its person may use it through this token.

    404 where the person has no role or the token was not given the programme (its existence is
    not revealed); 403 for a change through a read-only token or by a role that may not make it
    (the same `programmes/roles.py` rules as the web pages).
    """
    token: Any = request.auth  # type: ignore[attr-defined]
    programme = get_programme_or_404(token.user, slug, VIEW)
    if not reads.token_covers(token, programme):
        raise Http404("This token was not given this programme")
    if perm != VIEW:
        if not token.may_write:
            raise PermissionDenied("This token can only read.")
        if not token.user.has_perm(perm, programme):
            raise PermissionDenied("Your role in this programme does not allow this.")
    return programme


def audit_change(request: HttpRequest, programme: Programme, status: int, summary: str) -> None:
    """One audit line for a request that changed data: token, person, programme, what changed."""
    services.audit(
        token=request.auth,  # type: ignore[attr-defined]
        programme=programme,
        method=request.method or "",
        path=request.path,
        status=status,
        summary=summary,
    )
