"""Programmes, their people and their bin. Views check access, call a service, render."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mobilise.core.bin import binned_items, restore_from_bin
from mobilise.core.concurrency import EditConflict

from . import reads, services
from .access import programme_view
from .attention import programme_summaries
from .forms import InvitationForm, PartnerForm, ProgrammeForm, RoleForm
from .invitations import invitation_id_from_token
from .models import Membership, Programme
from .roles import EDIT, MANAGE_PEOPLE, RESTORE, ROLE_DESCRIPTIONS, VIEW


@require_GET
@login_required
def programme_list(request: HttpRequest) -> HttpResponse:
    return render(request, "programmes/list.jinja", {"summaries": programme_summaries(request.user)})


@require_http_methods(["GET", "POST"])
@login_required
def programme_create(request: HttpRequest) -> HttpResponse:
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        programme = services.programme_create(
            name=form.cleaned_data["name"],
            challenge=form.cleaned_data["challenge"],
            created_by=request.user,
            organisation=form.cleaned_data["organisation"],
        )
        messages.success(request, "Programme created. Start with the shared purpose.")
        return redirect("workspace:home", slug=programme.slug)
    return render(request, "programmes/create.jinja", {"form": form})


@require_GET
@programme_view(VIEW)
def member_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    memberships = programme.memberships.select_related("user", "organisation").order_by(
        "role", "user__full_name", "user__email"
    )
    invitations = programme.invitations.filter(accepted_at=None, withdrawn_at=None).select_related(
        "organisation"
    )
    can_manage = request.user.has_perm(MANAGE_PEOPLE, programme)
    return render(
        request,
        "programmes/members.jinja",
        {
            "programme": programme,
            "memberships": memberships,
            "invitations": invitations,
            "partners": programme.partners.all(),
            "can_manage": can_manage,
            "partner_form": PartnerForm(),
            "role_descriptions": ROLE_DESCRIPTIONS,
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view(MANAGE_PEOPLE)
def invite(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(
                programme=programme,
                invited_by=request.user,
                accept_url_builder=lambda token: request.build_absolute_uri(
                    reverse("programmes:accept", args=[token])
                ),
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Invitation sent to {invitation.email}.")
            return redirect("programmes:members", slug=programme.slug)
    return render(
        request,
        "programmes/invite.jinja",
        {"programme": programme, "form": form, "role_descriptions": ROLE_DESCRIPTIONS},
    )


@require_POST
@programme_view(MANAGE_PEOPLE)
def invitation_withdraw(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    invitation = reads.get_pending_invitation_or_404(programme, pk)
    services.invitation_withdraw(invitation=invitation)
    messages.success(request, f"Invitation to {invitation.email} withdrawn.")
    return redirect("programmes:members", slug=programme.slug)


@require_http_methods(["GET", "POST"])
@login_required
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = reads.get_invitation_from_link_or_404(invitation_id_from_token(token))
    problem = None
    if request.method == "POST":
        try:
            services.invitation_accept(invitation=invitation, user=request.user)
        except services.InvitationProblem as exc:
            problem = str(exc)
        else:
            messages.success(request, f"Welcome to {invitation.programme.name}.")
            return redirect("workspace:home", slug=invitation.programme.slug)
    return render(
        request,
        "programmes/accept.jinja",
        {"invitation": invitation, "problem": problem},
        status=400 if problem else 200,
    )


@require_http_methods(["GET", "POST"])
@programme_view(MANAGE_PEOPLE)
def member_role(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    membership = reads.get_membership_or_404(programme, pk)
    form = RoleForm(request.POST or None, initial={"role": membership.role, "version": membership.version})
    problem = ""
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.membership_change_role(
                membership=membership,
                role=form.cleaned_data["role"],
                changed_by=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict as conflict:
            theirs = cast(Membership, conflict.current)
            problem = (
                f"Someone else changed the role of {membership.user.display_name} while you were choosing: "
                f"they are now a {theirs.get_role_display().lower()}. Choose again and save if you still "
                "want to change it."
            )
            form = RoleForm(initial={"role": form.cleaned_data["role"], "version": theirs.version})
        except ValidationError as error:
            form.add_error(None, error)
        else:
            role = changed.get_role_display().lower()
            messages.success(request, f"{membership.user.display_name} is now a {role}.")
            return redirect("programmes:members", slug=programme.slug)
    return render(
        request,
        "programmes/role.jinja",
        {
            "programme": programme,
            "membership": membership,
            "form": form,
            "role_descriptions": ROLE_DESCRIPTIONS,
            "problem": problem,
        },
        status=409 if problem else 200,
    )


@require_POST
@programme_view(MANAGE_PEOPLE)
def member_remove(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    membership = reads.get_membership_or_404(programme, pk)
    try:
        services.membership_remove(membership=membership, removed_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{membership.user.display_name} has been removed from the programme.")
    return redirect("programmes:members", slug=programme.slug)


@require_POST
@programme_view(MANAGE_PEOPLE)
def partner_add(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = PartnerForm(request.POST)
    if form.is_valid():
        services.partner_add(programme=programme, organisation=form.cleaned_data["organisation"])
        messages.success(request, f"{form.cleaned_data['organisation']} added as a partner.")
    else:
        messages.error(request, "Choose an organisation from the list.")
    return redirect("programmes:members", slug=programme.slug)


def bin_holds(items: list[Any]) -> str:
    """What the bin holds, in words: "2 measures and 1 note", so the text matches what is there."""
    counts: dict[tuple[str, str], int] = {}
    for item in items:
        meta = item._meta
        key = (str(meta.verbose_name), str(meta.verbose_name_plural))
        counts[key] = counts.get(key, 0) + 1
    parts = [
        f"{n} {one if n == 1 else many}" for (one, many), n in sorted(counts.items(), key=lambda kv: -kv[1])
    ]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1] if parts else ""


@require_GET
@programme_view(EDIT)
def bin_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    items = binned_items(programme.pk)
    return render(
        request,
        "programmes/bin.jinja",
        {
            "programme": programme,
            "items": items,
            "holds": bin_holds([item for _, item in items]),
            "can_restore": request.user.has_perm(RESTORE, programme),
        },
    )


@require_POST
@programme_view(RESTORE)
def bin_restore(request: HttpRequest, programme: Programme, kind: str, pk: int) -> HttpResponse:
    obj = reads.get_binned_or_404(programme, kind, pk)
    restore_from_bin(obj, by=request.user)
    messages.success(request, f"Restored: {obj.bin_label()}")
    return redirect("programmes:bin", slug=programme.slug)
