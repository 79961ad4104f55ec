"""What affected people ask of us, and what they tell us, after a breach.

A ``SupportRequest`` is one ask (for advice, a call back, help with identity protection,
emotional support, a safety concern, something else) or one complaint, made in the portal or
recorded by staff. Its due dates are data, fixed on arrival (deadlines.py). What the person
wrote, their phone number and staff notes are personal data: they are kept encrypted with
the same keys as contact details (people/crypto.py) and read only through ``.content``.

``PersonFeedback`` holds a person's answers to the portal's two questions: how they first
heard about the breach, and how it has affected them.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone

from breachdesk.web.aftercare import deadlines
from breachdesk.web.breaches.models import Breach
from breachdesk.web.core.ids import new_public_id
from breachdesk.web.people import crypto
from breachdesk.web.people.models import AffectedPerson


class Kind(models.TextChoices):
    ADVICE = "advice", "Advice"
    CALLBACK = "callback", "A call back"
    IDENTITY = "identity", "Help with identity protection"
    EMOTIONAL = "emotional", "Emotional support"
    SAFETY = "safety", "A safety concern"
    OTHER = "other", "Something else"
    COMPLAINT = "complaint", "Complaint"


SUPPORT_KINDS = [k for k in Kind if k != Kind.COMPLAINT]


class Status(models.TextChoices):
    RECEIVED = "received", "Received"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    ANSWERED = "answered", "Answered"
    CLOSED = "closed", "Closed"


OPEN_STATUSES = (Status.RECEIVED, Status.ACKNOWLEDGED)


class Outcome(models.TextChoices):
    ADVICE_GIVEN = "advice_given", "Advice given"
    CALLED_BACK = "called_back", "Called back"
    MONITORING = "monitoring", "Identity or credit monitoring arranged"
    REFERRED = "referred", "Referred to another service"
    SAFETY_PLAN = "safety_plan", "Safety measures agreed"
    UPHELD = "upheld", "Complaint upheld"
    PARTLY_UPHELD = "partly_upheld", "Complaint partly upheld"
    NOT_UPHELD = "not_upheld", "Complaint not upheld"
    NO_CONTACT = "no_contact", "Could not reach the person"
    WITHDRAWN = "withdrawn", "Withdrawn by the person"


class Channel(models.TextChoices):
    PORTAL = "portal", "The portal"
    STAFF = "staff", "Recorded by staff"
    API = "api", "The API"


class SupportRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def for_organisation(self, organisation):
        return self.filter(breach__organisation=organisation)


class SupportRequest(models.Model):
    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    breach = models.ForeignKey(Breach, on_delete=models.CASCADE, related_name="support_requests")
    person = models.ForeignKey(AffectedPerson, on_delete=models.CASCADE, related_name="support_requests")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.PORTAL)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.RECEIVED, db_index=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="support_requests")
    # Encrypted: {"text", "phone", "times"}. Read through .content; never query it.
    encrypted = models.TextField(blank=True)

    received_at = models.DateTimeField(default=timezone.now)
    acknowledge_by = models.DateField()
    answer_by = models.DateField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, blank=True)
    reminded_on = models.DateField(null=True, blank=True, help_text="The last day its owner was reminded")
    updated_at = models.DateTimeField(auto_now=True)

    objects = SupportRequestQuerySet.as_manager()

    class Meta:
        ordering = ["answer_by", "received_at", "id"]
        indexes = [models.Index(fields=["breach", "status"])]

    def __str__(self):
        return self.public_id  # never what the person wrote

    def save(self, *args, **kwargs):
        if not self.acknowledge_by:
            self.acknowledge_by = deadlines.acknowledge_by(self.received_at)
        if not self.answer_by:
            self.answer_by = deadlines.answer_by(self.received_at)
        super().save(*args, **kwargs)

    @property
    def organisation(self):
        return self.breach.organisation

    @property
    def content(self) -> dict:
        """What the person told us. Callers that show it must write an audit entry."""
        return crypto.decrypt_json(self.encrypted)

    def set_content(self, **values) -> None:
        self.encrypted = crypto.encrypt_json({k: v or "" for k, v in values.items()})

    @property
    def is_complaint(self) -> bool:
        return self.kind == Kind.COMPLAINT

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def next_due(self) -> tuple[str, date] | None:
        """What is due next and by when: ("acknowledge", date) or ("answer", date)."""
        if not self.is_open:
            return None
        if self.acknowledged_at is None and self.acknowledge_by < self.answer_by:
            return "acknowledge", self.acknowledge_by
        return "answer", self.answer_by

    def due_state(self, today: date | None = None) -> str:
        nxt = self.next_due
        return deadlines.state(nxt[1] if nxt else None, today or timezone.localdate())

    @property
    def answered_in_time(self) -> bool | None:
        """None while unanswered."""
        if self.answered_at is None:
            return None
        return timezone.localtime(self.answered_at).date() <= self.answer_by


class SupportNote(models.Model):
    """A line of a request's history: a staff note, a reply sent, or a change."""

    class Kind(models.TextChoices):
        NOTE = "note", "Note"
        REPLY = "reply", "Reply to the person"
        CHANGE = "change", "Change"

    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="notes")
    at = models.DateTimeField(default=timezone.now)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    summary = models.CharField(max_length=200, help_text="No personal data: e.g. 'Reply sent by email'")
    encrypted = models.TextField(blank=True)  # {"text"}: a note or a reply may hold personal data

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        return self.summary

    @property
    def text(self) -> str:
        return crypto.decrypt_json(self.encrypted).get("text", "")

    def set_text(self, text: str) -> None:
        self.encrypted = crypto.encrypt_json({"text": text or ""}) if text else ""


class HeardFrom(models.TextChoices):
    LETTER = "letter", "A letter from us"
    EMAIL = "email", "An email from us"
    NEWS = "news", "The news (television, radio, newspapers or news websites)"
    SOCIAL = "social", "Social media"
    SOMEONE = "someone", "Someone else told me"


MEDIA = (HeardFrom.NEWS, HeardFrom.SOCIAL)


class PersonFeedback(models.Model):
    person = models.OneToOneField(AffectedPerson, on_delete=models.CASCADE, related_name="feedback")
    breach = models.ForeignKey(Breach, on_delete=models.CASCADE, related_name="person_feedback")
    heard_from = models.CharField(max_length=8, choices=HeardFrom.choices, blank=True)
    heard_recorded_at = models.DateTimeField(null=True, blank=True)
    encrypted = models.TextField(blank=True)  # {"impact"}: how it has affected them
    impact_recorded_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Feedback {self.person_id}"

    @property
    def organisation(self):
        return self.breach.organisation

    @property
    def impact(self) -> str:
        return crypto.decrypt_json(self.encrypted).get("impact", "")

    def set_impact(self, text: str) -> None:
        self.encrypted = crypto.encrypt_json({"impact": text})
        self.impact_recorded_at = timezone.now()
