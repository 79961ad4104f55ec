"""Private files kept with a case (evidence, progress-report attachments, actions' proof).

Each is checked on the way in (its bytes must agree with its name; size limits; never empty),
written outside any served folder with owner-only permissions, hashed, and only ever
streamed by a view that checks access and writes an audit entry.
"""

import hashlib
import os
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils import timezone

from breachdesk.web.core.ids import new_public_id

# What a file's first bytes must be for the name it claims. Anything else is refused.
_SIGNATURES = {
    "application/pdf": [b"%PDF-"],
    "image/png": [b"\x89PNG\r\n\x1a\n"],
    "image/jpeg": [b"\xff\xd8\xff"],
    "image/gif": [b"GIF87a", b"GIF89a"],
    "application/zip": [b"PK\x03\x04"],
    "application/x-ole-storage": [b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"],
}
_EXTENSIONS = {
    ".pdf": "application/pdf", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
    ".gif": "image/gif", ".zip": "application/zip", ".docx": "application/zip",
    ".xlsx": "application/zip", ".pptx": "application/zip", ".odt": "application/zip",
    ".ods": "application/zip", ".doc": "application/x-ole-storage",
    ".xls": "application/x-ole-storage", ".msg": "application/x-ole-storage",
    ".txt": "text/plain", ".csv": "text/plain", ".eml": "text/plain", ".log": "text/plain",
}


class Refused(ValueError):
    """An upload we will not keep; the message says why in plain words."""


def sniff(name: str, head: bytes) -> str:
    """The content type, if the file's bytes agree with its extension; else ``Refused``."""
    ext = Path(name).suffix.lower()
    expected = _EXTENSIONS.get(ext)
    if expected is None:
        allowed = ", ".join(sorted(_EXTENSIONS))
        raise Refused(f"Files of type '{ext or 'none'}' cannot be uploaded. Allowed: {allowed}")
    if expected == "text/plain":
        if b"\x00" in head:
            raise Refused(f"The file's contents do not match its name: it is not a {ext} text file")
        return "text/plain"
    if not any(head.startswith(sig) for sig in _SIGNATURES[expected]):
        raise Refused(f"The file's contents do not match its name: it is not really a {ext} file")
    return expected




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


class PrivateFile(models.Model):
    """The fields every kept file has. Subclasses add what the file belongs to."""

    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    stored_as = models.CharField(max_length=200)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True

    def __str__(self):
        return self.original_name

    @property
    def path(self) -> Path:
        return path_of(self.stored_as)
