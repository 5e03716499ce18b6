"""The bin's words match what it holds, not a fixed list of kinds."""

from __future__ import annotations

from django.urls import reverse

from mobilise.core.bin import move_to_bin
from tests.measurement.factories import MeasureFactory
from tests.workspace.factories import NoteFactory


def test_the_bin_says_what_it_holds(cast, as_convenor):
    bin_url = reverse("programmes:bin", kwargs={"slug": cast.programme.slug})
    assert "It holds" not in as_convenor.get(bin_url).content.decode()
    for measure in (MeasureFactory(programme=cast.programme), MeasureFactory(programme=cast.programme)):
        move_to_bin(measure, by=cast.convenor)
    move_to_bin(NoteFactory(programme=cast.programme), by=cast.convenor)
    page = as_convenor.get(bin_url).content.decode()
    assert "It holds 2 measures and 1 note now." in page
    assert "Deleted notes, decisions and alignment entries" not in page
