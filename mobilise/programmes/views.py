"""Programmes, their people and their bin. Views check access, call a service, render."""

from __future__ import annotations

from typing import Any, cast
from urllib.parse import urlencode

from django.conf import settings
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
from .bulk import ListRefused, Problem, check, rows_from_text, rows_from_upload
from .forms import (
    BulkInvitationForm,
    DecisionForm,
    InvitationForm,
    InviteRuleForm,
    JoinLinkForm,
    JoinRequestForm,
    PartnerForm,
    ProgrammeForm,
    RoleForm,
)
from .invitations import invitation_id_from_token
from .models import Membership, Programme
from .roles import EDIT, INVITE, MANAGE_PEOPLE, RESTORE, ROLE_DESCRIPTIONS, VIEW, role_of


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
    can_manage = request.user.has_perm(MANAGE_PEOPLE, programme)
    return render(
        request,
        "programmes/members.jinja",
        {
            "programme": programme,
            **reads.people_page(programme, request.GET.get("page")),
            "can_manage": can_manage,
            "can_invite": request.user.has_perm(INVITE, programme),
            "partner_form": PartnerForm(),
            "rule_form": InviteRuleForm(
                initial={"members_may_invite": programme.members_may_invite, "version": programme.version}
            ),
            "join_form": JoinLinkForm(),
            "role_descriptions": ROLE_DESCRIPTIONS,
        },
    )


