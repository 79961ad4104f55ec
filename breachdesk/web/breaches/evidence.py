"""Evidence files: checked on the way in, kept outside any served folder, audited on the way out."""

import hashlib
import os
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from breachdesk.web.audit.log import record
from breachdesk.web.breaches.access import breach_for
from breachdesk.web.breaches.forms import EvidenceForm
from breachdesk.web.breaches.models import Event, Evidence

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


def _store(upload, dest: Path) -> tuple[int, str]:
    dest.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    digest = hashlib.sha256()
    size = 0
    fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        for chunk in upload.chunks():
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return size, digest.hexdigest()


@login_required
@require_POST
def upload(request, public_id):
    breach = breach_for(request.user, public_id, need="edit_breach")
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        empty = "file" in request.FILES and request.FILES["file"].size == 0
        messages.error(request, "The file is empty" if empty else "Choose a file to upload")
        return redirect("breaches:detail", public_id)
    file = form.cleaned_data["file"]
    limit = settings.BREACHDESK_MAX_UPLOAD_MB * 1024 * 1024
    try:
        if file.size > limit:
            raise Refused(f"The file is too large: the limit is {settings.BREACHDESK_MAX_UPLOAD_MB} MB")
        if file.size == 0:
            raise Refused("The file is empty")
        head = file.read(16)
        file.seek(0)
        content_type = sniff(file.name, head)
    except Refused as problem:
        messages.error(request, str(problem))
        return redirect("breaches:detail", public_id)

    item = Evidence(breach=breach, original_name=Path(file.name).name[:255],
                    description=form.cleaned_data["description"], content_type=content_type,
                    uploaded_by=request.user, size=0, sha256="")
    item.stored_as = f"evidence/{breach.organisation.public_id}/{item.public_id}"
    dest = Path(settings.PRIVATE_STORAGE_ROOT) / item.stored_as
    item.size, item.sha256 = _store(file, dest)
    try:
        with transaction.atomic():
            item.save()
            Event.objects.create(breach=breach, actor=request.user, kind=Event.Kind.EVIDENCE,
                                 summary=f"Evidence added: {item.original_name}"[:300],
                                 changes={"sha256": item.sha256, "size": item.size})
            record(request, "evidence_add", breach, evidence=item.public_id, sha256=item.sha256)
    except Exception:
        dest.unlink(missing_ok=True)  # never leave a file the database does not know about
        raise
    messages.success(request, "File uploaded")
    return redirect("breaches:detail", public_id)


@login_required
def download(request, public_id, evidence_id):
    breach = breach_for(request.user, public_id)
    item = breach.evidence.filter(public_id=evidence_id).first()
    if item is None:
        raise Http404
    path = Path(settings.PRIVATE_STORAGE_ROOT) / item.stored_as
    if not path.exists():
        raise Http404
    record(request, "evidence_download", breach, evidence=item.public_id)
    response = FileResponse(path.open("rb"), as_attachment=True, filename=item.original_name,
                            content_type=item.content_type)
    response["Cache-Control"] = "private, no-store"
    return response
