"""`url_each` reverses a row link once and puts each row's id in: the addresses must be exactly
what reverse() gives, for any ids and slugs."""

from __future__ import annotations

from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from mobilise.core.jinja2env import url_each

slugs = st.from_regex(r"[a-z0-9][a-z0-9-]{0,30}", fullmatch=True)
ids = st.integers(min_value=1, max_value=2**53)


@settings(deadline=None)
@given(slug=slugs, pk=ids, rows=st.lists(ids, min_size=1, max_size=20))
def test_each_row_gets_the_address_reverse_would_give(slug: str, pk: int, rows: list[int]) -> None:
    point_url = url_each("measurement:point_edit", "point_pk", slug=slug, pk=pk)
    for row in rows:
        expected = reverse("measurement:point_edit", kwargs={"slug": slug, "pk": pk, "point_pk": row})
        assert point_url(row) == expected
