"""Cases at the regulator: one per breach reported to it, with every step reasoned.

The organisation's submitted reports (reports.RegulatorReport) are the case's evidence; the
regulator never sees the organisation's internal breach record, notes or assessments.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from breachdesk.web.accounts.models import Organisation
from breachdesk.web.breaches.models import Breach
from breachdesk.web.core.files import PrivateFile
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


# --- monitoring: what a notice requires, and the progress reports that show it done --------

class RequirementStatus(models.TextChoices):
    NOT_STARTED = rules.NOT_STARTED, "Not started"
    IN_PROGRESS = rules.IN_PROGRESS, "In progress"
    DONE = rules.DONE, "Done"


class Requirement(models.Model):
    """One required step of a reprimand or enforcement notice (e.g. "encrypt all laptops")."""

    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    notice = models.ForeignKey(RegulatoryNotice, on_delete=models.CASCADE, related_name="requirements")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    due_by = models.DateField(null=True, blank=True, help_text="Empty: the notice's compliance date.")
    status = models.CharField(max_length=12, choices=RequirementStatus.choices, default=rules.NOT_STARTED,
                              help_text="As last reported by the organisation (or set by the regulator).")
    status_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["notice", "number"]
        constraints = [models.UniqueConstraint(fields=["notice", "number"], name="unique_requirement_number")]

    def __str__(self):
        return f"{self.number}. {self.text[:60]}"

    @property
    def organisation(self):
        return self.notice.case.organisation

    @property
    def due(self):
        return self.due_by or self.notice.compliance_by


class ProgressReportStatus(models.TextChoices):
    DUE = "due", "Not submitted"
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted: awaiting review"
    ACCEPTED = "accepted", "Accepted"
    MORE_INFORMATION = "more_information", "More information needed"


class ProgressReport(models.Model):
    """A report the organisation owes on a date (e.g. at 12, 24 and 36 months): per requirement
    a status, narrative and evidence. Submitted once; a late one is accepted but marked late."""

    Status = ProgressReportStatus

    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    notice = models.ForeignKey(RegulatoryNotice, on_delete=models.CASCADE, related_name="progress_reports")
    number = models.PositiveSmallIntegerField()
    due_on = models.DateField()
    status = models.CharField(max_length=16, choices=ProgressReportStatus.choices, default=ProgressReportStatus.DUE,
                              db_index=True)
    summary = models.TextField(blank=True, help_text="The organisation's overall account.")
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    late = models.BooleanField(default=False)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    review_note = models.TextField(blank=True, help_text="Shown to the organisation.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["notice", "number"]
        constraints = [models.UniqueConstraint(fields=["notice", "number"], name="unique_progress_report_number")]

    def __str__(self):
        return f"Progress report {self.number} on {self.notice}"

    @property
    def case(self):
        return self.notice.case

    @property
    def organisation(self):
        return self.notice.case.organisation

    @property
    def is_open(self) -> bool:
        """Still the organisation's to write (not yet submitted)."""
        return self.status in (ProgressReportStatus.DUE, ProgressReportStatus.DRAFT)

    def due_state(self, today=None) -> str:
        today = today or timezone.localdate()
        if self.status == ProgressReportStatus.MORE_INFORMATION:
            return "more_information"
        return rules.due_state(self.due_on, today, done=not self.is_open)


class RequirementUpdate(models.Model):
    """What one progress report says about one requirement."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="updates")
    requirement = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(max_length=12, choices=RequirementStatus.choices, default=rules.NOT_STARTED)
    narrative = models.TextField(blank=True)

    class Meta:
        ordering = ["requirement__number"]
        constraints = [models.UniqueConstraint(fields=["report", "requirement"], name="one_update_per_requirement")]

    def __str__(self):
        return f"{self.requirement.number}: {self.get_status_display()}"


class ProgressEvidence(PrivateFile):
    """A file sent with a progress report (core.files: stored privately, hashed)."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="evidence")
    requirement = models.ForeignKey(Requirement, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["uploaded_at"]

    @property
    def organisation(self):
        return self.report.organisation


class TellPeopleOrder(models.Model):
    """Art. 34(4): the regulator requires the organisation to tell the people affected.

    Tracked to completion from the organisation's own figures (see monitoring.people_told)."""

    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="tell_people_orders")
    reason = models.TextField()
    due_by = models.DateField()
    required_at = models.DateTimeField(default=timezone.now)
    required_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    people = models.PositiveBigIntegerField(default=0, help_text="People on the breach when last checked")
    told = models.PositiveBigIntegerField(default=0, help_text="Of them, told when last checked")
    checked_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-required_at"]

    def __str__(self):
        return f"Tell the people by {self.due_by}"

    @property
    def organisation(self):
        return self.case.organisation

    def due_state(self, today=None) -> str:
        return rules.due_state(self.due_by, today or timezone.localdate(), done=self.completed_at is not None)


class Nudge(models.Model):
    """A reminder or an escalation sent about something due: one row per step, so the
    periodic command never sends the same one twice, and the case shows what went out."""

    class Step(models.TextChoices):
        REMIND_30 = "remind-30", "Reminder 30 days before"
        REMIND_7 = "remind-7", "Reminder 7 days before"
        OFFICER = "officer", "Overdue: case officer told"
        MANAGER = "manager", "Overdue: escalated to a manager"
        NON_COMPLIANCE = "non_compliance", "Overdue: non-compliance opened"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="nudges")
    subject = models.CharField(max_length=40, help_text="e.g. progress:<public id>, requirement:<id>, tell:<id>")
    step = models.CharField(max_length=16, choices=Step.choices)
    at = models.DateTimeField(default=timezone.now)
    summary = models.CharField(max_length=300)

    class Meta:
        ordering = ["-at", "-id"]
        constraints = [models.UniqueConstraint(fields=["subject", "step"], name="one_nudge_per_step")]

    def __str__(self):
        return self.summary
