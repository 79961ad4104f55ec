from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from breachdesk.web.audit.log import record
from breachdesk.web.breaches.access import breach_for
from breachdesk.web.core.forms import posted
from breachdesk.web.reports import export, services
from breachdesk.web.reports.access import report_for
from breachdesk.web.reports.forms import ReportForm, SubmitForm
from breachdesk.web.reports.models import RegulatorReport


@login_required
def reports(request, public_id):
    breach = breach_for(request.user, public_id)
    items = breach.regulator_reports.select_related("submitted_by", "regulator")
    return render(request, "reports/list.html", {
        "breach": breach, "reports": items, "draft": next((r for r in items if r.is_draft), None),
        "assessment": services.latest_assessment(breach), "can_edit": request.user.can("edit_breach"),
    })


@login_required
@require_POST
def start(request, public_id):
    breach = breach_for(request.user, public_id, need="edit_breach")
    try:
        report = services.draft(breach, request.user)
    except services.DraftExists as exists:
        messages.info(request, str(exists))
        return redirect("reports:edit", public_id, exists.draft.public_id)
    except services.ReportError as problem:
        messages.error(request, str(problem))
        return redirect("reports:list", public_id)
    messages.success(request, f"{report.get_kind_display()} drafted from the breach record. Check each answer.")
    return redirect("reports:edit", public_id, report.public_id)


def _page(request, report, submit_form=None, status=200):
    record(request, "view", report, breach=report.breach.public_id)
    regulator = report.breach.organisation.regulator
    return render(request, "reports/detail.html", {
        "breach": report.breach, "report": report, "rows": export.rows(report),
        "changes": export.changes_shown(report), "missing": report.missing() if report.is_draft else [],
        "late": report.is_draft and report.is_late(),
        "submit_form": submit_form or SubmitForm(regulator=regulator,
                                                 initial={"route": services.BREACHDESK if regulator else ""}),
        "can_edit": request.user.can("edit_breach"), "can_submit": request.user.can("submit_report"),
    }, status=status)


@login_required
def detail(request, public_id, report_id):
    return _page(request, report_for(request.user, public_id, report_id))


@login_required
def edit(request, public_id, report_id):
    report = report_for(request.user, public_id, report_id, need="edit_breach")
    if not report.is_draft:
        messages.info(request, "A submitted report is never changed: draft a follow-up report instead")
        return redirect("reports:detail", public_id, report_id)
    form = ReportForm(posted(request), instance=RegulatorReport.objects.get(pk=report.pk))
    if request.method == "POST" and form.is_valid():
        changed = services.update(report, request.user, form.changed_values())
        messages.success(request, "Draft saved" if changed else "Nothing was changed")
        return redirect("reports:detail", public_id, report_id)
    return render(request, "reports/edit.html", {
        "breach": report.breach, "report": report, "form": form, "changes": export.changes_shown(report),
    }, status=400 if form.errors else 200)


@login_required
@require_POST
def submit(request, public_id, report_id):
    report = report_for(request.user, public_id, report_id, need="submit_report")
    if not report.is_draft:
        messages.info(request, "This report has already been submitted")
        return redirect("reports:detail", public_id, report_id)
    form = SubmitForm(request.POST, regulator=report.breach.organisation.regulator)
    if not form.is_valid():
        return _page(request, report, form, status=400)
    data = form.cleaned_data
    try:
        report = services.submit(report, request.user, route=data["route"], sent_at=data.get("sent_at"),
                                 reference=data.get("reference", ""))
    except services.ReportError as problem:
        for field, message in problem.problems:
            form.add_error(field if field in form.fields else None, message)
        return _page(request, report, form, status=400)
    messages.success(request, f"{report.get_kind_display()} {report.get_status_display().lower()}. "
                              f"Reference: {report.regulator_reference}")
    return redirect("reports:detail", public_id, report_id)


@login_required
def export_json(request, public_id, report_id):
    report = report_for(request.user, public_id, report_id)
    record(request, "export", report, breach=report.breach.public_id, format="json")
    response = JsonResponse(export.document(report), json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="{_filename(report)}.json"'
    return response


@login_required
def export_pdf(request, public_id, report_id):
    report = report_for(request.user, public_id, report_id)
    record(request, "export", report, breach=report.breach.public_id, format="pdf")
    response = HttpResponse(export.pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(report)}.pdf"'
    return response


def _filename(report) -> str:
    return f"{report.breach.reference}-report-{report.number}"
