"""API tokens: organisation-scoped, acting as the person who created them.

A token reads ``bd_<prefix>_<secret>``. Only the prefix (to find the row) and a SHA-256
hash of the secret are stored, so a copy of the database cannot be used to call the API.
The secret is 256 random bits, so a fast hash is enough; there is nothing to brute-force.
"""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from breachdesk.web.accounts.models import Organisation
from breachdesk.web.audit.log import record
from breachdesk.web.core.ids import new_public_id

SCHEME = "bd"


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _new_prefix() -> str:
    return new_public_id(8)


class ApiTokenQuerySet(models.QuerySet):
    def live(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="api_tokens")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="api_tokens",
                             help_text="The token acts as this person, with their role.")
    name = models.CharField(max_length=100, help_text="What the token is for, e.g. 'SIEM integration'.")
    prefix = models.CharField(max_length=16, unique=True, default=_new_prefix, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        # Never the secret; the throttle and logs key on this.
        return f"api-token:{self.public_id}"

    @classmethod
    @transaction.atomic
    def issue(cls, user, name: str, *, by=None) -> tuple["ApiToken", str]:
        """Create a token for ``user`` in their organisation; return it and the plain text once.

        ``by`` is whoever asked for it (None: the system, e.g. a management command).
        """
        if user.organisation_id is None:
            raise ValueError("Only a member of an organisation can have an API token")
        secret = secrets.token_urlsafe(32)
        token = cls(organisation_id=user.organisation_id, user=user, name=name,
                    secret_hash=_hash(secret))
        token.save()
        record(by, "create", token, acting_as=user.public_id)
        return token, f"{SCHEME}_{token.prefix}_{secret}"

    @classmethod
    def find(cls, presented: str) -> "ApiToken | None":
        """The live token ``presented`` names, if its secret matches and its user still may act."""
        scheme, _, rest = presented.partition("_")
        prefix, _, secret = rest.partition("_")
        if scheme != SCHEME or not prefix or not secret:
            return None
        token = cls.objects.live().select_related("user", "organisation").filter(prefix=prefix).first()
        # Compare even when no row was found, so timing says nothing about which prefixes exist.
        expected = token.secret_hash if token else _hash("")
        if not hmac.compare_digest(expected, _hash(secret)) or token is None:
            return None
        return token if token.usable else None

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def usable(self) -> bool:
        """A token stops working when revoked, or when its person is deactivated or leaves."""
        user = self.user
        return (
            not self.is_revoked
            and user.is_active
            and user.organisation_id == self.organisation_id
        )

    def revoke(self, *, by=None) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])
            record(by, "revoke", self)
