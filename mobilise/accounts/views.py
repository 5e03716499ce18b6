"""Organisations: the shared list every programme chooses its partners from."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from mobilise.core.concurrency import EditConflict, form_for_second_save

from . import services
from .forms import OrganisationForm, ProfileForm
from .models import Organisation, User

CONFLICT_MESSAGE = (
    "Your details were changed in another tab or window after you opened this page. "
    "Your changes are below; the saved details are shown underneath. Save again to replace them."
)


@require_GET
@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    mine = set(request.user.organisations.values_list("pk", flat=True))  # type: ignore[union-attr]
    return render(
        request, "accounts/organisations.jinja", {"organisations": Organisation.objects.all(), "mine": mine}
    )


@require_http_methods(["GET", "POST"])
@login_required
def organisation_create(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = services.organisation_create(form=form, created_by=request.user)
        messages.success(request, f"{organisation.name} added. You are listed as belonging to it.")
        return redirect("accounts:organisations")
    return render(request, "accounts/organisation_form.jinja", {"form": form})


@require_http_methods(["GET", "POST"])
@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = User.objects.get(pk=cast(int, request.user.pk))
    form = ProfileForm(request.POST or None, instance=user)
    theirs: User | None = None
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_update(form=form, expected_version=form.cleaned_data["version"])
        except EditConflict as conflict:
            theirs = User.objects.get(pk=conflict.current.pk)
            # Keep what they typed; a second save from this page then replaces the saved details knowingly.
            form = form_for_second_save(
                lambda data: ProfileForm(data, instance=User.objects.get(pk=user.pk)),
                request.POST,
                theirs.version,
            )
        else:
            messages.success(request, "Your details have been saved.")
            return redirect("accounts:profile")
    return render(
        request,
        "accounts/profile.jinja",
        {"form": form, "theirs": theirs, "problem": CONFLICT_MESSAGE if theirs else ""},
        status=409 if theirs else 200,
    )
