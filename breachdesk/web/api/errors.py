"""One JSON error shape for everything the API refuses or fails to do::

    {"error": {"status": 422, "code": "validation_error",
               "message": "Some of the values are not valid",
               "fields": [{"field": "aware_at", "message": "..."}]}}

``fields`` is always present (empty unless the problem is with named fields). What raises
what, and the status and code it becomes:

    ApiError                              any status and code, raised by the endpoints
      Invalid                             422 validation_error  (our rules, every problem)
      Conflict                            409 conflict          (e.g. a transition not allowed)
    ninja.errors.ValidationError          422 validation_error  (the request did not parse)
    ninja.errors.AuthenticationError      401 not_authenticated
    django PermissionDenied               403 forbidden
    django Http404                        404 not_found         (also unknown /api/ paths)
    django RequestDataTooBig              413 too_large
    ninja.errors.Throttled                429 rate_limited
    any other ninja HttpError             its status, e.g. 400 bad_request
    (routing) method not allowed          405 method_not_allowed
    anything else                         500 server_error      (logged without its message)

Messages are ours or the schema library's description of the rule broken; they never
repeat a submitted value, so no personal data ends up in an error (or a client's logs).
An error also rolls back the request's transaction: a refused request changes nothing.
"""

from __future__ import annotations

import json
import logging
import traceback
from functools import wraps
from http import HTTPStatus

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.db import connection, transaction
from django.http import Http404, HttpResponse
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from breachdesk.web.api import rules

logger = logging.getLogger("breachdesk.api")

CODES = {
    400: "bad_request", 401: "not_authenticated", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 409: "conflict", 413: "too_large", 415: "unsupported_media_type",
    422: "validation_error", 429: "rate_limited", 500: "server_error",
}


class ApiError(Exception):
    status = 400
    code = ""
    message = "The request could not be handled"

    def __init__(self, message: str | None = None, *, status: int | None = None,
                 code: str | None = None, fields: list[tuple[str | None, str]] | None = None):
        self.status = status or self.status
        self.code = code or self.code or CODES.get(self.status, "error")
        self.message = message or self.message
        self.fields = fields or []
        super().__init__(self.message)


class Invalid(ApiError):
    status = 422
    message = "Some of the values are not valid"


class Conflict(ApiError):
    status = 409


def body(status: int, message: str, *, code: str | None = None,
         fields: list[tuple[str | None, str]] = ()) -> dict:
    return {"error": {
        "status": status,
        "code": code or CODES.get(status, "error"),
        "message": message,
        "fields": [{"field": f, "message": m} for f, m in fields],
    }}


def respond(status: int, message: str, **kwargs) -> HttpResponse:
    if connection.in_atomic_block:
        transaction.set_rollback(True)
    return HttpResponse(json.dumps(body(status, message, **kwargs)), status=status,
                        content_type="application/json; charset=utf-8")


# --- turning the schema library's errors into fields ------------------------------------

_PLAIN = {
    "missing": "This field is required",
    "extra_forbidden": "This field is not recognised",
    "timezone_aware": "Give a time zone offset, for example 2026-11-20T09:30:00Z or +00:00",
    "datetime_parsing": "Enter a date and time in ISO 8601 format",
    "datetime_from_date_parsing": "Enter a date and time in ISO 8601 format",
    "datetime_type": "Enter a date and time in ISO 8601 format",
    "string_type": "Enter text",
    "bool_type": "Enter true or false",
    "bool_parsing": "Enter true or false",
    "int_type": "Enter a whole number",
    "int_parsing": "Enter a whole number",
    "int_from_float": "Enter a whole number",
    "list_type": "Enter a list",
    "model_type": "Send a JSON object",
    "model_attributes_type": "Send a JSON object",
    "dict_type": "Send a JSON object",
}


def _field_name(loc) -> str | None:
    # ("body", "payload", "aware_at") or ("query", "status"): drop the source and the
    # parameter name, and list positions, which could point into submitted data.
    parts = [str(p) for p in loc[1:] if not isinstance(p, int)]
    if loc and loc[0] == "body":
        parts = parts[1:]
    return ".".join(parts) or None


def _message(error: dict) -> str:
    if error.get("type") in _PLAIN:
        return _PLAIN[error["type"]]
    # The library's own sentence names the rule ("should have at most 200 characters");
    # it does not contain the input (ninja drops "input" before we see it).
    return str(error.get("msg", "This value is not valid")).removeprefix("Value error, ")


# --- handlers ----------------------------------------------------------------------------

def _validation_error(request, exc: ValidationError):
    fields = [(_field_name(e.get("loc", ())), _message(e)) for e in exc.errors]
    if request.method in ("POST", "PATCH", "PUT"):
        fields += rules.problems_beside(request, {f for f, _ in fields if f})
    return respond(422, Invalid.message, fields=fields)


def _api_error(request, exc: ApiError):
    return respond(exc.status, exc.message, code=exc.code, fields=exc.fields)


def _http_error(request, exc: HttpError):
    if isinstance(exc, AuthenticationError):
        response = respond(401, "Send a valid API token: Authorization: Bearer bd_…")
        response["WWW-Authenticate"] = 'Bearer realm="breachdesk"'
        return response
    if isinstance(exc, Throttled):
        return respond(429, "Too many requests: slow down and try again shortly")
    status = exc.status_code
    return respond(status, HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_
                   else "The request could not be handled")


def _not_found(request, exc):
    return respond(404, "Not found")


def _forbidden(request, exc):
    return respond(403, "This token's user is not allowed to do this")


def _too_large(request, exc):
    return respond(413, "The request body is too large")


def _server_error(request, exc):
    # The exception's message may hold submitted values; log its type and where it happened.
    logger.error("API request failed: %s %s raised %s\n%s", request.method,
                 getattr(request.resolver_match, "route", "?"), type(exc).__name__,
                 "".join(traceback.format_tb(exc.__traceback__)))
    return respond(500, "Something went wrong on our side. It has been logged.")


def install(api) -> None:
    """Replace django-ninja's default handlers with ones that answer in our shape."""
    api.add_exception_handler(Exception, _server_error)
    api.add_exception_handler(HttpError, _http_error)
    api.add_exception_handler(ApiError, _api_error)
    api.add_exception_handler(ValidationError, _validation_error)
    api.add_exception_handler(Http404, _not_found)
    api.add_exception_handler(PermissionDenied, _forbidden)
    api.add_exception_handler(RequestDataTooBig, _too_large)


def json_method_not_allowed(view):
    """Routing answers 405 in plain text before any handler runs; give it our shape."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and not response.get("Content-Type", "").startswith(
                "application/json"):
            allowed = response.get("Allow", "")
            response = respond(405, f"Use one of: {allowed}" if allowed else "Method not allowed")
            if allowed:
                response["Allow"] = allowed
        return response

    return wrapper


def unknown_path(request, *args, **kwargs):
    return respond(404, "Not found: see /api/docs for the endpoints")


unknown_path.csrf_exempt = True
