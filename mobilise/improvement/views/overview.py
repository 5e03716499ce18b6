"""The improvement overview: the theory of change in brief and the programme's driver diagrams."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import EDIT, VIEW

from .. import presenters, reads
from ..summary import improvement_summary


@require_GET
@programme_view(VIEW)
def overview(request: HttpRequest, programme: Programme) -> HttpResponse:
    steps = presenters.theory_steps(reads.theory_items(programme))
    diagrams = reads.diagrams_for(programme)
    return render(
        request,
        "improvement/overview.jinja",
        {
            "programme": programme,
            "steps": steps,
            "story": presenters.theory_story(steps),
            "diagrams": diagrams,
            "aims": {d.pk: presenters.aim_sentence(d) for d in diagrams},
            "summary": improvement_summary(programme),
            "can_edit": request.user.has_perm(EDIT, programme),
        },
    )
