"""The stakeholder register: list, add, edit, move on the map, and bin."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from mobilise.core.concurrency import EditConflict
from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import EDIT, SEE_STANCE, VIEW

from .. import presenters, reads
from ..forms.register import MoveForm, StakeholderForm
from ..models import Stakeholder
from ..replays import form_key_for, posted_key
from ..services import register as services
from .common import page

CONFLICT_MESSAGE = (
    "Someone else changed this while you were editing. Your changes are below; their "
    "version is shown for comparison. Check both, then save again if you want yours "
    "to replace it."
)
BINNED_MESSAGE = (
    "Someone moved this stakeholder to the bin while you were editing, so your changes have "
    "not been saved. Ask a convenor to restore them from the bin if they are still needed."
)


def _detail_url(programme: Programme, stakeholder: Stakeholder) -> str:
    return reverse("engagement:stakeholder_detail", kwargs={"slug": programme.slug, "pk": stakeholder.pk})


@require_GET
@programme_view(VIEW)
def stakeholders(request: HttpRequest, programme: Programme) -> HttpResponse:
    # A hundred to a page: a register of a thousand people stays quick to open and to read.
    listed = Paginator(reads.stakeholders_in(programme), 100).get_page(request.GET.get("page"))
    return page(
        request,
        "stakeholders.jinja",
        programme,
        {
            "stakeholders": listed.object_list,
            "listing": listed,
            "can_edit": request.user.has_perm(EDIT, programme),
            "can_see_stance": request.user.has_perm(SEE_STANCE, programme),
            "gap": presenters.engagement_gap,
        },
    )


@require_GET
@programme_view(VIEW)
def stakeholder_detail(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    stakeholder = reads.get_stakeholder_or_404(programme, pk)
    return page(
        request,
        "stakeholder_detail.jinja",
        programme,
        {
            "stakeholder": stakeholder,
            "changes": presenters.stakeholder_changes(
                reads.stakeholder_history(stakeholder),
                show_stance=request.user.has_perm(SEE_STANCE, programme),
            ),
            "can_edit": request.user.has_perm(EDIT, programme),
            "can_see_stance": request.user.has_perm(SEE_STANCE, programme),
        },
    )


def _form_page(
    request: HttpRequest,
    programme: Programme,
    form: StakeholderForm,
    *,
    stakeholder: Stakeholder | None,
    version: int,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    return page(
        request,
        "stakeholder_form.jinja",
        programme,
        {
            "form": form,
            "stakeholder": stakeholder,
            "version": version,
            "form_key": "" if stakeholder else form_key_for(request),
            "can_see_stance": request.user.has_perm(SEE_STANCE, programme),
            **extra,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def stakeholder_create(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = StakeholderForm(
        request.POST or None, programme=programme, can_see_stance=request.user.has_perm(SEE_STANCE, programme)
    )
    if request.method == "POST" and form.is_valid():
        try:
            created = services.stakeholder_create(
                programme=programme, data=form.data_object(), user=request.user, form_key=posted_key(request)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{created.name} added to the register.")
            return redirect(_detail_url(programme, created))
    return _form_page(request, programme, form, stakeholder=None, version=0)


def _initial(stakeholder: Stakeholder) -> dict[str, Any]:
    fields = (
        "name",
        "kind",
        "role",
        "organisation_name",
        "organisation_type",
        "formal_authority",
        "informal_influence",
        "engagement_current",
        "engagement_desired",
        "stance",
        "interest",
        "last_contact",
        "notes",
        "email",
    )
    return {
        **{f: getattr(stakeholder, f) for f in fields},
        "owner": stakeholder.owner_id,
        "member": stakeholder.member_id,
    }


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def stakeholder_edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    stakeholder = reads.get_stakeholder_or_404(programme, pk, include_binned=request.method == "POST")
    form = StakeholderForm(
        request.POST or None,
        programme=programme,
        initial=_initial(stakeholder),
        can_see_stance=request.user.has_perm(SEE_STANCE, programme),
    )
    if request.method == "POST" and stakeholder.in_bin:
        return _form_page(
            request,
            programme,
            form,
            stakeholder=stakeholder,
            version=stakeholder.version,
            status=409,
            problem=BINNED_MESSAGE,
            binned=True,
        )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.stakeholder_update(
                stakeholder=stakeholder,
                data=form.data_object(),
                user=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict as conflict:
            return _form_page(
                request,
                programme,
                form,
                stakeholder=stakeholder,
                status=409,
                version=getattr(conflict.current, "version", 0),
                problem=CONFLICT_MESSAGE,
                theirs=conflict.current,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Changes to {saved.name} saved.")
            return redirect(_detail_url(programme, saved))
    return _form_page(request, programme, form, stakeholder=stakeholder, version=stakeholder.version)


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def stakeholder_move(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    stakeholder = reads.get_stakeholder_or_404(programme, pk)
    form = MoveForm(
        request.POST or None,
        initial={
            "formal_authority": stakeholder.formal_authority,
            "informal_influence": stakeholder.informal_influence,
        },
    )
    context: dict[str, Any] = {"stakeholder": stakeholder, "form": form, "version": stakeholder.version}
    if request.method == "POST" and form.is_valid():
        try:
            services.stakeholder_move(
                stakeholder=stakeholder,
                formal_authority=form.cleaned_data["formal_authority"],
                informal_influence=form.cleaned_data["informal_influence"],
                user=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict as conflict:
            return page(
                request,
                "stakeholder_move.jinja",
                programme,
                {
                    **context,
                    "problem": CONFLICT_MESSAGE,
                    "theirs": conflict.current,
                    "version": getattr(conflict.current, "version", 0),
                },
                status=409,
            )
        messages.success(request, f"{stakeholder.name} moved on the map.")
        return redirect(reverse("engagement:map", kwargs={"slug": programme.slug}) + f"#stakeholder-{pk}")
    return page(request, "stakeholder_move.jinja", programme, context)


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def stakeholder_delete(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    # A replayed "move to the bin" finds it already there and gets the same answer.
    stakeholder = reads.get_stakeholder_or_404(programme, pk, include_binned=request.method == "POST")
    if request.method == "POST":
        services.stakeholder_bin(stakeholder=stakeholder, user=request.user)
        messages.success(
            request, f"{stakeholder.name} moved to the bin. A convenor can restore them within 30 days."
        )
        return redirect("engagement:stakeholders", slug=programme.slug)
    return page(request, "stakeholder_delete.jinja", programme, {"stakeholder": stakeholder})
