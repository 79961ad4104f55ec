"""Everything that changes a breach goes through here: views and the API alike.

Each function writes the change, its timeline event and its audit entry in one
transaction, so the record and its history can never disagree.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from breachdesk import deadlines
from breachdesk.web.audit.log import record
from breachdesk.web.breaches import states
from breachdesk.web.breaches.models import Breach, Event
from breachdesk.web.breaches.states import Closure, Status

# Fields whose changes appear on the timeline, with the words people read.
TRACKED = {
    "title": "title", "what_happened": "what happened", "how_found": "how it was found",
    "occurred_at": "when it happened", "discovered_at": "when it was discovered",
    "contained_at": "when it was contained", "is_cyber": "cyber incident",
    "incident_type": "incident type", "confidentiality": "confidentiality",
    "integrity": "integrity", "availability": "availability",
    "data_categories": "data categories", "data_subject_types": "types of people",
    "records_estimate": "number of records", "people_estimate": "number of people",
    "likely_consequences": "likely consequences", "measures_taken": "measures taken",
    "measures_proposed": "measures proposed", "other_organisations_told": "other organisations told",
    "staff_trained": "staff training", "regime": "legal regime",
    "delay_reasons": "reasons for delay", "not_reported_reason": "reasons for not reporting",
}


def _plain(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _next_reference(organisation, now) -> str:
    prefix = f"{organisation.reference_prefix}-{now.year}-"
    last = (
        Breach.objects.filter(organisation=organisation, reference__startswith=prefix)
        .order_by("-reference").values_list("reference", flat=True).first()
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:04d}"


@transaction.atomic
def report_incident(user, *, title, what_happened, noticed_at, data_involved_initial="",
                    reporter_team="", organisation=None) -> Breach:
    organisation = organisation or user.organisation
    now = timezone.now()
    for attempt in range(5):
        try:
            with transaction.atomic():
                breach = Breach.objects.create(
                    organisation=organisation, reference=_next_reference(organisation, now),
                    title=title, what_happened=what_happened, noticed_at=noticed_at,
                    data_involved_initial=data_involved_initial, reporter_team=reporter_team,
                    reported_by=user if getattr(user, "pk", None) else None,
                    regime=deadlines.PECR if organisation.pecr_provider else deadlines.UK_GDPR,
                )
            break
        except IntegrityError:
            if attempt == 4:
                raise
    Event.objects.create(breach=breach, actor=breach.reported_by, kind=Event.Kind.CREATED,
                         summary="Incident reported")
    record(user, "create", breach, organisation=organisation)
    from breachdesk.web.breaches.tasks import tell_dpo_of_incident

    transaction.on_commit(lambda: tell_dpo_of_incident.enqueue(breach.pk))
    return breach


@transaction.atomic
def update(breach: Breach, user, values: dict, *, note: str = "") -> list[str]:
    """Apply ``values``; record what changed. Returns the changed field names."""
    changes = {}
    for field, new in values.items():
        if field not in TRACKED:
            raise ValueError(f"{field} cannot be changed here")
        old = getattr(breach, field)
        if old != new:
            changes[field] = [_plain(old), _plain(new)]
            setattr(breach, field, new)
    if not changes:
        return []
    breach.save()
    words = ", ".join(TRACKED[f] for f in changes)
    Event.objects.create(breach=breach, actor=user, kind=Event.Kind.EDITED,
                         summary=f"Changed {words}"[:300], changes=changes, text=note)
    record(user, "change", breach, fields=sorted(changes))
    return sorted(changes)


@transaction.atomic
def transition(breach: Breach, user, to: str, reason: str = "", *, at=None) -> None:
    states.check(breach.status, to, reason)
    now = timezone.now()
    frm = breach.status
    breach.status = to
    if to == Status.OPEN and breach.aware_at is None:
        breach.aware_at = now
    if to in (Status.OPEN, Status.REOPENED) and breach.aware_at and not breach.deadline_rule:
        breach.deadline_rule = deadlines.rule_for(breach.regime, breach.aware_at).version
    if to == Status.CONTAINED and breach.contained_at is None:
        breach.contained_at = at or now
    if to == Status.CLOSED:
        breach.closed_at = now
        breach.closure = Closure.NOT_A_BREACH if frm in (Status.REPORTED, Status.TRIAGE) else Closure.RESOLVED
    if to == Status.REOPENED:
        breach.closed_at = None
        breach.closure = ""
    breach.save()
    label = "Closed: not a personal data breach" if breach.closure == Closure.NOT_A_BREACH and to == Status.CLOSED \
        else f"{Status(frm).label} → {Status(to).label}"
    Event.objects.create(breach=breach, actor=user, kind=Event.Kind.STATUS, summary=label,
                         text=reason, changes={"status": [frm, to]})
    record(user, "transition", breach, status_from=frm, status_to=to)


@transaction.atomic
def confirm_breach(breach: Breach, user, values: dict) -> None:
    """Triage → open: the incident is a personal data breach; the clock starts at awareness."""
    aware_at = values.pop("aware_at")
    update(breach, user, values)
    breach.aware_at = aware_at
    breach.deadline_rule = deadlines.rule_for(breach.regime, aware_at).version
    breach.save(update_fields=["aware_at", "deadline_rule", "updated_at"])
    transition(breach, user, Status.OPEN)


@transaction.atomic
def change_awareness(breach: Breach, user, aware_at, reason: str) -> None:
    """Awareness starts the clock; moving it needs a reason, and the old value is kept."""
    if not reason.strip():
        raise states.TransitionError("Give a reason for changing when the organisation became aware.")
    old = breach.aware_at
    breach.aware_at = aware_at
    # The rule in force is chosen by the awareness date, so it may change with it.
    breach.deadline_rule = deadlines.rule_for(breach.regime, aware_at).version
    breach.save(update_fields=["aware_at", "deadline_rule", "updated_at"])
    Event.objects.create(breach=breach, actor=user, kind=Event.Kind.AWARENESS,
                         summary="Changed when the organisation became aware", text=reason,
                         changes={"aware_at": [_plain(old), _plain(aware_at)]})
    record(user, "change", breach, fields=["aware_at"])


@transaction.atomic
def add_note(breach: Breach, user, text: str) -> Event:
    event = Event.objects.create(breach=breach, actor=user, kind=Event.Kind.NOTE,
                                 summary="Note added", text=text)
    record(user, "note", breach)
    return event


@transaction.atomic
def record_decision(breach: Breach, user, decision: str, reasons: str, *,
                    reported_at=None, regulator_reference: str = "") -> Event:
    """A decision and its reasons, kept in the timeline (Art. 33(5) asks for them)."""
    if not reasons.strip():
        raise states.TransitionError("Give the reasons for this decision.")
    if decision == Event.Decision.REPORTED:
        breach.regulator_reported_at = reported_at or timezone.now()
        breach.regulator_reference = regulator_reference
        c = breach.clock()
        if c is not None and c.remaining.total_seconds() < 0 and not breach.delay_reasons.strip():
            raise states.TransitionError(
                "This report is after the deadline: record the reasons for the delay first."
            )
        breach.save(update_fields=["regulator_reported_at", "regulator_reference", "updated_at"])
    if decision == Event.Decision.NOT_REPORTING:
        breach.not_reported_reason = reasons
        breach.save(update_fields=["not_reported_reason", "updated_at"])
    if decision in (Event.Decision.REPORT_TO_REGULATOR, Event.Decision.REPORTED) and breach.not_reported_reason:
        # A new decision to report replaces the old one not to; the timeline keeps both.
        breach.not_reported_reason = ""
        breach.save(update_fields=["not_reported_reason", "updated_at"])
    event = Event.objects.create(
        breach=breach, actor=user, kind=Event.Kind.DECISION, decision=decision,
        summary=Event.Decision(decision).label, text=reasons,
    )
    record(user, "decision", breach, decision=decision)
    return event
