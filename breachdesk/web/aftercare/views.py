"""The aftercare queue: support requests and complaints, per breach and for the organisation."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from breachdesk.web.aftercare import deadlines, services
from breachdesk.web.aftercare.access import request_for
from breachdesk.web.aftercare.forms import (
    AcknowledgeForm,
    AnswerForm,
    AssignForm,
    NoteForm,
    OutcomeForm,
    QueueFilterForm,
    StatusForm,
)
from breachdesk.web.aftercare.models import Kind, SupportRequest
from breachdesk.web.audit.log import record
from breachdesk.web.breaches.access import breach_for, require


def _filtered(rows, params, user):
    form = QueueFilterForm(params or None)
    form.is_valid()
    data = getattr(form, "cleaned_data", {}) or {}
    show = data.get("show") or "open"
    if show in ("open", "due", "mine"):
        rows = rows.open()
    if show == "mine":
        rows = rows.filter(owner=user)
    kind = data.get("kind")
    if kind == "complaint":
        rows = rows.filter(kind=Kind.COMPLAINT)
    elif kind == "support":
        rows = rows.exclude(kind=Kind.COMPLAINT)
    today = timezone.localdate()
    if show == "due":
        soon = today + timedelta(days=deadlines.DUE_SOON_DAYS)
        rows = [r for r in rows if r.next_due and r.next_due[1] <= soon]
    return form, rows, today


def _queue(request, rows, breach=None):
    form, rows, today = _filtered(rows.select_related("breach", "owner", "person"), request.GET, request.user)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    items = [(r, r.due_state(today)) for r in page]
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "aftercare/queue.html", {
        "breach": breach, "form": form, "page": page, "items": items, "query": query.urlencode()})


@login_required
def queue(request):
    """Every open request across the organisation's breaches."""
    require(request.user, "view_register")
    record(request, "view_support_queue", None)
    return _queue(request, SupportRequest.objects.for_organisation(request.user.organisation))


@login_required
def breach_queue(request, public_id):
    breach = breach_for(request.user, public_id)
    record(request, "view_support_queue", breach)
    return _queue(request, breach.support_requests.all(), breach)


@login_required
def detail(request, public_id, request_id):
    item = request_for(request.user, public_id, request_id)
    record(request, "view_support_request", item, breach=public_id, person=item.person.public_id)
    can_handle = request.user.can("handle_support")
    organisation = item.breach.organisation
    return render(request, "aftercare/request.html", {
        "breach": item.breach, "item": item, "content": item.content, "person": item.person,
        "notes": item.notes.select_related("author"), "due_state": item.due_state(),
        "can_handle": can_handle,
        "assign_form": AssignForm(organisation=organisation, initial={"owner": item.owner_id}),
        "acknowledge_form": AcknowledgeForm(initial={"email": bool(item.person.details.get("email"))
                                                     and not item.person.safeguarding}),
        "note_form": NoteForm(), "answer_form": AnswerForm(initial={"outcome": item.outcome}),
        "outcome_form": OutcomeForm(initial={"outcome": item.outcome}),
        "status_form": StatusForm(initial={"status": item.status}),
    })


def _done(request, item, message=None):
    if message:
        messages.success(request, message)
    return redirect("aftercare:request", item.breach.public_id, item.public_id)


def _refused(request, item, problem):
    messages.error(request, str(problem))
    return redirect("aftercare:request", item.breach.public_id, item.public_id)


@login_required
@require_POST
def assign(request, public_id, request_id):
    item = request_for(request.user, public_id, request_id, need="handle_support")
    form = AssignForm(request.POST, organisation=item.breach.organisation)
    if request.POST.get("me"):
        owner = request.user
    elif form.is_valid():
        owner = form.cleaned_data["owner"]
    else:
        return _refused(request, item, "Choose an owner from the list")
    try:
        services.assign(item, request.user, owner)
    except services.SupportError as problem:
        return _refused(request, item, problem)
    return _done(request, item, "Owner saved")


@login_required
@require_POST
def acknowledge(request, public_id, request_id):
    item = request_for(request.user, public_id, request_id, need="handle_support")
    form = AcknowledgeForm(request.POST)
    form.is_valid()
    email = form.cleaned_data.get("email", False) and not item.person.safeguarding
    try:
        sent = services.acknowledge(item, request.user, email=email)
    except services.SupportError as problem:
        return _refused(request, item, problem)
    return _done(request, item, "Acknowledged" + (" and the acknowledgement emailed" if sent else ""))


@login_required
@require_POST
def note(request, public_id, request_id):
    item = request_for(request.user, public_id, request_id, need="handle_support")
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _refused(request, item, form.errors["text"][0])
    services.add_note(item, request.user, form.cleaned_data["text"])
    return _done(request, item, "Note added")


@login_required
@require_POST
def answer(request, public_id, request_id):
    item = request_for(request.user, public_id, request_id, need="handle_support")
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _refused(request, item, next(iter(form.errors.values()))[0])
    data = form.cleaned_data
    try:
        services.answer(item, request.user, data["text"], route=data["route"], outcome=data["outcome"])
    except services.SupportError as problem:
        return _refused(request, item, problem)
    return _done(request, item, "Answer sent" if data["route"] == "email" else "Answer recorded")


@login_required
@require_POST
def outcome(request, public_id, request_id):
    item = request_for(request.user, public_id, request_id, need="handle_support")
    form = OutcomeForm(request.POST)
    if not form.is_valid():
        return _refused(request, item, "Choose an outcome from the list")
    services.set_outcome(item, request.user, form.cleaned_data["outcome"])
    return _done(request, item, "Outcome saved")


@login_required
@require_POST
def status(request, public_id, request_id):
    item = request_for(request.user, public_id, request_id, need="handle_support")
    form = StatusForm(request.POST)
    if not form.is_valid():
        return _refused(request, item, "Choose a status from the list")
    services.set_status(item, request.user, form.cleaned_data["status"])
    return _done(request, item, "Status saved")
