"""Pages are sent compressed, and what arrives after decompression is exactly the page."""

from __future__ import annotations

import gzip

from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from mobilise.core.compression import PageCompressionMiddleware

pages = st.text(alphabet="<>abc dé\n\"'=/0123456789", min_size=0, max_size=5000).map(str.encode)


def serve(body: bytes, accept: str, etag: str | None = None) -> HttpResponse:
    def view(request: HttpRequest) -> HttpResponse:
        response = HttpResponse(body)
        if etag:
            response["ETag"] = etag
        return response

    request = RequestFactory().get("/", headers={"Accept-Encoding": accept})
    return PageCompressionMiddleware(view)(request)  # type: ignore[return-value]


@settings(max_examples=200, deadline=None)
@given(body=pages, accept=st.sampled_from(["gzip", "gzip, deflate, br", "br", ""]))
def test_any_page_arrives_intact(body: bytes, accept: str) -> None:
    response = serve(body, accept, etag='"v1"')
    if response.get("Content-Encoding") == "gzip":
        assert "gzip" in accept
        assert gzip.decompress(response.content) == body
        assert int(response["Content-Length"]) == len(response.content) < len(body)
        assert response["ETag"] == 'W/"v1"'  # no longer byte-for-byte the same
    else:
        assert response.content == body
    if len(body) >= 200:
        assert "Accept-Encoding" in response["Vary"]


def test_the_compressed_size_varies_from_response_to_response() -> None:
    """A random-length name in the gzip header, so sizes do not leak secrets (BREACH)."""
    body = b"<p>The same page every time.</p>" * 200
    sizes = {len(serve(body, "gzip").content) for _ in range(30)}
    assert len(sizes) > 1


def test_a_real_page_is_compressed(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get(reverse("account_login"), headers={"Accept-Encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert b"Sign in" in gzip.decompress(response.content)