@require_GET
@programme_view(VIEW)
def invitation_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    return render(
        request,
        "programmes/invitations.jinja",
        {
            "programme": programme,
            "page": reads.invitations_page(programme, request.GET.get("page")),
            "can_manage": request.user.has_perm(MANAGE_PEOPLE, programme),
            "can_invite": request.user.has_perm(INVITE, programme),
            "remind_after": settings.REMIND_AFTER_DAYS,
            "max_reminders": settings.MAX_REMINDERS,
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view(INVITE)
def invite(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(
                programme=programme,
                invited_by=request.user,
                accept_url_builder=lambda token: request.build_absolute_uri(
                    reverse("programmes:invitation", args=[token])
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
    return redirect("programmes:invitations", slug=programme.slug)


@require_GET
def invitation_preview(request: HttpRequest, token: str) -> HttpResponse:
    """What you are invited to, by whom and why: open before signing in (the link is the key)."""
    invitation = reads.get_invitation_from_link_or_404(invitation_id_from_token(token))
    accept_url = reverse("programmes:accept", args=[token])
    return render(
        request,
        "programmes/invitation.jinja",
        {
            "invitation": invitation,
            "programme": None,
            "shown_programme": invitation.programme,
            "accept_url": accept_url,
            "signup_url": reverse("account_signup") + "?" + urlencode({"next": accept_url}),
            "login_url": reverse("account_login") + "?" + urlencode({"next": accept_url}),
            "member_count": invitation.programme.memberships.count(),
        },
    )


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


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@require_http_methods(["GET", "POST"])
@programme_view(INVITE)
def invite_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    """Invite many people at once from a pasted list or a spreadsheet: all of them, or none."""
    form = BulkInvitationForm(request.POST or None, request.FILES or None)
    problems: list[Problem] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["upload"]
        try:
            rows = (
                rows_from_upload(upload.name, upload.read())
                if upload
                else rows_from_text(form.cleaned_data["people"])
            )
        except ListRefused as refused:
            form.add_error("upload", str(refused))
        else:
            checked = check(
                rows,
                programme=programme,
                inviter_role=role_of(request.user, programme) or "",
                default_role=form.cleaned_data["role"],
            )
            problems = checked.problems
            if checked.ok:
                batch = services.invitations_bulk_create(
                    programme=programme,
                    people=checked.people,
                    invited_by=request.user,
                    message=form.cleaned_data["message"],
                    base_url=_base_url(request),
                )
                count = f"{batch.total:,} invitation{'s' if batch.total != 1 else ''}"
                messages.success(request, f"{count} on the way. They are sent in the background.")
                return redirect("programmes:members", slug=programme.slug)
    return render(
        request,
        "programmes/invite_list.jinja",
        {"programme": programme, "form": form, "problems": problems, "shown_problems": problems[:200]},
        status=400 if problems else 200,
    )


@require_POST
@programme_view(INVITE)
def invitations_remind(request: HttpRequest, programme: Programme) -> HttpResponse:
    batch = services.invitations_remind(
        programme=programme, reminded_by=request.user, base_url=_base_url(request)
    )
    if batch is None:
        messages.info(
            request,
            "Nobody is due a reminder yet. Reminders go to invitations unanswered for "
            f"{settings.REMIND_AFTER_DAYS} days, at most {settings.MAX_REMINDERS} times each.",
        )
    else:
        messages.success(request, f"Reminders on the way to {batch.total:,} people who have not answered.")
    return redirect("programmes:invitations", slug=programme.slug)


@require_POST
@programme_view(MANAGE_PEOPLE)
def invite_rule(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = InviteRuleForm(request.POST)
    if form.is_valid():
        try:
            services.programme_set_invite_rule(
                programme=programme,
                members_may_invite=form.cleaned_data["members_may_invite"],
                changed_by=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict:
            messages.error(request, "Someone else changed this setting just now. Check it and save again.")
            return redirect("programmes:members", slug=programme.slug)
        allowed = form.cleaned_data["members_may_invite"]
        messages.success(
            request,
            "Members may now invite people." if allowed else "Only convenors and facilitators invite now.",
        )
    return redirect("programmes:members", slug=programme.slug)


@require_POST
@programme_view(MANAGE_PEOPLE)
def join_link_create(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = JoinLinkForm(request.POST)
    if form.is_valid():
        services.join_link_create(
            programme=programme, role=form.cleaned_data["role"], created_by=request.user
        )
        messages.success(request, "Join link made. Share it; you decide who comes in.")
    else:
        messages.error(request, "Choose whether people join as members or viewers.")
    return redirect("programmes:members", slug=programme.slug)


@require_POST
@programme_view(MANAGE_PEOPLE)
def join_link_revoke(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    link = reads.get_join_link_or_404(programme, pk)
    services.join_link_revoke(link=link, revoked_by=request.user)
    messages.success(request, "That join link no longer works.")
    return redirect("programmes:members", slug=programme.slug)


@require_http_methods(["GET", "POST"])
def join(request: HttpRequest, token: str) -> HttpResponse:
    """A shared join link: anyone may read it; signed-in people may ask a convenor to let them in."""
    link = reads.get_join_link_from_token_or_404(token)
    here = reverse("programmes:join", args=[token])
    if request.method == "POST" and not request.user.is_authenticated:
        return redirect(reverse("account_login") + "?" + urlencode({"next": here}))
    form = JoinRequestForm(request.POST or None)
    problem = ""
    if not link.is_usable():
        problem = "This link has expired or been switched off. Ask the convenor for a new one."
    elif request.method == "POST" and form.is_valid():
        try:
            services.join_request_create(link=link, user=request.user, reason=form.cleaned_data["reason"])
        except services.JoinProblem as exc:
            problem = str(exc)
        else:
            messages.success(
                request, f"Your request to join {link.programme.name} has gone to its convenors."
            )
            return redirect("programmes:join", token=token)
    waiting = (
        request.user.is_authenticated
        and link.programme.join_requests.filter(user=request.user, status="waiting").exists()
    )
    return render(
        request,
        "programmes/join.jinja",
        {
            "link": link,
            "programme": None,
            "shown_programme": link.programme,
            "form": form,
            "problem": problem,
            "waiting": waiting,
            "signup_url": reverse("account_signup") + "?" + urlencode({"next": here}),
            "login_url": reverse("account_login") + "?" + urlencode({"next": here}),
        },
        status=400 if problem and request.method == "POST" else 200,
    )


@require_POST
@programme_view(MANAGE_PEOPLE)
def join_request_decide(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    join_request = reads.get_waiting_request_or_404(programme, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose whether to let them in.")
        return redirect("programmes:members", slug=programme.slug)
    approve = form.cleaned_data["decision"] == "approve"
    services.join_request_decide(request=join_request, approve=approve, decided_by=request.user)
    name = join_request.user.display_name
    messages.success(
        request, f"{name} has joined the programme." if approve else f"{name}'s request declined."
    )
    return redirect("programmes:members", slug=programme.slug)
