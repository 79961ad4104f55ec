from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from breachdesk import deadlines, vocab
from breachdesk.web.accounts.models import Organisation
from breachdesk.web.breaches.states import BREACH_STATUSES, INCIDENT_STATUSES, Closure, Status
from breachdesk.web.core.files import PrivateFile
from breachdesk.web.core.ids import new_public_id

INCIDENT_TYPE_CHOICES = [
    (key, f"{label} ({'cyber' if cat == vocab.CYBER else 'non-cyber'})")
    for key, (label, cat) in vocab.INCIDENT_TYPE_KEYS.items()
]


class YesNoUnknown(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    UNKNOWN = "unknown", "Not known yet"
    NOT_APPLICABLE = "n/a", "Not applicable"


class Regime(models.TextChoices):
    UK_GDPR = deadlines.UK_GDPR, "UK GDPR"
    PECR = deadlines.PECR, "PECR (public electronic communications services)"


class BreachQuerySet(models.QuerySet):
    def for_organisation(self, organisation):
        return self.filter(organisation=organisation)

    def in_register(self):
        """Confirmed personal data breaches, whatever their state now (Art. 33(5))."""
        return self.exclude(status__in=INCIDENT_STATUSES).exclude(closure=Closure.NOT_A_BREACH)


class Breach(models.Model):
    """An incident as reported, and the personal data breach it may turn out to be."""

    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="breaches")
    reference = models.CharField(max_length=32)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.REPORTED, db_index=True)
    closure = models.CharField(max_length=16, choices=Closure.choices, blank=True)

    # what the reporter said
    title = models.CharField(max_length=200)
    what_happened = models.TextField()
    data_involved_initial = models.TextField(blank=True)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    reporter_team = models.CharField(max_length=200, blank=True)
    noticed_at = models.DateTimeField()

    # the facts, filled in at triage and after
    how_found = models.TextField(blank=True)
    occurred_at = models.DateTimeField(null=True, blank=True)
    discovered_at = models.DateTimeField(null=True, blank=True)
    aware_at = models.DateTimeField(null=True, blank=True)
    contained_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    is_cyber = models.BooleanField(null=True, blank=True)
    incident_type = models.CharField(max_length=80, choices=INCIDENT_TYPE_CHOICES, blank=True)
    confidentiality = models.BooleanField(default=False)
    integrity = models.BooleanField(default=False)
    availability = models.BooleanField(default=False)
    data_categories = models.JSONField(default=list, blank=True)
    data_subject_types = models.JSONField(default=list, blank=True)
    records_estimate = models.PositiveBigIntegerField(null=True, blank=True)
    people_estimate = models.PositiveBigIntegerField(null=True, blank=True)
    records_scoped = models.PositiveBigIntegerField(null=True, blank=True)
    people_scoped = models.PositiveBigIntegerField(null=True, blank=True)
    likely_consequences = models.TextField(blank=True)
    measures_taken = models.TextField(blank=True)
    measures_proposed = models.TextField(blank=True)
    other_organisations_told = models.TextField(blank=True)
    staff_trained = models.CharField(max_length=8, choices=YesNoUnknown.choices, default=YesNoUnknown.UNKNOWN)

    # the clock
    regime = models.CharField(max_length=16, choices=Regime.choices, default=Regime.UK_GDPR)
    deadline_rule = models.CharField(max_length=40, blank=True,
                                     help_text="The deadline rule version this case is decided under.")
    regulator_reported_at = models.DateTimeField(null=True, blank=True)
    regulator_reference = models.CharField(max_length=64, blank=True)
    not_reported_reason = models.TextField(blank=True)
    delay_reasons = models.TextField(blank=True)

    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BreachQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "reference"], name="unique_reference_per_organisation"),
        ]
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self):
        return f"{self.reference} {self.title}"

    @property
    def is_incident(self) -> bool:
        return self.status in INCIDENT_STATUSES

    @property
    def is_breach(self) -> bool:
        return self.status in BREACH_STATUSES or (
            self.status == Status.CLOSED and self.closure == Closure.RESOLVED
        )

    @property
    def incident_type_label(self) -> str:
        pair = vocab.INCIDENT_TYPE_KEYS.get(self.incident_type)
        return pair[0] if pair else ""

    @property
    def incident_category(self) -> str:
        pair = vocab.INCIDENT_TYPE_KEYS.get(self.incident_type)
        return pair[1] if pair else ""

    @property
    def rule(self) -> deadlines.DeadlineRule | None:
        if self.deadline_rule:
            return deadlines.rule_by_version(self.deadline_rule)
        if self.aware_at:
            return deadlines.rule_for(self.regime, self.aware_at)
        return None

    @property
    def deadline(self) -> datetime | None:
        rule = self.rule
        return rule.deadline(self.aware_at) if rule and self.aware_at else None

    def clock(self, now: datetime | None = None) -> deadlines.Clock | None:
        """The regulator clock, or None while awareness is not yet established."""
        rule = self.rule
        if rule is None or self.aware_at is None or self.closure == Closure.NOT_A_BREACH:
            return None
        return deadlines.clock(rule, self.aware_at, now or timezone.now(), self.regulator_reported_at,
                               not_reporting=bool(self.not_reported_reason.strip()))

    @property
    def needs_delay_reasons(self) -> bool:
        c = self.clock()
        late = c is not None and (c.overdue or (c.reported and c.remaining.total_seconds() < 0))
        return late and not self.delay_reasons.strip()

    @property
    def people_band(self) -> str:
        return vocab.people_band(self.people_scoped or self.people_estimate)


class Event(models.Model):
    """One line of a breach's timeline: a change, a note or a decision."""

    class Kind(models.TextChoices):
        CREATED = "created", "Reported"
        STATUS = "status", "Status changed"
        EDITED = "edited", "Details changed"
        AWARENESS = "awareness", "Awareness time changed"
        NOTE = "note", "Note"
        DECISION = "decision", "Decision"
        EVIDENCE = "evidence", "Evidence added"

    class Decision(models.TextChoices):
        REPORT_TO_REGULATOR = "report", "Report to the regulator"
        NOT_REPORTING = "not_reporting", "Not reporting to the regulator"
        REPORTED = "reported", "Reported to the regulator"
        TELL_PEOPLE = "tell_people", "Tell the people affected"
        NOT_TELLING = "not_telling", "Not telling the people affected"
        OTHER = "other", "Other decision"

    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    breach = models.ForeignKey(Breach, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    decision = models.CharField(max_length=16, choices=Decision.choices, blank=True)
    summary = models.CharField(max_length=300)
    text = models.TextField(blank=True)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        return self.summary


class Evidence(PrivateFile):
    """A file kept with a breach (core.files: stored privately, checked, hashed)."""

    breach = models.ForeignKey(Breach, on_delete=models.CASCADE, related_name="evidence")
    description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-uploaded_at"]

    @property
    def organisation(self):
        return self.breach.organisation
