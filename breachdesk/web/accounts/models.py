from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models

from breachdesk import vocab
from breachdesk.web.accounts.roles import (
    CONTROLLER_ROLES,
    REGULATOR_ROLES,
    TWO_FACTOR_EXEMPT,
    Role,
    role_can,
)
from breachdesk.web.core.ids import new_public_id


class Organisation(models.Model):
    class Kind(models.TextChoices):
        CONTROLLER = "controller", "Organisation (data controller)"
        REGULATOR = "regulator", "Regulator"

    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.CONTROLLER)
    sector = models.CharField(max_length=64, choices=[(s, s) for s in vocab.SECTORS])
    reference_prefix = models.CharField(
        max_length=8, help_text="Starts each breach reference, e.g. NBC-2026-0001."
    )
    regulator = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="regulated",
        limit_choices_to={"kind": "regulator"},
    )
    pecr_provider = models.BooleanField(
        default=False,
        help_text="Provides a public electronic communications service (PECR applies).",
    )
    alert_email = models.EmailField(
        blank=True, help_text="Also told of every new incident (for example a shared DPO inbox)."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_regulator(self) -> bool:
        return self.kind == self.Kind.REGULATOR


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    """A person who signs in. Belongs to one organisation, with one role in it."""

    username = None
    email = models.EmailField(unique=True)
    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.REPORTER)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []
    objects = UserManager()

    class Meta:
        ordering = ["last_name", "first_name", "email"]

    def __str__(self):
        return self.get_full_name() or self.email

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.organisation is not None:
            allowed = REGULATOR_ROLES if self.organisation.is_regulator else CONTROLLER_ROLES
            if self.role not in allowed:
                raise ValidationError({"role": "This role does not exist in this kind of organisation."})

    def can(self, permission: str) -> bool:
        return self.is_active and self.organisation_id is not None and role_can(self.role, permission)

    @property
    def can_view_register(self) -> bool:
        return self.can("view_register")

    @property
    def needs_two_factor(self) -> bool:
        return self.is_superuser or self.role not in TWO_FACTOR_EXEMPT
