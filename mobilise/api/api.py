"""The REST API, version 1: one NinjaAPI, its routers, errors as problem details, and its schema."""

from __future__ import annotations

from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as RefusedChange
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from mobilise.core.concurrency import EditConflict
from mobilise.core.refusals import note_refusal

from .auth import TokenAuth, TokenRateThrottle
from .problems import PROBLEM_TYPE, problem
from .services import PointsRefused

# Every operation may answer with these; each is a problem+json body.
ERROR_STATUSES = {
    "400": "The request could not be read",
    "401": "No token, or a token that is unknown, revoked or expired",
    "403": "The token is read-only or your role does not allow this",
    "404": "Not found, or not in a programme this token may see",
    "409": "Someone else changed it since you read it",
    "422": "Some of what was sent cannot be used; each error says where",
    "429": "Too many requests: wait for the seconds in Retry-After",
}


class MobiliseAPI(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components["Problem"] = PROBLEM_SCHEMA
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                for status, description in ERROR_STATUSES.items():
                    responses[status] = {
                        "description": description,
                        "content": {PROBLEM_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
                    }
        return schema


PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "title": "Problem",
    "description": "An error, as RFC 9457 problem details",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "index": {"type": ["integer", "null"]},
                    "field": {"type": "string"},
                    "message": {"type": "string"},
                },
            },
        },
        "error_count": {"type": "integer"},
    },
}


def _signed_in_get(view: Any) -> Any:
    """The schema and the docs page: for people signed in to Mobilise, read only."""
    return require_GET(login_required(view))


api = MobiliseAPI(
    title="Mobilise API",
    version="1",
    description=(
        "Read and update a programme's measures, data and work with a personal access token "
        "(Authorization: Bearer …). Make a token under Your account → API tokens."
    ),
    urls_namespace="api",
    auth=TokenAuth(),
    throttle=TokenRateThrottle(),
    docs_decorator=_signed_in_get,
)


@api.exception_handler(AuthenticationError)
def _unauthorised(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = problem(request, 401, "Send a valid personal access token as Authorization: Bearer <token>.")
    response["WWW-Authenticate"] = 'Bearer realm="mobilise"'
    return response


@api.exception_handler(Throttled)
def _throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    return problem(request, 429, "This token has sent too many requests this minute. Wait, then try again.")


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return problem(request, exc.status_code, exc.message)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    note_refusal(request, str(exc) or "not found")
    return problem(request, 404, "There is nothing here that this token may see.")


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    detail = str(exc) or "Your role in this programme does not allow this."
    note_refusal(request, detail)
    return problem(request, 403, detail)


@api.exception_handler(EditConflict)
def _conflict(request: HttpRequest, exc: EditConflict) -> HttpResponse:
    note_refusal(request, "edit conflict")
    version = getattr(exc.current, "version", None)
    return problem(
        request,
        409,
        f"Someone else changed this since you read it. Read it again (now version {version}).",
    )


def _where(loc: list[Any]) -> tuple[int | None, str]:
    """(point index, field) from a pydantic error location such as body.payload.points.5.value."""
    parts = [p for p in loc if p not in ("body", "payload", "query", "path")]
    index = next((p for p in parts if isinstance(p, int)), None)
    names = [str(p) for p in parts if not isinstance(p, int)]
    return index, ".".join(n for n in names if n != "points") or ".".join(names)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = []
    for error in exc.errors[:1000]:
        index, field = _where(list(error.get("loc", ())))
        errors.append({"index": index, "field": field, "message": str(error.get("msg", ""))})
    return problem(
        request,
        422,
        f"{len(exc.errors):,} {'thing' if len(exc.errors) == 1 else 'things'} sent cannot be used. "
        "Nothing was saved.",
        errors=errors,
        error_count=len(exc.errors),
    )


@api.exception_handler(RefusedChange)
def _refused_change(request: HttpRequest, exc: RefusedChange) -> HttpResponse:
    """A service's own checks (links inside the programme, cross-field rules), each with its field."""
    if hasattr(exc, "error_dict"):
        errors = [
            {"index": None, "field": field, "message": message}
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    else:
        errors = [{"index": None, "field": "", "message": message} for message in exc.messages]
    return problem(
        request,
        422,
        f"{len(errors)} {'thing' if len(errors) == 1 else 'things'} sent cannot be used. Nothing was saved.",
        errors=errors,
        error_count=len(errors),
    )


@api.exception_handler(PointsRefused)
def _points_refused(request: HttpRequest, exc: PointsRefused) -> HttpResponse:
    return problem(
        request,
        422,
        f"{exc.count:,} {'problem' if exc.count == 1 else 'problems'} in the points sent. Nothing was saved.",
        errors=[{"index": p.index, "field": p.field, "message": p.message} for p in exc.problems],
        error_count=exc.count,
    )


def _known_query_only(run: Any) -> Any:
    """Refuse query parameters an operation does not take, so a misspelt filter is not ignored."""
    operation = run.__self__
    allowed = {
        name
        for model in operation.models
        if getattr(model, "__ninja_param_source__", "") == "query"
        for name in (getattr(model, "__ninja_flatten_map__", None) or {})
    }

    @wraps(run)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        unknown = sorted(set(request.GET) - allowed)
        if unknown:
            takes = ", ".join(sorted(allowed)) or "none"
            return problem(
                request,
                400,
                f"Unknown query parameter {', '.join(repr(u) for u in unknown)[:200]}. It takes: {takes}.",
            )
        return run(request, *args, **kwargs)

    return checked


from .endpoints import measures, programmes, results, work  # noqa: E402  (routers use `api` above)

for router in (programmes.router, measures.router, work.router, results.router):
    router.add_decorator(_known_query_only, mode="view")
    api.add_router("/programmes", router)
