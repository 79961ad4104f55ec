"""Keeping letters and print packs no longer than needed.

A letter PDF and a print pack carry a person's name, address and notice: they are needed until
the print house has the pack, and for a short time after in case a reprint is asked for. After
``PRINT_FILES_DAYS`` days from the pack, the pack's two files and its letters are deleted; the
pack row stays (counts, who made it, when) with its paths emptied, and the audit log says when.
Letters not yet in a pack are never deleted here: they have not been posted. The portal makes a
person's letter again when they ask for it, so nothing is lost for them.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from breachdesk.web.audit.log import record
from breachdesk.web.notices.channels.letter import letter_path
from breachdesk.web.notices.models import PrintPack


def due(now=None):
    """Packs whose files are past the retention period and not yet deleted."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.PRINT_FILES_DAYS)
    return PrintPack.objects.filter(created_at__lt=cutoff).exclude(pdf_path="", csv_path="")


def purge(now=None) -> dict:
    """Delete the files of every pack that is due; return counts of packs and files removed."""
    counts = {"packs": 0, "files": 0}
    for pack in due(now).select_related("campaign__breach"):
        with transaction.atomic():
            removed = _remove(Path(p) for p in (pack.pdf_path, pack.csv_path) if p)
            removed += _remove(letter_path(key) for key in pack.deliveries.values_list("key", flat=True))
            PrintPack.objects.filter(pk=pack.pk).update(pdf_path="", csv_path="")
            record(None, "print_pack_purged", pack.campaign.breach, campaign=pack.campaign.public_id,
                   pack=pack.public_id, files=removed, days=settings.PRINT_FILES_DAYS)
        counts["packs"] += 1
        counts["files"] += removed
    return counts


def _remove(paths) -> int:
    removed = 0
    for path in paths:
        try:
            path.unlink()
            removed += 1
        except FileNotFoundError:
            pass
    return removed
