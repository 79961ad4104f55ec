from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from breachdesk.web.accounts.models import User
from breachdesk.web.audit.log import record
from breachdesk.web.core import pdf
from breachdesk.web.core.forms import posted
from breachdesk.web.regulator import monitoring, rules, services
from breachdesk.web.regulator.forms import AssignForm, NoticeForm, QueueFilterForm, ReasonForm, TellPeopleForm
from breachdesk.web.regulator.models import Case, RegulatoryNotice


def case_for(user, public_id: str) -> Case:
    """The case if ``user`` works at the regulator it was reported to; 404 for everyone else."""
    if not user.is_authenticated or not user.can("regulate"):
        raise Http404
    case = Case.objects.select_related("organisation", "regulator").filter(
        regulator=user.organisation, public_id=public_id).first()
    if case is None:
        raise Http404
    return case


def _officers(regulator):
    return User.objects.filter(organisation=regulator, is_active=True, role__in=["officer", "manager"])


@login_required
def queue(request):
    if not request.user.can("regulate"):
        raise Http404
    form = QueueFilterForm(request.GET or None)
    cases = Case.objects.filter(regulator=request.user.organisation).select_related("organisation", "assigned_to")
    if form.is_valid():
        if form.cleaned_data["status"]:
            cases = cases.filter(status=form.cleaned_data["status"])
        if form.cleaned_data["sector"]:
            cases = cases.filter(organisation__sector=form.cleaned_data["sector"])
        if form.cleaned_data["mine"]:
            cases = cases.filter(assigned_to=request.user)
    return render(request, "regulator/queue.html", {"form": form, "cases": cases[:500],
                                                    "officers": _officers(request.user.organisation)})


@login_required
def case_detail(request, public_id):
    case = case_for(request.user, public_id)
    record(request, "view", case, organisation=case.regulator)
    moves = [(to, verb) for (frm, to), verb in rules.TRANSITIONS.items() if frm == case.status]
    return render(request, "regulator/case.html", {
        "case": case, "moves": moves, "reports": case.reports, "events": case.events.select_related("actor"),
        "notices": case.notices.prefetch_related("requirements", "progress_reports"),
        "flags": monitoring.flags(case), "nudges": case.nudges.all()[:50],
        "orders": case.tell_people_orders.all(), "tell_form": TellPeopleForm(),
        "can_tell": case.status in rules.TELL_PEOPLE_STATES,
        "reason_form": ReasonForm(), "notice_form": NoticeForm(),
        "assign_form": AssignForm(officers=_officers(case.regulator)), "closures": rules.CLOSURES,
        "can_issue": case.status in (rules.INVESTIGATION, rules.OUTCOME, rules.NON_COMPLIANCE)})


@login_required
@require_POST
def move(request, public_id, to):
    case = case_for(request.user, public_id)
    form = ReasonForm(request.POST)
    form.is_valid()
    try:
        services.transition(case, request.user, to, form.cleaned_data.get("reason", ""),
                            closure=form.cleaned_data.get("closure", ""))
    except (rules.RuleBroken, KeyError) as problem:
        messages.error(request, str(problem) if isinstance(problem, rules.RuleBroken) else "That step does not exist.")
        return redirect("regulator:case", public_id)
    messages.success(request, f"{case.reference}: {rules.STATES[to].lower()}")
    return redirect("regulator:case", public_id)


@login_required
@require_POST
def assign(request, public_id):
    case = case_for(request.user, public_id)
    officers = _officers(case.regulator)
    form = AssignForm(request.POST, officers=officers)
    if form.is_valid():
        services.assign(case, request.user, officers.get(public_id=form.cleaned_data["officer"]))
        messages.success(request, "Assigned")
    else:
        messages.error(request, "Choose an officer of this regulator")
    return redirect("regulator:case", public_id)


@login_required
def issue(request, public_id):
    case = case_for(request.user, public_id)
    form = NoticeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
        data["steps"] = monitoring.steps_from_text(data.pop("steps", ""))
        try:
            monitoring.issue(case, request.user, **data)
        except rules.RuleBroken as problem:
            form.add_error(None, str(problem))
        else:
            messages.success(request, "Notice issued")
            return redirect("regulator:case", public_id)
    return render(request, "regulator/issue.html", {"case": case, "form": form}, status=400 if form.errors else 200)


def public_register(request):
    """Published reprimands, enforcement notices and penalty notices: public, no sign-in."""
    notices = (RegulatoryNotice.objects.filter(published=True).exclude(kind=rules.INTENT)
               .exclude(appeal_outcome=RegulatoryNotice.AppealOutcome.QUASHED)
               .select_related("case__organisation", "case__regulator"))
    return render(request, "regulator/public_register.html", {"notices": notices[:500]})


def _published(public_id):
    notice = (RegulatoryNotice.objects.filter(published=True, public_id=public_id).exclude(kind=rules.INTENT)
              .select_related("case__organisation", "case__regulator").first())
    if notice is None:
        raise Http404
    return notice


def public_notice(request, public_id):
    return render(request, "regulator/public_notice.html", {"notice": _published(public_id)})


def public_notice_pdf(request, public_id):
    notice = _published(public_id)
    body = pdf.from_template("regulator/notice_pdf.html", {"notice": notice})
    response = HttpResponse(body, content_type="application/pdf")
    name = f"{notice.kind.replace('_', '-')}-{notice.issued_at:%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def appeal(request, public_id, notice_id):
    case = case_for(request.user, public_id)
    notice = case.notices.filter(public_id=notice_id).first()
    if notice is None:
        raise Http404
    outcome = request.POST.get("appeal_outcome", "")
    try:
        services.record_appeal(notice, request.user, outcome, request.POST.get("reason", ""))
    except rules.RuleBroken as problem:
        messages.error(request, str(problem))
    else:
        messages.success(request, "Appeal recorded")
    return redirect("regulator:case", public_id)
