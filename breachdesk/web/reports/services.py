"""Drafting, changing and submitting regulator reports: views and the API alike.

Each function writes its change and its audit entry (and, for drafting and submitting, a
line on the breach's timeline) in one transaction.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from breachdesk.web.accounts.roles import Role
from breachdesk.web.audit.log import record
from breachdesk.web.breaches import services as breach_services
from breachdesk.web.breaches import validation
from breachdesk.web.breaches.models import Breach, Event
from breachdesk.web.reports.models import FIELDS, Kind, PeopleTold, RegulatorReport, Status

BREACHDESK = "breachdesk"  # submitted to the organisation's regulator on this breachdesk
OTHER = "other"  # sent by another route (the regulator's own form, email, telephone)
ROUTES = (BREACHDESK, OTHER)

_EXCEPTIONS = {
    "art_34_3_a": "Art. 34(3)(a): the data was unintelligible to anyone who got it",
    "art_34_3_b": "Art. 34(3)(b): measures taken since mean the high risk is no longer likely",
    "art_34_3_c": "Art. 34(3)(c): telling each person would take disproportionate effort, "
                  "so a public communication is made instead",
}


class ReportError(Exception):
    """A report action that cannot happen; the message is plain words, without personal data."""

    def __init__(self, message: str, problems: list[tuple[str, str]] | None = None):
        super().__init__(message)
        self.problems = problems or []


class DraftExists(ReportError):
    def __init__(self, draft: RegulatorReport):
        super().__init__("This breach already has a draft report: finish or change that one.")
        self.draft = draft


def latest_assessment(breach: Breach):
    """The latest signed-off (or overridden) assessment, which a report draws on."""
    return breach.assessments.exclude(status="proposed").first()


def _contact(breach: Breach, user) -> dict:
    dpo = user if user.role == Role.DPO and user.organisation_id == breach.organisation_id else (
        breach.organisation.users.filter(role=Role.DPO, is_active=True).order_by("id").first())
    if dpo is None:
        return {}
    return {"contact_name": dpo.get_full_name() or dpo.email, "contact_email": dpo.email}


def _people_told(assessment) -> dict:
    if assessment is None:
        return {}
    if assessment.notify_individuals:
        return {"people_told": PeopleTold.WILL_TELL}
    exception = assessment.decision.get("individuals_exception")
    why = _EXCEPTIONS.get(exception) or (
        f"Risk assessment {assessment.number} found no likely high risk to the people affected.")
    return {"people_told": PeopleTold.NOT_TELLING, "people_told_details": why}


def _from_breach(breach: Breach) -> dict:
    return {
        "what_happened": breach.what_happened, "incident_type": breach.incident_type,
        "is_cyber": breach.is_cyber, "how_found": breach.how_found,
        "occurred_at": breach.occurred_at, "discovered_at": breach.discovered_at,
        "aware_at": breach.aware_at, "data_categories": list(breach.data_categories),
        "data_subject_types": list(breach.data_subject_types),
        "records": breach.records_scoped or breach.records_estimate,
        "people": breach.people_scoped or breach.people_estimate,
        "likely_consequences": breach.likely_consequences, "measures_taken": breach.measures_taken,
        "measures_proposed": breach.measures_proposed,
        "other_organisations_told": breach.other_organisations_told,
        "staff_trained": breach.staff_trained, "delay_reasons": breach.delay_reasons,
    }


def _jsonable(values: dict) -> dict:
    return {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in values.items()}


def _carried(previous: RegulatorReport, source: dict, assessment) -> dict:
    """A follow-up starts from the last report's answers; a field the breach record has
    changed since that report was drafted takes the record's new value instead."""
    was = previous.drafted_from
    now = _jsonable(source)
    carried = {k: getattr(previous, k) for k in source if was.get(k) == now[k]}
    carried.update({k: getattr(previous, k) for k in ("contact_name", "contact_email", "contact_phone",
                                                       "human_error")})
    if assessment == previous.assessment:
        carried.update(people_told=previous.people_told, people_told_details=previous.people_told_details)
    carried.pop("delay_reasons", None)  # a follow-up is not late; its reasons were given once
    return carried


@transaction.atomic
def draft(breach: Breach, user) -> RegulatorReport:
    """A new draft from the breach as it stands and its latest signed-off assessment.

    The first report is the initial report; once one has gone (or the breach is already
    recorded as reported), the next is a follow-up that carries the regulator's reference.
    """
    breach = Breach.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=breach.pk)
    if breach.aware_at is None:
        raise ReportError("Confirm this as a personal data breach before drafting a report.")
    existing = breach.regulator_reports.filter(status=Status.DRAFT).first()
    if existing is not None:
        raise DraftExists(existing)
    previous = breach.regulator_reports.done().first()
    follow_up = previous is not None or breach.regulator_reported_at is not None
    assessment = latest_assessment(breach)
    source = _from_breach(breach)
    values = {**source, **_contact(breach, user), **_people_told(assessment)}
    if previous is not None:
        values.update(_carried(previous, source, assessment))
    number = (breach.regulator_reports.aggregate(n=Max("number"))["n"] or 0) + 1
    report = RegulatorReport.objects.create(
        breach=breach, number=number, kind=Kind.FOLLOW_UP if follow_up else Kind.INITIAL,
        previous=previous, assessment=assessment, regulator=breach.organisation.regulator,
        regulator_reference=(previous.regulator_reference if previous else breach.regulator_reference),
        drafted_from=_jsonable(source), created_by=user, **values)
    if report.is_follow_up:
        report.what_changed = _changes_in_words(report)
        report.save(update_fields=["what_changed"])
    Event.objects.create(breach=breach, actor=user, kind=Event.Kind.NOTE,
                         summary=f"{report.get_kind_display()} to the regulator drafted (report {number})")
    record(user, "create", report, breach=breach.public_id, kind=report.kind)
    return report


