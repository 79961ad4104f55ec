"""Remediation actions: what the organisation will do, from whatever source (lessons learned
on a breach, an audit, a regulator's requirement), each with an owner, a due date and evidence.

An action may answer a regulator's requirement; a progress report is drafted from the states
of the actions that answer each requirement (services.draft_from_actions).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from breachdesk.web.accounts.models import Organisation
from breachdesk.web.breaches.models import Breach
from breachdesk.web.core.files import PrivateFile
from breachdesk.web.core.ids import new_public_id
from breachdesk.web.regulator import rules


class Source(models.TextChoices):
    LESSONS = "lessons", "Lessons learned from a breach"
    AUDIT = "audit", "An audit"
    REGULATOR = "regulator", "A regulator's requirement"
    OTHER = "other", "Other"


class Status(models.TextChoices):
    OPEN = "open", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"


class ActionQuerySet(models.QuerySet):
    def live(self):
        return self.exclude(status__in=(Status.DONE, Status.CANCELLED))

    def overdue(self, today=None):
        return self.live().filter(due_on__lt=today or timezone.localdate())


class Action(models.Model):
    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="actions")
    title = models.CharField(max_length=300)
    detail = models.TextField(blank=True)
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.LESSONS)
    source_detail = models.CharField(max_length=200, blank=True, help_text="e.g. the audit's name")
    breach = models.ForeignKey(Breach, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions")
    requirement = models.ForeignKey("regulator.Requirement", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="actions")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="actions")
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN, db_index=True)
    done_at = models.DateTimeField(null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True, help_text="The last day its owner was reminded")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["status", "due_on", "-created_at"]
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self):
        return self.title

    def due_state(self, today=None) -> str:
        if self.status == Status.CANCELLED:
            return "cancelled"
        if self.due_on is None:
            return "done" if self.status == Status.DONE else "upcoming"
        return rules.due_state(self.due_on, today or timezone.localdate(), done=self.status == Status.DONE)


class ActionEvidence(PrivateFile):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="evidence")

    class Meta:
        ordering = ["uploaded_at"]

    @property
    def organisation(self):
        return self.action.organisation
