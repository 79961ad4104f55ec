"""The regulator's side through the API: for an organisation, the status of its report as the
regulator's case; for a regulator, its cases, their notices, requirements and progress reports,
moving a case on and reviewing a progress report. The same services as the web pages, so
the same rules refuse the same steps (as 409 with the rule's own words)."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from ninja import Query, Router, Schema

from breachdesk.web.api.api import _ERRORS, _breach, _page
from breachdesk.web.api.errors import Conflict
from breachdesk.web.api.schemas import ErrorOut, Input
from breachdesk.web.audit.log import record
from breachdesk.web.regulator import monitoring, rules, services
from breachdesk.web.regulator.models import Case, ProgressReport

router = Router(tags=["regulator"])


class CaseEventOut(Schema):
    at: datetime
    summary: str
    reason: str


class CaseRequirementOut(Schema):
    id: str
    number: int
    text: str
    due: date | None
    status: str


class CaseProgressReportOut(Schema):
    id: str
    number: int
    due_on: date
    status: str
    late: bool
    overdue: bool
    submitted_at: datetime | None
    reviewed_at: datetime | None
    review_note: str
    summary: str | None = None
    updates: list[dict] | None = None


class CaseNoticeOut(Schema):
    id: str
    kind: str
    issued_at: datetime
    summary: str
    compliance_by: date | None
    appeal_ends: date
    urgent: bool
    penalty_amount: float | None
    requirements: list[CaseRequirementOut]
    progress_reports: list[CaseProgressReportOut]


class CaseTellPeopleOut(Schema):
    id: str
    due_by: date
    people: int
    told: int
    completed_at: datetime | None


class CaseOut(Schema):
    id: str
    reference: str
    status: str
    closure: str
    regime: str
    received_at: datetime
    organisation: dict
    breach: dict | None = None
    assigned_to: dict | None = None
    allowed_transitions: list[str] = []
    overdue: list[dict]
    notices: list[CaseNoticeOut]
    tell_people: list[CaseTellPeopleOut]
    events: list[CaseEventOut]


class CasePage(Schema):
    count: int
    page: int
    per_page: int
    pages: int
    items: list[CaseOut]


class CaseTransitionIn(Input):
    to: str
    reason: str
    closure: str = ""


class ReviewIn(Input):
    accepted: bool
    note: str = ""
    statuses: dict[str, str] = {}


def _progress(report: ProgressReport, full: bool) -> dict:
    out = {"id": report.public_id, "number": report.number, "due_on": report.due_on, "status": report.status,
           "late": report.late, "overdue": report.due_state() == "overdue", "submitted_at": report.submitted_at,
           "reviewed_at": report.reviewed_at, "review_note": report.review_note}
    if full:
        out["summary"] = report.summary
        out["updates"] = [{"requirement": u.requirement.public_id, "status": u.status, "narrative": u.narrative}
                          for u in report.updates.select_related("requirement")]
    return out


def _notice(notice) -> dict:
    return {"id": notice.public_id, "kind": notice.kind, "issued_at": notice.issued_at, "summary": notice.summary,
            "compliance_by": notice.compliance_by, "appeal_ends": notice.appeal_ends, "urgent": notice.urgent,
            "penalty_amount": float(notice.penalty_amount) if notice.penalty_amount is not None else None,
            "requirements": [{"id": r.public_id, "number": r.number, "text": r.text, "due": r.due,
                              "status": r.status} for r in notice.requirements.all()],
            "progress_reports": [_progress(p, False) for p in notice.progress_reports.all()]}


def _case(case: Case, *, regulator: bool) -> dict:
    events = case.events.all() if regulator else case.events.filter(internal=False)
    out = {"id": case.public_id, "reference": case.reference, "status": case.status, "closure": case.closure,
           "regime": case.regime, "received_at": case.received_at,
           "organisation": {"id": case.organisation.public_id, "name": case.organisation.name,
                            "sector": case.organisation.sector},
           "overdue": [{"what": f.what, "due": f.due} for f in monitoring.flags(case)],
           "notices": [_notice(n) for n in case.notices.all()],
           "tell_people": [{"id": o.public_id, "due_by": o.due_by, "people": o.people, "told": o.told,
                            "completed_at": o.completed_at} for o in case.tell_people_orders.all()],
           "events": [{"at": e.at, "summary": e.summary, "reason": e.reason} for e in events[:200]]}
    if regulator:
        out.update(breach={"reference": case.breach.reference},
                   assigned_to={"id": case.assigned_to.public_id, "name": str(case.assigned_to)}
                   if case.assigned_to else None,
                   allowed_transitions=[to for (frm, to) in rules.TRANSITIONS if frm == case.status])
    else:
        out["breach"] = {"id": case.breach.public_id, "reference": case.breach.reference}
    return out


def _regulator_case(request, case_id: str) -> Case:
    if not request.auth.can("regulate"):
        raise PermissionDenied
    case = Case.objects.select_related("organisation", "breach", "assigned_to").filter(
        regulator=request.auth.organisation, public_id=case_id).first()
    if case is None:
        raise Http404
    return case


# --- for organisations -----------------------------------------------------------------------

@router.get("breaches/{public_id}/regulator-case", response={200: CaseOut, **_ERRORS},
            summary="The regulator's case on a breach")
def breach_case(request, public_id: str):
    """What happened to the report at the regulator: status, notices, requirements, progress
    reports due and Art. 34(4) orders. Never the regulator's internal notes."""
    breach = _breach(request, public_id)
    case = Case.objects.select_related("organisation", "breach").filter(breach=breach).first()
    if case is None:
        raise Http404
    record(request.auth, "view", case, via="api", organisation=breach.organisation)
    return _case(case, regulator=False)


