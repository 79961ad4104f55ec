"""The REST API: incidents, breaches, risk assessments and regulator reports, for an
organisation's own tools (assessments.py and reports.py hold the last two).

Every call acts as the API token's user, inside that user's organisation and role (see
auth.py). Reads of a breach are audited like the web page's; every change goes through
``breaches.services`` so the timeline and the audit log are written with it. Errors have
one shape (errors.py). The OpenAPI document is at /api/openapi.json, its docs at /api/docs.
"""

from __future__ import annotations

import math
from contextlib import contextmanager
from enum import Enum

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import re_path
from django.utils import timezone
from ninja import NinjaAPI, Query, Swagger
from ninja.responses import Status as Reply

from breachdesk.web.api import errors, rules
from breachdesk.web.api.auth import TokenAuth, TokenRateThrottle
from breachdesk.web.api.errors import Conflict, Invalid
from breachdesk.web.api.schemas import (
    AwarenessIn,
    BreachFacts,
    BreachOut,
    BreachPage,
    DecisionIn,
    ErrorOut,
    EventOut,
    EventPage,
    IncidentIn,
    NoteIn,
    TransitionIn,
)
from breachdesk.web.audit.log import record
from breachdesk.web.breaches import register, services, validation
from breachdesk.web.breaches.access import breach_for
from breachdesk.web.breaches.models import Breach, Event
from breachdesk.web.breaches.states import (
    TRANSITIONS,
    Status,
    TransitionError,
    allowed_from,
)


class BreachdeskAPI(NinjaAPI):
    def _get_urls(self):
        # Every path under /api/ answers in the API's error shape, including 405 and
        # paths that do not exist (which would otherwise get the site's HTML 404 page).
        urls = []
        for pattern in super()._get_urls():
            pattern.callback = errors.json_method_not_allowed(pattern.callback)
            urls.append(pattern)
        urls.append(re_path(r"^.*$", errors.unknown_path, name="unknown"))
        return urls

    def get_openapi_operation_id(self, operation):
        return operation.view_func.__name__


api = BreachdeskAPI(
    title="breachdesk API",
    version="1",
    description="Incidents and personal data breaches: report, triage, update, decide, "
                "follow the 72-hour clock, assess the risk and report to the regulator. "
                "Authenticate with an organisation API token (`Authorization: Bearer bd_…`). "
                "See docs/api.md.",
    urls_namespace="api",
    docs_url="/docs",
    docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": False}),
    auth=TokenAuth(),
    throttle=[TokenRateThrottle()],
)
errors.install(api)

_ERRORS = {status: ErrorOut for status in (400, 401, 403, 404, 422, 429, 500)}


# --- helpers ----------------------------------------------------------------------------

def _breach(request, public_id: str, need: str = "view_register") -> Breach:
    """The breach, if the token's user may ``need`` it. A missing permission is 403 whether
    or not the breach exists; a breach of another organisation is 404, as if it did not."""
    user = request.auth
    if not (user.can("view_register") and user.can(need)):
        raise PermissionDenied
    return breach_for(user, public_id, need)


def _locked(breach: Breach) -> Breach:
    """The same row, locked until the transaction ends, so two writers cannot interleave."""
    return Breach.objects.select_for_update().select_related("organisation").get(pk=breach.pk)


def _require(request, permission: str) -> None:
    if not request.auth.can(permission):
        raise PermissionDenied


def _plain(value):
    return value.value if isinstance(value, Enum) else value


def _person(user):
    return {"id": user.public_id, "name": str(user)} if user else None


def _clock(breach: Breach, now):
    c = breach.clock(now)
    if c is None:
        return None
    return {"deadline": c.deadline, "remaining_seconds": int(c.remaining.total_seconds()),
            "urgency": c.urgency, "overdue": c.overdue, "reported": c.reported}


def _rule(breach: Breach):
    rule = breach.rule
    if rule is None:
        return None
    return {"version": rule.version, "regime": rule.regime, "summary": rule.summary,
            "report_within_hours": rule.report_within.total_seconds() / 3600}


_SUMMARY_FIELDS = ("reference", "status", "closure", "title", "incident_type", "people_estimate",
                   "created_at", "aware_at")
_DETAIL_FIELDS = (
    "what_happened", "data_involved_initial", "reporter_team", "noticed_at", "how_found",
    "occurred_at", "discovered_at", "contained_at", "closed_at", "is_cyber", "incident_type_label",
    "confidentiality", "integrity", "availability", "data_categories", "data_subject_types",
    "records_estimate", "records_scoped", "people_scoped", "likely_consequences",
    "measures_taken", "measures_proposed", "other_organisations_told", "staff_trained", "regime",
    "regulator_reported_at", "regulator_reference", "not_reported_reason", "delay_reasons",
    "needs_delay_reasons", "updated_at",
)


def _summary(breach: Breach, now) -> dict:
    out = {"id": breach.public_id, **{f: getattr(breach, f) for f in _SUMMARY_FIELDS}}
    out.update(clock=_clock(breach, now), deadline_rule=_rule(breach))
    return out


