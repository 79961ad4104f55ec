"""What a signed-in person sees and can do: their own notice (the engine's), their letter,
support requests, how it affected them, how they heard, complaints; nothing about anyone
else; every view audited."""

import io
import re

import pytest
from django.urls import reverse

from breachdesk.web.aftercare.models import Kind, PersonFeedback, SupportRequest
from breachdesk.web.audit.models import AuditEntry
from breachdesk.web.portal import notice


@pytest.fixture
def portal(client, told):
    """A client signed in to the portal as the first person told."""
    person, code = told[0]
    response = client.post("/portal/", {"reference": person.reference, "code": code, "postcode": "SW1A 1AA"})
    assert response.status_code == 302
    client.person = person
    return client


def test_the_notice_is_the_engines_notice_for_this_person(portal, told):
    from breachdesk.notices import render_html_fragment

    person = portal.person
    html = portal.get(reverse("portal:notice")).content.decode()
    expected = render_html_fragment(notice.build(person))
    assert expected in html
    assert "Person Number0" in html  # their name, from their encrypted details
    assert "bank" in html.lower() and "National Insurance" in html  # what of theirs was involved
    assert "0808 157 0192" in html  # the support offered
    other = told[1][0]
    assert "Person Number1" not in html and other.reference not in html


def test_without_a_notice_plan_the_person_can_still_ask_for_help(client, people):
    person = people[0]
    code = person.issue_portal_code()
    client.post("/portal/", {"reference": person.reference, "code": code, "postcode": "SW1A 1AA"})
    html = client.get(reverse("portal:notice")).content.decode()
    assert "not ready to show here yet" in html and reverse("portal:support") in html
    assert client.get(reverse("portal:letter")).status_code == 404


def test_the_letter_downloads_as_a_pdf_with_their_notice(portal):
    import pypdfium2

    response = portal.get(reverse("portal:letter"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert portal.person.reference in response["Content-Disposition"]
    pdf = pypdfium2.PdfDocument(io.BytesIO(response.content))
    text = " ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    pdf.close()
    assert "Person Number0" in text and "High Street" in text  # a letter, with the address


def test_a_safeguarding_persons_letter_has_no_address(portal):
    import pypdfium2

    person = portal.person
    person.safeguarding = True
    person.save()
    pdf = pypdfium2.PdfDocument(io.BytesIO(portal.get(reverse("portal:letter")).content))
    text = " ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    pdf.close()
    assert "High Street" not in text


def test_every_view_is_audited_with_identifiers_only(portal):
    for page in ("notice", "support", "affected", "heard", "complain", "letter"):
        portal.get(reverse(f"portal:{page}"))
    entries = AuditEntry.objects.filter(action="portal_view")
    assert entries.count() == 6
    assert {e.detail["person"] for e in entries} == {portal.person.public_id}
    assert all(e.organisation_id == portal.person.breach.organisation_id for e in entries)
    assert not any("Person Number" in str(e.detail) for e in AuditEntry.objects.all())


def test_ask_for_a_callback(portal):
    response = portal.post(reverse("portal:support"), {
        "kind": "callback", "text": "I am worried about my bank account", "phone": "01632 960123",
        "times": "Weekday mornings"}, follow=True)
    item = SupportRequest.objects.get()
    assert (item.kind, item.person, item.channel) == (Kind.CALLBACK, portal.person, "portal")
    assert item.content == {"text": "I am worried about my bank account", "phone": "01632 960123",
                            "times": "Weekday mornings"}
    html = response.content.decode()
    assert item.public_id in html and f"{item.answer_by:%-d %B %Y}" in html
    assert "A call back" in html  # in "Your requests"


def test_a_callback_needs_a_phone_number(portal):
    response = portal.post(reverse("portal:support"), {"kind": "callback", "text": ""})
    assert "Enter a phone number so we can call you back" in response.content.decode()
    response = portal.post(reverse("portal:support"), {"kind": "callback", "phone": "123"})
    assert "Enter a phone number, like" in response.content.decode()
    response = portal.post(reverse("portal:support"), {})
    assert "Choose the kind of support you would like" in response.content.decode()
    assert SupportRequest.objects.count() == 0


@pytest.mark.parametrize("kind", ["advice", "identity", "emotional", "safety", "other"])
def test_every_kind_of_support(portal, kind):
    portal.post(reverse("portal:support"), {"kind": kind, "text": "Help"})
    assert SupportRequest.objects.get().kind == kind


def test_complain(portal):
    response = portal.post(reverse("portal:complain"), {"text": "You lost my details"}, follow=True)
    item = SupportRequest.objects.get()
    assert item.is_complaint and item.content["text"] == "You lost my details"
    assert "within 30 days" in response.content.decode()
    assert "Tell us what your complaint is about" in portal.post(reverse("portal:complain"), {}).content.decode()


def test_how_it_affected_them_and_how_they_heard(portal):
    portal.post(reverse("portal:affected"), {"impact": "I have been anxious"})
    portal.post(reverse("portal:heard"), {"heard_from": "social"})
    feedback = PersonFeedback.objects.get(person=portal.person)
    assert (feedback.impact, feedback.heard_from) == ("I have been anxious", "social")
    portal.post(reverse("portal:heard"), {"heard_from": "letter"})
    assert PersonFeedback.objects.get().heard_from == "letter"  # changed, not duplicated
    html = portal.get(reverse("portal:heard")).content.decode()
    assert re.search(r'<input[^>]*value="letter"[^>]*checked', html)


def test_a_person_sees_only_their_own_requests(client, told):
    from breachdesk.web.aftercare import services

    other = told[1][0]
    theirs = services.ask(other, "advice", "Other person's worry")
    person, code = told[0]
    client.post("/portal/", {"reference": person.reference, "code": code, "postcode": "SW1A 1AA"})
    html = client.get(reverse("portal:notice")).content.decode()
    assert theirs.public_id not in html and "Other person" not in html


def test_the_portal_has_its_own_layout_without_the_workspace(portal, dpo, signed_in):
    html = portal.get(reverse("portal:notice")).content.decode()
    assert "Breach register" not in html and "Sign-in and security" not in html
    assert 'lang="en-GB"' in html and 'href="#main-content"' in html


def test_portal_pages_are_not_cached(portal):
    response = portal.get(reverse("portal:notice"))
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_the_portal_works_without_javascript(portal):
    """Every action is a plain link or a form post: no page depends on a script."""
    html = portal.get(reverse("portal:support")).content.decode()
    assert 'method="post"' in html and "hx-" not in html
