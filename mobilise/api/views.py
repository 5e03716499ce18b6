"""A person's API tokens: make one (shown once), see when each was last used, revoke."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from . import reads, services
from .api import api
from .forms import TokenForm

NEW_SECRET = "api_new_token"


@require_http_methods(["GET", "POST"])
@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        _, made = services.token_create(
            user=request.user,
            name=form.cleaned_data["name"],
            access=form.cleaned_data["access"],
            programmes=form.cleaned_data["programmes"],
            days=int(form.cleaned_data["days"]),
        )
        # Kept in the session only until the next page shows it; never stored with the token.
        request.session[NEW_SECRET] = made
        return redirect("api_tokens:list")
    secret: str | None = request.session.pop(NEW_SECRET, None) if request.method == "GET" else None
    return render(
        request,
        "api/tokens.jinja",
        {
            "form": form,
            "tokens": list(reads.tokens_of(request.user)),
            "secret": secret,
            "now": timezone.now(),
        },
        status=200 if request.method == "GET" else 400,
    )


@require_http_methods(["POST"])
@login_required
def revoke(request: HttpRequest) -> HttpResponseRedirect:
    try:
        pk = int(request.POST.get("token", ""))
    except ValueError:
        pk = 0
    token = reads.get_token_of_user_or_404(request.user, pk)
    if services.token_revoke(token=token):
        messages.success(request, f"“{token.name}” has been revoked. It no longer works.")
    return redirect("api_tokens:list")


@require_GET
@login_required
def docs(request: HttpRequest) -> HttpResponse:
    """The interactive API docs (Swagger UI from django-ninja's own static files, no CDN)."""
    return api.docs.render_page(request, api)
