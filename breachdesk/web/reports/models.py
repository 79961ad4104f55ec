"""The regulator report: the ICO's breach-report fields, drafted from the breach and its
latest signed-off assessment, completed by people, then submitted once and never edited.

A report is a snapshot: the fields are copied from the breach when the draft is made, so
later changes to the breach do not rewrite what was told to the regulator. At submission
the fields are frozen into ``snapshot`` (stable keys, see ``FIELDS``), which the JSON
export, the PDF and the next follow-up's "what changed" are all built from.

The regulator side receives ``RegulatorReport.objects.received_by(regulator)``, which is
``filter(regulator=regulator, status="submitted")``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from breachdesk.web.accounts.models import Organisation
from breachdesk.web.assessments.models import Assessment
from breachdesk.web.breaches.models import INCIDENT_TYPE_CHOICES, Breach, YesNoUnknown
from breachdesk.web.core.ids import new_public_id

FORMAT = "breachdesk/regulator-report/1"


class Kind(models.TextChoices):
    INITIAL = "initial", "Initial report"
    FOLLOW_UP = "follow_up", "Follow-up report"


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted to the regulator on breachdesk"
    SENT = "sent", "Sent to the regulator by another route"


class PeopleTold(models.TextChoices):
    TOLD = "told", "Yes, they have been told"
    WILL_TELL = "will_tell", "Yes, they will be told"
    NOT_TELLING = "not_telling", "No, they will not be told"
    UNDECIDED = "undecided", "Not decided yet"


class HumanError(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    UNKNOWN = "unknown", "Not known yet"


# The snapshot, in the ICO form's order: key -> the words people read. The keys are the
# JSON export's and the API's; they do not change (a new key may be added, never renamed).
FIELDS: dict[str, str] = {
    "what_happened": "What happened",
    "incident_type": "Incident type",
    "is_cyber": "Cyber incident",
    "how_found": "How the breach was found",
    "occurred_at": "When it happened",
    "discovered_at": "When it was discovered",
    "aware_at": "When the organisation became aware",
    "data_categories": "Kinds of personal data",
    "records": "Approximate number of records",
    "people": "Approximate number of people",
    "data_subject_types": "Whose data it was",
    "likely_consequences": "Likely consequences for the people",
    "measures_taken": "Measures taken",
    "measures_proposed": "Measures proposed",
    "people_told": "Whether the people have been or will be told",
    "people_told_details": "About telling the people",
    "other_organisations_told": "Other organisations told",
    "human_error": "Caused by human error",
    "staff_trained": "Staff involved trained in data protection",
    "contact_name": "Contact name",
    "contact_email": "Contact email",
    "contact_phone": "Contact telephone",
    "delay_reasons": "Reasons for delay",
    "what_changed": "What has changed since the last report",
}


class ReportLocked(Exception):
    """A submitted report is never edited."""


class ReportQuerySet(models.QuerySet):
    def received_by(self, regulator: Organisation):
        """The reports submitted on breachdesk to ``regulator``: its incoming cases."""
        return self.filter(regulator=regulator, status=Status.SUBMITTED)

    def done(self):
        return self.exclude(status=Status.DRAFT)


class RegulatorReport(models.Model):
    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    breach = models.ForeignKey(Breach, on_delete=models.PROTECT, related_name="regulator_reports")
    number = models.PositiveIntegerField(help_text="1 for the initial report, then each follow-up.")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    previous = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                 help_text="For a follow-up: the report it follows.")
    assessment = models.ForeignKey(Assessment, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                   help_text="The signed-off assessment the draft drew on.")
    regulator = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="received_reports", limit_choices_to={"kind": "regulator"})
    regulator_reference = models.CharField(max_length=64, blank=True)

    # --- the ICO breach-report fields ---
    what_happened = models.TextField(blank=True)
    incident_type = models.CharField(max_length=80, choices=INCIDENT_TYPE_CHOICES, blank=True)
    is_cyber = models.BooleanField(null=True, blank=True)
    how_found = models.TextField(blank=True)
    occurred_at = models.DateTimeField(null=True, blank=True)
    discovered_at = models.DateTimeField(null=True, blank=True)
    aware_at = models.DateTimeField(null=True, blank=True)
    data_categories = models.JSONField(default=list, blank=True)
    records = models.PositiveBigIntegerField(null=True, blank=True)
    people = models.PositiveBigIntegerField(null=True, blank=True)
    data_subject_types = models.JSONField(default=list, blank=True)
    likely_consequences = models.TextField(blank=True)
    measures_taken = models.TextField(blank=True)
    measures_proposed = models.TextField(blank=True)
    people_told = models.CharField(max_length=16, choices=PeopleTold.choices, default=PeopleTold.UNDECIDED)
    people_told_details = models.TextField(blank=True)
    other_organisations_told = models.TextField(blank=True)
    human_error = models.CharField(max_length=8, choices=HumanError.choices, default=HumanError.UNKNOWN)
    staff_trained = models.CharField(max_length=8, choices=YesNoUnknown.choices, default=YesNoUnknown.UNKNOWN)
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    delay_reasons = models.TextField(blank=True)
    what_changed = models.TextField(blank=True)

    snapshot = models.JSONField(default=dict, blank=True,
                                help_text="The fields as submitted (empty while a draft).")
    drafted_from = models.JSONField(default=dict, blank=True,
                                    help_text="The breach's values when the draft was made, so that a "
                                              "follow-up can tell what the breach record has learnt since.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True,
                                        help_text="When it reached the regulator (the date given, if sent "
                                                  "by another route).")
    recorded_at = models.DateTimeField(null=True, blank=True, help_text="When breachdesk recorded the submission.")

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["breach", "number"], name="unique_report_number"),
            models.UniqueConstraint(fields=["breach"], condition=Q(status="draft"), name="one_draft_report"),
        ]
        indexes = [models.Index(fields=["regulator", "status"])]

    def __str__(self):
        return f"{self.breach.reference} {self.get_kind_display().lower()} {self.number}"

    def save(self, *args, **kwargs):
        # The one way out of draft is services.submit, which saves the row while it is
        # still a draft in the database; after that nothing may change it.
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored is not None and stored != Status.DRAFT:
                raise ReportLocked("A submitted report is never edited: make a follow-up report instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if not self.is_draft:
            raise ReportLocked("A submitted report is never deleted.")
        return super().delete(*args, **kwargs)

    @property
    def organisation(self):
        return self.breach.organisation

    @property
    def is_draft(self) -> bool:
        return self.status == Status.DRAFT

    @property
    def is_follow_up(self) -> bool:
        return self.kind == Kind.FOLLOW_UP

    def fields(self) -> dict:
        """The report's fields with stable keys: the frozen snapshot once submitted."""
        if self.snapshot:
            # In the form's order (PostgreSQL's jsonb keeps no key order).
            known = {k: self.snapshot[k] for k in FIELDS if k in self.snapshot}
            return {**known, **{k: v for k, v in self.snapshot.items() if k not in known}}
        out = {}
        for key in FIELDS:
            value = getattr(self, key)
            out[key] = value.isoformat() if hasattr(value, "isoformat") else value
        return out

    # --- what is missing, and what changed ---

    def missing(self, at=None) -> list[tuple[str, str]]:
        """Every field the report still needs, in plain words, as (field, message).

        ``at`` is when it would reach the regulator (default now): an initial report
        after the deadline needs the reasons for the delay.
        """
        found = []

        def need(field, ok, message):
            if not ok:
                found.append((field, message))

        need("what_happened", self.what_happened.strip(), "Say what happened")
        need("incident_type", self.incident_type, "Choose the incident type")
        need("is_cyber", self.is_cyber is not None, "Say whether it was a cyber incident")
        need("how_found", self.how_found.strip(), "Say how the breach was found")
        need("occurred_at", self.occurred_at, "Give when the breach happened (your best estimate)")
        need("discovered_at", self.discovered_at, "Give when the breach was discovered")
        need("data_categories", [c for c in self.data_categories if c != "Not yet known"],
             "Choose the kinds of personal data involved")
        need("records", self.records is not None, "Give the approximate number of records affected")
        need("people", self.people is not None, "Give the approximate number of people affected")
        need("data_subject_types", self.data_subject_types, "Choose whose data it was")
        need("likely_consequences", self.likely_consequences.strip(),
             "Describe the likely consequences for the people affected")
        need("measures_taken", self.measures_taken.strip() or self.measures_proposed.strip(),
             "Say what you have done, or propose to do, about the breach")
        need("people_told", self.people_told != PeopleTold.UNDECIDED,
             "Say whether the people affected have been or will be told")
        if self.people_told == PeopleTold.NOT_TELLING:
            need("people_told_details", self.people_told_details.strip(),
                 "Say why the people affected will not be told")
        need("other_organisations_told", self.other_organisations_told.strip(),
             "Say which other organisations you have told, or write 'None'")
        need("human_error", self.human_error != HumanError.UNKNOWN,
             "Say whether the breach was caused by human error")
        if self.human_error == HumanError.YES:
            need("staff_trained", self.staff_trained in (YesNoUnknown.YES, YesNoUnknown.NO),
                 "Say whether the staff involved had been trained in data protection")
        need("contact_name", self.contact_name.strip(), "Give the name of the person the regulator should contact")
        need("contact_email", self.contact_email.strip(), "Give the contact's email address")
        need("contact_phone", self.contact_phone.strip(), "Give the contact's telephone number")
        if self.is_follow_up:
            need("regulator_reference", self.regulator_reference.strip(),
                 "Give the regulator's reference for the first report")
            need("what_changed", self.what_changed.strip(), "Say what has changed since the last report")
        elif self.is_late(at):
            need("delay_reasons", self.delay_reasons.strip(),
                 "This report is after the deadline: give the reasons for the delay")
        return found

    def is_late(self, at=None) -> bool:
        """Whether an initial report reaching the regulator ``at`` (default now) is late."""
        deadline = self.breach.deadline
        return not self.is_follow_up and deadline is not None and (at or timezone.now()) > deadline

    @property
    def complete(self) -> bool:
        return not self.missing()

    def changes(self) -> list[dict]:
        """For a follow-up: each field that differs from the previous report, before and after."""
        if self.previous is None:
            return []
        before, after = self.previous.fields(), self.fields()
        return [{"field": key, "label": label, "before": before.get(key), "after": after.get(key)}
                for key, label in FIELDS.items()
                if key not in ("what_changed", "delay_reasons") and before.get(key) != after.get(key)]


def invalid(values: dict, now) -> list[tuple[str, str]]:
    """The breach register's own rules (times in order, people <= records, labels from the
    ICO's lists) applied to report fields, as (report field, message)."""
    from breachdesk.web.breaches import validation

    names = {"people": "people_estimate", "records": "records_estimate"}
    back = {v: k for k, v in names.items()}
    checked = {names.get(k, k): v for k, v in values.items()}
    return [(back.get(f, f), m) for f, m in validation.problems(checked, now)]
