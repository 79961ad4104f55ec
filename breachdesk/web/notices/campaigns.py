"""Campaigns and everything a person decides about them: audience, checks, start, pause,
safeguarding releases, and the public statement. Sending itself is in ``sending.py``.

Who counts as "at high risk": everyone on the breach when its signed-off decision is high
risk; otherwise the people whose own exposure makes it so (a child, special category or
criminal offence data, someone vulnerable or at risk, or financial and identity numbers).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from breachdesk.notices import Exposure, NoticeError, Person, errors
from breachdesk.web.audit.log import record
from breachdesk.web.breaches.models import Event
from breachdesk.web.notices.adapters import context_for
from breachdesk.web.notices.models import Campaign, Delivery, NoticePlan, SafeguardingRelease
from breachdesk.web.notices.rendering import NoticeRenderer
from breachdesk.web.people import crypto

HIGH_RISK_ITEMS = ("account_number", "sort_code", "card", "iban", "nino", "passport", "driving_licence",
                   "nhs_number", "utr")
SAMPLE_NAME, SAMPLE_REFERENCE, SAMPLE_CODE = "Sam Sample", "ABC-DEF-GHJ", "SAMPLE00"


class CampaignError(ValueError):
    """The campaign cannot do that now; the message says why in plain words."""


def decision_is_high_risk(breach) -> bool:
    assessment = breach.assessments.exclude(status="proposed").first()
    return bool(assessment and assessment.risk == "high")


def high_risk(breach):
    people = breach.people.all()
    if decision_is_high_risk(breach):
        return people
    q = Q(child=True) | Q(special_category=True) | Q(criminal_offence=True) | Q(vulnerable=True) | Q(safeguarding=True)
    for item in HIGH_RISK_ITEMS:
        q |= Q(items__icontains=f'"{item}"')
    return people.filter(q)


def audience(campaign: Campaign):
    breach = campaign.breach
    match campaign.audience:
        case Campaign.Audience.HIGH_RISK:
            return high_risk(breach)
        case Campaign.Audience.CATEGORY:
            return breach.people.filter(categories__icontains=f'"{campaign.audience_category}"')
        case Campaign.Audience.REFERENCES:
            return breach.people.filter(reference__in=campaign.audience_references)
    return breach.people.all()


# -- checks before sending -------------------------------------------------------------

KIND_FIELDS = ("items", "categories", "child", "special_category", "safeguarding", "language", "format")


@dataclass
class KindCheck:
    """One kind of notice in the audience (same exposure, flags, language and format)."""

    people: int
    description: str
    problems: list  # the engine's Problems
    error: str = ""  # the notice could not be built at all
    language: str = "en"

    @property
    def blocking(self) -> bool:
        return bool(self.error or errors(self.problems))


def sample_person(row: dict, *, name: str | None = SAMPLE_NAME) -> Person:
    return Person(name=name, exposure=Exposure(items=frozenset(row["items"]),
                                               categories=frozenset(c for c in row["categories"] if c != "Other")),
                  child=row["child"], special_category=row["special_category"], safeguarding=row["safeguarding"],
                  language=row["language"], format=row["format"], reference=SAMPLE_REFERENCE,
                  portal_code=SAMPLE_CODE, address_lines=() if row["safeguarding"] else ("1 Sample Street", "AB1 2CD"))


def check_kinds(plan: NoticePlan, people, renderer: NoticeRenderer | None = None) -> list[KindCheck]:
    """Every distinct kind of notice among ``people``, built and checked once each."""
    from django.db.models import Count

    renderer = renderer or NoticeRenderer(context_for(plan))
    out = []
    for row in people.order_by().values(*KIND_FIELDS).annotate(n=Count("id")).order_by("-n")[:500]:
        described = ", ".join(row["items"]) or "no specific items"
        flags = [f for f in ("child", "special_category", "safeguarding") if row[f]]
        description = f"{described}{' · ' + ', '.join(flags) if flags else ''} · {row['language']} · {row['format']}"
        try:
            problems = renderer.problems(sample_person(row))
            out.append(KindCheck(row["n"], description, problems, language=row["language"]))
        except NoticeError as exc:
            error = str(exc)
            if row["language"] == "cy" and (missing := plan.welsh_missing()):
                error = "no Welsh wording yet for: " + ", ".join(missing)
            out.append(KindCheck(row["n"], description, [], error=error, language=row["language"]))
    return out


def welsh_problem(plan: NoticePlan, people) -> str:
    """Why the Welsh speakers among ``people`` cannot be sent their notice yet, in plain words
    ("" when they can, or there are none)."""
    missing = plan.welsh_missing()
    count = people.filter(language="cy").count() if missing else 0
    if not count:
        return ""
    who = "1 person prefers" if count == 1 else f"{count} people prefer"
    return (f"{who} Welsh. Their notices cannot be sent until the notice plan has Welsh wording for: "
            f"{', '.join(missing)}.")


def blocking_problems(campaign: Campaign) -> list[str]:
    return _problems(campaign)[1]


def _problems(campaign: Campaign) -> tuple[str, list[str]]:
    """The Welsh problem on its own (start() says only that when there is one), and every problem."""
    plan = NoticePlan.objects.filter(breach=campaign.breach).first()
    if plan is None:
        return "", ["Write the notice plan first: what happened, what you have done and who to contact."]
    if not campaign.channels:
        return "", ["Choose at least one channel."]
    people = audience(campaign)
    welsh = welsh_problem(plan, people)
    out = [welsh] if welsh else []
    for kind in check_kinds(plan, people):
        if welsh and kind.language == "cy":
            continue  # said once, above
        if kind.error:
            out.append(f"{kind.description}: {kind.error}")
        out += [f"{kind.description}: {p}" for p in errors(kind.problems)]
    return welsh, out


# -- lifecycle ---------------------------------------------------------------------------

def _event(campaign, user, summary, text=""):
    Event.objects.create(breach=campaign.breach, actor=user, kind=Event.Kind.NOTE, summary=summary[:300], text=text)


@transaction.atomic
def create(breach, user, **fields) -> Campaign:
    campaign = Campaign.objects.create(breach=breach, created_by=user, **fields)
    record(user, "campaign_create", campaign.breach, campaign=campaign.public_id, audience=campaign.audience,
           channels=campaign.channels)
    return campaign


def start(campaign: Campaign, user) -> int:
    """Queue the audience's notices and start sending in the background; returns how many were queued."""
    from breachdesk.web.notices import sending, tasks

    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if campaign.status != Campaign.Status.DRAFT:
            raise CampaignError("This campaign has already been started.")
        welsh, problems = _problems(campaign)
        if problems:
            raise CampaignError(welsh or "The notices fail their checks: fix the plan's wording first.")
        counts = sending.queue(campaign)
        campaign.status = Campaign.Status.SENDING
        campaign.started_by, campaign.started_at = user, timezone.now()
        campaign.queued, campaign.held, campaign.unreachable = counts.queued, counts.held, counts.unreachable
        campaign.save()
        _event(campaign, user, f"Notices: sending started ({counts.queued} queued, {counts.held} held for "
                               f"safeguarding, {counts.unreachable} with no usable contact details)")
        record(user, "campaign_start", campaign.breach, campaign=campaign.public_id, queued=counts.queued,
               held=counts.held, unreachable=counts.unreachable)
        transaction.on_commit(lambda: tasks.enqueue_campaign(campaign))
    return counts.queued


