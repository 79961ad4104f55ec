"""Every change to a support request goes through here, from the web pages, the portal and the
API alike: each writes a line of the request's history and an audit entry (identifiers only)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from breachdesk.web.aftercare.models import (
    Channel,
    HeardFrom,
    Kind,
    Outcome,
    PersonFeedback,
    Status,
    SupportNote,
    SupportRequest,
)
from breachdesk.web.audit.log import record
from breachdesk.web.core import emails


class SupportError(ValueError):
    """The change cannot be made; the message says why in plain words, with no personal data."""


def _note(request: SupportRequest, user, kind: str, summary: str, text: str = "") -> SupportNote:
    note = SupportNote(request=request, author=user if getattr(user, "is_authenticated", False) else None,
                       kind=kind, summary=summary)
    note.set_text(text)
    note.save()
    return note


# --- from the person (the portal) --------------------------------------------------------

@transaction.atomic
def ask(person, kind: str, text: str = "", *, phone: str = "", times: str = "",
        channel: str = Channel.PORTAL, user=None, received_at=None) -> SupportRequest:
    """A new request or complaint from ``person``; its due dates are fixed now (or from
    ``received_at``, for one taken earlier by phone or post)."""
    request = SupportRequest(breach=person.breach, person=person, kind=Kind(kind), channel=channel,
                             received_at=received_at or timezone.now())
    request.set_content(text=text, phone=phone, times=times)
    request.save()
    record(user, "support_request_received", request, breach=person.breach.public_id,
           person=person.public_id, kind=request.kind, channel=channel)
    return request


@transaction.atomic
def heard_from(person, answer: str) -> PersonFeedback:
    feedback, _ = PersonFeedback.objects.get_or_create(person=person, defaults={"breach": person.breach})
    feedback.heard_from = HeardFrom(answer)
    feedback.heard_recorded_at = timezone.now()
    feedback.save(update_fields=["heard_from", "heard_recorded_at"])
    record(None, "portal_heard_from", person.breach, person=person.public_id, answer=feedback.heard_from)
    return feedback


@transaction.atomic
def impact(person, text: str) -> PersonFeedback:
    feedback, _ = PersonFeedback.objects.get_or_create(person=person, defaults={"breach": person.breach})
    feedback.set_impact(text)
    feedback.save(update_fields=["encrypted", "impact_recorded_at"])
    record(None, "portal_impact", person.breach, person=person.public_id)
    return feedback


# --- by staff ----------------------------------------------------------------------------

def _changed(request: SupportRequest, user, summary: str, fields: list[str], **detail) -> None:
    request.save(update_fields=[*fields, "updated_at"])
    _note(request, user, SupportNote.Kind.CHANGE, summary)
    record(user, "support_request_changed", request, breach=request.breach.public_id, fields=fields, **detail)


@transaction.atomic
def assign(request: SupportRequest, user, owner) -> None:
    if owner is not None and (owner.organisation_id != request.breach.organisation_id
                              or not owner.can("handle_support")):
        raise SupportError("The owner must be a handler or the DPO of this organisation")
    request.owner = owner
    _changed(request, user, f"Owner: {owner}" if owner else "Owner removed", ["owner"],
             owner=getattr(owner, "public_id", None))


@transaction.atomic
def acknowledge(request: SupportRequest, user, *, email: bool = False) -> bool:
    """Mark it acknowledged; with ``email``, also send the standard acknowledgement.
    Returns whether an email went."""
    if not request.is_open:
        raise SupportError("This request is already answered")
    sent = False
    if email:
        sent = _send(request, "aftercare/emails/acknowledgement", {})
    request.acknowledged_at = request.acknowledged_at or timezone.now()
    request.status = Status.ACKNOWLEDGED
    _changed(request, user, "Acknowledged" + (" by email" if sent else ""), ["acknowledged_at", "status"],
             emailed=sent)
    return sent


@transaction.atomic
def add_note(request: SupportRequest, user, text: str) -> SupportNote:
    note = _note(request, user, SupportNote.Kind.NOTE, "Note added", text)
    record(user, "support_note", request, breach=request.breach.public_id, note=note.public_id)
    return note


ANSWER_ROUTES = {"email": "by email", "phone": "by phone", "letter": "by letter", "in_person": "in person"}


@transaction.atomic
def answer(request: SupportRequest, user, text: str, *, route: str = "email",
           outcome: str = "") -> SupportNote:
    """Answer the person. By email, the reply is sent now (through Django's mail); any other
    route records an answer given outside breachdesk. A person under safeguarding is never
    emailed from here: the address on file may not be safe."""
    if route not in ANSWER_ROUTES:
        raise SupportError("Choose how the answer was given")
    if route == "email":
        if request.person.safeguarding:
            raise SupportError("This person is flagged for safeguarding: answer them by the safe route "
                               "agreed, then record the answer here")
        if not request.person.details.get("email"):
            raise SupportError("There is no email address for this person: answer by phone or letter, "
                               "then record it here")
        _send(request, "aftercare/emails/reply", {"reply": text})
    now = timezone.now()
    request.answered_at = request.answered_at or now
    request.acknowledged_at = request.acknowledged_at or now
    request.status = Status.ANSWERED
    fields = ["answered_at", "acknowledged_at", "status"]
    if outcome:
        request.outcome = Outcome(outcome)
        fields.append("outcome")
    request.save(update_fields=[*fields, "updated_at"])
    note = _note(request, user, SupportNote.Kind.REPLY, f"Answered {ANSWER_ROUTES[route]}", text)
    record(user, "support_request_answered", request, breach=request.breach.public_id, route=route,
           outcome=request.outcome, in_time=request.answered_in_time)
    return note


@transaction.atomic
def set_outcome(request: SupportRequest, user, outcome: str) -> None:
    request.outcome = Outcome(outcome) if outcome else ""
    _changed(request, user, f"Outcome: {request.get_outcome_display()}" if outcome else "Outcome cleared",
             ["outcome"], outcome=request.outcome)


@transaction.atomic
def set_status(request: SupportRequest, user, status: str) -> None:
    """Move a request by hand (the API's PATCH, and closing from the page)."""
    status = Status(status)
    if status == request.status:
        return
    now = timezone.now()
    fields = ["status"]
    if status in (Status.ACKNOWLEDGED, Status.ANSWERED, Status.CLOSED) and request.acknowledged_at is None:
        request.acknowledged_at = now
        fields.append("acknowledged_at")
    if status == Status.ANSWERED and request.answered_at is None:
        request.answered_at = now
        fields.append("answered_at")
    if status == Status.CLOSED:
        request.closed_at = now
        fields.append("closed_at")
    if status in (Status.RECEIVED, Status.ACKNOWLEDGED):
        # Reopened: it is open again and the answer still owed.
        request.closed_at = None
        request.answered_at = None
        fields += ["closed_at", "answered_at"]
        if status == Status.RECEIVED:
            request.acknowledged_at = None
            fields.append("acknowledged_at")
    request.status = status
    _changed(request, user, f"Status: {status.label}", sorted(set(fields)), status=status)


def _send(request: SupportRequest, template: str, context: dict) -> bool:
    # TODO(delivery): send through the notices channel registry (breachdesk/web/notices/) once it
    # exists, so a reply is a delivery attempt row like any notice; until then Django's mail.
    to = request.person.details.get("email")
    if not to:
        return False
    plan = getattr(request.breach, "notice_plan", None) if _has_plan(request.breach) else None
    emails.send(template, [to], {"request": request, "organisation": request.breach.organisation,
                                 "plan": plan, **context})
    record(None, "support_email_sent", request, breach=request.breach.public_id, template=template.rsplit("/", 1)[-1])
    return True


def _has_plan(breach) -> bool:
    from breachdesk.web.notices.models import NoticePlan

    return NoticePlan.objects.filter(breach=breach).exists()
