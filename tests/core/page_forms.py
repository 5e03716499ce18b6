"""The POST forms on every page the route matrix can open, read from the HTML people get.

Shared by the replay and lost-update checks: the pages come from the URLconf (through
tests/core/route_matrix.py), so a new page or a new form is checked without anyone listing it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from django.test import Client
from django.urls import Resolver404, resolve, reverse

from tests.core.route_matrix import PROGRAMME_PERMS, Route, build, covered_routes
from tests.factories import UserFactory

TEXT_INPUTS = {"text", "email", "number", "date", "search", "tel", "url", ""}


@dataclass
class PostForm:
    page: str  # the route name of the page showing the form
    url: str  # the page's address
    action: str  # where the form posts to
    hidden: dict[str, str] = field(default_factory=dict)
    visible: list[str] = field(default_factory=list)  # fields a person sees and changes
    stored_text: list[str] = field(default_factory=list)  # text boxes already filled in
    stored_choice: list[str] = field(default_factory=list)  # choices already made (selected, checked)
    values: dict[str, list[str]] = field(default_factory=dict)  # what the browser would send
    options: dict[str, list[str]] = field(default_factory=dict)  # the values each choice offers

    @property
    def target(self) -> tuple[str, dict[str, Any]]:
        """(route name, URL kwargs) of the action; ("", {}) for an address outside our URLconf."""
        try:
            match = resolve(self.action.split("?")[0])
        except Resolver404:
            return "", {}
        return match.view_name, match.kwargs

    @property
    def edits_something_that_exists(self) -> bool:
        """Shows stored text to change, or posts back to its own page about one stored row with
        a choice already made (like a person's role): the forms where a later save can silently
        overwrite an earlier one."""
        if self.stored_text:
            return True
        name, kwargs = self.target
        names_a_row = any(isinstance(value, int) for value in kwargs.values())
        return name == self.page and names_a_row and bool(self.stored_choice)

    def data(self, **changes: list[str]) -> dict[str, list[str]]:
        """What the browser would send, with `changes` (an empty list leaves a field out)."""
        merged = {**self.values, **changes}
        return {name: values for name, values in merged.items() if values}

    def __str__(self) -> str:
        return f"the form posting to {self.action} on {self.page} ({self.url})"


class _FormReader(HTMLParser):
    def __init__(self, page: str, url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page, self.url = page, url
        self.forms: list[PostForm] = []
        self.current: PostForm | None = None
        self.textarea: str | None = None
        self.select: str | None = None
        self.first_option: str | None = None

    def _see(self, form: PostForm, name: str) -> None:
        if name not in form.visible:
            form.visible.append(name)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            if a.get("method", "get").lower() == "post":
                self.current = PostForm(self.page, self.url, a.get("action") or self.url)
            return
        form = self.current
        if form is None:
            return
        name = a.get("name", "")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            value = a.get("value", "")
            if kind == "hidden":
                form.hidden[name] = value
                form.values[name] = [value]
            elif kind in ("radio", "checkbox"):
                self._see(form, name)
                value = value if "value" in a else "on"  # a browser's default for a box with no value
                form.options.setdefault(name, []).append(value)
                if "checked" in a:
                    form.values.setdefault(name, []).append(value)
                    form.stored_choice.append(name)
            elif kind not in ("submit", "button", "file", "image", "reset"):
                self._see(form, name)
                form.values[name] = [value]
                if value and kind in TEXT_INPUTS:
                    form.stored_text.append(name)
        elif tag == "textarea" and name:
            self.textarea = name
            self._see(form, name)
            form.values[name] = [""]
        elif tag == "select" and name:
            self.select, self.first_option = name, None
            self._see(form, name)
        elif tag == "option" and self.select:
            value = a.get("value", "")
            form.options.setdefault(self.select, []).append(value)
            if self.first_option is None:
                self.first_option = value
            if "selected" in a:
                form.values[self.select] = [value]
                form.stored_choice.append(self.select)

    def handle_data(self, data: str) -> None:
        if self.current is not None and self.textarea is not None:
            self.current.values[self.textarea][0] += data
            if data.strip() and self.textarea not in self.current.stored_text:
                self.current.stored_text.append(self.textarea)

    def handle_endtag(self, tag: str) -> None:
        form = self.current
        if tag == "form" and form is not None:
            self.forms.append(form)
            self.current = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select" and form is not None and self.select:
            # A browser sends the first option when none is marked selected.
            if self.select not in form.values and self.first_option is not None:
                form.values[self.select] = [self.first_option]
            self.select = None


def post_forms(html: str, page: str, url: str) -> list[PostForm]:
    reader = _FormReader(page, url)
    reader.feed(html)
    return reader.forms


def visitor_for(entry: dict[str, Any], cast: Any) -> Client:
    """Someone who may open the page and sees the most of it: a convenor where roles apply."""
    if entry.get("public"):
        return Client()
    if entry["perm"] == "token":
        client = Client()
        client.force_login(UserFactory(email="invitee@example.nhs.uk"))
        return client
    return cast.client_for("convenor" if entry["perm"] in PROGRAMME_PERMS else "outsider")


def get_pages() -> list[tuple[Route, dict[str, Any]]]:
    return [(r, e) for r, e in covered_routes()[3] if "GET" in e["methods"]]


def forms_on(
    route: Route, entry: dict[str, Any], cast: Any, client: Client | None = None
) -> tuple[int, list[PostForm]]:
    """Open the page as `visitor_for` would (or as `client`); (status, the POST forms on it)."""
    kwargs, _ = build(entry, cast)
    url = reverse(route.name, kwargs=kwargs)
    response = (client or visitor_for(entry, cast)).get(url)
    if not response.get("Content-Type", "").startswith("text/html"):
        return response.status_code, []
    return response.status_code, post_forms(response.content.decode(), route.name, url)
