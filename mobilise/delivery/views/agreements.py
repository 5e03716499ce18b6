"""The agreements register: what exactly was agreed, each partner's answer, and what replaced what."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from mobilise.core.concurrency import EditConflict, form_for_second_save
from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import EDIT, VIEW, Role, role_of

from .. import presenters, reads, services
from ..forms import AgreementForm, ConfirmationForm
from ..models import Agreement, Confirmation, PartnerConfirmation
from . import common


def _detail_url(programme: Programme, item: Agreement) -> str:
    return reverse("delivery:agreement_detail", kwargs={"slug": programme.slug, "pk": item.pk})


AGREEMENTS = common.Kind(
    model=Agreement,
    noun="agreement",
    article="an",
    list_route="delivery:agreements",
    delete_route="delivery:agreement_delete",
    make_form=lambda *args, programme, **kwargs: AgreementForm(*args, **kwargs),
    fields=("title", "details", "decided_on", "where"),
    done_url=_detail_url,
)


def _may_answer(request: HttpRequest, programme: Programme) -> set[int]:
    """The partners this person may answer for: the ones they lead, or all of them for a convenor."""
    if role_of(request.user, programme) == Role.CONVENOR:
        return {p.pk for p in reads.programme_partners(programme)}
    return reads.led_partner_ids(programme, request.user.pk)


PAGE_SIZE = 50


@require_GET
@programme_view(VIEW)
def agreement_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    page_number = common.page_number(request)
    partners = reads.programme_partners(programme)
    # The newest `upto` of each source hold the newest `upto` of the merged list.
    upto = page_number * PAGE_SIZE
    agreements = reads.agreements(programme)
    notes = reads.decision_notes(programme).order_by("-created_at", "-pk")
    entries = presenters.register(
        list(agreements[: upto + 1]), list(notes[: upto + 1]), partners, _may_answer(request, programme)
    )
    return common.page(
        request,
        "agreements.jinja",
        programme,
        {
            "entries": entries[upto - PAGE_SIZE : upto],
            "more": len(entries) > upto,
            "page_number": page_number,
            "partners": partners,
            "can_edit": request.user.has_perm(EDIT, programme),
        },
    )


@require_GET
@programme_view(VIEW)
def agreement_detail(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    agreement = reads.get_agreement_or_404(programme, pk)
    partners = reads.programme_partners(programme)
    return common.page(
        request,
        "agreement_detail.jinja",
        programme,
        {
            "agreement": agreement,
            "newer": reads.newer_agreement(agreement),
            "answers": presenters.answers_for(agreement, partners, _may_answer(request, programme)),
            "can_edit": request.user.has_perm(EDIT, programme),
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def agreement_create(request: HttpRequest, programme: Programme) -> HttpResponse:
    component = request.GET.get("component", "")
    initial = {"decided_on": timezone.localdate(), "components": [component] if component else []}
    return common.create(request, programme, AGREEMENTS, initial=initial)


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def agreement_edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    agreement = reads.get_agreement_or_404(programme, pk, include_binned=request.method == "POST")
    return common.edit(request, programme, AGREEMENTS, agreement)


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def agreement_supersede(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    old = reads.get_agreement_or_404(programme, pk)
    initial = {**AGREEMENTS.initial(old), "decided_on": timezone.localdate(), "version": 0}
    form = AgreementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.agreement_supersede(old=old, data=form.cleaned_data, user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, "New agreement saved. The old one stays in the register, marked as replaced."
            )
            return redirect(_detail_url(programme, new))
    return common.page(
        request,
        "item_form.jinja",
        programme,
        {
            "form": form,
            "item": None,
            "kind": AGREEMENTS,
            "heading": "Replace this agreement",
            "replacing": old,
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def agreement_delete(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    agreement = reads.get_agreement_or_404(programme, pk, include_binned=request.method == "POST")
    return common.delete(request, programme, AGREEMENTS, agreement, agreement.title)


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def agreement_confirm(request: HttpRequest, programme: Programme, pk: int, partner: int) -> HttpResponse:
    agreement = reads.get_agreement_or_404(programme, pk)
    organisation = reads.get_partner_or_404(programme, partner)
    if not services.may_confirm(request.user, programme, organisation):
        if request.method == "POST":
            raise PermissionDenied("Only this partner's lead, or a convenor, can answer for the partner.")
        lead = reads.partner_lead(programme, organisation)
        return common.page(
            request,
            "confirm.jinja",
            programme,
            {
                "agreement": agreement,
                "organisation": organisation,
                "lead": lead.lead if lead else None,
                "form": None,
            },
        )
    existing = reads.confirmation(agreement, organisation)
    initial = {
        "state": existing.state if existing and existing.state != Confirmation.PENDING else "",
        "concern": existing.concern if existing else "",
        "version": existing.version if existing else 0,
    }
    form = ConfirmationForm(request.POST or None, initial=initial)
    context = {"agreement": agreement, "organisation": organisation, "form": form}
    if request.method == "POST" and form.is_valid():
        try:
            services.confirmation_set(
                agreement=agreement,
                organisation=organisation,
                state=form.cleaned_data["state"],
                concern=form.cleaned_data["concern"],
                user=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict as conflict:
            theirs: PartnerConfirmation = conflict.current  # type: ignore[assignment]
            form = form_for_second_save(ConfirmationForm, request.POST, theirs.version)
            return common.page(
                request,
                "confirm.jinja",
                programme,
                {**context, "form": form, "problem": common.CONFLICT_MESSAGE, "theirs": theirs},
                status=409,
            )
        messages.success(request, f"Answer saved for {organisation.name}.")
        return redirect(_detail_url(programme, agreement))
    return common.page(request, "confirm.jinja", programme, context)
