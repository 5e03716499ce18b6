from __future__ import annotations

import pytest
from django.urls import reverse

from mobilise.purpose.models import SharedPurpose

from .factories import oldest_history_id, write_purpose


@pytest.mark.parametrize(
    ("name", "method", "needs_version"),
    [
        ("purpose:detail", "get", False),
        ("purpose:edit", "get", False),
        ("purpose:edit", "post", False),
        ("purpose:history", "get", False),
        ("purpose:revision", "get", True),
        ("purpose:restore", "post", True),
    ],
)
def test_outsiders_get_404_everywhere_and_change_nothing(cast, as_outsider, name, method, needs_version):
    write_purpose(cast.programme, cast.convenor, statement="Our private purpose.")
    write_purpose(cast.programme, cast.convenor, statement="Our newer private purpose.")
    kwargs = {"slug": cast.programme.slug}
    if needs_version:
        kwargs["history_id"] = oldest_history_id(cast.programme)
    data = {"statement": "Taken over", "version": 2} if method == "post" else None

    response = getattr(as_outsider, method)(reverse(name, kwargs=kwargs), data)

    assert response.status_code == 404
    assert "private purpose" not in response.content.decode()
    purpose = SharedPurpose.objects.get(programme=cast.programme)
    assert purpose.statement == "Our newer private purpose."
    assert purpose.history.count() == 2


def test_anonymous_visitors_are_asked_to_sign_in(cast):
    url = reverse("purpose:detail", kwargs={"slug": cast.programme.slug})
    response = cast.client_for("anonymous").get(url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
