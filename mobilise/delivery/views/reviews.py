"""Review rounds: start one, write what was decided and reflect, close it, compare two."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mobilise.core.concurrency import EditConflict, form_for_second_save
from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import EDIT, RESTORE, VIEW
from mobilise.workspace.components import COMPONENTS

from .. import reads, reviews, services
from ..forms import CloseForm, PromptDismissForm, ReviewForm, ReviewStartForm
from ..models import Review, ReviewStatus
from . import common


def _detail_url(programme: Programme, review: Review) -> str:
    return reverse("delivery:review_detail", kwargs={"slug": programme.slug, "pk": review.pk})


@require_GET
@programme_view(VIEW)
def review_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    found = list(reads.reviews(programme))
    closed = [r for r in found if r.is_closed]
    return common.page(
        request,
        "reviews.jinja",
        programme,
        {
            "reviews": found,
            "closed": closed,
            "prompts": reviews.review_prompts(programme, timezone.localdate(), request.user),
            "can_edit": request.user.has_perm(EDIT, programme),
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def review_create(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = ReviewStartForm(request.POST or None, initial={"held_on": timezone.localdate(), "version": 0})
    if request.method == "POST" and form.is_valid():
        review = services.review_create(
            programme=programme,
            title=form.cleaned_data["title"],
            held_on=form.cleaned_data["held_on"],
            user=request.user,
        )
        messages.success(request, "Review started. Write what you decide, then close it to keep the picture.")
        return redirect(_detail_url(programme, review))
    return common.page(request, "review_start.jinja", programme, {"form": form})


def _detail(
    request: HttpRequest,
    programme: Programme,
    review: Review,
    form: ReviewForm | None,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    can_edit = request.user.has_perm(EDIT, programme) and not review.is_closed
    if form is None and can_edit:
        initial: dict[str, Any] = {"decided": review.decided, "version": review.version, **review.reflections}
        form = ReviewForm(initial=initial)
    return common.page(
        request,
        "review_detail.jinja",
        programme,
        {
            "review": review,
            "form": form if can_edit else None,
            "picture": review.snapshot
            if review.is_closed
            else reviews.live_picture(programme, review.risk_threshold),
            "principles": list(enumerate(reviews.PRINCIPLES, start=1)),
            "component_names_map": {c.key: c.name for c in COMPONENTS},
            "others": [r for r in reads.reviews(programme) if r.is_closed and r.pk != review.pk],
            "may_bin": request.user.has_perm(EDIT, programme)
            and (not review.is_closed or request.user.has_perm(RESTORE, programme)),
            **extra,
        },
        status=status,
    )


@require_GET
@programme_view(VIEW)
def review_detail(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    return _detail(request, programme, reads.get_review_or_404(programme, pk), None)


@require_POST
@programme_view(EDIT)
def review_edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    review = reads.get_review_or_404(programme, pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _detail(request, programme, review, form)
    try:
        services.review_update(
            review=review,
            decided=form.cleaned_data["decided"],
            reflections=form.reflections(),
            user=request.user,
            expected_version=form.cleaned_data["version"],
        )
    except EditConflict as conflict:
        theirs: Any = conflict.current
        form = form_for_second_save(ReviewForm, request.POST, theirs.version)
        return _detail(
            request, programme, review, form, status=409, problem=common.CONFLICT_MESSAGE, theirs=theirs
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _detail(request, programme, review, form, status=409)
    messages.success(request, "Review saved.")
    return redirect(_detail_url(programme, review))


@require_POST
@programme_view(EDIT)
def review_close(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    review = reads.get_review_or_404(programme, pk)
    form = CloseForm(request.POST)
    version = form.cleaned_data["version"] if form.is_valid() else None
    try:
        services.review_close(review=review, user=request.user, expected_version=version)
    except EditConflict:
        messages.warning(
            request, "Someone changed the review while you were reading it. Check it, then close it again."
        )
        return redirect(_detail_url(programme, review))
    except ValidationError:
        messages.info(request, "This review was already closed.")
        return redirect(_detail_url(programme, review))
    messages.success(request, "Review closed. What it saw is kept as it was today.")
    return redirect(_detail_url(programme, review))


@require_GET
@programme_view(VIEW)
def review_compare(request: HttpRequest, programme: Programme) -> HttpResponse:
    closed = [r for r in reads.reviews(programme) if r.status == ReviewStatus.CLOSED]
    by_pk = {r.pk: r for r in closed}
    first_pk, second_pk = (
        int(v) if v.isdigit() else 0 for v in (request.GET.get("a", ""), request.GET.get("b", ""))
    )
    first = by_pk.get(first_pk) or (closed[1] if len(closed) > 1 else None)
    second = by_pk.get(second_pk) or (closed[0] if closed else None)
    rows = reviews.compare(first, second) if first and second else []
    return common.page(
        request,
        "review_compare.jinja",
        programme,
        {"closed": closed, "first": first, "second": second, "rows": rows},
    )


BACK = {"home": "workspace:home", "overview": "delivery:overview", "reviews": "delivery:reviews"}


@require_POST
@programme_view(VIEW)
def review_prompt_dismiss(request: HttpRequest, programme: Programme) -> HttpResponse:
    """ "Not now" on a suggestion to review: that reason is not shown to this person again."""
    form = PromptDismissForm(request.POST)
    back = BACK["reviews"]
    if form.is_valid():
        back = BACK.get(form.cleaned_data["back"], back)
        shown = {p.key for p in reviews.review_prompts(programme, timezone.localdate(), request.user)}
        if form.cleaned_data["reason"] in shown:
            services.prompt_dismiss(programme=programme, user=request.user, key=form.cleaned_data["reason"])
            messages.info(request, "We will not suggest a review for that reason again.")
    return redirect(back, slug=programme.slug)


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def review_delete(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    review = reads.get_review_or_404(programme, pk)
    may = not review.is_closed or request.user.has_perm(RESTORE, programme)
    context: dict[str, Any] = {"review": review, "may": may}
    if request.method == "POST":
        form = CloseForm(request.POST)
        version = form.cleaned_data["version"] if form.is_valid() else None
        try:
            services.review_bin(review=review, user=request.user, expected_version=version)
        except EditConflict as conflict:
            theirs: Any = conflict.current
            return common.page(
                request,
                "review_delete.jinja",
                programme,
                {
                    **context,
                    "review": theirs,
                    "problem": "Someone changed this review while you were "
                    "reading it. Check it below, then move it to the bin again if you still want to.",
                },
                status=409,
            )
        messages.success(
            request, f"“{review.title}” moved to the bin. A convenor can restore it within 30 days."
        )
        return redirect("delivery:reviews", slug=programme.slug)
    return common.page(request, "review_delete.jinja", programme, context)
