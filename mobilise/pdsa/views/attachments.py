"""Attachments on a test: upload (checked by content), download (as a file, never shown inline), bin."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import EDIT, VIEW

from .. import reads, services
from ..forms import AttachmentForm
from . import posted


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def attachment_add(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    test = reads.get_test_or_404(programme, pk)
    form = AttachmentForm(*posted(request))
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            attachment = services.attachment_add(
                test=test,
                upload=upload,
                name=upload.name or "",
                size=upload.size or 0,
                description=form.cleaned_data["description"],
                user=request.user,
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, f"“{attachment.original_name}” added.")
            return redirect("pdsa:detail", slug=programme.slug, pk=test.pk)
    return render(request, "pdsa/attachment_add.jinja", {"programme": programme, "test": test, "form": form})


@require_GET
@programme_view(VIEW)
def attachment_download(
    request: HttpRequest, programme: Programme, pk: int, attachment_pk: int
) -> HttpResponse:
    test = reads.get_test_or_404(programme, pk)
    attachment = reads.get_attachment_or_404(test, attachment_pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404("The file is missing") from missing
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response  # type: ignore[return-value]  # FileResponse streams; Django's stubs type it apart


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def attachment_delete(
    request: HttpRequest, programme: Programme, pk: int, attachment_pk: int
) -> HttpResponse:
    test = reads.get_test_or_404(programme, pk)
    attachment = reads.get_attachment_or_404(test, attachment_pk)
    if request.method == "POST":
        services.attachment_bin(attachment=attachment, user=request.user)
        messages.success(
            request,
            f"“{attachment.original_name}” moved to the bin. A convenor can restore it within 30 days.",
        )
        return redirect("pdsa:detail", slug=programme.slug, pk=test.pk)
    return render(
        request,
        "pdsa/attachment_delete.jinja",
        {"programme": programme, "test": test, "attachment": attachment},
    )
