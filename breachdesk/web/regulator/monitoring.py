"""Monitoring a notice for years: its requirements, the progress reports the organisation owes,
the Art. 34(4) requirement to tell the people, and the reminders and escalations of all three.

Every function that changes something writes its case event (``internal=False`` when the
organisation may read it) and its audit entry in the same transaction. ``run(today)`` is the
periodic part (the ``monitor_compliance`` command): it is idempotent, because each reminder or
escalation is a ``Nudge`` row that is written once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from breachdesk.web.accounts.models import User
from breachdesk.web.audit.log import record
from breachdesk.web.core import emails
from breachdesk.web.regulator import rules, services
from breachdesk.web.regulator.models import (
    Case,
    CaseEvent,
    Nudge,
    ProgressReport,
    ProgressReportStatus,
    RegulatoryNotice,
    Requirement,
    RequirementUpdate,
    TellPeopleOrder,
)

Status = ProgressReportStatus
EDITABLE = (Status.DUE, Status.DRAFT, Status.MORE_INFORMATION)
WATCHED_STATES = (rules.OUTCOME, rules.MONITORING, rules.NON_COMPLIANCE)


# --- setting up: requirements and a schedule of progress reports -------------------------

def steps_from_text(text: str) -> list[str]:
    """One required step per line; list markers ("1.", "-", "•") dropped."""
    out = []
    for line in (text or "").splitlines():
        line = line.strip().lstrip("-•*").strip()
        head, _, rest = line.partition(" ")
        if head.rstrip(".)").isdigit() and rest:
            line = rest.strip()
        if line:
            out.append(line)
    return out


@transaction.atomic
def add_requirements(notice: RegulatoryNotice, user, steps: list[str],
                     due_by: date | None = None) -> list[Requirement]:
    rules.check_requirements(notice.kind, steps)
    if notice.requirements.count() + len(steps) > rules.MAX_REQUIREMENTS:
        raise rules.RuleBroken(f"A notice holds at most {rules.MAX_REQUIREMENTS} required steps.")
    start = (notice.requirements.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    made = Requirement.objects.bulk_create(
        [Requirement(notice=notice, number=start + i, text=text, due_by=due_by) for i, text in enumerate(steps)])
    if made:
        CaseEvent.objects.create(case=notice.case, actor=user, internal=False,
                                 summary=f"{len(made)} required step{'s' if len(made) != 1 else ''} set")
        record(user, "requirements_set", notice, organisation=notice.case.regulator, count=len(made))
    # bulk_create on SQLite gives no primary keys back before Django knows them; re-read.
    return list(notice.requirements.filter(number__gte=start))


@transaction.atomic
def add_schedule(notice: RegulatoryNotice, user, *, first_due: date, every_months: int,
                 count: int) -> list[ProgressReport]:
    if notice.kind not in rules.NOTICES_WITH_REQUIREMENTS:
        raise rules.RuleBroken("Required steps and progress reports belong to a reprimand or an enforcement notice.")
    if notice.kind == rules.ENFORCEMENT:
        rules.check_first_report(notice.issued_at, first_due, notice.urgent)
    dates = rules.schedule(first_due, every_months, count)
    start = (notice.progress_reports.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    ProgressReport.objects.bulk_create(
        [ProgressReport(notice=notice, number=start + i, due_on=d) for i, d in enumerate(dates)])
    CaseEvent.objects.create(case=notice.case, actor=user, internal=False,
                             summary=f"{count} progress report{'s' if count != 1 else ''} required, "
                                     f"the first due {first_due:%-d %B %Y}")
    record(user, "progress_schedule_set", notice, organisation=notice.case.regulator, count=count)
    return list(notice.progress_reports.filter(number__gte=start))


@transaction.atomic
def issue(case: Case, user, *, steps: list[str] = (), report_every_months: int | None = None,
          report_count: int | None = None, first_report_on: date | None = None, **fields) -> RegulatoryNotice:
    """Issue a notice with its required steps and progress reports, all or nothing."""
    steps = list(steps)
    if (steps or report_count) and fields.get("kind") not in rules.NOTICES_WITH_REQUIREMENTS:
        raise rules.RuleBroken("Required steps and progress reports belong to a reprimand or an enforcement notice.")
    rules.check_requirements(fields.get("kind", ""), steps)
    notice = services.issue_notice(case, user, **fields)
    if steps:
        add_requirements(notice, user, steps)
    if report_count:
        every = report_every_months or 12
        first = first_report_on or rules.add_months(notice.issued_at.date(), every)
        add_schedule(notice, user, first_due=first, every_months=every, count=report_count)
    return notice


# --- the organisation writes and submits a progress report --------------------------------

def _lock(report: ProgressReport) -> ProgressReport:
    return ProgressReport.objects.select_for_update().select_related("notice__case").get(pk=report.pk)


def updates_for(report: ProgressReport) -> list[RequirementUpdate]:
    """One update per requirement, in order (unsaved where the report has none yet)."""
    have = {u.requirement_id: u for u in report.updates.all()}
    return [have.get(r.pk) or RequirementUpdate(report=report, requirement=r, status=r.status)
            for r in report.notice.requirements.all()]


@transaction.atomic
def save_draft(report: ProgressReport, user, *, summary: str, updates: dict[str, tuple[str, str]]) -> ProgressReport:
    """Save the organisation's draft. ``updates`` maps a requirement's public id to (status, narrative)."""
    report = _lock(report)
    if report.status not in EDITABLE:
        raise rules.RuleBroken("This progress report has been submitted and can no longer be changed.")
    requirements = {r.public_id: r for r in report.notice.requirements.all()}
    for pk, (status, narrative) in updates.items():
        if pk not in requirements or status not in rules.REQUIREMENT_STATUSES:
            raise rules.RuleBroken("Give each requirement a status: done, in progress or not started.")
        RequirementUpdate.objects.update_or_create(report=report, requirement=requirements[pk],
                                                   defaults={"status": status, "narrative": narrative})
    report.summary = summary
    if report.status == Status.DUE:
        report.status = Status.DRAFT
    report.save()
    record(user, "progress_draft", report, organisation=report.organisation)
    return report


@transaction.atomic
def submit(report: ProgressReport, user) -> ProgressReport:
    """Submit once (again only if the regulator asked for more information). Late is accepted, marked late."""
    report = _lock(report)
    if report.status not in EDITABLE:
        raise rules.RuleBroken("This progress report has already been submitted.")
    missing = [u.requirement.number for u in updates_for(report) if u.pk is None]
    if missing:
        raise rules.RuleBroken("Give a status for every requirement before submitting (missing: "
                               f"{', '.join(map(str, missing[:10]))}{'…' if len(missing) > 10 else ''}).")
    now = timezone.now()
    again = report.status == Status.MORE_INFORMATION
    if not again:
        report.late = timezone.localdate(now) > report.due_on
    report.status, report.submitted_at, report.submitted_by = Status.SUBMITTED, now, user
    report.save()
    for update in report.updates.select_related("requirement"):
        Requirement.objects.filter(pk=update.requirement_id).update(status=update.status, status_at=now)
    words = f"Progress report {report.number} submitted{' again with more information' if again else ''}"
    if report.late:
        words += f" (late: due {report.due_on:%-d %B %Y})"
    CaseEvent.objects.create(case=report.case, actor=user, summary=words, internal=False)
    record(user, "progress_submit", report, organisation=report.organisation, late=report.late)
    case = report.case
    _send("regulator/emails/progress-submitted", _regulator_people(case), {"report": report, "case": case})
    return report


@transaction.atomic
def review(report: ProgressReport, user, *, accepted: bool, note: str,
           statuses: dict[str, str] | None = None) -> ProgressReport:
    """The regulator's review: accepted, or more information needed (with what is needed)."""
    report = _lock(report)
    if report.status != Status.SUBMITTED:
        raise rules.RuleBroken("Only a submitted progress report can be reviewed.")
    if not accepted and not note.strip():
        raise rules.RuleBroken("Say what more information is needed; the organisation reads it.")
    now = timezone.now()
    report.status = Status.ACCEPTED if accepted else Status.MORE_INFORMATION
    report.reviewed_at, report.reviewed_by, report.review_note = now, user, note
    report.save()
    for public_id, status in (statuses or {}).items():  # the regulator's own view of each step
        if status in rules.REQUIREMENT_STATUSES:
            report.notice.requirements.filter(public_id=public_id).update(status=status, status_at=now)
    CaseEvent.objects.create(case=report.case, actor=user, internal=False, reason=note,
                             summary=f"Progress report {report.number}: {report.get_status_display().lower()}")
    record(user, "progress_review", report, organisation=report.case.regulator, outcome=report.status)
    _send("regulator/emails/progress-reviewed", _organisation_people(report.case),
          {"report": report, "case": report.case})
    return report


