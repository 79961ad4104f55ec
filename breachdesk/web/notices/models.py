"""What the organisation says to everyone a breach affected, in its own plain words.

One plan per breach: the engine (breachdesk.notices) builds each person's notice from this
and from what of theirs was exposed. ``adapters.py`` turns these rows into the engine's
typed input.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from breachdesk.web.breaches.models import Breach
from breachdesk.web.core.ids import new_public_id
from breachdesk.web.people import crypto
from breachdesk.web.people.models import AffectedPerson


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


# Every free text an affected person reads, with its Welsh field and its name in plain words.
# Names, numbers, addresses and web addresses are the same in both languages.
WELSH = {
    "what_happened": ("what_happened_cy", "What happened"),
    "measures_taken": ("measures_taken_cy", "What you have done"),
    "next_steps": ("next_steps_cy", "What you will do next"),
    "prevention": ("prevention_cy", "How you will stop it happening again"),
    "complaints": ("complaints_cy", "How to complain to you"),
    "helpline_hours": ("helpline_hours_cy", "Helpline opening hours"),
    "signatory_role": ("signatory_role_cy", "Their role (who signs the notice)"),
}
# Written one item per line: the Welsh has one line for each English line.
LINE_FIELDS = ("measures_taken", "next_steps", "prevention")


class NoticePlan(models.Model):
    breach = models.OneToOneField(Breach, on_delete=models.CASCADE, related_name="notice_plan")

    what_happened = models.TextField(help_text="One or two short sentences, in plain words, for the public.")
    what_happened_cy = models.TextField(blank=True, help_text="The same in Welsh, if you send Welsh notices.")
    measures_taken = models.TextField(help_text="What you have done, one measure per line.")
    measures_taken_cy = models.TextField(blank=True, help_text="In Welsh: one line for each English line.")
    next_steps = models.TextField(blank=True, help_text="What you will do next, one per line.")
    next_steps_cy = models.TextField(blank=True, help_text="In Welsh: one line for each English line.")
    prevention = models.TextField(blank=True, help_text="How you will stop it happening again, one per line.")
    prevention_cy = models.TextField(blank=True, help_text="In Welsh: one line for each English line.")

    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField()
    contact_phone = models.CharField(max_length=40, blank=True)
    contact_address = models.TextField(blank=True)
    complaints = models.TextField(blank=True, help_text="How to complain to you, e.g. an email address.")
    complaints_cy = models.TextField(blank=True)

    helpline = models.CharField(max_length=40, blank=True)
    helpline_hours = models.CharField(max_length=200, blank=True)
    helpline_hours_cy = models.CharField(max_length=200, blank=True)
    callback = models.BooleanField(default=True)
    counselling = models.BooleanField(default=True)
    monitoring_provider = models.CharField(max_length=200, blank=True)
    monitoring_months = models.PositiveSmallIntegerField(null=True, blank=True)
    monitoring_url = models.URLField(blank=True)

    signatory = models.CharField(max_length=200, blank=True)
    signatory_role = models.CharField(max_length=200, blank=True)
    signatory_role_cy = models.CharField(max_length=200, blank=True)

    # A planned public statement (press release, website notice). People at high risk must
    # have been sent their notice first, or the reason for going ahead is recorded.
    public_statement_at = models.DateTimeField(null=True, blank=True)
    public_statement_reason = models.TextField(blank=True)
    # Art. 34(3)(c): telling each person would be disproportionate; a public communication instead.
    public_communication_instead = models.BooleanField(default=False)
    public_communication_reason = models.TextField(blank=True)
    public_communication_where = models.TextField(blank=True, help_text="Where it was published")
    public_communication_at = models.DateTimeField(null=True, blank=True)
    public_statement_where = models.TextField(blank=True, help_text="Press release, website notice ...")

    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Notice plan for {self.breach.reference}"

    @property
    def organisation(self):
        return self.breach.organisation

    def lines(self, field: str) -> tuple[str, ...]:
        return _lines(getattr(self, field))

    def welsh_missing(self) -> list[str]:
        """What a Welsh notice needs and this plan lacks, in plain words: each written English
        text with no Welsh wording (or, for a list, not one Welsh line for each English line).
        Empty when Welsh notices can be built."""
        out = []
        for english, (welsh, label) in WELSH.items():
            if not getattr(self, english).strip():
                continue  # not said in English either, so nothing to translate
            if not getattr(self, welsh).strip():
                out.append(label)
            elif english in LINE_FIELDS and len(self.lines(english)) != len(self.lines(welsh)):
                out.append(f"{label} (one Welsh line for each English line)")
        return out


class Channel(models.TextChoices):
    """The channels a campaign may use; each has a class in ``channels.REGISTRY``."""

    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"
    SMS = "sms", "Text message (SMS)"
    NOTIFY_EMAIL = "notify_email", "Email through GOV.UK Notify"
    NOTIFY_LETTER = "notify_letter", "Letter through GOV.UK Notify"


class Campaign(models.Model):
    """One send of notices on a breach: who to, by which channels in which order, when, how fast."""

    class Audience(models.TextChoices):
        ALL = "all", "Everyone affected"
        HIGH_RISK = "high_risk", "Only people at high risk"
        CATEGORY = "category", "People with one kind of information involved"
        REFERENCES = "references", "A list of notice references"

    class Status(models.TextChoices):
        DRAFT = "draft", "Not started"
        SENDING = "sending", "Sending"
        PAUSED = "paused", "Paused"
        DONE = "done", "Finished"

    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    breach = models.ForeignKey(Breach, on_delete=models.CASCADE, related_name="campaigns")
    name = models.CharField(max_length=200)
    audience = models.CharField(max_length=16, choices=Audience.choices, default=Audience.ALL)
    audience_category = models.CharField(max_length=100, blank=True)
    audience_references = models.JSONField(default=list, blank=True)
    channels = models.JSONField(default=list, help_text="Channel names in the order to try them")
    scheduled_at = models.DateTimeField(null=True, blank=True)
    throttle_per_minute = models.PositiveIntegerField(default=0, help_text="0: as fast as the channel allows")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAFT)
    queued = models.PositiveIntegerField(default=0)
    held = models.PositiveIntegerField(default=0, help_text="People held out for safeguarding")
    unreachable = models.PositiveIntegerField(default=0, help_text="People no channel of this campaign can reach")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.breach.reference} campaign {self.public_id}"

    @property
    def organisation(self):
        return self.breach.organisation

    def channel_labels(self) -> list[str]:
        return [Channel(c).label for c in self.channels if c in Channel.values]


class SafeguardingRelease(models.Model):
    """A notice to a person held for safeguarding: a safe channel confirmed by one user and
    released by a different one. The safe contact detail is encrypted like any other."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Safe channel confirmed, waiting for a second person"
        RELEASED = "released", "Released"

    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="releases")
    person = models.ForeignKey(AffectedPerson, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=16, choices=Channel.choices)
    contact = models.TextField(help_text="Encrypted: the safe address, email or phone")
    how_confirmed = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CONFIRMED)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField(default=timezone.now)
    released_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "person"], name="one_release_per_person_and_campaign"),
            # The database itself refuses a release by the person who confirmed the channel.
            models.CheckConstraint(condition=~models.Q(released_by=models.F("confirmed_by")),
                                   name="release_by_a_second_person"),
        ]

    def __str__(self):
        return self.public_id

    @property
    def organisation(self):
        return self.campaign.breach.organisation

    @property
    def safe_contact(self) -> dict:
        return crypto.decrypt_json(self.contact)


