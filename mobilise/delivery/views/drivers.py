"""The system drivers register: levers outside the team and which way they pull."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import EDIT, VIEW

from .. import presenters, reads
from ..forms import DriverForm
from ..models import Motivation, Pull, SystemDriver
from . import common


def _list_url(programme: Programme, item: SystemDriver) -> str:
    return reverse("delivery:drivers", kwargs={"slug": programme.slug}) + f"#driver-{item.pk}"


DRIVERS = common.Kind(
    model=SystemDriver,
    noun="system driver",
    article="a",
    list_route="delivery:drivers",
    delete_route="delivery:driver_delete",
    make_form=DriverForm,
    fields=("name", "kind", "motivation", "holder", "pull", "how", "response", "tension"),
    done_url=_list_url,
)


@require_GET
@programme_view(VIEW)
def driver_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    found = list(reads.drivers(programme))
    grid = {
        (m, p): [d for d in found if d.motivation == m and d.pull == p]
        for m in Motivation.values
        for p in Pull.values
    }
    return common.page(
        request,
        "drivers.jinja",
        programme,
        {
            "drivers": found,
            "grid": grid,
            "motivations": Motivation.choices,
            "pulls": Pull.choices,
            "tags": presenters.PULL_TAG,
            "can_edit": request.user.has_perm(EDIT, programme),
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def driver_create(request: HttpRequest, programme: Programme) -> HttpResponse:
    return common.create(
        request, programme, DRIVERS, initial={"pull": Pull.MIXED, "motivation": Motivation.EXTRINSIC}
    )


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def driver_edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    driver = reads.get_driver_or_404(programme, pk, include_binned=request.method == "POST")
    return common.edit(request, programme, DRIVERS, driver)


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def driver_delete(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    driver = reads.get_driver_or_404(programme, pk, include_binned=request.method == "POST")
    return common.delete(request, programme, DRIVERS, driver, driver.name)