def grid(notice: RegulatoryNotice) -> dict:
    """Compliance per requirement over time: a row per requirement, a column per progress report."""
    reports = list(notice.progress_reports.all())
    cells = {(u.requirement_id, u.report_id): u.status
             for u in RequirementUpdate.objects.filter(report__in=[r for r in reports if not r.is_open])}
    rows = [{"requirement": r, "cells": [cells.get((r.pk, p.pk), "") for p in reports]}
            for r in notice.requirements.all()]
    done = sum(1 for r in rows if r["requirement"].status == rules.DONE)
    return {"reports": reports, "rows": rows, "done": done, "total": len(rows)}


# --- Art. 34(4): tell the people -----------------------------------------------------------

def people_told(breach) -> tuple[int, int]:
    """(people on the breach, of them told), from the organisation's own figures: the aftercare
    figures when that app is present (deliveries, or portal codes issued), else portal codes."""
    try:
        from breachdesk.web.aftercare.figures import for_breach
    except ImportError:  # the aftercare app is optional to this feature
        for_breach = None
    if for_breach is not None:
        try:
            figures = for_breach(breach)
            return figures.people, figures.told
        except LookupError:
            pass
    people = breach.people.all()
    return people.count(), people.exclude(portal_code_issued_at=None).count()


@transaction.atomic
def require_tell_people(case: Case, user, *, due_by: date, reason: str) -> TellPeopleOrder:
    rules.check_tell_people(case.status, due_by, timezone.localdate(), reason)
    order = TellPeopleOrder.objects.create(case=case, required_by=user, due_by=due_by, reason=reason)
    refresh(order)
    CaseEvent.objects.create(case=case, actor=user, internal=False, reason=reason,
                             summary=f"The organisation must tell the people affected by {due_by:%-d %B %Y} "
                                     "(UK GDPR Art. 34(4))")
    record(user, "tell_people_required", case, organisation=case.regulator)
    _send("regulator/emails/tell-people", _organisation_people(case), {"order": order, "case": case})
    return order