def _detail(breach: Breach, now=None) -> dict:
    now = now or timezone.now()
    out = _summary(breach, now)
    out.update({f: getattr(breach, f) for f in _DETAIL_FIELDS})
    out.update(reported_by=_person(breach.reported_by),
               allowed_transitions=[to for to, _, _ in allowed_from(breach.status)])
    return out


def _event(event: Event) -> dict:
    return {"id": event.public_id, "at": event.at, "kind": event.kind, "decision": event.decision,
            "summary": event.summary, "text": event.text, "changes": event.changes,
            "actor": _person(event.actor)}


def _page(items, page: int, per_page: int, convert) -> dict:
    count = len(items) if isinstance(items, list) else items.count()
    start = (page - 1) * per_page
    return {"count": count, "page": page, "per_page": per_page,
            "pages": max(1, math.ceil(count / per_page)),
            "items": [convert(x) for x in items[start:start + per_page]]}


# Fields that must have a value: null is a mistake (send "" or [] to clear).
_NOT_NULL = {"title", "what_happened", "how_found", "confidentiality", "integrity", "availability",
             "data_categories", "data_subject_types", "likely_consequences", "measures_taken",
             "measures_proposed", "other_organisations_told", "staff_trained", "regime"}
_TEXT = {"how_found", "likely_consequences", "measures_taken", "measures_proposed",
         "other_organisations_told"}


def _changes(payload, skip=()) -> tuple[dict, list[tuple[str, str]]]:
    """The facts sent (only those sent), as the model stores them, and null problems."""
    changes, problems = {}, []
    for field, value in payload.model_dump(exclude_unset=True).items():
        if field in skip:
            continue
        if value is None and field in _NOT_NULL:
            hint = 'send "" to clear it' if field in _TEXT else "it cannot be empty"
            problems.append((field, f"This field cannot be null: {hint}"))
            continue
        if field == "incident_type" and value is None:
            value = ""
        changes[field] = _plain(value)
    return changes, problems


@contextmanager
def _conflict_on_race():
    """Checks ran on an unlocked read; if another request moved the case meanwhile, the
    services refuse (on the locked row) and the client hears why."""
    try:
        yield
    except TransitionError as problem:
        raise Conflict(str(problem)) from problem


def _check(problems: list[tuple[str, str]]) -> None:
    if problems:
        seen, unique = set(), []
        for problem in problems:
            if problem not in seen:
                seen.add(problem)
                unique.append(problem)
        raise Invalid(fields=unique)


# --- incidents --------------------------------------------------------------------------

@api.post("/incidents", response={201: BreachOut, **_ERRORS}, tags=["incidents"],
          summary="Report an incident")
def report_incident(request, payload: IncidentIn):
    """Any member of staff may report an incident; it arrives in triage for the DPO."""
    _require(request, "report_incident")
    values = payload.model_dump()
    _check(validation.problems(values, timezone.now()))
    with transaction.atomic():
        breach = services.report_incident(request.auth, **values)
    return Reply(201, _detail(breach))


# --- breaches ---------------------------------------------------------------------------

@api.get("/breaches", response={200: BreachPage, **_ERRORS}, tags=["breaches"],
         summary="List incidents and breaches")
def list_breaches(request, status: Status | None = None,
                  page: int = Query(1, ge=1), per_page: int = Query(50, ge=1, le=200)):
    """The organisation's register, newest first, optionally of one status."""
    _require(request, "view_register")
    rows = register.filtered(
        Breach.objects.for_organisation(request.auth.organisation), {"status": status})
    now = timezone.now()
    return _page(rows, page, per_page, lambda b: _summary(b, now))


@api.get("/breaches/{public_id}", response={200: BreachOut, **_ERRORS}, tags=["breaches"],
         summary="Read a breach")
def get_breach(request, public_id: str):
    breach = _breach(request, public_id)
    record(request.auth, "view", breach, via="api")
    return _detail(breach)


@api.patch("/breaches/{public_id}", response={200: BreachOut, **_ERRORS}, tags=["breaches"],
           summary="Change the facts of a breach")
def update_breach(request, public_id: str, payload: BreachFacts):
    """Send only the fields that change. Every change appears on the timeline."""
    breach = _breach(request, public_id, "edit_breach")
    changes, problems = _changes(payload)
    if "regime" in changes and not breach.is_incident:
        problems.append(("regime", "The legal regime cannot change once the clock has started"))
    problems += validation.problems({**rules.stored_facts(breach), **changes}, timezone.now())
    _check(problems)
    with transaction.atomic():
        breach = _locked(breach)
        services.update(breach, request.auth, changes)
    return _detail(breach)


@api.post("/breaches/{public_id}/transitions", response={200: BreachOut, 409: ErrorOut, **_ERRORS},
          tags=["breaches"], summary="Change the status of a case")
