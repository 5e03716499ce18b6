"""The board paper: the live draft, the convenor's words, publishing, and each version as HTML, PDF, CSV."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from mobilise.core.concurrency import EditConflict, form_for_second_save
from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import EDIT, VIEW
from mobilise.programmes.roles import PUBLISH_BOARD_PAPER as PUBLISH

from . import content, csv_tables, reads, services
from .forms import DraftForm
from .pdf import render_pdf

CONFLICT_MESSAGE = (
    "Someone else changed the covering note while you were editing. Your text is below; check it against "
    "the draft as it is now, then save again if you want yours to replace it."
)


@require_GET
@programme_view(VIEW)
def paper_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    return render(
        request,
        "boardpaper/list.jinja",
        {
            "programme": programme,
            "papers": list(reads.papers_in(programme)),
            "can_edit": request.user.has_perm(EDIT, programme),
            "can_publish": request.user.has_perm(PUBLISH, programme),
        },
    )


@require_GET
@programme_view(VIEW)
def draft(request: HttpRequest, programme: Programme) -> HttpResponse:
    current = services.draft_for(programme)
    context = services.paper_context(
        programme=programme,
        data=content.build(programme),
        title=current.title,
        narrative=current.narrative,
        asks=current.asks,
        when=timezone.localtime(),
        number=None,
    )
    return render(
        request,
        "boardpaper/draft.jinja",
        {
            "programme": programme,
            **context,
            "can_edit": request.user.has_perm(EDIT, programme),
            "can_publish": request.user.has_perm(PUBLISH, programme),
        },
    )


def _initial(current: Any) -> dict[str, Any]:
    return {
        "title": current.title,
        "narrative": current.narrative,
        "asks": current.asks,
        "version": current.version,
    }


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def draft_edit(request: HttpRequest, programme: Programme) -> HttpResponse:
    current = services.draft_for(programme)
    form = DraftForm(request.POST if request.method == "POST" else None, initial=_initial(current))
    if request.method == "POST" and form.is_valid():
        try:
            services.draft_save(
                draft=current,
                data=form.cleaned_data,
                user=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict as conflict:
            form = form_for_second_save(DraftForm, request.POST, conflict.current.version)  # type: ignore[attr-defined]
            return render(
                request,
                "boardpaper/draft_form.jinja",
                {"programme": programme, "form": form, "problem": CONFLICT_MESSAGE},
                status=409,
            )
        messages.success(request, "Covering note saved. The rest of the paper comes from live data.")
        return redirect("boardpaper:draft", slug=programme.slug)
    return render(request, "boardpaper/draft_form.jinja", {"programme": programme, "form": form})


@require_http_methods(["GET", "POST"])
@programme_view(PUBLISH)
def publish(request: HttpRequest, programme: Programme) -> HttpResponse:
    if request.method == "POST":
        paper = services.publish(programme=programme, user=request.user)
        messages.success(
            request, f"Version {paper.number} published. It will not change; publish again for a new version."
        )
        return redirect("boardpaper:paper", slug=programme.slug, number=paper.number)
    return render(
        request,
        "boardpaper/publish.jinja",
        {"programme": programme, "next_number": reads.papers_in(programme).count() + 1},
    )


@require_GET
@programme_view(VIEW)
def paper(request: HttpRequest, programme: Programme, number: int) -> HttpResponse:
    found = reads.get_paper_or_404(programme, number)
    return render(
        request,
        "boardpaper/paper.jinja",
        {"programme": programme, "paper": found, "tables": csv_tables.tables(found.content)},
    )


def _filename(programme: Programme, number: int, ext: str) -> str:
    return f"board-paper-{programme.slug}-v{number}.{ext}"


@require_GET
@programme_view(VIEW)
def paper_pdf(request: HttpRequest, programme: Programme, number: int) -> HttpResponse:
    found = reads.get_paper_or_404(programme, number)
    response = HttpResponse(
        render_pdf(title=found.title, body_html=found.body_html), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{_filename(programme, number, "pdf")}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@programme_view(VIEW)
def paper_csv(request: HttpRequest, programme: Programme, number: int, table: str) -> HttpResponse:
    found = reads.get_paper_or_404(programme, number)
    tables = csv_tables.tables(found.content)
    if table not in tables:
        raise Http404("No such table in this paper")
    _, headings, rows = tables[table]
    response = HttpResponse(csv_tables.as_csv(headings, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="board-paper-{programme.slug}-v{number}-{table}.csv"'
    )
    response["Cache-Control"] = "private, no-store"
    return response