def refresh(order: TellPeopleOrder, now=None) -> TellPeopleOrder:
    now = now or timezone.now()
    order.people, order.told = people_told(order.case.breach)
    order.checked_at = now
    finished = order.people > 0 and order.told >= order.people
    if finished and order.completed_at is None:
        order.completed_at = now
        CaseEvent.objects.create(case=order.case, internal=False,
                                 summary=f"All {order.people:,} people affected have been told")
    order.save()
    return order


# --- who is told ---------------------------------------------------------------------------

def _organisation_people(case: Case) -> list[str]:
    org = case.organisation
    emails_ = list(User.objects.filter(organisation=org, is_active=True, role="dpo").values_list("email", flat=True))
    if org.alert_email:
        emails_.append(org.alert_email)
    return emails_


def _regulator_people(case: Case) -> list[str]:
    if case.assigned_to_id and case.assigned_to.is_active:
        return [case.assigned_to.email]
    return list(User.objects.filter(organisation=case.regulator, is_active=True, role="officer")
                .values_list("email", flat=True))


def _managers(case: Case) -> list[str]:
    return list(User.objects.filter(organisation=case.regulator, is_active=True, role="manager")
                .values_list("email", flat=True))


def _send(name: str, to: list[str], context: dict) -> None:
    to = sorted(set(filter(None, to)))
    if to:
        transaction.on_commit(lambda: emails.send(name, to, context))


# --- the periodic part ---------------------------------------------------------------------

@dataclass
class Due:
    """Something the organisation owes on a date, in words both sides read."""

    case: Case
    subject: str
    what: str
    due: date


def _nudge(item: Due, step: str, summary: str) -> bool:
    """Write the nudge once; False if it was already sent."""
    try:
        with transaction.atomic():
            Nudge.objects.create(case=item.case, subject=item.subject, step=step, summary=summary[:300])
    except IntegrityError:
        return False
    return True


