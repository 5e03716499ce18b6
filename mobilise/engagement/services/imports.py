"""Importing an existing edge list as a network, all or nothing."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from mobilise.core.history import save_as
from mobilise.programmes.models import Programme

from ..edge_list import EdgeList
from ..models import RosterEntry, Survey, SurveySource, Tie
from ..replays import create_once
from .roster import candidates, next_numbers


class ImportRefused(Exception):
    def __init__(self, edge_list: EdgeList) -> None:
        super().__init__(f"{len(edge_list.errors)} problems")
        self.edge_list = edge_list


@transaction.atomic
def network_import(
    *, programme: Programme, title: str, edge_list: EdgeList, user: Any, form_key: str = ""
) -> Survey:
    """A network from an edge list with no errors. Names matching a member or stakeholder are linked.

    A replayed post (same form key) returns the network the first one made."""
    if edge_list.errors or not edge_list.ties:
        raise ImportRefused(edge_list)
    return create_once(
        Survey, programme, form_key, lambda: _network(programme, title, edge_list, user, form_key)
    )[0]


def _network(programme: Programme, title: str, edge_list: EdgeList, user: Any, form_key: str) -> Survey:
    today = timezone.localdate()
    survey = Survey(
        programme=programme,
        title=title.strip(),
        source=SurveySource.IMPORT,
        opens_on=today,
        closes_on=today,
        created_by=user,
        form_key=form_key,
    )
    save_as(survey, by=user)
    known = {c.name.casefold(): c for c in candidates(survey)}
    names = edge_list.names
    entries = []
    for i, (name, number) in enumerate(zip(names, next_numbers(survey, len(names)), strict=True)):
        c = known.get(name.casefold())
        entries.append(
            RosterEntry(
                survey=survey,
                key=c.key if c else f"i{i + 1}",
                number=number,
                name=name,
                organisation_name=c.organisation_name if c else "",
                organisation_type=c.organisation_type if c else "",
                formal_authority=c.formal_authority if c else None,
                user_id=c.user_id if c else None,
                stakeholder_id=c.stakeholder_id if c else None,
                typed_in=c is None,
            )
        )
    RosterEntry.objects.bulk_create(entries, batch_size=2000)
    ids = dict(RosterEntry.objects.filter(survey=survey).values_list("name", "pk"))
    by_name = {name.casefold(): pk for name, pk in ids.items()}
    Tie.objects.bulk_create(
        (
            Tie(survey=survey, source_id=by_name[s.casefold()], target_id=by_name[t.casefold()], weight=w)
            for s, t, w in edge_list.ties
        ),
        batch_size=2000,
    )
    return survey
