"""Campaigns of notices through the API: list, read (with counts per delivery status), create,
start, pause and resume, and each campaign's deliveries.

The same form and services as the notice pages (notices/forms.py, notices/campaigns.py), so a
campaign made by a tool is checked by the same rules, and starting one goes through the same
checks: people held for safeguarding are never queued (only two people, on the web page, can
release their notice), and people who prefer Welsh are not sent anything until the plan has
Welsh wording. Deliveries carry no contact details and no free text about the person.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.db.models import Count
from django.http import Http404
from ninja import Query, Router, Schema
from ninja.responses import Status as Reply
from pydantic import AwareDatetime, Field

from breachdesk.web.api.api import _ERRORS, _breach, _check, _page, _person
from breachdesk.web.api.errors import Conflict
from breachdesk.web.api.schemas import ErrorOut, Input, PersonOut
from breachdesk.web.audit.log import record
from breachdesk.web.notices import campaigns as service
from breachdesk.web.notices.forms import CampaignForm
from breachdesk.web.notices.models import Campaign, Channel, Delivery

router = Router(tags=["campaigns"])

AudienceName = Literal[tuple(a.value for a in Campaign.Audience)]  # type: ignore[valid-type]
StateName = Literal[tuple(s.value for s in Campaign.Status)]  # type: ignore[valid-type]
ChannelName = Literal[tuple(c.value for c in Channel)]  # type: ignore[valid-type]
DeliveryStatusName = Literal[tuple(s.value for s in Delivery.Status)]  # type: ignore[valid-type]


class AudienceOut(Schema):
    kind: AudienceName
    category: str = Field(description="The ICO data category, for `category`; otherwise empty")
    references: list[str] = Field(description="Notice references, for `references`; otherwise empty")


class DeliveryCounts(Schema):
    queued: int
    sending: int
    sent: int
    delivered: int
    bounced: int
    failed: int


class CampaignOut(Schema):
    id: str
    breach: str = Field(description="The breach's id")
    name: str
    state: StateName
    audience: AudienceOut
    channels: list[ChannelName] = Field(description="In the order they are tried")
    scheduled_at: datetime | None
    throttle_per_minute: int = Field(description="At most this many a minute; 0 for as fast as the channel allows")
    queued: int = Field(description="Notices queued when the campaign started")
    held: int = Field(description="People held out for safeguarding when it started")
    unreachable: int = Field(description="People no channel of the campaign could reach when it started")
    counts: DeliveryCounts = Field(description="Deliveries now, per status")
    created_by: PersonOut | None
    created_at: datetime
    started_by: PersonOut | None
    started_at: datetime | None
    finished_at: datetime | None


class CampaignDetailOut(CampaignOut):
    held_now: int = Field(description="People in the audience held for safeguarding now")
    problems: list[str] = Field(description="For a campaign not yet started: why it cannot start (empty if it can)")


class CampaignPage(Schema):
    count: int
    page: int
    per_page: int
    pages: int
    items: list[CampaignOut]


class CampaignIn(Input):
    name: str = Field(description="For example: first notices, by email then letter")
    audience: AudienceName = "all"
    audience_category: str = Field("", description="An ICO data category; needed for the `category` audience")
    audience_references: list[str] = Field([], description="Notice references; needed for the `references` "
                                                           "audience")
    channels: list[ChannelName] = Field(description="One or two channels: the first, then the one to use "
                                                    "where that is not possible or it bounces")
    scheduled_at: AwareDatetime | None = Field(None, description="When to start sending (ISO 8601, with an "
                                                                 "offset); null to start when started")
    throttle_per_minute: int | None = Field(None, description="At most this many a minute; 0 or null for no limit")


class DeliveryOut(Schema):
    id: str
    person: str = Field(description="The affected person's notice reference")
    channel: ChannelName
    status: DeliveryStatusName
    attempts: int
    reason: str = Field(description="Why it failed or bounced (never personal data)")
    safeguarding_release: bool = Field(description="Sent on a safe channel two people confirmed")
    created_at: datetime
    next_attempt_at: datetime | None
    sent_at: datetime | None
    delivered_at: datetime | None
    updated_at: datetime


class DeliveryPage(Schema):
    count: int
    page: int
    per_page: int
    pages: int
    items: list[DeliveryOut]


# --- helpers ----------------------------------------------------------------------------

def _campaign(request, public_id: str, campaign_id: str, need: str = "view_register") -> Campaign:
    breach = _breach(request, public_id, need)
    campaign = (Campaign.objects.select_related("created_by", "started_by")
                .filter(breach=breach, public_id=campaign_id).first())
    if campaign is None:
        raise Http404
    campaign.breach = breach
    return campaign


def _counts(campaign_ids) -> dict[int, dict[str, int]]:
    """Deliveries per status for each campaign, in one query."""
    out = {pk: dict.fromkeys(Delivery.Status.values, 0) for pk in campaign_ids}
    rows = (Delivery.objects.filter(campaign_id__in=campaign_ids).order_by()
            .values("campaign_id", "status").annotate(n=Count("id")))
    for row in rows:
        out[row["campaign_id"]][row["status"]] = row["n"]
    return out


def _out(campaign: Campaign, counts: dict[str, int]) -> dict:
    return {
        "id": campaign.public_id, "breach": campaign.breach.public_id, "name": campaign.name,
        "state": campaign.status,
        "audience": {"kind": campaign.audience, "category": campaign.audience_category,
                     "references": campaign.audience_references},
        "channels": campaign.channels, "scheduled_at": campaign.scheduled_at,
        "throttle_per_minute": campaign.throttle_per_minute, "queued": campaign.queued, "held": campaign.held,
        "unreachable": campaign.unreachable, "counts": counts, "created_by": _person(campaign.created_by),
        "created_at": campaign.created_at, "started_by": _person(campaign.started_by),
        "started_at": campaign.started_at, "finished_at": campaign.finished_at,
    }


def _detail(campaign: Campaign) -> dict:
    breach = campaign.breach
    campaign = Campaign.objects.select_related("created_by", "started_by").get(pk=campaign.pk)  # as it is now
    campaign.breach = breach
    draft = campaign.status == Campaign.Status.DRAFT
    return {**_out(campaign, _counts([campaign.pk])[campaign.pk]),
            "held_now": service.audience(campaign).filter(safeguarding=True).count(),
            "problems": service.blocking_problems(campaign) if draft else []}


# The form's field names, as the API calls them.
_FIELD = {"first_channel": "channels", "then_channel": "channels", "__all__": None}


def _form_problems(form: CampaignForm) -> list[tuple[str | None, str]]:
    problems = []
    for name, errors in form.errors.as_data().items():
        for error in errors:
            if error.code == "invalid_choice":
                message = "This is not one of the allowed values"  # Django's own wording repeats the value
            else:
                message = str(error.message % error.params) if error.params else str(error.message)
            problems.append((_FIELD.get(name, name), message))
    return problems


def _form(payload: CampaignIn) -> CampaignForm:
    channels = payload.channels
    return CampaignForm({
        "name": payload.name, "audience": payload.audience, "audience_category": payload.audience_category,
        "audience_references": "\n".join(payload.audience_references),
        "first_channel": channels[0] if channels else "", "then_channel": channels[1] if len(channels) > 1 else "",
        "scheduled_at": payload.scheduled_at,
        "throttle_per_minute": "" if payload.throttle_per_minute is None else payload.throttle_per_minute,
    })


def _act(request, public_id, campaign_id, action) -> dict:
    campaign = _campaign(request, public_id, campaign_id, "send_notices")
    try:
        action(campaign, request.auth)
    except service.CampaignError as problem:
        raise Conflict(str(problem)) from problem
    return _detail(campaign)


_PAGE = {"page": Query(1, ge=1), "per_page": Query(50, ge=1, le=200)}


# --- endpoints ----------------------------------------------------------------------------

@router.get("breaches/{public_id}/campaigns", response={200: CampaignPage, **_ERRORS},
            summary="List the campaigns of a breach")
def list_campaigns(request, public_id: str, page: int = _PAGE["page"], per_page: int = _PAGE["per_page"]):
    """Newest first, each with its deliveries counted per status."""
    breach = _breach(request, public_id)
    rows = breach.campaigns.select_related("created_by", "started_by")
    counts = _counts(list(rows.values_list("pk", flat=True)))

    def convert(campaign):
        campaign.breach = breach
        return _out(campaign, counts[campaign.pk])

    return _page(rows, page, per_page, convert)


@router.get("breaches/{public_id}/campaigns/{campaign_id}", response={200: CampaignDetailOut, **_ERRORS},
            summary="Read a campaign")
def get_campaign(request, public_id: str, campaign_id: str):
    """With its counts, the people held for safeguarding, and (before it starts) what stops it."""
    return _detail(_campaign(request, public_id, campaign_id))


@router.post("breaches/{public_id}/campaigns", response={201: CampaignDetailOut, **_ERRORS},
             summary="Create a campaign")
def create_campaign(request, public_id: str, payload: CampaignIn):
    """Checked by the same rules as the web form. Handler and DPO tokens (`prepare_notices`).
    It is created not started: start it with `POST …/start` (DPO)."""
    breach = _breach(request, public_id, "prepare_notices")
    problems = []
    if len(payload.channels) > 2:
        problems.append(("channels", "Give one or two channels: the first, then one for where that is not possible"))
    form = _form(payload)
    form.is_valid()
    _check(problems + _form_problems(form))
    campaign = service.create(breach, request.auth, **form.campaign_fields())
    return Reply(201, _detail(campaign))


@router.post("breaches/{public_id}/campaigns/{campaign_id}/start",
             response={200: CampaignDetailOut, 409: ErrorOut, **_ERRORS}, summary="Start sending")
def start_campaign(request, public_id: str, campaign_id: str):
    """DPO tokens (`send_notices`). Queues the audience's notices and starts sending in the
    background. People held for safeguarding are never queued. `409` if the campaign has already
    started or its notices fail their checks (the message says why)."""
    return _act(request, public_id, campaign_id, service.start)


@router.post("breaches/{public_id}/campaigns/{campaign_id}/pause",
             response={200: CampaignDetailOut, 409: ErrorOut, **_ERRORS}, summary="Pause sending")
def pause_campaign(request, public_id: str, campaign_id: str):
    """DPO tokens. Only a campaign that is sending can be paused (`409` otherwise)."""
    return _act(request, public_id, campaign_id, service.pause)


@router.post("breaches/{public_id}/campaigns/{campaign_id}/resume",
             response={200: CampaignDetailOut, 409: ErrorOut, **_ERRORS}, summary="Resume sending")
def resume_campaign(request, public_id: str, campaign_id: str):
    """DPO tokens. Only a paused campaign can be resumed (`409` otherwise)."""
    return _act(request, public_id, campaign_id, service.resume)


@router.get("breaches/{public_id}/campaigns/{campaign_id}/deliveries", response={200: DeliveryPage, **_ERRORS},
            summary="List a campaign's deliveries")
def list_deliveries(request, public_id: str, campaign_id: str, status: DeliveryStatusName | None = None,
                    channel: ChannelName | None = None, page: int = _PAGE["page"],
                    per_page: int = _PAGE["per_page"]):
    """One row per notice per channel, oldest first: status, channel, attempts and why it failed.
    No contact details. The read is written to the audit log."""
    campaign = _campaign(request, public_id, campaign_id)
    rows = campaign.deliveries.select_related("person").only(
        "public_id", "person__reference", "channel", "status", "attempts", "reason", "release_id", "created_at",
        "next_attempt_at", "sent_at", "delivered_at", "updated_at")
    if status:
        rows = rows.filter(status=status)
    if channel:
        rows = rows.filter(channel=channel)
    record(request.auth, "view_deliveries", campaign.breach, campaign=campaign.public_id, status=status or "",
           via="api")
    return _page(rows, page, per_page, _delivery)


def _delivery(delivery: Delivery) -> dict:
    return {"id": delivery.public_id, "person": delivery.person.reference, "channel": delivery.channel,
            "status": delivery.status, "attempts": delivery.attempts, "reason": delivery.reason,
            "safeguarding_release": delivery.release_id is not None, "created_at": delivery.created_at,
            "next_attempt_at": delivery.next_attempt_at, "sent_at": delivery.sent_at,
            "delivered_at": delivery.delivered_at, "updated_at": delivery.updated_at}
