"""A risk assessment: the facts as known at a moment, the engine's decision on them, and
what the DPO did with it (signed it off, or overrode it with a recorded justification).

Assessments are never edited: a new one is made as facts emerge, so the history shows how
the decision changed. Each keeps its facts and its rule set, so it replays as it was made.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from breachdesk.risk import replay
from breachdesk.web.breaches.models import Breach
from breachdesk.web.core.ids import new_public_id


class Risk(models.TextChoices):
    NONE = "none", "No likely risk: record only"
    RISK = "risk", "Likely risk: report to the regulator"
    HIGH = "high", "Likely high risk: report, and tell the people affected"


class Assessment(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        SIGNED_OFF = "signed_off", "Signed off"
        OVERRIDDEN = "overridden", "Signed off with an override"

    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    breach = models.ForeignKey(Breach, on_delete=models.CASCADE, related_name="assessments")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=16, choices=Status.choices)
    facts = models.JSONField()
    decision = models.JSONField(help_text="The engine's decision, exactly as it returned it.")
    rule_set = models.CharField(max_length=40)
    engine_risk = models.CharField(max_length=8, choices=Risk.choices)

    # What the organisation decided: the engine's answer, unless overridden.
    risk = models.CharField(max_length=8, choices=Risk.choices)
    notify_regulator = models.BooleanField()
    notify_individuals = models.BooleanField()
    override_justification = models.TextField(blank=True)

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    signed_off_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="+")
    signed_off_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["breach", "number"], name="unique_assessment_number")]

    def __str__(self):
        return f"{self.breach.reference} assessment {self.number}"

    @property
    def organisation(self):
        return self.breach.organisation

    @property
    def is_signed(self) -> bool:
        return self.status != self.Status.PROPOSED

    @property
    def overridden(self) -> bool:
        return self.status == self.Status.OVERRIDDEN

    def replays(self) -> bool:
        """Whether today's code, given the stored facts and rule set, decides the same."""
        return replay(self.decision).to_dict() == self.decision
