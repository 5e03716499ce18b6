"""Each person's choice about the weekly digest email."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from mobilise.core.concurrency import EditConflict

from .. import services
from ..forms import version_field
from ..models import DigestChoice


class DigestForm(forms.Form):
    weekly = forms.TypedChoiceField(
        label="Do you want the weekly email?",
        choices=[("yes", "Yes, send it each week"), ("no", "No, thank you")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        help_text="It lists your actions due, agreements waiting for your organisation, and what changed "
        "in the components you lead. It is only sent when there is something to say.",
        error_messages={"required": "Choose whether you want the weekly email"},
    )
    version = version_field()


@require_http_methods(["GET", "POST"])
@login_required
def digest(request: HttpRequest) -> HttpResponse:
    current = DigestChoice.objects.filter(user_id=request.user.pk or 0).first()
    initial = {
        "weekly": "yes" if current is None or current.weekly else "no",
        "version": current.version if current else 0,
    }
    form = DigestForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.digest_choice_set(
                user=request.user,
                weekly=form.cleaned_data["weekly"],
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict:
            status = 409
            form.add_error(None, "You changed this in another window. Check the choice below and save again.")
        else:
            messages.success(request, "Your choice about the weekly email is saved.")
            return redirect("delivery:digest")
    return render(request, "delivery/digest.jinja", {"form": form}, status=status)
