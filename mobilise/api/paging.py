"""Offset pagination: `limit` (1–1000, default 100) and `offset`, with the next page's address."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Schema
from pydantic import Field

T = TypeVar("T")


class PageParams(Schema):
    limit: int = Field(100, ge=1, le=1000)
    offset: int = Field(0, ge=0, le=10_000_000)


PageQuery = Query[PageParams]


def page(
    request: HttpRequest, queryset: QuerySet[Any], params: PageParams, out: Callable[[Any], T]
) -> dict[str, Any]:
    count = queryset.count()
    rows = list(queryset[params.offset : params.offset + params.limit])
    following = params.offset + len(rows)
    next_url = None
    if following < count:
        query = request.GET.copy()
        query["offset"] = str(following)
        query["limit"] = str(params.limit)
        next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
    return {
        "count": count,
        "limit": params.limit,
        "offset": params.offset,
        "next": next_url,
        "results": [out(row) for row in rows],
    }