# --- for regulators --------------------------------------------------------------------------

@router.get("cases", response={200: CasePage, **_ERRORS}, summary="List cases (regulators)")
def list_cases(request, status: str | None = None, page: int = Query(1, ge=1),
               per_page: int = Query(50, ge=1, le=200)):
    if not request.auth.can("regulate"):
        raise PermissionDenied
    rows = Case.objects.filter(regulator=request.auth.organisation).select_related(
        "organisation", "breach", "assigned_to")
    if status:
        rows = rows.filter(status=status)
    return _page(rows, page, per_page, lambda c: _case(c, regulator=True))


@router.get("cases/{case_id}", response={200: CaseOut, **_ERRORS}, summary="Read a case (regulators)")
def get_case(request, case_id: str):
    case = _regulator_case(request, case_id)
    record(request.auth, "view", case, via="api", organisation=case.regulator)
    return _case(case, regulator=True)


@router.post("cases/{case_id}/transitions", response={200: CaseOut, 409: ErrorOut, **_ERRORS},
             summary="Move a case on (regulators)")
def transition_case(request, case_id: str, payload: CaseTransitionIn):
    """A step the workflow does not allow now is refused with 409 and the rule."""
    case = _regulator_case(request, case_id)
    if payload.to not in rules.STATES:
        raise Conflict("That state does not exist.")
    try:
        with transaction.atomic():
            services.transition(Case.objects.select_for_update().get(pk=case.pk), request.auth, payload.to,
                                payload.reason, closure=payload.closure)
    except rules.RuleBroken as problem:
        raise Conflict(str(problem)) from problem
    case.refresh_from_db()
    return _case(case, regulator=True)


@router.get("cases/{case_id}/progress-reports/{report_id}", response={200: CaseProgressReportOut, **_ERRORS},
            summary="Read a progress report (regulators)")
def get_progress_report(request, case_id: str, report_id: str):
    """A draft is the organisation's until it is submitted: only its dates and status show."""
    case = _regulator_case(request, case_id)
    report = ProgressReport.objects.filter(notice__case=case, public_id=report_id).first()
    if report is None:
        raise Http404
    return _progress(report, full=not report.is_open or report.status == ProgressReport.Status.MORE_INFORMATION)


@router.post("cases/{case_id}/progress-reports/{report_id}/review", response={200: CaseProgressReportOut,
                                                                               409: ErrorOut, **_ERRORS},
             summary="Review a progress report (regulators)")
def review_progress_report(request, case_id: str, report_id: str, payload: ReviewIn):
    case = _regulator_case(request, case_id)
    report = ProgressReport.objects.filter(notice__case=case, public_id=report_id).first()
    if report is None:
        raise Http404
    try:
        report = monitoring.review(report, request.auth, accepted=payload.accepted, note=payload.note,
                                   statuses=payload.statuses)
    except rules.RuleBroken as problem:
        raise Conflict(str(problem)) from problem
    return _progress(report, full=True)
