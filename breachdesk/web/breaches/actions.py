"""Small POST-only actions from the breach page. Each re-shows the page with errors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from breachdesk.web.audit.log import record
from breachdesk.web.breaches import services
from breachdesk.web.breaches.access import breach_for
from breachdesk.web.breaches.forms import DecisionForm, DelayReasonsForm, NoteForm, ReasonForm
from breachdesk.web.breaches.states import Status, TransitionError


def _problem(request, public_id, form_or_text):
    if isinstance(form_or_text, str):
        messages.error(request, form_or_text)
    else:
        for errors in form_or_text.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("breaches:detail", public_id)


@login_required
@require_POST
def transition(request, public_id, to):
    need = "triage" if to in (Status.TRIAGE, Status.CLOSED) else "edit_breach"
    breach = breach_for(request.user, public_id, need=need)
    if to == Status.OPEN and breach.status == Status.TRIAGE:
        return redirect("breaches:confirm", public_id)  # confirming needs the facts form
    form = ReasonForm(request.POST)
    form.is_valid()
    try:
        services.transition(breach, request.user, to, form.cleaned_data.get("reason", ""))
    except (TransitionError, ValueError) as problem:
        return _problem(request, public_id, str(problem))
    messages.success(request, f"{breach.reference} is now {breach.get_status_display().lower()}")
    return redirect("breaches:detail", public_id)


@login_required
@require_POST
def note(request, public_id):
    breach = breach_for(request.user, public_id, need="edit_breach")
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _problem(request, public_id, form)
    services.add_note(breach, request.user, form.cleaned_data["text"])
    messages.success(request, "Note added")
    return redirect("breaches:detail", public_id)


@login_required
@require_POST
def decision(request, public_id):
    breach = breach_for(request.user, public_id, need="record_decision")
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _problem(request, public_id, form)
    data = form.cleaned_data
    try:
        services.record_decision(breach, request.user, data["decision"], data["reasons"],
                                 reported_at=data.get("reported_at"),
                                 regulator_reference=data.get("regulator_reference", ""))
    except TransitionError as problem:
        return _problem(request, public_id, str(problem))
    messages.success(request, "Decision recorded")
    return redirect("breaches:detail", public_id)


@login_required
@require_POST
def delay_reasons(request, public_id):
    breach = breach_for(request.user, public_id, need="record_decision")
    form = DelayReasonsForm(request.POST)
    if not form.is_valid():
        return _problem(request, public_id, form)
    services.update(breach, request.user, {"delay_reasons": form.cleaned_data["delay_reasons"]})
    record(request, "delay_reasons", breach)
    messages.success(request, "Reasons for delay recorded")
    return redirect("breaches:detail", public_id)
