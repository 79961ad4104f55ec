"""Writing to the audit log: ``record(request_or_user, action, obj, **detail)``."""

from django.db import connection, transaction
from django.utils import timezone

from breachdesk.web.audit.models import GENESIS, AuditEntry


def _lock_chain():
    # Two writers must not both chain onto the same tail. SQLite already serialises
    # writers (transactions begin IMMEDIATE); PostgreSQL needs an explicit lock.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(727274)")


def record(who, action: str, obj=None, *, organisation=None, **detail) -> AuditEntry:
    """Append an entry. ``who`` is a request, a user or None (the system).

    ``detail`` must hold identifiers and field names only, never personal data.
    """
    user = getattr(who, "user", who)
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    if organisation is None:
        organisation = getattr(obj, "organisation", None) or getattr(user, "organisation", None)
    with transaction.atomic():
        _lock_chain()
        tail = AuditEntry.objects.order_by("-id").values_list("hash", flat=True).first()
        entry = AuditEntry(
            at=timezone.now(),
            actor_id=getattr(user, "pk", None),
            actor_label=getattr(user, "email", "") or "system",
            organisation_id=getattr(organisation, "pk", None),
            action=action,
            object_type=type(obj).__name__.lower() if obj is not None else "",
            object_id=str(getattr(obj, "public_id", "") or ""),
            detail=detail,
            prev_hash=tail or GENESIS,
        )
        entry.hash = entry.compute_hash()
        entry.save()
    return entry


def verify_chain(batch: int = 5000) -> tuple[int, int | None]:
    """Walk the chain; return (entries checked, id of the first broken entry or None)."""
    prev = GENESIS
    checked = 0
    last_id = 0
    while True:
        rows = list(AuditEntry.objects.filter(id__gt=last_id).order_by("id")[:batch])
        if not rows:
            return checked, None
        for entry in rows:
            if entry.prev_hash != prev or entry.compute_hash() != entry.hash:
                return checked, entry.id
            prev = entry.hash
            checked += 1
            last_id = entry.id
