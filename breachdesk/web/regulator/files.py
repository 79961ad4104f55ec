"""Evidence files sent with a progress report or a remediation action: checked on the way
in as breaches' evidence is (breaches.evidence.sniff), kept outside any served folder."""

import hashlib
import os
from pathlib import Path

from django.conf import settings

from breachdesk.web.breaches.evidence import Refused, sniff

__all__ = ["Refused", "store", "path_of"]


def path_of(stored_as: str) -> Path:
    return Path(settings.PRIVATE_STORAGE_ROOT) / stored_as


def store(upload, stored_as: str) -> dict:
    """Check and write ``upload`` to private storage; the fields an evidence row needs.

    Raises Refused (plain words, no file contents) for an empty, oversized or mislabelled file."""
    limit = settings.BREACHDESK_MAX_UPLOAD_MB * 1024 * 1024
    if upload.size > limit:
        raise Refused(f"The file is too large: the limit is {settings.BREACHDESK_MAX_UPLOAD_MB} MB")
    if upload.size == 0:
        raise Refused("The file is empty")
    head = upload.read(16)
    upload.seek(0)
    content_type = sniff(upload.name, head)
    dest = path_of(stored_as)
    dest.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    digest, size = hashlib.sha256(), 0
    fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        for chunk in upload.chunks():
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return {"original_name": Path(upload.name).name[:255], "content_type": content_type, "size": size,
            "sha256": digest.hexdigest(), "stored_as": stored_as}
