from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from breachdesk.web.assessments import services
from breachdesk.web.assessments.forms import FactsForm, OverrideForm, initial_from_breach, initial_from_facts
from breachdesk.web.audit.log import record
from breachdesk.web.breaches.access import breach_for

# Engine problem paths -> form fields, so each problem shows beside the question it is about.
_FIELD = {"protection.encrypted": "encrypted", "protection.key_compromised": "key_compromised",
          "protection.hashed": "hashed", "protection.hash_strength": "hash_strength",
          "protection.pseudonymised": "pseudonymised", "exposure.recipient": "recipient",
          "exposure.exfiltrated": "exfiltrated", "exposure.recovered": "recovered",
          "availability.backup": "backup", "availability.restored_within_hours": "restored_within_hours",
          "availability.impact": "impact"}


def _evaluate(form, breach):
    """(facts, decision) when the form and the engine both accept it; errors go on the form."""
    if not form.is_valid():
        return None, None
    facts = form.to_facts(breach)
    decision, problems = services.decide(facts)
    for problem in problems:
        path = getattr(problem, "path", "")
        field = _FIELD.get(path, path.split(".")[0] if path.split(".")[0] in form.fields else None)
        form.add_error(field, getattr(problem, "message", str(problem)))
    return facts, decision


def _context(request, breach, form, decision, override_form=None):
    return {"breach": breach, "form": form, "decision": decision,
            "override_form": override_form or OverrideForm(),
            "history": breach.assessments.select_related("created_by", "signed_off_by"),
            "can_propose": request.user.can("edit_breach"), "can_sign": request.user.can("record_decision")}


@login_required
def assessment(request, public_id):
    breach = breach_for(request.user, public_id)
    if breach.aware_at is None:
        messages.info(request, "Confirm this as a personal data breach before assessing the risk")
        return redirect("breaches:detail", public_id)
    if request.method == "POST":
        return _act(request, breach)
    latest = breach.assessments.first()
    initial = initial_from_facts(latest.facts) if latest else initial_from_breach(breach)
    form = FactsForm(initial)
    facts, decision = _evaluate(form, breach)
    return render(request, "assessments/assessment.html", _context(request, breach, form, decision))


def _act(request, breach):
    action = request.POST.get("action", "preview")
    need = {"propose": "edit_breach", "sign_off": "record_decision", "override": "record_decision"}.get(action)
    if need and not request.user.can(need):
        raise PermissionDenied
    form = FactsForm(request.POST)
    facts, decision = _evaluate(form, breach)
    override_form = OverrideForm(request.POST) if action == "override" else None
    ready = decision is not None and (override_form is None or override_form.is_valid())
    if action == "preview" or not ready:
        status = 200 if ready or action == "preview" else 400
        return render(request, "assessments/assessment.html",
                      _context(request, breach, form, decision, override_form), status=status)
    override = None
    if override_form is not None:
        override = {**override_form.cleaned_data}
        override["justification"] = override.pop("justification")
    saved = services.save(breach, request.user, facts, decision, sign_off=action != "propose", override=override)
    messages.success(request, f"Risk assessment {saved.number} {saved.get_status_display().lower()}")
    return redirect("assessments:assessment", breach.public_id)


@login_required
@require_POST
def preview(request, public_id):
    """The decision alone for the facts as they stand in the form (HTMX, nothing saved)."""
    breach = breach_for(request.user, public_id)
    form = FactsForm(request.POST)
    facts, decision = _evaluate(form, breach)
    return render(request, "assessments/_decision.html", {"decision": decision, "form": form, "breach": breach})


@login_required
def stored(request, public_id, assessment_id):
    breach = breach_for(request.user, public_id)
    item = breach.assessments.filter(public_id=assessment_id).select_related("created_by", "signed_off_by").first()
    if item is None:
        raise Http404
    record(request, "view", breach, assessment=item.public_id)
    return render(request, "assessments/stored.html", {"breach": breach, "item": item, "replays": item.replays()})
