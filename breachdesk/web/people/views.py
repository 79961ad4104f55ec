from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from breachdesk.web.audit.log import record
from breachdesk.web.breaches.access import breach_for
from breachdesk.web.people import importer
from breachdesk.web.people.forms import ImportForm, SafeguardingForm
from breachdesk.web.people.models import AffectedPerson


def _mask_email(email: str) -> str:
    if "@" not in email:
        return "•••"
    user, domain = email.split("@", 1)
    return f"{user[:1]}•••@{domain}"


@login_required
def people(request, public_id):
    breach = breach_for(request.user, public_id)
    rows = breach.people.all()
    if request.GET.get("show") == "correction":
        rows = rows.exclude(needs_correction=[])
    if request.GET.get("show") == "safeguarding":
        rows = rows.filter(safeguarding=True)
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    # The list shows masked contact details only; a person's page shows them in full (audited).
    masked = [(p, _mask_email(p.details.get("email", ""))) for p in page]
    record(request, "view_people_list", breach, page=page.number)
    return render(request, "people/list.html", {
        "breach": breach, "page": page, "rows": masked, "form": ImportForm(),
        "can_edit": request.user.can("edit_breach"),
        "counts": {"all": breach.people.count(), "children": breach.people.filter(child=True).count(),
                   "correction": breach.people.exclude(needs_correction=[]).count(),
                   "safeguarding": breach.people.filter(safeguarding=True).count()},
    })


@login_required
@require_POST
def import_people(request, public_id):
    breach = breach_for(request.user, public_id, need="edit_breach")
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, form.errors["file"][0])
        return redirect("people:list", public_id)
    upload = form.cleaned_data["file"]
    try:
        table = importer.read_table(upload.name, upload.read())
        result = importer.import_people(breach, request.user, table)
    except importer.ImportProblem as problem:
        messages.error(request, str(problem))
        return redirect("people:list", public_id)
    messages.success(request, f"{result.created} people added and {result.updated} updated. "
                              f"{result.needs_correction} have contact details to check.")
    return redirect("people:list", public_id)


def _person(breach, person_id) -> AffectedPerson:
    person = breach.people.filter(public_id=person_id).first()
    if person is None:
        raise Http404
    return person


@login_required
def person(request, public_id, person_id):
    breach = breach_for(request.user, public_id)
    item = _person(breach, person_id)
    record(request, "view_person", breach, person=item.public_id)
    return render(request, "people/person.html", {
        "breach": breach, "person": item, "details": item.details, "can_edit": request.user.can("edit_breach"),
        "form": SafeguardingForm(initial={"safeguarding": item.safeguarding, "vulnerable": item.vulnerable})})


@login_required
@require_POST
def safeguarding(request, public_id, person_id):
    breach = breach_for(request.user, public_id, need="edit_breach")
    item = _person(breach, person_id)
    form = SafeguardingForm(request.POST)
    form.is_valid()
    item.safeguarding = form.cleaned_data.get("safeguarding", False)
    item.vulnerable = form.cleaned_data.get("vulnerable", False)
    item.save(update_fields=["safeguarding", "vulnerable", "updated_at"])
    record(request, "person_flags", breach, person=item.public_id, safeguarding=item.safeguarding,
           vulnerable=item.vulnerable)
    messages.success(request, "Saved")
    return redirect("people:person", public_id, person_id)
