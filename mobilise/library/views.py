"""Search across programmes, sharing items, copying shared work, and similar work elsewhere."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mobilise.programmes.access import programme_view
from mobilise.programmes.models import Programme
from mobilise.programmes.roles import EDIT, VIEW

from . import embedding_services, reads, search, services
from .forms import SearchForm
from .registry import SEARCHABLE


@require_GET
@login_required
def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    results = None
    if form.is_valid() and form.cleaned_data["q"].strip():
        data = form.cleaned_data
        filters = search.Filters(
            kind=data["kind"],
            component=data["component"],
            topic=data["topic"],
            org_type=data["org_type"],
            since=data["since"],
        )
        try:
            page = max(1, int(request.GET.get("page", "1")))
        except ValueError:
            page = 1
        results = search.search(request.user, data["q"], filters, page=page)
    return render(
        request,
        "library/search.jinja",
        {
            "form": form,
            "results": results,
            "labels": {k: s.label for k, s in SEARCHABLE.items()},
            "copyable": {k for k, s in SEARCHABLE.items() if s.copy is not None},
            "my_programmes": reads.programmes_to_copy_into(request.user),
        },
    )


@require_GET
@programme_view(VIEW)
def programme_library(request: HttpRequest, programme: Programme) -> HttpResponse:
    return render(
        request,
        "library/programme.jinja",
        {
            "programme": programme,
            "entries": reads.programme_entries(programme),
            "labels": {k: s.label for k, s in SEARCHABLE.items()},
            "contactable": reads.is_contactable(programme, request.user),
            "can_edit": request.user.has_perm(EDIT, programme),
            "embedding": embedding_services.latest_run(),
        },
    )


@require_POST
@programme_view(EDIT)
def share_item(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    entry = reads.get_own_entry_or_404(programme, pk)
    share = request.POST.get("share") == "yes"
    try:
        services.entry_share(entry=entry, share=share, user=request.user)
    except services.NotShareable:
        messages.error(
            request, f"“{entry.title}” cannot be shared: the person who told it agreed to its use only here."
        )
    else:
        if share:
            messages.success(
                request, f"“{entry.title}” is now in the shared library for everyone on this Mobilise site."
            )
        else:
            messages.info(request, f"“{entry.title}” is no longer shared.")
    return redirect("library:programme", slug=programme.slug)


@require_POST
@programme_view(VIEW)
def contactable(request: HttpRequest, programme: Programme) -> HttpResponse:
    yes = request.POST.get("contactable") == "yes"
    services.contactable_set(programme=programme, user=request.user, contactable=yes)
    if yes:
        messages.success(
            request,
            "People in other programmes who find your shared work will see your name and email address.",
        )
    else:
        messages.info(request, "Your name is no longer shown beside your programme's shared work.")
    return redirect("library:programme", slug=programme.slug)


@require_http_methods(["GET", "POST"])
@programme_view(EDIT)
def copy(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    entry = reads.get_copyable_entry_or_404(request.user, pk)
    if request.method == "POST":
        url = services.entry_copy(entry=entry, to_programme=programme, user=request.user)
        messages.success(request, f"“{entry.title}” has been copied from {entry.programme.name}.")
        return redirect(url)
    return render(
        request,
        "library/copy.jinja",
        {"programme": programme, "entry": entry, "label": SEARCHABLE[entry.kind].label},
    )


@require_GET
@programme_view(VIEW)
def similar(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    entry = reads.get_own_entry_or_404(programme, pk)
    hits = search.similar(entry, request.user)
    return render(
        request,
        "library/similar.jinja",
        {
            "programme": programme,
            "entry": entry,
            "hits": hits,
            "people": reads.contactable_people({h.programme_id for h in hits}),
            "labels": {k: s.label for k, s in SEARCHABLE.items()},
            "copyable": {k for k, s in SEARCHABLE.items() if s.copy is not None},
        },
    )


@require_GET
@login_required
def item(request: HttpRequest, pk: int) -> HttpResponse:
    entry = reads.get_visible_entry_or_404(request.user, pk)
    own = entry.programme_id in search.visible_programme_ids(request.user)
    return render(
        request,
        "library/item.jinja",
        {
            "entry": entry,
            "own": own,
            "label": SEARCHABLE[entry.kind].label if entry.kind in SEARCHABLE else entry.kind,
            "copyable": entry.kind in SEARCHABLE and SEARCHABLE[entry.kind].copy is not None,
            "my_programmes": reads.programmes_to_copy_into(request.user),
            "people": reads.contactable_people({entry.programme_id}).get(entry.programme_id, []),
        },
    )


@require_GET
@login_required
def examples(request: HttpRequest) -> HttpResponse:
    from .examples import worked_examples

    return render(request, "library/examples.jinja", {"programmes": worked_examples()})