def transition_breach(request, public_id: str, payload: TransitionIn):
    """Move a case through its states. Confirming an incident as a breach (triage → open)
    starts the clock at ``aware_at`` and needs the facts listed on the request body."""
    breach = _breach(request, public_id)
    to = payload.to.value
    confirming = breach.status == Status.TRIAGE and to == Status.OPEN
    need = "triage" if confirming or to in (Status.TRIAGE, Status.CLOSED) else "edit_breach"
    _require(request, need)
    rule = TRANSITIONS.get((breach.status, to))
    if rule is None:
        raise Conflict(f"A case cannot go from {Status(breach.status).label} to "
                       f"{Status(to).label}. Allowed next: "
                       f"{', '.join(t for t, _, _ in allowed_from(breach.status)) or 'none'}.")
    facts, problems = _changes(payload, skip={"to", "reason"})
    if not confirming:
        problems += [(f, "Send facts only when confirming a breach (triage to open)")
                     for f in facts]
        if rule[1] and not payload.reason:
            problems.append(("reason", "Give a reason for this change"))
        _check(problems)
        with transaction.atomic(), _conflict_on_race():
            breach = _locked(breach)
            services.transition(breach, request.auth, to, payload.reason)
        return _detail(breach)

    merged = {**rules.stored_facts(breach), **facts}
    problems += validation.problems(merged, timezone.now())
    problems += [("confidentiality" if f == "breach_types" else f, m)
                 for f, m in validation.confirm_problems(merged)]
    _check(problems)
    facts["aware_at"] = merged["aware_at"]
    with transaction.atomic(), _conflict_on_race():
        breach = _locked(breach)
        services.confirm_breach(breach, request.auth, facts)
    return _detail(breach)


@api.post("/breaches/{public_id}/awareness", response={200: BreachOut, **_ERRORS},
          tags=["breaches"], summary="Change when the organisation became aware")
def change_awareness(request, public_id: str, payload: AwarenessIn):
    """Moves the start of the clock. The old time and the reason stay on the timeline."""
    breach = _breach(request, public_id, "change_awareness")
    _check(validation.problems({**rules.stored_facts(breach), "aware_at": payload.aware_at}, timezone.now()))
    with transaction.atomic():
        breach = _locked(breach)
        services.change_awareness(breach, request.auth, payload.aware_at, payload.reason)
    return _detail(breach)


# --- the timeline -----------------------------------------------------------------------

@api.get("/breaches/{public_id}/timeline", response={200: EventPage, **_ERRORS},
         tags=["timeline"], summary="The timeline of a breach")
def timeline(request, public_id: str, page: int = Query(1, ge=1),
             per_page: int = Query(50, ge=1, le=200)):
    """Every change, note and decision, newest first."""
    breach = _breach(request, public_id)
    record(request.auth, "view", breach, via="api", part="timeline")
    return _page(breach.events.select_related("actor"), page, per_page, _event)


@api.post("/breaches/{public_id}/notes", response={201: EventOut, **_ERRORS}, tags=["timeline"],
          summary="Add a note")
def add_note(request, public_id: str, payload: NoteIn):
    breach = _breach(request, public_id, "edit_breach")
    with transaction.atomic():
        event = services.add_note(_locked(breach), request.auth, payload.text)
    return Reply(201, _event(event))


@api.post("/breaches/{public_id}/decisions", response={201: EventOut, **_ERRORS},
          tags=["timeline"], summary="Record a decision and its reasons")
def record_decision(request, public_id: str, payload: DecisionIn):
    """For example "not reporting to the regulator because…", which Art. 33(5) requires to
    be recorded. A `reported` decision after the deadline needs ``delay_reasons`` (unless
    they are already on the breach)."""
    breach = _breach(request, public_id, "record_decision")
    reported = payload.decision == Event.Decision.REPORTED
    sent = payload.model_fields_set
    problems = [] if reported else [
        (f, "Only for a 'reported' decision") for f in ("reported_at", "regulator_reference",
                                                        "delay_reasons") if f in sent]
    now = timezone.now()
    when = payload.reported_at or now
    if reported and when > now + validation.FUTURE_SLACK:
        problems.append(("reported_at", "The time it was reported must be in the past"))
    c = breach.clock(now)
    late = c is not None and when > c.deadline
    if reported and late and not (payload.delay_reasons or breach.delay_reasons.strip()):
        problems.append(("delay_reasons", "This report is after the deadline: give the reasons "
                                          "for the delay"))
    _check(problems)
    with transaction.atomic():
        breach = _locked(breach)
        if reported and payload.delay_reasons:
            services.update(breach, request.auth, {"delay_reasons": payload.delay_reasons})
        try:
            event = services.record_decision(
                breach, request.auth, payload.decision.value, payload.reasons,
                reported_at=payload.reported_at, regulator_reference=payload.regulator_reference)
        except TransitionError as problem:
            # The services' own checks, should ours have missed one; their words carry no data.
            raise Invalid(str(problem)) from problem
    return Reply(201, _event(event))


# --- assessments and regulator reports (their own modules, using the helpers above) -----

from breachdesk.web.api import assessments, reports  # noqa: E402

api.add_router("/breaches/", assessments.router)
api.add_router("/breaches/", reports.router)

from breachdesk.web.api import support  # noqa: E402

api.add_router("/", support.router)

from breachdesk.web.api import regulator  # noqa: E402

api.add_router("/", regulator.router)

from breachdesk.web.api import campaigns  # noqa: E402

api.add_router("/", campaigns.router)
