"""From our rows to the notices engine's typed input (breachdesk.notices)."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from breachdesk.notices import BreachContext, Exposure, Person
from breachdesk.notices.model import Contact, Support, Text
from breachdesk.web.notices.models import WELSH


def _text(plan, field: str) -> Text | None:
    """The field's wording: English and Welsh when the plan has both, English alone otherwise
    (the engine then refuses a Welsh notice, naming the field). None when empty."""
    english, welsh = getattr(plan, field), getattr(plan, WELSH[field][0])
    if not english.strip():
        return None
    return {"en": english, "cy": welsh} if welsh.strip() else english


def _lines(plan, field: str) -> tuple[Text, ...]:
    """One item per line, paired with the Welsh line in the same place when the Welsh has one
    line for each English line; English alone otherwise."""
    english, welsh = plan.lines(field), plan.lines(WELSH[field][0])
    if len(welsh) != len(english):
        return english
    return tuple({"en": en, "cy": cy} for en, cy in zip(english, welsh, strict=True))


def context_for(plan) -> BreachContext:
    breach = plan.breach
    return BreachContext(
        organisation=breach.organisation.name,
        what_happened=_text(plan, "what_happened") or "",
        discovered_on=timezone.localtime(breach.discovered_at or breach.aware_at or breach.noticed_at).date(),
        happened_on=timezone.localtime(breach.occurred_at).date() if breach.occurred_at else None,
        contact=Contact(email=plan.contact_email, phone=plan.contact_phone or None,
                        postal_address=plan.contact_address or None, name=plan.contact_name or None),
        measures_taken=_lines(plan, "measures_taken"),
        next_steps=_lines(plan, "next_steps"),
        prevention=_lines(plan, "prevention"),
        support=Support(helpline=plan.helpline or None, helpline_hours=_text(plan, "helpline_hours"),
                        callback=plan.callback, counselling=plan.counselling,
                        monitoring_provider=plan.monitoring_provider or None,
                        monitoring_months=plan.monitoring_months, monitoring_url=plan.monitoring_url or None,
                        portal_url=settings.SITE_URL + reverse("portal:start") if _portal_exists() else None),
        complaints=_text(plan, "complaints"),
        signatory=plan.signatory or None,
        signatory_role=_text(plan, "signatory_role"),
        notice_date=timezone.localdate(),
    )


def _portal_exists() -> bool:
    from django.urls import NoReverseMatch

    try:
        reverse("portal:start")
        return True
    except NoReverseMatch:
        return False


def person_for(person, *, portal_code: str | None = None) -> Person:
    """The engine's Person for an AffectedPerson (decrypts the contact details: audit the caller)."""
    details = person.details
    lines = tuple(line for line in [details.get("address", ""), details.get("postcode", "")] if line)
    return Person(
        name=details.get("name") or None,
        exposure=Exposure(items=frozenset(person.items), categories=frozenset(
            c for c in person.categories if c != "Other")),
        child=person.child, special_category=person.special_category, safeguarding=person.safeguarding,
        language=person.language, format=person.format, reference=person.reference, portal_code=portal_code,
        address_lines=() if person.safeguarding else lines,
    )
