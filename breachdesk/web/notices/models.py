"""What the organisation says to everyone a breach affected, in its own plain words.

One plan per breach: the engine (breachdesk.notices) builds each person's notice from this
and from what of theirs was exposed. ``adapters.py`` turns these rows into the engine's
typed input.
"""

from django.db import models
from django.utils import timezone

from breachdesk.web.breaches.models import Breach


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


class NoticePlan(models.Model):
    breach = models.OneToOneField(Breach, on_delete=models.CASCADE, related_name="notice_plan")

    what_happened = models.TextField(help_text="One or two short sentences, in plain words, for the public.")
    what_happened_cy = models.TextField(blank=True, help_text="The same in Welsh, if you send Welsh notices.")
    measures_taken = models.TextField(help_text="What you have done, one measure per line.")
    next_steps = models.TextField(blank=True, help_text="What you will do next, one per line.")
    prevention = models.TextField(blank=True, help_text="How you will stop it happening again, one per line.")

    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField()
    contact_phone = models.CharField(max_length=40, blank=True)
    contact_address = models.TextField(blank=True)
    complaints = models.TextField(blank=True, help_text="How to complain to you, e.g. an email address.")

    helpline = models.CharField(max_length=40, blank=True)
    helpline_hours = models.CharField(max_length=200, blank=True)
    callback = models.BooleanField(default=True)
    counselling = models.BooleanField(default=True)
    monitoring_provider = models.CharField(max_length=200, blank=True)
    monitoring_months = models.PositiveSmallIntegerField(null=True, blank=True)
    monitoring_url = models.URLField(blank=True)

    signatory = models.CharField(max_length=200, blank=True)
    signatory_role = models.CharField(max_length=200, blank=True)

    # A planned public statement (press release, website notice). People at high risk must
    # have been sent their notice first, or the reason for going ahead is recorded.
    public_statement_at = models.DateTimeField(null=True, blank=True)
    public_statement_reason = models.TextField(blank=True)
    # Art. 34(3)(c): telling each person would be disproportionate; a public communication instead.
    public_communication_instead = models.BooleanField(default=False)
    public_communication_reason = models.TextField(blank=True)

    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Notice plan for {self.breach.reference}"

    @property
    def organisation(self):
        return self.breach.organisation

    def lines(self, field: str) -> tuple[str, ...]:
        return _lines(getattr(self, field))