class Delivery(models.Model):
    """One notice to one person by one channel: written before sending, updated after.

    ``key`` (campaign, person, channel) is unique, so a notice is never queued twice; a row is
    claimed before it is sent, so two workers never send the same one.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        DELIVERED = "delivered", "Delivered"
        BOUNCED = "bounced", "Bounced"
        FAILED = "failed", "Failed"

    FINAL = (Status.SENT, Status.DELIVERED, Status.BOUNCED, Status.FAILED)
    REACHED = (Status.SENT, Status.DELIVERED)

    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="deliveries")
    person = models.ForeignKey(AffectedPerson, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(max_length=16, choices=Channel.choices)
    key = models.CharField(max_length=80, unique=True, help_text="Idempotency key: campaign, person, channel")
    release = models.ForeignKey(SafeguardingRelease, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="deliveries")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=32, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(max_length=300, blank=True, help_text="Why it failed or bounced; never personal data")
    provider_id = models.CharField(max_length=200, blank=True, help_text="Message-ID or the provider's id")
    pages = models.PositiveSmallIntegerField(null=True, blank=True)
    print_pack = models.ForeignKey("PrintPack", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="deliveries")
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "person", "channel"], name="one_delivery_per_channel"),
        ]
        indexes = [models.Index(fields=["campaign", "status", "next_attempt_at"], name="delivery_due")]

    def __str__(self):
        return self.public_id

    @staticmethod
    def make_key(campaign_id: int, person_id: int, channel: str) -> str:
        return f"c{campaign_id}:p{person_id}:{channel}"

    @property
    def organisation(self):
        return self.campaign.breach.organisation


class PrintPack(models.Model):
    """The letters of a campaign for a print house: one merged PDF and a mailing CSV."""

    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="print_packs")
    letters = models.PositiveIntegerField()
    pages = models.PositiveIntegerField()
    pdf_path = models.CharField(max_length=300)
    csv_path = models.CharField(max_length=300)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.public_id

    @property
    def organisation(self):
        return self.campaign.breach.organisation
