"""Care figures for one breach: were people told, told first, supported, answered in time?

"Told directly" comes from the notice deliveries when the delivery app records them (a
delivery that was sent or delivered). Until the breach has any delivery, a person counts as
told once a portal code has been issued for their notice, since the code is printed on it
(notices sent outside breachdesk, with codes from the notice plan).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.apps import apps
from django.db.models import Count, Min, Q

from breachdesk.web.aftercare.models import MEDIA, Kind, PersonFeedback, SupportRequest

SENT = ("sent", "delivered")
FAILED = ("failed", "bounced")


@dataclass
class CareFigures:
    people: int = 0
    told: int = 0
    told_source: str = "portal codes"
    first_told: datetime | None = None
    last_told: datetime | None = None
    first_told_after_awareness: timedelta | None = None
    last_told_after_awareness: timedelta | None = None
    public_statement_at: datetime | None = None
    told_before_statement: int | None = None
    answered_heard: int = 0
    heard_from_media: int = 0
    offered_support: int = 0
    asked_for_support: int = 0
    complaints: int = 0
    answered: int = 0
    answered_in_time: int = 0
    open_overdue: int = 0
    deliveries_failed: int = 0


def _deliveries():
    """The delivery colleague's attempt rows, if that app has them (else None)."""
    for name in ("Delivery", "DeliveryAttempt"):
        try:
            model = apps.get_model("notices", name)
        except LookupError:
            continue
        fields = {f.name for f in model._meta.get_fields()}
        if {"person", "status"} <= fields:
            return model, next((f for f in ("sent_at", "finished_at", "updated_at") if f in fields), None)
    return None, None


def _told(breach, plan) -> tuple[dict, int, str]:
    """Per person the time they were first told, failed deliveries, and where that came from."""
    model, when = _deliveries()
    rows = model.objects.filter(person__breach=breach) if model is not None and when is not None else None
    if rows is not None and rows.exists():
        told = dict(rows.filter(status__in=SENT).values("person").annotate(at=Min(when)).values_list("person", "at"))
        return told, rows.filter(status__in=FAILED).count(), "deliveries"
    # Nothing sent through breachdesk yet: count the notices issued with a portal code.
    told = dict(breach.people.exclude(portal_code_issued_at=None).values_list("id", "portal_code_issued_at"))
    return told, 0, "portal codes"


def _plan(breach):
    from breachdesk.web.notices.models import NoticePlan

    return NoticePlan.objects.filter(breach=breach).first()


def _offers_support(plan) -> bool:
    return bool(plan and (plan.helpline or plan.callback or plan.counselling or plan.monitoring_provider))


def for_breach(breach, today=None) -> CareFigures:
    from django.utils import timezone

    today = today or timezone.localdate()
    plan = _plan(breach)
    told, failed, source = _told(breach, plan)
    out = CareFigures(people=breach.people.count(), told=len(told), told_source=source, deliveries_failed=failed)
    times = [t for t in told.values() if t is not None]
    if times:
        out.first_told, out.last_told = min(times), max(times)
        if breach.aware_at:
            out.first_told_after_awareness = out.first_told - breach.aware_at
            out.last_told_after_awareness = out.last_told - breach.aware_at
    if plan and plan.public_statement_at:
        out.public_statement_at = plan.public_statement_at
        out.told_before_statement = sum(1 for t in times if t <= plan.public_statement_at)
    out.offered_support = out.told if _offers_support(plan) else 0

    heard = PersonFeedback.objects.filter(breach=breach).exclude(heard_from="").aggregate(
        answered=Count("id"), media=Count("id", filter=Q(heard_from__in=MEDIA)))
    out.answered_heard, out.heard_from_media = heard["answered"], heard["media"]

    requests = SupportRequest.objects.filter(breach=breach)
    out.asked_for_support = requests.exclude(kind=Kind.COMPLAINT).values("person").distinct().count()
    out.complaints = requests.filter(kind=Kind.COMPLAINT).count()
    answered = list(requests.exclude(answered_at=None).only("answered_at", "answer_by"))
    out.answered = len(answered)
    out.answered_in_time = sum(1 for r in answered if r.answered_in_time)
    out.open_overdue = sum(1 for r in requests.open().only(
        "status", "acknowledged_at", "acknowledge_by", "answer_by") if r.due_state(today) == "overdue")
    return out

