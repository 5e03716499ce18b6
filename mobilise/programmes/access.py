"""Getting a programme for the person asking, or refusing.

Outsiders get 404 (a private programme's existence is not revealed); members without the
permission get 403. Every programme-scoped view goes through `programme_view`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from .models import Programme
from .roles import VIEW, role_of


def get_programme_or_404(user: Any, slug: str, perm: str = VIEW) -> Programme:
    programme = Programme.objects.filter(slug=slug).first()
    if programme is None or role_of(user, programme) is None:
        raise Http404("No programme found")
    if not user.has_perm(perm, programme):
        raise PermissionDenied("Your role in this programme does not allow this.")
    return programme


def programme_view(perm: str = VIEW) -> Callable[[Callable[..., HttpResponse]], Any]:
    """Sign-in required; resolves the `slug` URL argument to `programme` for the view."""

    def decorator(view: Callable[..., HttpResponse]) -> Any:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
            programme = get_programme_or_404(request.user, slug, perm)
            request.programme = programme  # type: ignore[attr-defined]
            return view(request, programme, *args, **kwargs)

        return wrapper

    return decorator
