"""The "share your story or idea" page: opened by a convenor or facilitator, used without an account."""

from __future__ import annotations

import io

import segno
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import MODERATE_STORIES as MODERATE

from .. import reads, services
from ..forms import ConsentForm, PublicStoryForm, started_stamp
from ..models import ConsentUse


def qr_svg(url: str) -> SafeString:
    """An inline QR code for the link (the link itself is printed beside it as text)."""
    out = io.BytesIO()
    segno.make(url, error="m").save(
        out,
        kind="svg",
        xmldecl=False,
        svgns=True,
        scale=5,
        title="QR code for the share page",
        svgclass="app-qr",
    )
    return SafeString(out.getvalue().decode())


@require_GET
@programme_view(MODERATE)
def share_settings(request: HttpRequest, programme: Programme) -> HttpResponse:
    link = reads.get_share_link(programme)
    url = qr = ""
    if link is not None and link.is_open:
        url = request.build_absolute_uri(
            reverse("stories:share", kwargs={"token": services.share_token(link)})
        )
        qr = qr_svg(url)
    return render(
        request,
        "stories/share_settings.jinja",
        {"programme": programme, "link": link, "share_url": url, "qr": qr},
    )


@require_POST
@programme_view(MODERATE)
def share_change(request: HttpRequest, programme: Programme) -> HttpResponse:
    action = request.POST.get("action")
    if action == "close":
        services.share_link_close(programme=programme)
        messages.info(request, "The share page is closed. Its link and QR code no longer work.")
    else:
        services.share_link_open(programme=programme, user=request.user, new_address=action == "new")
        messages.success(request, "The share page is open. Anyone with the link or QR code can send a story.")
    return redirect("stories:share_settings", slug=programme.slug)


def _address(request: HttpRequest) -> str:
    # Behind the proxy the first forwarded address is the sender's; only ever stored hashed.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return (forwarded.split(",")[0].strip() if forwarded else "") or str(request.META.get("REMOTE_ADDR", ""))


@require_http_methods(["GET", "POST"])
def share(request: HttpRequest, token: str) -> HttpResponse:
    link = services.link_for_token(token)
    if link is None:
        raise Http404("This link is not valid")
    programme = link.programme
    context: dict[str, object] = {"programme_name": programme.name, "token": token}
    step = request.POST.get("step", "")
    if request.method == "GET" or step not in ("consent", "story"):
        return render(request, "stories/share_consent.jinja", {**context, "form": ConsentForm()})
    consent = ConsentForm(request.POST)
    if not consent.is_valid():
        return render(request, "stories/share_consent.jinja", {**context, "form": consent})
    if step == "consent":
        form = PublicStoryForm(initial={"started": started_stamp()})
        return render(request, "stories/share_story.jinja", {**context, "form": form, "consent": consent})
    form = PublicStoryForm(request.POST)
    if not form.is_valid():
        retry = request.POST.copy()
        retry["started"] = started_stamp()
        form.data = retry
        return render(request, "stories/share_story.jinja", {**context, "form": form, "consent": consent})
    if form.is_bot():
        return render(request, "stories/share_thanks.jinja", context)
    try:
        services.public_story_submit(
            link=link,
            data=form.cleaned_data,
            address=_address(request),
            consent_use=consent.cleaned_data["consent_use"] or ConsentUse.PROGRAMME,
            consent_until=consent.consent_until(),
        )
    except services.TooMany:
        return render(request, "stories/share_too_many.jinja", context, status=429)
    return render(request, "stories/share_thanks.jinja", context)
