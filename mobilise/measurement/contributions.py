"""What transparent measurement adds to lower apps' pages; registered in `MeasurementConfig.ready()`."""

from __future__ import annotations

from django.urls import reverse

from mobilise.programmes.models import Programme
from mobilise.workspace.linked import LinkedWork, plural

from .models import Measure


def measurement_work(programme: Programme) -> list[LinkedWork]:
    """For the "Transparent measurement" component page: how many measures are tracked."""
    n = Measure.objects.filter(programme=programme).count()
    url = reverse("measurement:dashboard", kwargs={"slug": programme.slug})
    return [LinkedWork(plural(n, "measure tracked", "measures tracked"), url)]