def pause(campaign: Campaign, user) -> None:
    with transaction.atomic():
        updated = Campaign.objects.filter(pk=campaign.pk, status=Campaign.Status.SENDING).update(
            status=Campaign.Status.PAUSED)
        if not updated:
            raise CampaignError("Only a campaign that is sending can be paused.")
        _event(campaign, user, "Notices: sending paused")
        record(user, "campaign_pause", campaign.breach, campaign=campaign.public_id)


def resume(campaign: Campaign, user) -> None:
    from breachdesk.web.notices import tasks

    with transaction.atomic():
        updated = Campaign.objects.filter(pk=campaign.pk, status=Campaign.Status.PAUSED).update(
            status=Campaign.Status.SENDING)
        if not updated:
            raise CampaignError("Only a paused campaign can be resumed.")
        _event(campaign, user, "Notices: sending resumed")
        record(user, "campaign_resume", campaign.breach, campaign=campaign.public_id)
        transaction.on_commit(lambda: tasks.enqueue_campaign(campaign))


INTERRUPTED = "interrupted"


def interrupted(campaign: Campaign):
    """Rows a dying worker left mid-send: they may have gone; a person checks before resending."""
    return campaign.deliveries.filter(status=Delivery.Status.FAILED, reason__startswith=INTERRUPTED)


def resend_interrupted(campaign: Campaign, user) -> int:
    """A person has checked the mail log (each notice's Message-ID is in it) and decides to send
    the interrupted notices again."""
    from breachdesk.web.notices import tasks

    with transaction.atomic():
        count = interrupted(campaign).update(status=Delivery.Status.QUEUED, reason="", next_attempt_at=None,
                                             claimed_by="", claimed_at=None, updated_at=timezone.now())
        if not count:
            raise CampaignError("There are no interrupted notices to send again.")
        Campaign.objects.filter(pk=campaign.pk, status=Campaign.Status.DONE).update(
            status=Campaign.Status.SENDING, finished_at=None)
        _event(campaign, user, f"Notices: {count} interrupted notices sent again after checking")
        record(user, "campaign_resend_interrupted", campaign.breach, campaign=campaign.public_id, count=count)
        transaction.on_commit(lambda: tasks.enqueue_campaign(campaign))
    return count


# -- safeguarding: a safe channel confirmed by one person, released by another -----------

SAFE_FIELDS = {"email": ("email",), "letter": ("address", "postcode"), "sms": ("phone",)}