def _changes_in_words(report: RegulatorReport) -> str:
    changed = [c["label"].lower() for c in report.changes()]
    return f"Updated: {', '.join(changed)}." if changed else ""


EDITABLE = tuple(k for k in FIELDS if k != "aware_at") + ("regulator_reference",)


@transaction.atomic
def update(report: RegulatorReport, user, values: dict) -> list[str]:
    """Change a draft. Returns the names of the fields that changed."""
    report = RegulatorReport.objects.select_for_update(of=("self",)).select_related("breach").get(pk=report.pk)
    if not report.is_draft:
        raise ReportError("A submitted report is never changed: draft a follow-up report instead.")
    changed = []
    for field, value in values.items():
        if field not in EDITABLE:
            raise ValueError(f"{field} cannot be changed here")
        if getattr(report, field) != value:
            setattr(report, field, value)
            changed.append(field)
    if changed:
        report.save()
        record(user, "change", report, breach=report.breach.public_id, fields=sorted(changed))
    return changed


def _sent_problems(report, route, sent_at, reference, now) -> list[tuple[str, str]]:
    found = []
    if route == BREACHDESK and report.breach.organisation.regulator is None:
        found.append(("route", "Your organisation has no regulator on breachdesk: choose 'sent another way'"))
    if route == OTHER:
        if sent_at is None:
            found.append(("sent_at", "Give the date and time it was sent"))
        elif sent_at > now + validation.FUTURE_SLACK:
            found.append(("sent_at", "The time it was sent must be in the past"))
        elif report.aware_at and sent_at < report.aware_at:
            found.append(("sent_at", "The time it was sent cannot be before the organisation became aware"))
        if not reference.strip():
            found.append(("reference", "Give the reference the regulator gave you"))
    return found


@transaction.atomic
def submit(report: RegulatorReport, user, *, route: str, sent_at=None, reference: str = "") -> RegulatorReport:
    """Submit a complete draft: to the regulator on breachdesk, or record it as sent by
    another route. An initial report sets when the breach was reported to the regulator.

    Raises ReportError with ``problems`` naming each field that is missing or wrong.
    """
    if route not in ROUTES:
        raise ValueError(f"route must be one of {', '.join(ROUTES)}")
    # Lock the breach and the report rows only (the regulator join is outer: PostgreSQL
    # cannot lock its nullable side).
    breach = (Breach.objects.select_for_update(of=("self",)).select_related("organisation__regulator")
              .get(pk=report.breach_id))
    report = RegulatorReport.objects.select_for_update().get(pk=report.pk)
    report.breach = breach
    if not report.is_draft:
        raise ReportError("This report has already been submitted.")
    now = timezone.now()
    at = now if route == BREACHDESK else sent_at
    problems = _sent_problems(report, route, sent_at, reference, now)
    if not problems:
        problems = report.missing(at=at)
    if not report.is_follow_up and breach.regulator_reported_at is not None:
        problems.append((None, "The breach is already recorded as reported: make this a follow-up report"))
    if problems:
        raise ReportError("The report is not ready to submit.", problems)

    regulator = breach.organisation.regulator
    if route == BREACHDESK:
        reference = report.regulator_reference or f"{regulator.reference_prefix}-{report.public_id.upper()}"
    report.snapshot = report.fields()
    report.status = Status.SUBMITTED if route == BREACHDESK else Status.SENT
    report.regulator = regulator
    report.regulator_reference = reference.strip()
    report.submitted_by, report.submitted_at, report.recorded_at = user, at, now
    report.save()

    where = f"to {regulator.name} on breachdesk" if route == BREACHDESK else "to the regulator by another route"
    text = (f"{report.get_kind_display()} (report {report.number}) sent {where}. "
            f"Reference: {report.regulator_reference}.")
    if report.is_follow_up:
        Event.objects.create(breach=breach, actor=user, kind=Event.Kind.DECISION, decision=Event.Decision.OTHER,
                             summary=f"Follow-up report {report.number} sent to the regulator", text=text)
    else:
        if report.delay_reasons.strip() and report.delay_reasons != breach.delay_reasons:
            breach_services.update(breach, user, {"delay_reasons": report.delay_reasons})
        breach_services.record_decision(breach, user, Event.Decision.REPORTED, text, reported_at=at,
                                        regulator_reference=report.regulator_reference)
    record(user, "submit", report, breach=breach.public_id, route=route, kind=report.kind)
    if route == BREACHDESK:
        from breachdesk.web.regulator.services import receive

        receive(report)  # it arrives at the regulator as a case, in the same transaction
    return report

