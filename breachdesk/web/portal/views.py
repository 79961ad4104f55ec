"""The affected-person portal: public, no account. A person proves who they are with the
reference and code printed on their notice (plus their date of birth or postcode), or with a
signed link from their email, and then sees only their own notice and their own requests.
Every page view is audited (identifiers only)."""

from functools import wraps

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from breachdesk.web.aftercare import services
from breachdesk.web.aftercare.models import Kind, PersonFeedback
from breachdesk.web.audit.log import record
from breachdesk.web.core.forms import posted
from breachdesk.web.portal import links, notice, signin, throttle
from breachdesk.web.portal.forms import ComplaintForm, HeardForm, ImpactForm, SignInForm, SupportForm

NO_MATCH = ("We could not find a notice with those details. Check the reference, the code and your "
            "postcode or date of birth against your letter or email, and try again.")
LOCKED = ("There have been too many attempts to sign in. Wait 15 minutes and try again, or contact the "
          "organisation that wrote to you.")


def _viewed(request, person, page: str) -> None:
    record(None, "portal_view", person.breach, person=person.public_id, page=page)


def person_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        person = signin.current_person(request)
        if person is None:
            return redirect("portal:start")
        request.portal_person = person
        _viewed(request, person, view.__name__)
        return view(request, person, *args, **kwargs)

    return never_cache(wrapper)


def _locked_minutes():
    from django.conf import settings

    return settings.PORTAL_COOLOFF_MINUTES


@never_cache
def start(request):
    if request.method == "GET" and signin.current_person(request) is not None:
        return redirect("portal:notice")
    form = SignInForm(posted(request))
    if request.method == "POST":
        address = throttle.address_of(request)
        reference = signin.normalise_reference(request.POST.get("reference", ""))
        if throttle.locked(address, reference):
            form = SignInForm()
            return render(request, "portal/start.html", {"form": form, "locked": LOCKED.replace(
                "15 minutes", f"{_locked_minutes()} minutes")}, status=429)
        if form.is_valid():
            data = form.cleaned_data
            person = signin.verify(data["reference"], data["code"], dob=data["dob"], postcode=data["postcode"])
            if person is not None:
                throttle.succeeded(reference)
                signin.sign_in(request, person)
                record(None, "portal_sign_in", person.breach, person=person.public_id, via="code")
                return redirect("portal:notice")
            throttle.failed(address, reference)
            form.add_error(None, NO_MATCH)
    return render(request, "portal/start.html", {"form": form})


@never_cache
def link(request, token):
    address = throttle.address_of(request)
    if throttle.address_locked(address):
        return render(request, "portal/link_problem.html", {"problem": "locked", "message": LOCKED}, status=429)
    try:
        person = links.person_from(token)
    except links.LinkExpired:
        return render(request, "portal/link_problem.html", {"problem": "expired"}, status=410)
    except links.LinkInvalid:
        throttle.failed(address, None)
        return render(request, "portal/link_problem.html", {"problem": "invalid"}, status=400)
    signin.sign_in(request, person)
    record(None, "portal_sign_in", person.breach, person=person.public_id, via="link")
    # Away from the address with the token in it, so it is not left in the history or a referrer.
    return redirect("portal:notice")


@person_required
def notice_page(request, person):
    built = notice.build(person)
    feedback = PersonFeedback.objects.filter(person=person).first()
    return render(request, "portal/notice.html", {
        "person": person, "organisation": person.breach.organisation,
        "notice_html": notice.fragment(built) if built else None,
        "requests": person.support_requests.order_by("-received_at"),
        "heard": feedback.heard_from if feedback else "",
        "impact_told": bool(feedback and feedback.impact_recorded_at),
    })


@person_required
def letter(request, person):
    built = notice.build(person)
    if built is None:
        return render(request, "portal/no_letter.html", {"person": person}, status=404)
    response = HttpResponse(notice.letter_pdf(built, person), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="notice-{person.reference}.pdf"'
    return response


def _form_page(request, person, form, template, done):
    if request.method == "POST" and form.is_valid():
        message = done(form.cleaned_data)
        messages.success(request, message)
        return redirect("portal:notice")
    return render(request, template, {"person": person, "organisation": person.breach.organisation,
                                      "form": form})


@person_required
def support(request, person):
    def done(data):
        item = services.ask(person, data["kind"], data["text"], phone=data["phone"], times=data["times"])
        return (f"We have your request (number {item.public_id}). We will answer you by "
                f"{item.answer_by:%-d %B %Y}.")

    return _form_page(request, person, SupportForm(posted(request)), "portal/support.html", done)


@person_required
def affected(request, person):
    def done(data):
        services.impact(person, data["impact"])
        return "Thank you for telling us how this has affected you."

    return _form_page(request, person, ImpactForm(posted(request)), "portal/affected.html", done)


@person_required
def heard(request, person):
    def done(data):
        services.heard_from(person, data["heard_from"])
        return "Thank you for telling us how you first heard about this."

    feedback = PersonFeedback.objects.filter(person=person).first()
    initial = {"heard_from": feedback.heard_from} if feedback and feedback.heard_from else {}
    return _form_page(request, person, HeardForm(posted(request), initial=initial), "portal/heard.html", done)


@person_required
def complain(request, person):
    def done(data):
        item = services.ask(person, Kind.COMPLAINT, data["text"])
        return (f"We have your complaint (number {item.public_id}). We will acknowledge it within 30 days "
                f"and answer you by {item.answer_by:%-d %B %Y}.")

    return _form_page(request, person, ComplaintForm(posted(request)), "portal/complain.html", done)


@require_POST
def sign_out(request):
    signin.sign_out(request)
    messages.success(request, "You have signed out.")
    return redirect("portal:start")
