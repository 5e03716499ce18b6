"""A published paper as PDF (WeasyPrint), tagged for screen readers, fetching nothing from anywhere.

The stylesheet is read from the app's own static folder and handed over as text; the fetcher
refuses every URL, so a link or image that found its way into the page cannot make the server
reach out to another site (or read a file of its own).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.template.loader import render_to_string

STYLESHEET = Path(__file__).resolve().parent / "static" / "boardpaper" / "paper.css"


class NothingFetched(ValueError):
    pass


def _fetcher(refused: list[str]) -> Any:
    from weasyprint import URLFetcher

    class LocalOnly(URLFetcher):  # type: ignore[misc]
        """Refuses everything: the page carries its own styles and its charts are inline SVG."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            refused.append(url)
            raise NothingFetched(f"The board paper does not fetch {url}")

    return LocalOnly()


def render_pdf(*, title: str, body_html: str, lang: str = "en-GB", refused: list[str] | None = None) -> bytes:
    """`refused` collects every URL the page asked for (and did not get)."""
    from weasyprint import CSS, HTML

    page = render_to_string("boardpaper/pdf.jinja", {"title": title, "body": body_html, "lang": lang})
    fetcher = _fetcher(refused if refused is not None else [])
    document = HTML(string=page, base_url="about:blank", url_fetcher=fetcher)
    pdf: bytes = document.write_pdf(
        stylesheets=[CSS(string=STYLESHEET.read_text(), url_fetcher=fetcher)], pdf_tags=True
    )
    return pdf