@transaction.atomic
def confirm_safe_channel(campaign, person, user, *, channel: str, contact: dict, how_confirmed: str):
    if not person.safeguarding:
        raise CampaignError("This person is not held for safeguarding.")
    if channel not in SAFE_FIELDS or not all((contact.get(f) or "").strip() for f in SAFE_FIELDS[channel]):
        raise CampaignError("Give the safe contact details for the channel you chose.")
    if not how_confirmed.strip():
        raise CampaignError("Say how the safe channel was confirmed.")
    release, created = SafeguardingRelease.objects.select_for_update().get_or_create(
        campaign=campaign, person=person,
        defaults={"channel": channel, "contact": crypto.encrypt_json({"name": person.details.get("name", ""),
                                                                      **contact}),
                  "how_confirmed": how_confirmed, "confirmed_by": user})
    if not created:
        if release.status == SafeguardingRelease.Status.RELEASED:
            raise CampaignError("This notice has already been released.")
        release.channel, release.how_confirmed, release.confirmed_by = channel, how_confirmed, user
        release.contact = crypto.encrypt_json({"name": person.details.get("name", ""), **contact})
        release.confirmed_at = timezone.now()
        release.save()
    record(user, "safeguarding_confirm", campaign.breach, person=person.public_id, campaign=campaign.public_id,
           channel=channel)
    return release


def release(release: SafeguardingRelease, user) -> Delivery:
    """The second person releases the notice: it is queued on the confirmed safe channel only."""
    from breachdesk.web.notices import tasks

    with transaction.atomic():
        release = SafeguardingRelease.objects.select_for_update().get(pk=release.pk)
        if release.status == SafeguardingRelease.Status.RELEASED:
            raise CampaignError("This notice has already been released.")
        if release.confirmed_by_id == user.pk:
            raise CampaignError("A second person must release it: you confirmed the safe channel.")
        release.status, release.released_by, release.released_at = (
            SafeguardingRelease.Status.RELEASED, user, timezone.now())
        release.save()
        campaign = release.campaign
        delivery = Delivery.objects.create(
            campaign=campaign, person=release.person, channel=release.channel, release=release,
            key=Delivery.make_key(campaign.pk, release.person_id, release.channel))
        _event(campaign, user, "Notices: a notice held for safeguarding was released on a confirmed safe channel")
        record(user, "safeguarding_release", campaign.breach, person=release.person.public_id,
               campaign=campaign.public_id, channel=release.channel)
        if campaign.status in (Campaign.Status.SENDING, Campaign.Status.DONE):
            Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.SENDING, finished_at=None)
            transaction.on_commit(lambda: tasks.enqueue_campaign(campaign))
    return delivery


# -- the public statement, and Art. 34(3)(c) -------------------------------------------------

def not_yet_told(breach):
    """People at high risk who have not been sent a notice by any channel."""
    reached = Delivery.objects.filter(campaign__breach=breach, status__in=Delivery.REACHED).values("person_id")
    return high_risk(breach).exclude(pk__in=reached)


def record_public_statement(plan: NoticePlan, user, *, at, where: str, reason: str = "") -> int:
    """Record a planned public statement. If people at high risk have not all been sent their
    notice, a reason is required (CampaignError without one). Returns how many are untold."""
    untold = not_yet_told(plan.breach).count()
    if untold and not reason.strip():
        raise CampaignError(f"{untold} people at high risk have not been sent their notice yet. Give the "
                            "reason for going ahead before they have been told, or wait.")
    with transaction.atomic():
        plan.public_statement_at, plan.public_statement_where = at, where
        plan.public_statement_reason = reason if untold else ""
        plan.updated_at = timezone.now()
        plan.save()
        local = timezone.localtime(at).strftime("%-d %B %Y, %H:%M")
        text = where + (f"\n\n{untold} people at high risk not yet told. Reason for going ahead: {reason}"
                        if untold else "\n\nEveryone at high risk had been sent their notice.")
        Event.objects.create(breach=plan.breach, actor=user, kind=Event.Kind.DECISION,
                             decision=Event.Decision.OTHER, summary=f"Public statement planned for {local}",
                             text=text)
        record(user, "public_statement", plan.breach, untold=untold, with_reason=bool(untold))
    return untold


@transaction.atomic
def record_public_communication(plan: NoticePlan, user, *, reason: str, where: str, at=None) -> None:
    """Art. 34(3)(c): telling each person would involve disproportionate effort, so a public
    communication informs them as effectively instead."""
    if not reason.strip() or not where.strip():
        raise CampaignError("Say why individual notices would be disproportionate, and where the "
                            "public communication is made.")
    plan.public_communication_instead = True
    plan.public_communication_reason, plan.public_communication_where = reason, where
    plan.public_communication_at = at or timezone.now()
    plan.updated_at = timezone.now()
    plan.save()
    Event.objects.create(breach=plan.breach, actor=user, kind=Event.Kind.DECISION, decision=Event.Decision.OTHER,
                         summary="Public communication instead of individual notices (disproportionate effort)",
                         text=f"{reason}\n\nWhere: {where}")
    record(user, "public_communication", plan.breach)
