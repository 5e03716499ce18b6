"""Organisations: the shared list every programme chooses its partners from."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from . import services
from .forms import OrganisationForm, ProfileForm
from .models import Organisation


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
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.profile_update(form=form)
        messages.success(request, "Your details have been saved.")
        return redirect("accounts:profile")
    return render(request, "accounts/profile.jinja", {"form": form})
