"""Regulator reports through the API: draft, read, change, submit and export.

The same services as the web pages (reports.services), so a report drafted by a tool and
finished in the browser (or the other way round) is one report, with one history.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from ninja import Query, Router
from ninja.responses import Status as Reply

from breachdesk.web.api.api import _ERRORS, _breach, _check, _page, _plain
from breachdesk.web.api.errors import Conflict, Invalid
from breachdesk.web.api.schemas import ErrorOut, ReportDocument, ReportIn, ReportOut, ReportPage, SubmitIn
from breachdesk.web.audit.log import record
from breachdesk.web.reports import export, services
from breachdesk.web.reports.models import RegulatorReport, invalid

router = Router(tags=["reports"])

# Fields that must have a value: null is a mistake (send "" or [] to clear).
_NULLABLE = {"is_cyber", "occurred_at", "discovered_at", "records", "people"}
_FOLLOW_UP_ONLY = ("what_changed", "regulator_reference")


def _out(report: RegulatorReport) -> dict:
    out = export.document(report)
    missing = report.missing() if report.is_draft else []
    out.update(complete=not missing, missing=[{"field": f, "message": m} for f, m in missing],
               created_at=report.created_at, updated_at=report.updated_at)
    return out


def _report(request, public_id: str, report_id: str, need: str = "view_register") -> RegulatorReport:
    breach = _breach(request, public_id, need)
    report = (RegulatorReport.objects.select_related("assessment", "previous", "regulator", "submitted_by")
              .filter(breach=breach, public_id=report_id).first())
    if report is None:
        raise Http404
    report.breach = breach
    return report


def _values(report: RegulatorReport, payload: ReportIn) -> dict:
    """The fields sent, as the model stores them; every problem raised at once."""
    values, problems = {}, []
    for field, value in payload.model_dump(exclude_unset=True).items():
        if value is None and field not in _NULLABLE:
            problems.append((field, "This field cannot be null: send \"\" or [] to clear it"))
            continue
        if field in _FOLLOW_UP_ONLY and not report.is_follow_up:
            problems.append((field, "Only for a follow-up report"))
            continue
        values[field] = _plain(value)
    if values.get("contact_email"):
        try:
            validate_email(values["contact_email"])
        except ValidationError:
            problems.append(("contact_email", "Enter an email address in the correct format"))
    stored = {f: getattr(report, f) for f in ("occurred_at", "discovered_at", "aware_at", "people", "records",
                                              "incident_type", "is_cyber")}
    problems += invalid({**stored, **values}, timezone.now())
    _check(problems)
    return values


@router.get("{public_id}/reports", response={200: ReportPage, **_ERRORS},
            summary="List the regulator reports of a breach")
def list_reports(request, public_id: str, page: int = Query(1, ge=1), per_page: int = Query(50, ge=1, le=200)):
    """Newest first: the draft (if any), the follow-ups and the initial report."""
    breach = _breach(request, public_id)
    record(request.auth, "view", breach, via="api", part="reports")
    rows = breach.regulator_reports.select_related("assessment", "previous", "regulator", "submitted_by")

    def convert(report):
        report.breach = breach
        return _out(report)

    return _page(rows, page, per_page, convert)


@router.post("{public_id}/reports", response={201: ReportOut, 409: ErrorOut, **_ERRORS},
             summary="Draft a regulator report")
def create_report(request, public_id: str, payload: ReportIn):
    """Drafts the initial report (or, once one has gone, a follow-up) from the breach and its
    latest signed-off assessment, then applies any fields sent (send `{}` for none). A breach
    has one draft at a time: 409 names it."""
    breach = _breach(request, public_id, "edit_breach")
    with transaction.atomic():
        try:
            report = services.draft(breach, request.auth)
        except services.DraftExists as exists:
            raise Conflict(f"This breach already has a draft report: {exists.draft.public_id}") from exists
        except services.ReportError as problem:
            raise Conflict(str(problem)) from problem
        values = _values(report, payload)
        if values:
            services.update(report, request.auth, values)
    report = RegulatorReport.objects.select_related("breach__organisation", "assessment", "previous",
                                                    "regulator").get(pk=report.pk)
    return Reply(201, _out(report))


@router.get("{public_id}/reports/{report_id}", response={200: ReportOut, **_ERRORS},
            summary="Read a regulator report")
def get_report(request, public_id: str, report_id: str):
    """With `missing`: what a draft still needs before it can be submitted."""
    report = _report(request, public_id, report_id)
    record(request.auth, "view", report, breach=public_id, via="api")
    return _out(report)


@router.patch("{public_id}/reports/{report_id}", response={200: ReportOut, 409: ErrorOut, **_ERRORS},
              summary="Change a draft report")
def update_report(request, public_id: str, report_id: str, payload: ReportIn):
    """Send only the fields that change. A submitted report is never changed (409)."""
    report = _report(request, public_id, report_id, "edit_breach")
    if not report.is_draft:
        raise Conflict("A submitted report is never changed: draft a follow-up report instead")
    values = _values(report, payload)
    with transaction.atomic():
        try:
            services.update(report, request.auth, values)
        except services.ReportError as problem:
            raise Conflict(str(problem)) from problem
    return _out(_report(request, public_id, report_id))


@router.post("{public_id}/reports/{report_id}/submit", response={200: ReportOut, 409: ErrorOut, **_ERRORS},
             summary="Submit a report to the regulator")
def submit_report(request, public_id: str, report_id: str, payload: SubmitIn):
    """DPO tokens only. `breachdesk` submits it to the organisation's regulator here; `other`
    records that it was sent another way. An incomplete report is refused (422) with each
    missing field; an initial report sets when the breach was reported to the regulator."""
    report = _report(request, public_id, report_id, "submit_report")
    if not report.is_draft:
        raise Conflict("This report has already been submitted")
    if payload.route == services.BREACHDESK:
        _check([(f, "Only when sent another way (route `other`)") for f in ("sent_at", "reference")
                if f in payload.model_fields_set])
    with transaction.atomic():
        try:
            services.submit(report, request.auth, route=payload.route, sent_at=payload.sent_at,
                            reference=payload.reference)
        except services.ReportError as problem:
            if problem.problems:
                raise Invalid("The report is not ready to submit", fields=problem.problems) from problem
            raise Conflict(str(problem)) from problem
    return _out(_report(request, public_id, report_id))


@router.get("{public_id}/reports/{report_id}/export", response={200: ReportDocument, **_ERRORS},
            summary="Export a report as JSON")
def export_report(request, public_id: str, report_id: str):
    """The same document as the web app's JSON download (format `breachdesk/regulator-report/1`)."""
    report = _report(request, public_id, report_id)
    record(request.auth, "export", report, breach=public_id, via="api", format="json")
    return export.document(report)
