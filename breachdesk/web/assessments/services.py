"""Running the engine for a breach, and keeping what was decided."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from breachdesk.risk import FactsError, assess
from breachdesk.web.assessments.models import Assessment
from breachdesk.web.audit.log import record
from breachdesk.web.breaches import services as breach_services
from breachdesk.web.breaches.models import Event


def decide(facts: dict) -> tuple[dict | None, list]:
    """The engine's decision for ``facts``, or (None, problems) if the facts do not hold together."""
    try:
        return assess(facts).to_dict(), []
    except FactsError as error:
        return None, error.problems


def _summary(risk: str, notify_regulator: bool, notify_individuals: bool) -> str:
    if not notify_regulator:
        return "record only: no report to the regulator"
    return "report to the regulator" + ("; tell the people affected" if notify_individuals else "")


@transaction.atomic
def save(breach, user, facts: dict, decision: dict, *, sign_off: bool, override: dict | None = None) -> Assessment:
    number = (breach.assessments.aggregate(n=Max("number"))["n"] or 0) + 1
    final = override or {"risk": decision["risk"], "notify_regulator": decision["notify_regulator"],
                         "notify_individuals": decision["notify_individuals"]}
    status = Assessment.Status.PROPOSED
    if sign_off:
        status = Assessment.Status.OVERRIDDEN if override else Assessment.Status.SIGNED_OFF
    now = timezone.now()
    assessment = Assessment.objects.create(
        breach=breach, number=number, status=status, facts=facts, decision=decision,
        rule_set=decision["rule_set"], engine_risk=decision["risk"], risk=final["risk"],
        notify_regulator=final["notify_regulator"], notify_individuals=final["notify_individuals"],
        override_justification=(override or {}).get("justification", ""), created_by=user, created_at=now,
        signed_off_by=user if sign_off else None, signed_off_at=now if sign_off else None,
    )
    record(user, "assessment_" + status, breach, assessment=assessment.public_id, rule_set=assessment.rule_set)
    words = _summary(final["risk"], final["notify_regulator"], final["notify_individuals"])
    if not sign_off:
        Event.objects.create(breach=breach, actor=user, kind=Event.Kind.NOTE,
                             summary=f"Risk assessment {number} proposed: {words}"[:300])
        return assessment
    reasons = "\n".join(decision["reasons"])
    if override:
        reasons = f"Overriding the suggested decision ({decision['risk']} risk). Justification: " \
                  f"{override['justification']}\n\nThe engine's reasons were:\n{reasons}"
    kind = Event.Decision.REPORT_TO_REGULATOR if final["notify_regulator"] else Event.Decision.NOT_REPORTING
    event = breach_services.record_decision(breach, user, kind, reasons)
    event.summary = f"Risk assessment {number} signed off: {words}"[:300]
    event.save(update_fields=["summary"])
    return assessment
