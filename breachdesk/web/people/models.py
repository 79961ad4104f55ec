"""The people a breach affected: one row per real person, contact details encrypted."""

import secrets

from django.db import models
from django.utils import timezone

from breachdesk.web.breaches.models import Breach
from breachdesk.web.core.ids import new_public_id
from breachdesk.web.people import crypto

_REF_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud on the phone


def new_reference() -> str:
    """The reference printed on a person's notice, e.g. ``K7Q-3MX-9PD``."""
    raw = "".join(secrets.choice(_REF_ALPHABET) for _ in range(9))
    return f"{raw[:3]}-{raw[3:6]}-{raw[6:]}"


class AffectedPerson(models.Model):
    class Source(models.TextChoices):
        SCOPE = "scope", "Found by scoping"
        CSV = "csv", "Imported from a list"
        MANUAL = "manual", "Added by hand"

    class Language(models.TextChoices):
        ENGLISH = "en", "English"
        WELSH = "cy", "Welsh"

    class Format(models.TextChoices):
        STANDARD = "standard", "Standard"
        LARGE_PRINT = "large_print", "Large print"
        PLAIN_TEXT = "plain_text", "Plain text"

    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    breach = models.ForeignKey(Breach, on_delete=models.CASCADE, related_name="people")
    reference = models.CharField(max_length=11, unique=True, default=new_reference, editable=False)
    scope_person_id = models.CharField(max_length=64, blank=True, db_index=True)
    source = models.CharField(max_length=8, choices=Source.choices)

    # Encrypted: {"name", "email", "phone", "address", "postcode", "dob"}. Never query it.
    contact = models.TextField()
    email_index = models.CharField(max_length=40, blank=True, db_index=True)
    postcode_index = models.CharField(max_length=40, blank=True)
    dob_index = models.CharField(max_length=40, blank=True)
    # A blind index of the person's strongest identifier (NI number, NHS number, email, then
    # name with date of birth or postcode): how a re-scan's person is found again, since the
    # scope engine's person ids are random per run.
    match_index = models.CharField(max_length=40, blank=True, db_index=True)

    categories = models.JSONField(default=list, help_text="ICO data categories exposed for this person")
    items = models.JSONField(default=list, help_text="Which identifiers of theirs were exposed, e.g. nino, sort_code")
    records = models.PositiveIntegerField(default=1)
    child = models.BooleanField(default=False)
    special_category = models.BooleanField(default=False)
    criminal_offence = models.BooleanField(default=False)
    vulnerable = models.BooleanField(default=False)
    safeguarding = models.BooleanField(
        default=False,
        help_text="At risk if contacted at the address on file: held out of every automatic send.")
    needs_correction = models.JSONField(default=list,
                                        help_text="Contact details that look wrong, to fix before sending")
    language = models.CharField(max_length=2, choices=Language.choices, default=Language.ENGLISH)
    format = models.CharField(max_length=12, choices=Format.choices, default=Format.STANDARD)
    # The portal code printed on the notice (with the reference, it opens the person's notice
    # in the portal). Only an HMAC is kept; issuing a new code invalidates the old code and
    # every signed link made with it.
    portal_code_hash = models.CharField(max_length=64, blank=True)
    portal_code_issued_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["breach", "scope_person_id"], condition=~models.Q(scope_person_id=""),
                                    name="one_row_per_scoped_person"),
        ]

    def __str__(self):
        return self.reference  # never the name: str() ends up in logs

    @property
    def organisation(self):
        return self.breach.organisation

    @property
    def details(self) -> dict:
        """The decrypted contact details. Callers that show them must write an audit entry."""
        return crypto.decrypt_json(self.contact)

    def set_details(self, details: dict) -> None:
        clean = {k: (v or "") for k, v in details.items()}
        self.contact = crypto.encrypt_json(clean)
        self.email_index = crypto.blind_index("email", clean.get("email"))
        self.postcode_index = crypto.blind_index("postcode", clean.get("postcode"))
        self.dob_index = crypto.blind_index("dob", clean.get("dob"))

    def issue_portal_code(self) -> str:
        """A new portal code: returned once, to print on the notice; only its HMAC is kept."""
        code = "".join(secrets.choice(_REF_ALPHABET) for _ in range(8))
        self.portal_code_hash = crypto.blind_index("portal_code", code)
        self.portal_code_issued_at = timezone.now()
        self.save(update_fields=["portal_code_hash", "portal_code_issued_at", "updated_at"])
        return code

    def portal_code_matches(self, code: str) -> bool:
        import hmac

        given = crypto.blind_index("portal_code", "".join((code or "").split()).upper())
        return bool(self.portal_code_hash) and hmac.compare_digest(given, self.portal_code_hash)

    @property
    def reachable_by(self) -> list[str]:
        details = self.details
        ways = []
        if details.get("email") and "email" not in self.needs_correction:
            ways.append("email")
        if details.get("address") and details.get("postcode") and "postcode" not in self.needs_correction:
            ways.append("letter")
        if details.get("phone"):
            ways.append("sms")
        return ways
