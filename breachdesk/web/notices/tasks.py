"""Background work for notices: a campaign is sent by the worker, never inside a request.

``send_campaign`` sends what is due and then schedules itself again for the next due time
(retries after back-off, the throttle's next minute, a scheduled start). On a backend that
cannot defer (the immediate backend in tests), it sends what is due now and stops;
``manage.py send_notices`` sends every campaign that is sending, for cron.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.tasks import task
from django.utils import timezone

log = logging.getLogger(__name__)


@task()
def send_campaign(campaign_id: int) -> dict:
    from breachdesk.web.notices import sending
    from breachdesk.web.notices.models import Campaign

    campaign = Campaign.objects.select_related("breach").filter(pk=campaign_id).first()
    if campaign is None:
        return {}
    counts = sending.run(campaign)
    reschedule(campaign)
    log.info("campaign %s: %s", campaign.public_id, counts)
    return counts


def enqueue_campaign(campaign, run_after=None) -> bool:
    job = send_campaign
    if run_after is not None and run_after > timezone.now():
        if not job.get_backend().supports_defer:
            return False
        job = job.using(run_after=run_after)
    job.enqueue(campaign.pk)
    return True


def reschedule(campaign) -> None:
    from breachdesk.web.notices import sending
    from breachdesk.web.notices.models import Campaign

    campaign.refresh_from_db()
    if campaign.status != Campaign.Status.SENDING:
        return
    now = timezone.now()
    if campaign.scheduled_at and campaign.scheduled_at > now:
        enqueue_campaign(campaign, campaign.scheduled_at)
        return
    due = sending.next_due(campaign)
    if due is None and not campaign.deliveries.filter(status="queued").exists():
        return
    when = max(due or now, now + timedelta(seconds=60 if campaign.throttle_per_minute else 1))
    enqueue_campaign(campaign, when)
