"""The regulator's monitoring pages: a notice's requirements and progress reports (with the
compliance grid), reviewing a report, its evidence, Art. 34(4), and bulk assignment."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from breachdesk.web.audit.log import record
from breachdesk.web.core import files
from breachdesk.web.core.forms import posted
from breachdesk.web.regulator import monitoring, rules, services
from breachdesk.web.regulator.forms import ReviewForm, ScheduleForm, StepsForm, TellPeopleForm
from breachdesk.web.regulator.models import Case, ProgressReport, RegulatoryNotice
from breachdesk.web.regulator.views import _officers, case_for


def _notice(user, public_id, notice_id) -> RegulatoryNotice:
    case = case_for(user, public_id)
    notice = case.notices.filter(public_id=notice_id).first()
    if notice is None:
        raise Http404
    notice.case = case
    return notice


def _report(user, public_id, report_id) -> ProgressReport:
    case = case_for(user, public_id)
    report = ProgressReport.objects.select_related("notice").filter(notice__case=case, public_id=report_id).first()
    if report is None:
        raise Http404
    report.notice.case = case
    return report


@login_required
def notice(request, public_id, notice_id):
    notice = _notice(request.user, public_id, notice_id)
    record(request, "view", notice, organisation=notice.case.regulator)
    return render(request, "regulator/notice.html", {
        "case": notice.case, "notice": notice, "grid": monitoring.grid(notice),
        "steps_form": StepsForm(), "schedule_form": ScheduleForm(),
        "takes_requirements": notice.kind in rules.NOTICES_WITH_REQUIREMENTS})


@login_required
def add_steps(request, public_id, notice_id):
    notice = _notice(request.user, public_id, notice_id)
    form = StepsForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            made = monitoring.add_requirements(notice, request.user, monitoring.steps_from_text(
                form.cleaned_data["steps"]), due_by=form.cleaned_data["due_by"])
        except rules.RuleBroken as problem:
            form.add_error(None, str(problem))
        else:
            messages.success(request, f"{len(made)} required steps added")
            return redirect("regulator:notice", public_id, notice_id)
    return render(request, "regulator/form.html", {"case": notice.case, "form": form, "title": "Add required steps",
                                                   "button": "Add steps"}, status=400 if form.errors else 200)


@login_required
def add_schedule(request, public_id, notice_id):
    notice = _notice(request.user, public_id, notice_id)
    form = ScheduleForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            monitoring.add_schedule(notice, request.user, **form.cleaned_data)
        except rules.RuleBroken as problem:
            form.add_error(None, str(problem))
        else:
            messages.success(request, "Progress reports scheduled")
            return redirect("regulator:notice", public_id, notice_id)
    return render(request, "regulator/form.html", {"case": notice.case, "form": form,
                                                   "title": "Require progress reports", "button": "Schedule"},
                  status=400 if form.errors else 200)


@login_required
def progress(request, public_id, report_id):
    report = _report(request.user, public_id, report_id)
    record(request, "view", report, organisation=report.case.regulator)
    form = ReviewForm(posted(request))
    if request.method == "POST" and form.is_valid():
        statuses = {k.removeprefix("status-"): v for k, v in request.POST.items() if k.startswith("status-")}
        try:
            monitoring.review(report, request.user, accepted=form.cleaned_data["outcome"] == "accepted",
                              note=form.cleaned_data["note"], statuses=statuses)
        except rules.RuleBroken as problem:
            form.add_error(None, str(problem))
        else:
            messages.success(request, f"Progress report {report.number} reviewed")
            return redirect("regulator:notice", public_id, report.notice.public_id)
    visible = not report.is_open or report.status == ProgressReport.Status.MORE_INFORMATION
    return render(request, "regulator/progress.html", {
        "case": report.case, "report": report, "form": form, "visible": visible,
        "updates": monitoring.updates_for(report) if visible else [],
        "evidence": report.evidence.all() if visible else [], "statuses": rules.REQUIREMENT_STATUSES},
        status=400 if form.errors else 200)


@login_required
def evidence(request, public_id, report_id, evidence_id):
    report = _report(request.user, public_id, report_id)
    if report.is_open and report.status != ProgressReport.Status.MORE_INFORMATION:
        raise Http404  # a draft is the organisation's until it is submitted
    item = report.evidence.filter(public_id=evidence_id).first()
    path = files.path_of(item.stored_as) if item else None
    if path is None or not path.exists():
        raise Http404
    record(request, "evidence_download", report, organisation=report.case.regulator, evidence=item.public_id)
    response = FileResponse(path.open("rb"), as_attachment=True, filename=item.original_name,
                            content_type=item.content_type)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def tell_people(request, public_id):
    case = case_for(request.user, public_id)
    form = TellPeopleForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("regulator:case", public_id)
    try:
        monitoring.require_tell_people(case, request.user, **form.cleaned_data)
    except rules.RuleBroken as problem:
        messages.error(request, str(problem))
    else:
        messages.success(request, "The organisation has been told it must tell the people affected")
    return redirect("regulator:case", public_id)


@login_required
@require_POST
def bulk_assign(request):
    """Assign several cases at once: all of them, or (if any cannot be) none."""
    if not request.user.can("regulate"):
        raise Http404
    officers = _officers(request.user.organisation)
    officer = officers.filter(public_id=request.POST.get("officer", "")).first()
    ids = request.POST.getlist("case")
    if officer is None or not ids:
        messages.error(request, "Choose cases and an officer of this regulator")
        return redirect("regulator:queue")
    try:
        with transaction.atomic():
            cases = list(Case.objects.select_for_update().filter(regulator=request.user.organisation,
                                                                 public_id__in=ids))
            if len(cases) != len(set(ids)):
                raise rules.RuleBroken("Some of those cases could not be found; none were assigned.")
            for case in cases:
                services.assign(case, request.user, officer)
    except rules.RuleBroken as problem:
        messages.error(request, str(problem))
    else:
        messages.success(request, f"{len(cases)} cases assigned to {officer}")
    return redirect("regulator:queue")
