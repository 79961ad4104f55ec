from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone

from breachdesk.web.audit.log import record
from breachdesk.web.breaches import register, services
from breachdesk.web.breaches.access import breach_for, require
from breachdesk.web.breaches.forms import (
    AwarenessForm,
    BreachFactsForm,
    ConfirmBreachForm,
    DecisionForm,
    DelayReasonsForm,
    EvidenceForm,
    NoteForm,
    ReasonForm,
    RegisterFilterForm,
    ReportIncidentForm,
)
from breachdesk.web.breaches.models import Breach
from breachdesk.web.breaches.states import Status, allowed_from
from breachdesk.web.core.forms import posted


@login_required
def report(request):
    require(request.user, "report_incident")
    form = ReportIncidentForm(posted(request))
    if request.method == "POST" and form.is_valid():
        breach = services.report_incident(request.user, **form.cleaned_data)
        return render(request, "breaches/reported.html", {"breach": breach})
    return render(request, "breaches/report.html", {"form": form})


@login_required
def register_view(request):
    require(request.user, "view_register")
    form = RegisterFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    rows = register.filtered(Breach.objects.for_organisation(request.user.organisation), data)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    now = timezone.now()
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "breaches/register.html", {
        "form": form, "page": page, "now": now, "total": len(rows), "query": query.urlencode(),
        "rows": [(b, b.clock(now)) for b in page],
    })


@login_required
def detail(request, public_id):
    breach = breach_for(request.user, public_id)
    record(request, "view", breach)
    user = request.user
    return render(request, "breaches/detail.html", {
        "breach": breach,
        "clock": breach.clock(),
        "events": breach.events.select_related("actor")[:200],
        "evidence": breach.evidence.select_related("uploaded_by"),
        "transitions": allowed_from(breach.status) if user.can("edit_breach") else [],
        "can_edit": user.can("edit_breach"),
        "can_decide": user.can("record_decision"),
        "can_change_awareness": user.can("change_awareness"),
        "note_form": NoteForm(), "decision_form": DecisionForm(), "evidence_form": EvidenceForm(),
        "delay_form": DelayReasonsForm(), "reason_form": ReasonForm(),
    })


@login_required
def clock_fragment(request, public_id):
    """The clock alone, which the page refreshes every minute (HTMX)."""
    breach = breach_for(request.user, public_id)
    return render(request, "breaches/_clock.html", {"breach": breach, "clock": breach.clock()})


@login_required
def edit(request, public_id):
    breach = breach_for(request.user, public_id, need="edit_breach")
    form = BreachFactsForm(posted(request), instance=Breach.objects.get(pk=breach.pk))
    if request.method == "POST" and form.is_valid():
        values = {f: form.cleaned_data[f] for f in form.fields}
        changed = services.update(breach, request.user, values)
        messages.success(request, "Changes saved" if changed else "Nothing was changed")
        return redirect("breaches:detail", public_id)
    return render(request, "breaches/edit.html", {"breach": breach, "form": form})


@login_required
def confirm(request, public_id):
    breach = breach_for(request.user, public_id, need="triage")
    if breach.status != Status.TRIAGE:
        messages.info(request, "Start triage before confirming this as a breach")
        return redirect("breaches:detail", public_id)
    initial = {"aware_at": timezone.localtime().replace(second=0, microsecond=0)}
    form = ConfirmBreachForm(posted(request), instance=Breach.objects.get(pk=breach.pk), initial=initial)
    if request.method == "POST" and form.is_valid():
        values = {f: form.cleaned_data[f] for f in form.fields}
        services.confirm_breach(breach, request.user, values)
        messages.success(request, f"{breach.reference} is confirmed as a personal data breach. The clock has started.")
        return redirect("breaches:detail", public_id)
    return render(request, "breaches/confirm.html", {"breach": breach, "form": form})


@login_required
def awareness(request, public_id):
    breach = breach_for(request.user, public_id, need="change_awareness")
    form = AwarenessForm(posted(request), initial={"aware_at": breach.aware_at})
    form.instance_values = {"occurred_at": breach.occurred_at, "discovered_at": breach.discovered_at}
    if request.method == "POST" and form.is_valid():
        services.change_awareness(breach, request.user, form.cleaned_data["aware_at"], form.cleaned_data["reason"])
        messages.success(request, "The awareness time was changed and the deadline recalculated")
        return redirect("breaches:detail", public_id)
    return render(request, "breaches/awareness.html", {"breach": breach, "form": form})
