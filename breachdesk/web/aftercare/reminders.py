"""Reminders to the owners of support requests that are due soon or overdue.

Run once a day (``breachdesk manage aftercare_reminders``, from cron or a scheduler). Each
request is included at most once a day; an unowned request goes to the organisation's DPOs.
The email names no one: it links to the requests.
"""

from __future__ import annotations

from collections import defaultdict

from django.utils import timezone

from breachdesk.web.accounts.models import User
from breachdesk.web.accounts.roles import Role
from breachdesk.web.aftercare.models import SupportRequest
from breachdesk.web.core import emails


def due(today) -> list[SupportRequest]:
    rows = SupportRequest.objects.open().select_related("breach__organisation", "owner")
    out = []
    for r in rows:
        if r.reminded_on == today:
            continue
        r.state = r.due_state(today)
        if r.state:
            out.append(r)
    return out


def send(today=None) -> dict[str, int]:
    """Email each owner (or, for unowned requests, each DPO) their list. Returns counts."""
    today = today or timezone.localdate()
    by_person: dict[User, list[SupportRequest]] = defaultdict(list)
    for r in due(today):
        owners = [r.owner] if r.owner and r.owner.is_active else list(
            User.objects.filter(organisation=r.breach.organisation, role=Role.DPO, is_active=True))
        for owner in owners:
            by_person[owner].append(r)
    reminded = set()
    for owner, requests in by_person.items():
        emails.send("aftercare/emails/reminder", [owner.email], {
            "requests": requests, "overdue": any(r.state == "overdue" for r in requests)})
        reminded.update(r.pk for r in requests)
    SupportRequest.objects.filter(pk__in=reminded).update(reminded_on=today)
    return {"emails": len(by_person), "requests": len(reminded)}
