"""Opening a programme evaluation and reading what people said, once enough have answered."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import EDIT, VIEW

from .. import reads, services
from ..forms import EvaluationOpenForm
from ..results import THRESHOLD


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def evaluation_new(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = EvaluationOpenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            found = services.evaluation_open(
                programme=programme, title=form.cleaned_data["title"], user=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("workshops:evaluation", slug=programme.slug, pk=found.pk)
    return render(request, "workshops/evaluation_form.jinja", {"programme": programme, "form": form})


@require_GET
@programme_view(VIEW)
def evaluation_detail(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    found = reads.get_evaluation_or_404(programme, pk)
    link = request.build_absolute_uri(reverse("workshops:evaluation_answer", kwargs={"token": found.token}))
    return render(
        request,
        "workshops/evaluation.jinja",
        {
            "programme": programme,
            "result": reads.evaluation_result(found),
            "link": link,
            "threshold": THRESHOLD,
        },
    )
