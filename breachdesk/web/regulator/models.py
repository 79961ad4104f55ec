"""Cases at the regulator: one per breach reported to it, with every step reasoned.

The organisation's submitted reports (reports.RegulatorReport) are the case's evidence; the
regulator never sees the organisation's internal breach record, notes or assessments.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from breachdesk.web.accounts.models import Organisation
from breachdesk.web.breaches.models import Breach
from breachdesk.web.core.ids import new_public_id
from breachdesk.web.regulator import rules


class Case(models.Model):
    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    regulator = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="cases")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="regulator_cases")
    breach = models.ForeignKey(Breach, on_delete=models.PROTECT, related_name="regulator_cases",
                               help_text="Links follow-up reports to the case; its internals stay private.")
    reference = models.CharField(max_length=32, unique=True)
    status = models.CharField(max_length=24, choices=list(rules.STATES.items()), default=rules.RECEIVED,
                              db_index=True)
    closure = models.CharField(max_length=24, choices=list(rules.CLOSURES.items()), blank=True)
    regime = models.CharField(max_length=8, choices=list(rules.REGIMES.items()), default=rules.DPA_2018)
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    received_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self):
        return self.reference

    @property
    def age(self):
        return (self.closed_at or timezone.now()) - self.received_at

    @property
    def reports(self):
        from breachdesk.web.reports.models import RegulatorReport

        return RegulatorReport.objects.received_by(self.regulator).filter(breach=self.breach).order_by("number")


class CaseEvent(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    summary = models.CharField(max_length=300)
    reason = models.TextField(blank=True)
    internal = models.BooleanField(default=True, help_text="Internal notes are never shown to the organisation.")

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        return self.summary


class RegulatoryNotice(models.Model):
    """A reprimand, enforcement notice, notice of intent or penalty notice on a case."""

    class AppealOutcome(models.TextChoices):
        NONE = "", "No appeal"
        PENDING = "pending", "Appeal lodged"
        UPHELD = "upheld", "Upheld"
        VARIED = "varied", "Varied"
        QUASHED = "quashed", "Quashed"

    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="notices")
    kind = models.CharField(max_length=24, choices=list(rules.NOTICE_KINDS.items()))
    issued_at = models.DateTimeField(default=timezone.now)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    summary = models.TextField(help_text="Published on the public register with the notice.")
    recommendations = models.TextField(blank=True, help_text="For a reprimand: what the organisation should do.")
    penalty_amount = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    compliance_by = models.DateField(null=True, blank=True)
    urgent = models.BooleanField(default=False)
    urgent_reason = models.TextField(blank=True)
    extension_reason = models.TextField(blank=True)
    appeal_outcome = models.CharField(max_length=8, choices=AppealOutcome.choices, blank=True, default="")
    published = models.BooleanField(default=True)

    class Meta:
        ordering = ["-issued_at"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.case.reference}"

    @property
    def appeal_ends(self):
        return rules.appeal_ends(self.issued_at)

    @property
    def organisation(self):
        return self.case.organisation
