"""The organisation's workspace for the years after: remediation actions, and the regulator's
cases about the organisation (public events only, notices, requirements, progress reports)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from breachdesk.web.audit.log import record
from breachdesk.web.core import files
from breachdesk.web.core.forms import posted
from breachdesk.web.regulator import monitoring, rules
from breachdesk.web.regulator.models import Case, ProgressEvidence, ProgressReport
from breachdesk.web.remediation import services
from breachdesk.web.remediation.access import action_for, case_for, require
from breachdesk.web.remediation.forms import ActionForm, BulkForm, EvidenceForm, UpdateForm
from breachdesk.web.remediation.models import Action, ActionEvidence

# --- actions -------------------------------------------------------------------------------

@login_required
def actions(request):
    require(request.user)
    rows = Action.objects.filter(organisation=request.user.organisation).select_related(
        "owner", "breach", "requirement__notice__case")
    show = request.GET.get("show", "live")
    if show == "live":
        rows = rows.live()
    elif show == "overdue":
        rows = rows.overdue()
    return render(request, "remediation/actions.html", {
        "actions": rows[:1000], "show": show, "bulk_form": BulkForm(), "today": timezone.localdate(),
        "can_edit": request.user.can("manage_remediation")})


@login_required
def new_action(request):
    require(request.user, "manage_remediation")
    form = ActionForm(posted(request), organisation=request.user.organisation,
                      initial={"breach": request.GET.get("breach", ""),
                               "requirement": request.GET.get("requirement", "")})
    if request.method == "POST" and form.is_valid():
        try:
            action = services.create(request.user.organisation, request.user, **form.values())
        except services.Refused as problem:
            form.add_error(None, str(problem))
        else:
            messages.success(request, "Action added")
            return redirect("remediation:action", action.public_id)
    return render(request, "remediation/action_form.html", {"form": form, "title": "Add an action"},
                  status=400 if form.errors else 200)


@login_required
def action(request, public_id):
    item = action_for(request.user, public_id)
    can_edit = request.user.can("manage_remediation")
    initial = {"title": item.title, "detail": item.detail, "source": item.source, "source_detail": item.source_detail,
               "breach": item.breach.public_id if item.breach else "",
               "owner": item.owner.public_id if item.owner else "",
               "requirement": item.requirement.public_id if item.requirement else "", "due_on": item.due_on,
               "status": item.status}
    form = ActionForm(posted(request) if can_edit else None, organisation=request.user.organisation, initial=initial)
    if request.method == "POST":
        require(request.user, "manage_remediation")
        if form.is_valid():
            try:
                services.update(item, request.user, **form.values())
            except services.Refused as problem:
                form.add_error(None, str(problem))
            else:
                messages.success(request, "Action saved")
                return redirect("remediation:action", public_id)
    return render(request, "remediation/action.html", {
        "action": item, "form": form, "can_edit": can_edit, "evidence_form": EvidenceForm(),
        "evidence": item.evidence.all()}, status=400 if form.errors else 200)


@login_required
@require_POST
def bulk(request):
    require(request.user, "manage_remediation")
    form = BulkForm(request.POST)
    ids = request.POST.getlist("action")
    if not form.is_valid() or not ids:
        messages.error(request, "Choose actions and a status")
        return redirect("remediation:actions")
    try:
        count = services.bulk_status(request.user.organisation, request.user, ids, form.cleaned_data["status"])
    except services.Refused as problem:
        messages.error(request, str(problem))
    else:
        messages.success(request, f"{count} actions updated")
    return redirect("remediation:actions")


def _upload(request, make_row, stored_as):
    """Store the posted file and write its row; a refused file is a message, not an error page."""
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Choose a file to upload")
        return None
    try:
        fields = files.store(form.cleaned_data["file"], stored_as)
    except files.Refused as problem:
        messages.error(request, str(problem))
        return None
    try:
        with transaction.atomic():
            row = make_row(fields)
    except Exception:
        files.path_of(stored_as).unlink(missing_ok=True)  # never a file the database does not know
        raise
    messages.success(request, "File uploaded")
    return row


@login_required
@require_POST
def action_evidence(request, public_id):
    item = action_for(request.user, public_id, need="manage_remediation")
    row = ActionEvidence(action=item, uploaded_by=request.user, size=0)
    stored_as = f"remediation/{item.organisation.public_id}/{row.public_id}"

    def make(fields):
        for k, v in fields.items():
            setattr(row, k, v)
        row.save()
        record(request, "evidence_add", item, evidence=row.public_id, sha256=row.sha256)
        return row

    _upload(request, make, stored_as)
    return redirect("remediation:action", public_id)


def _download(request, obj, item):
    path = files.path_of(item.stored_as)
    if not path.exists():
        raise Http404
    record(request, "evidence_download", obj, evidence=item.public_id)
    response = FileResponse(path.open("rb"), as_attachment=True, filename=item.original_name,
                            content_type=item.content_type)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def action_evidence_download(request, public_id, evidence_id):
    item = action_for(request.user, public_id)
    found = item.evidence.filter(public_id=evidence_id).first()
    if found is None:
        raise Http404
    return _download(request, item, found)


# --- the regulator's cases about us ----------------------------------------------------------

@login_required
def cases(request):
    require(request.user)
    rows = Case.objects.filter(organisation=request.user.organisation).select_related("regulator", "breach")
    return render(request, "remediation/cases.html", {
        "cases": [(c, monitoring.flags(c)) for c in rows[:200]]})


@login_required
def case(request, public_id):
    found = case_for(request.user, public_id)
    record(request, "view", found, organisation=found.organisation)
    notices = [(n, monitoring.grid(n)) for n in found.notices.all()]
    orders = [monitoring.refresh(o) if o.completed_at is None else o for o in found.tell_people_orders.all()]
    return render(request, "remediation/case.html", {
        "case": found, "notices": notices, "orders": orders, "flags": monitoring.flags(found),
        # Only what the regulator chose to share: internal notes never reach the organisation.
        "events": found.events.filter(internal=False)})


def _progress(user, public_id, report_id) -> ProgressReport:
    found = case_for(user, public_id)
    report = ProgressReport.objects.select_related("notice").filter(notice__case=found, public_id=report_id).first()
    if report is None:
        raise Http404
    report.notice.case = found
    return report


@login_required
def progress(request, public_id, report_id):
    report = _progress(request.user, public_id, report_id)
    editable = report.status in monitoring.EDITABLE and request.user.can("manage_remediation")
    updates = monitoring.updates_for(report)
    data = posted(request) if editable else None
    forms_ = [(u, UpdateForm(data, prefix=u.requirement.public_id,
                             initial={"status": u.status, "narrative": u.narrative})) for u in updates]
    if request.method == "POST":
        require(request.user, "manage_remediation")
        if not editable:
            messages.error(request, "This progress report has been submitted and can no longer be changed.")
            return redirect("remediation:progress", public_id, report_id)
        step = request.POST.get("step", "save")
        if step == "submit":
            require(request.user, "submit_report")
        try:
            if step == "draft_from_actions":
                services.draft_from_actions(report, request.user)
                messages.success(request, "Drafted from your actions: check the words, then submit")
                return redirect("remediation:progress", public_id, report_id)
            if all(f.is_valid() for _, f in forms_):
                updates = {u.requirement.public_id: (f.cleaned_data["status"], f.cleaned_data["narrative"])
                           for u, f in forms_}
                monitoring.save_draft(report, request.user, summary=request.POST.get("summary", ""), updates=updates)
                if step == "submit":
                    report = monitoring.submit(report, request.user)
                    messages.success(request, f"Progress report {report.number} submitted"
                                              f"{' (late)' if report.late else ''}")
                else:
                    messages.success(request, "Draft saved")
                return redirect("remediation:progress", public_id, report_id)
        except rules.RuleBroken as problem:
            messages.error(request, str(problem))
    return render(request, "remediation/progress.html", {
        "case": report.case, "report": report, "forms": forms_, "editable": editable,
        "can_submit": request.user.can("submit_report"), "evidence": report.evidence.all(),
        "evidence_form": EvidenceForm(), "requirements": report.notice.requirements.all()},
        status=400 if any(f.errors for _, f in forms_) else 200)


@login_required
@require_POST
def progress_evidence(request, public_id, report_id):
    report = _progress(request.user, public_id, report_id)
    require(request.user, "manage_remediation")
    if report.status not in monitoring.EDITABLE:
        messages.error(request, "This progress report has been submitted and can no longer be changed.")
        return redirect("remediation:progress", public_id, report_id)
    requirement = report.notice.requirements.filter(public_id=request.POST.get("requirement", "")).first()
    row = ProgressEvidence(report=report, requirement=requirement, uploaded_by=request.user, size=0)
    stored_as = f"progress/{report.organisation.public_id}/{row.public_id}"

    def make(fields):
        for k, v in fields.items():
            setattr(row, k, v)
        row.save()
        record(request, "evidence_add", report, organisation=report.organisation, evidence=row.public_id,
               sha256=row.sha256)
        return row

    _upload(request, make, stored_as)
    return redirect("remediation:progress", public_id, report_id)


@login_required
def progress_evidence_download(request, public_id, report_id, evidence_id):
    report = _progress(request.user, public_id, report_id)
    found = report.evidence.filter(public_id=evidence_id).first()
    if found is None:
        raise Http404
    return _download(request, report, found)