def _owed(today: date):
    """Everything open that is due, per case under monitoring."""
    reports = (ProgressReport.objects.filter(status__in=(Status.DUE, Status.DRAFT),
                                             notice__case__status__in=WATCHED_STATES)
               .select_related("notice__case__organisation", "notice__case__regulator", "notice__case__assigned_to"))
    for report in reports:
        yield Due(report.case, f"progress:{report.public_id}", f"Progress report {report.number}", report.due_on)
    notices = (RegulatoryNotice.objects.filter(case__status__in=WATCHED_STATES,
                                               kind__in=rules.NOTICES_WITH_REQUIREMENTS)
               .select_related("case__organisation", "case__regulator", "case__assigned_to"))
    for notice in notices:
        by_date: dict[date, list[Requirement]] = {}
        for requirement in notice.requirements.exclude(status=rules.DONE):
            if requirement.due:
                by_date.setdefault(requirement.due, []).append(requirement)
        for due, missed in by_date.items():
            numbers = ", ".join(str(r.number) for r in missed[:20]) + ("…" if len(missed) > 20 else "")
            yield Due(notice.case, f"steps:{notice.public_id}:{due:%Y%m%d}",
                      f"Required step{'s' if len(missed) != 1 else ''} {numbers} of the "
                      f"{notice.get_kind_display().lower()}", due)
    orders = (TellPeopleOrder.objects.filter(completed_at=None).exclude(case__status=rules.CLOSED)
              .select_related("case__organisation", "case__regulator", "case__assigned_to", "case__breach"))
    for order in orders:
        refresh(order)
        if order.completed_at is None:
            yield Due(order.case, f"tell:{order.public_id}",
                      f"Telling the people affected ({order.told:,} of {order.people:,} told)", order.due_by)


def run(today: date | None = None) -> dict[str, int]:
    """Send today's reminders and escalations; open non-compliance where it is due. Idempotent."""
    today = today or timezone.localdate()
    counts = {"reminders": 0, "escalations": 0, "non_compliance": 0}
    for item in list(_owed(today)):
        before = rules.reminder_due(item.due, today)
        context = {"case": item.case, "what": item.what, "due": item.due, "days": before}
        if before is not None and _nudge(item, f"remind-{before}", f"Reminder: {item.what} due {item.due:%-d %B %Y}"):
            _send("regulator/emails/reminder", _organisation_people(item.case) + _regulator_people(item.case), context)
            counts["reminders"] += 1
        reached = rules.escalation_step(item.due, today)
        for _, step in rules.ESCALATION:
            if reached is None:
                break
            _escalate(item, step, today, counts)
            if step == reached:
                break
    return counts


def _escalate(item: Due, step: str, today: date, counts: dict) -> None:
    late = (today - item.due).days
    context = {"case": item.case, "what": item.what, "due": item.due, "late": late, "step": step}
    if step == "officer":
        if _nudge(item, Nudge.Step.OFFICER, f"Overdue: {item.what} (due {item.due:%-d %B %Y})"):
            _send("regulator/emails/overdue", _organisation_people(item.case) + _regulator_people(item.case), context)
            counts["escalations"] += 1
    elif step == "manager":
        if _nudge(item, Nudge.Step.MANAGER, f"Escalated to a manager: {item.what}, {late} days overdue"):
            _send("regulator/emails/escalation", _managers(item.case) + _regulator_people(item.case), context)
            counts["escalations"] += 1
    elif step == "non_compliance" and item.case.status == rules.MONITORING and not item.subject.startswith("tell:"):
        with transaction.atomic():
            if _nudge(item, Nudge.Step.NON_COMPLIANCE, f"Non-compliance opened: {item.what}, {late} days overdue"):
                services.transition(item.case, None, rules.NON_COMPLIANCE,
                                    f"{item.what} was due on {item.due:%-d %B %Y} and is {late} days overdue.")
                counts["non_compliance"] += 1


def flags(case: Case, today: date | None = None) -> list[Due]:
    """What is overdue on the case now, for both sides' pages."""
    today = today or timezone.localdate()
    out = []
    for notice in case.notices.filter(kind__in=rules.NOTICES_WITH_REQUIREMENTS):
        for report in notice.progress_reports.filter(status__in=(Status.DUE, Status.DRAFT), due_on__lt=today):
            out.append(Due(case, f"progress:{report.public_id}", f"Progress report {report.number} is overdue",
                           report.due_on))
        missed = [r for r in notice.requirements.exclude(status=rules.DONE) if r.due and r.due < today]
        if missed:
            out.append(Due(case, f"steps:{notice.public_id}",
                           f"{len(missed)} required step{'s' if len(missed) != 1 else ''} not done by the due date",
                           min(r.due for r in missed)))
    for order in case.tell_people_orders.filter(completed_at=None, due_by__lt=today):
        out.append(Due(case, f"tell:{order.public_id}", "The people affected have not all been told", order.due_by))
    return out
