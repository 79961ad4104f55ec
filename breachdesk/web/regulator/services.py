from django.db import IntegrityError, transaction
from django.utils import timezone

from breachdesk.web.audit.log import record
from breachdesk.web.regulator import rules
from breachdesk.web.regulator.models import Case, CaseEvent, RegulatoryNotice


def _reference(regulator, now) -> str:
    prefix = f"{regulator.reference_prefix}-C{now.year}-"
    last = (Case.objects.filter(regulator=regulator, reference__startswith=prefix).order_by("-reference")
            .values_list("reference", flat=True).first())
    return f"{prefix}{(int(last.rsplit('-', 1)[1]) + 1) if last else 1:05d}"


@transaction.atomic
def receive(report) -> Case:
    """A report submitted on breachdesk arrives: a new case, or the existing case for that breach."""
    case = Case.objects.filter(regulator=report.regulator, breach=report.breach).first()
    if case is not None:
        CaseEvent.objects.create(case=case, summary=f"Follow-up report {report.number} received",
                                 internal=False)
        return case
    now = timezone.now()
    for attempt in range(5):
        try:
            with transaction.atomic():
                case = Case.objects.create(regulator=report.regulator, organisation=report.breach.organisation,
                                           breach=report.breach, reference=_reference(report.regulator, now),
                                           received_at=report.recorded_at or now)
            break
        except IntegrityError:
            if attempt == 4:
                raise
    CaseEvent.objects.create(case=case, summary="Report received", internal=False)
    record(None, "case_received", case, organisation=report.regulator)
    return case


@transaction.atomic
def transition(case: Case, user, to: str, reason: str, *, closure: str = "") -> None:
    rules.check_transition(case.status, to, reason)
    if to == rules.CLOSED and closure not in rules.CLOSURES:
        raise rules.RuleBroken("Choose how the case is closed.")
    if to == rules.OUTCOME and not case.notices.exists():
        raise rules.RuleBroken("Issue the reprimand or notice before recording the outcome.")
    frm, case.status = case.status, to
    case.closure = closure if to == rules.CLOSED else ""
    case.closed_at = timezone.now() if to == rules.CLOSED else None
    case.save()
    words = f"{rules.STATES[frm]} → {rules.STATES[to]}"
    if to == rules.CLOSED:
        words += f" ({rules.CLOSURES[closure].lower()})"
    if to == rules.NON_COMPLIANCE:
        reason = f"{reason}\n\n{rules.non_compliance_consequence(case.regime)}"
    CaseEvent.objects.create(case=case, actor=user, summary=words, reason=reason)
    record(user, "case_transition", case, organisation=case.regulator, status_from=frm, status_to=to)


@transaction.atomic
def assign(case: Case, user, officer) -> None:
    if officer.organisation_id != case.regulator_id or not officer.can("regulate"):
        raise rules.RuleBroken("Cases can only be assigned to officers of this regulator.")
    case.assigned_to = officer
    case.save(update_fields=["assigned_to"])
    CaseEvent.objects.create(case=case, actor=user, summary=f"Assigned to {officer}")
    record(user, "case_assign", case, organisation=case.regulator)


@transaction.atomic
def issue_notice(case: Case, user, *, kind: str, summary: str, issued_at=None, **fields) -> RegulatoryNotice:
    if case.status not in (rules.INVESTIGATION, rules.OUTCOME, rules.NON_COMPLIANCE):
        raise rules.RuleBroken("Notices are issued from an investigation (or on non-compliance).")
    issued_at = issued_at or timezone.now()
    prior = [rules.PriorNotice(n.kind, n.issued_at) for n in case.notices.all()]
    rules.check_notice(kind, issued_at=issued_at, prior=prior, compliance_by=fields.get("compliance_by"),
                       urgent=fields.get("urgent", False), urgent_reason=fields.get("urgent_reason", ""),
                       extension_reason=fields.get("extension_reason", ""))
    notice = RegulatoryNotice.objects.create(case=case, kind=kind, summary=summary, issued_at=issued_at,
                                             issued_by=user, **fields)
    CaseEvent.objects.create(case=case, actor=user, summary=f"{notice.get_kind_display()} issued", internal=False)
    record(user, "notice_issued", notice, organisation=case.regulator, kind=kind)
    return notice


@transaction.atomic
def record_appeal(notice: RegulatoryNotice, user, outcome: str, reason: str) -> None:
    """An appeal to the Tribunal: lodged, then upheld, varied or quashed (a quashed notice
    leaves the public register)."""
    allowed = {c for c, _ in RegulatoryNotice.AppealOutcome.choices if c}
    if outcome not in allowed:
        raise rules.RuleBroken("Choose the appeal's state: lodged, upheld, varied or quashed.")
    if notice.kind == rules.INTENT:
        raise rules.RuleBroken("A notice of intent cannot be appealed; representations are made to the regulator.")
    if not reason.strip():
        raise rules.RuleBroken("Give the reason or the Tribunal's reference; it is kept on the case.")
    notice.appeal_outcome = outcome
    notice.save(update_fields=["appeal_outcome"])
    CaseEvent.objects.create(case=notice.case, actor=user, internal=False, reason=reason,
                             summary=f"Appeal against the {notice.get_kind_display().lower()}: "
                                     f"{notice.get_appeal_outcome_display().lower()}")
    record(user, "appeal", notice, organisation=notice.case.regulator, outcome=outcome)
