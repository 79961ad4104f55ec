"""Evidence on a breach: checked and kept by core.files, downloads audited."""


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
from breachdesk.web.core import files


@login_required
@require_POST
def upload(request, public_id):
    breach = breach_for(request.user, public_id, need="edit_breach")
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        empty = "file" in request.FILES and request.FILES["file"].size == 0
        messages.error(request, "The file is empty" if empty else "Choose a file to upload")
        return redirect("breaches:detail", public_id)
    item = Evidence(breach=breach, description=form.cleaned_data["description"], uploaded_by=request.user)
    try:
        fields = files.store(form.cleaned_data["file"], f"evidence/{breach.organisation.public_id}/{item.public_id}")
    except files.Refused as problem:
        messages.error(request, str(problem))
        return redirect("breaches:detail", public_id)
    for name, value in fields.items():
        setattr(item, name, value)
    dest = item.path
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
    path = item.path
    if not path.exists():
        raise Http404
    record(request, "evidence_download", breach, evidence=item.public_id)
    response = FileResponse(path.open("rb"), as_attachment=True, filename=item.original_name,
                            content_type=item.content_type)
    response["Cache-Control"] = "private, no-store"
    return response
