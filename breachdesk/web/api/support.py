"""Support requests and complaints from affected people, through the API: list, read and
update (status, owner, outcome). The same services as the aftercare pages, so a change made
by a tool shows in the request's history like one made in the browser.

Lists carry no free text; reading one request returns what the person wrote (decrypted) and
is audited like the web page.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import Field

from breachdesk.web.accounts.models import User
from breachdesk.web.aftercare import services
from breachdesk.web.aftercare.models import Kind, Outcome, Status, SupportRequest
from breachdesk.web.api.api import _ERRORS, _breach, _check, _page, _person, _require
from breachdesk.web.api.errors import Invalid
from breachdesk.web.api.schemas import Input, PersonOut
from breachdesk.web.audit.log import record

router = Router(tags=["support requests"])

KindName = Literal[tuple(k.value for k in Kind)]  # type: ignore[valid-type]
StatusName = Literal[tuple(s.value for s in Status)]  # type: ignore[valid-type]
OutcomeName = Literal[tuple([""] + [o.value for o in Outcome])]  # type: ignore[valid-type]
StatusFilter = Literal[tuple(["open"] + [s.value for s in Status])]  # type: ignore[valid-type]


class NextDueOut(Schema):
    what: Literal["acknowledge", "answer"]
    by: date


class SupportRequestOut(Schema):
    id: str
    breach: str = Field(description="The breach's id")
    breach_reference: str
    person: str = Field(description="The affected person's notice reference")
    kind: KindName
    channel: str
    status: StatusName
    owner: PersonOut | None
    received_at: datetime
    acknowledge_by: date
    answer_by: date
    acknowledged_at: datetime | None
    answered_at: datetime | None
    closed_at: datetime | None
    outcome: OutcomeName
    next_due: NextDueOut | None
    due_state: Literal["", "due_soon", "overdue"]
    answered_in_time: bool | None


class SupportRequestDetailOut(SupportRequestOut):
    text: str = Field(description="What the person wrote (personal data)")
    phone: str
    good_times: str


class SupportRequestPage(Schema):
    count: int
    page: int
    per_page: int
    pages: int
    items: list[SupportRequestOut]


class SupportRequestIn(Input):
    status: StatusName | None = None
    owner: str | None = Field(None, description="A user id (a handler or the DPO), or null for no owner")
    outcome: OutcomeName | None = None


def _out(item: SupportRequest, today=None) -> dict:
    nxt = item.next_due
    return {
        "id": item.public_id, "breach": item.breach.public_id, "breach_reference": item.breach.reference,
        "person": item.person.reference, "kind": item.kind, "channel": item.channel, "status": item.status,
        "owner": _person(item.owner), "received_at": item.received_at, "acknowledge_by": item.acknowledge_by,
        "answer_by": item.answer_by, "acknowledged_at": item.acknowledged_at, "answered_at": item.answered_at,
        "closed_at": item.closed_at, "outcome": item.outcome,
        "next_due": {"what": nxt[0], "by": nxt[1]} if nxt else None,
        "due_state": item.due_state(today), "answered_in_time": item.answered_in_time,
    }


def _detail(item: SupportRequest) -> dict:
    content = item.content
    return {**_out(item), "text": content.get("text", ""), "phone": content.get("phone", ""),
            "good_times": content.get("times", "")}


def _filtered(rows, status, kind):
    rows = rows.select_related("breach", "person", "owner")
    if status == "open":
        rows = rows.open()
    elif status:
        rows = rows.filter(status=status)
    if kind:
        rows = rows.filter(kind=kind)
    return rows


def _request(request, public_id: str, request_id: str, need: str = "view_register") -> SupportRequest:
    breach = _breach(request, public_id, need)
    item = (SupportRequest.objects.select_related("person", "owner")
            .filter(breach=breach, public_id=request_id).first())
    if item is None:
        raise Http404
    item.breach = breach
    return item


_STATUS = Query(None, description="`open` (received or acknowledged) or one status")


@router.get("support-requests", response={200: SupportRequestPage, **_ERRORS},
            summary="List support requests across the organisation")
def list_all_support_requests(request, status: StatusFilter | None = _STATUS,
                               kind: KindName | None = None,
        page: int = Query(1, ge=1), per_page: int = Query(50, ge=1, le=200)):
    """Every breach's requests and complaints, soonest due first."""
    _require(request, "view_register")
    rows = _filtered(SupportRequest.objects.for_organisation(request.auth.organisation), status, kind)
    record(request.auth, "view_support_queue", None, via="api")
    today = timezone.localdate()
    return _page(rows, page, per_page, lambda r: _out(r, today))


@router.get("breaches/{public_id}/support-requests", response={200: SupportRequestPage, **_ERRORS},
            summary="List the support requests of a breach")
def list_support_requests(request, public_id: str,
                          status: StatusFilter | None = _STATUS,
                          kind: KindName | None = None,
        page: int = Query(1, ge=1), per_page: int = Query(50, ge=1, le=200)):
    breach = _breach(request, public_id)
    record(request.auth, "view_support_queue", breach, via="api")
    rows = _filtered(breach.support_requests.all(), status, kind)
    today = timezone.localdate()
    return _page(rows, page, per_page, lambda r: _out(r, today))


@router.get("breaches/{public_id}/support-requests/{request_id}", response={200: SupportRequestDetailOut, **_ERRORS},
            summary="Read a support request")
def get_support_request(request, public_id: str, request_id: str):
    """With what the person wrote (decrypted); the read is audited."""
    item = _request(request, public_id, request_id)
    record(request.auth, "view_support_request", item, breach=public_id, person=item.person.public_id, via="api")
    return _detail(item)


@router.patch("breaches/{public_id}/support-requests/{request_id}",
              response={200: SupportRequestDetailOut, **_ERRORS},
              summary="Change the status, owner or outcome of a support request")
def update_support_request(request, public_id: str, request_id: str, payload: SupportRequestIn):
    """Send only what changes. Handler and DPO tokens only. The owner must be a handler or the
    DPO of the organisation; `owner: null` removes the owner."""
    item = _request(request, public_id, request_id, "handle_support")
    sent = payload.model_fields_set
    problems = [(f, "This field cannot be null") for f in ("status", "outcome")
                if f in sent and getattr(payload, f) is None]
    owner = None
    if "owner" in sent and payload.owner is not None:
        owner = User.objects.filter(public_id=payload.owner, organisation=request.auth.organisation,
                                    is_active=True).first()
        if owner is None or not owner.can("handle_support"):
            problems.append(("owner", "Not a handler or DPO of this organisation"))
    _check(problems)
    with transaction.atomic():
        try:
            if "owner" in sent:
                services.assign(item, request.auth, owner)
            if "outcome" in sent:
                services.set_outcome(item, request.auth, payload.outcome)
            if "status" in sent:
                services.set_status(item, request.auth, payload.status)
        except services.SupportError as problem:
            raise Invalid(str(problem)) from problem
    return _detail(_request(request, public_id, request_id))

