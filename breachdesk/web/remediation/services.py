"""Remediation actions, and progress reports drafted from them.

A requirement's status in a draft comes from the actions that answer it: done when every one
of them is done (cancelled ones aside), in progress when any has started, otherwise not
started. The narrative lists the actions, so the DPO edits words rather than writes them.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from breachdesk.web.audit.log import record
from breachdesk.web.core import emails
from breachdesk.web.regulator import monitoring, rules
from breachdesk.web.remediation.models import Action, Source, Status

FIELDS = ("title", "detail", "source", "source_detail", "breach", "requirement", "owner", "due_on", "status")


class Refused(ValueError):
    """An action change that cannot happen; plain words, no personal data."""


def _check(organisation, values: dict) -> None:
    breach, requirement, owner = values.get("breach"), values.get("requirement"), values.get("owner")
    if breach is not None and breach.organisation_id != organisation.pk:
        raise Refused("Choose one of your organisation's breaches.")
    if requirement is not None and requirement.notice.case.organisation_id != organisation.pk:
        raise Refused("Choose one of the regulator's requirements on your organisation.")
    if owner is not None and owner.organisation_id != organisation.pk:
        raise Refused("The owner must work for your organisation.")


@transaction.atomic
def create(organisation, user, **values) -> Action:
    _check(organisation, values)
    if values.get("requirement") is not None:
        values.setdefault("source", Source.REGULATOR)
    action = Action(organisation=organisation, created_by=user, **values)
    if action.status == Status.DONE:
        action.done_at = timezone.now()
    action.save()
    record(user, "action_create", action, organisation=organisation, source=action.source)
    return action


@transaction.atomic
def update(action: Action, user, **values) -> Action:
    _check(action.organisation, values)
    changed = []
    for field, value in values.items():
        if field in FIELDS and getattr(action, field) != value:
            setattr(action, field, value)
            changed.append(field)
    if "status" in changed:
        action.done_at = timezone.now() if action.status == Status.DONE else None
    if "due_on" in changed:
        action.reminded_on = None
    action.save()
    record(user, "action_update", action, organisation=action.organisation, fields=changed)
    return action


@transaction.atomic
def bulk_status(organisation, user, public_ids: list[str], status: str) -> int:
    """Set the status of several actions: all of them or, if any is not the organisation's, none."""
    if status not in Status.values:
        raise Refused("Choose a status.")
    actions = list(Action.objects.select_for_update().filter(organisation=organisation, public_id__in=public_ids))
    if len(actions) != len(set(public_ids)):
        raise Refused("Some of those actions could not be found; nothing was changed.")
    for action in actions:
        update(action, user, status=status)
    return len(actions)


def requirement_state(actions) -> str:
    states = [a.status for a in actions if a.status != Status.CANCELLED]
    if states and all(s == Status.DONE for s in states):
        return rules.DONE
    if any(s in (Status.IN_PROGRESS, Status.DONE) for s in states):
        return rules.IN_PROGRESS
    return rules.NOT_STARTED


def _narrative(actions, today: date) -> str:
    lines = []
    for a in actions:
        if a.status == Status.CANCELLED:
            continue
        bits = [a.get_status_display().lower()]
        if a.owner:
            bits.append(f"owner {a.owner}")
        if a.status == Status.DONE and a.done_at:
            bits.append(f"done {timezone.localtime(a.done_at):%-d %B %Y}")
        elif a.due_on:
            bits.append(f"{'was due' if a.due_on < today else 'due'} {a.due_on:%-d %B %Y}")
        lines.append(f"- {a.title} ({', '.join(bits)})")
    return "\n".join(lines)


def draft_from_actions(report, user):
    """Draft (or redraft) a progress report from the actions that answer each requirement.

    Requirements no action answers keep their last reported status and narrative."""
    today = timezone.localdate()
    previous = {u.requirement.public_id: u for u in monitoring.updates_for(report)}
    updates = {}
    for requirement in report.notice.requirements.prefetch_related("actions__owner"):
        actions = list(requirement.actions.all())
        if actions:
            updates[requirement.public_id] = (requirement_state(actions), _narrative(actions, today))
        else:
            old = previous[requirement.public_id]
            updates[requirement.public_id] = (old.status, old.narrative)
    return monitoring.save_draft(report, user, summary=report.summary, updates=updates)


def remind(today: date | None = None) -> int:
    """Tell each owner of an action due in 7 days, and once when it becomes overdue."""
    today = today or timezone.localdate()
    sent = 0
    for action in Action.objects.live().exclude(due_on=None).exclude(owner=None).select_related("owner"):
        left = (action.due_on - today).days
        late = left < 0
        if not (late or left <= 7):
            continue
        if action.reminded_on and (action.reminded_on > action.due_on or not late):
            continue  # one reminder before, one when overdue
        if not action.owner.is_active:
            continue
        Action.objects.filter(pk=action.pk).update(reminded_on=today)
        emails.send("remediation/emails/action-reminder", [action.owner.email], {"action": action, "late": late})
        sent += 1
    return sent
