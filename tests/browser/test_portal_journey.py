"""Issue 5's portal journey: an affected person signs in with the reference and code printed on
their notice plus their postcode, reads their notice, asks for a call back; the DPO finds the
request in the aftercare queue with its due date. And axe-core over the portal's pages."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import violations
from tests.browser.test_journey import sign_in


@pytest.fixture
def demo():
    from django.core.management import call_command

    call_command("load_demo", quiet=True)


def _printed_notice():
    """A person of the demo's told breach and a freshly printed code (codes are kept only as
    HMACs, so the test prints a new one, as a reissued letter would)."""
    from breachdesk.web.breaches.models import Breach

    breach = Breach.objects.get(title__startswith="Rent arrears")
    person = breach.people.filter(safeguarding=False).exclude(support_requests__isnull=False).order_by("id").first()
    return person, person.issue_portal_code(), person.details["postcode"]


def _portal_sign_in(page, reference, code, postcode):
    page.goto("/portal/")
    expect(page.get_by_role("heading", name="Read your notice and get help")).to_be_visible()
    page.get_by_label("Reference").fill(reference)
    page.get_by_label("Code", exact=True).fill(code)
    page.get_by_label("Postcode").fill(postcode)
    page.get_by_role("button", name="Continue").click()


def test_a_person_asks_for_a_call_back_and_the_dpo_sees_it(demo, new_page):
    person, code, postcode = _printed_notice()
    page = new_page()

    # A wrong code first: a plain message, nothing about whether the reference exists.
    _portal_sign_in(page, person.reference, "WRONG123", postcode)
    expect(page.get_by_text("We could not find a notice with those details")).to_be_visible()

    _portal_sign_in(page, person.reference.lower().replace("-", " "), code, postcode.lower())
    notice = page.get_by_test_id("notice")
    expect(notice).to_be_visible()
    expect(page.get_by_test_id("reference")).to_have_text(person.reference)
    expect(notice).to_contain_text(person.details["name"].split()[0])
    expect(notice).to_contain_text("rent arrears was emailed to the wrong housing association")
    expect(page.get_by_role("link", name="Download your letter (PDF)")).to_be_visible()

    page.get_by_role("link", name="Ask for support").click()
    page.get_by_label("A call back").check()
    page.get_by_label("Tell us more (optional)").fill("I would like to talk about what this means for my tenancy.")
    page.get_by_label("Phone number to call").fill("01632 960 777")
    page.get_by_label("Good times to call (optional)").fill("Weekday afternoons")
    page.get_by_role("button", name="Send request").click()
    banner = page.get_by_test_id("banner")
    expect(banner).to_contain_text("We have your request")
    number = re.search(r"number (\w+)\)", banner.inner_text()).group(1)
    due = re.search(r"answer you by (.+)\.$", banner.inner_text()).group(1)
    expect(page.get_by_test_id("my-requests")).to_contain_text("A call back")

    # The DPO sees it in the aftercare queue, with its due date, and opens it.
    dpo = new_page()
    sign_in(dpo, "dpo@northmere.example")
    dpo.goto("/aftercare/")
    row = dpo.get_by_test_id("support-queue").get_by_role("row").filter(has_text=number)
    expect(row).to_contain_text("A call back")
    expect(row).to_contain_text(f"by {due}")
    expect(row).to_contain_text(person.reference)
    row.get_by_role("link", name="A call back").click()
    expect(dpo.get_by_test_id("request-text")).to_contain_text("what this means for my tenancy")
    expect(dpo.get_by_test_id("answer-by")).to_contain_text(due)
    dpo.get_by_role("button", name="Make me the owner").click()
    expect(dpo.get_by_text("Owner saved")).to_be_visible()


def test_portal_pages_have_no_wcag_violations(demo, a11y_page):
    person, code, postcode = _printed_notice()
    page = a11y_page
    found = {}
    page.goto("/portal/")
    found["start"] = violations(page)
    page.get_by_role("button", name="Continue").click()
    found["start with errors"] = violations(page)
    _portal_sign_in(page, person.reference, code, postcode)
    expect(page.get_by_test_id("notice")).to_be_visible()
    found["notice"] = violations(page)
    for name, path in [("support", "/portal/support/"), ("affected", "/portal/affected/"),
                       ("heard", "/portal/heard/"), ("complain", "/portal/complain/")]:
        page.goto(path)
        found[name] = violations(page)
        page.get_by_role("button").first.click()  # sent empty: the error summary
        found[f"{name} with errors"] = violations(page)
    page.goto("/portal/link/not-a-real-link/")
    found["bad link"] = violations(page)
    assert {name: v for name, v in found.items() if v} == {}


@pytest.fixture
def a11y_page(browser, live_server):
    # axe is injected as a script, which the Content-Security-Policy would rightly block.
    context = browser.new_context(base_url=live_server.url, bypass_csp=True, locale="en-GB")
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def test_the_aftercare_pages_have_no_wcag_violations(demo, a11y_page):
    from breachdesk.web.aftercare.models import SupportRequest
    from tests.browser.test_journey import current_code

    page = a11y_page
    page.goto("/accounts/sign-in/")
    page.get_by_label("Email address").fill("dpo@northmere.example")
    page.get_by_label("Password").fill("demo-password-2026")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Security code").fill(current_code("dpo@northmere.example"))
    page.get_by_role("button", name="Sign in").click()
    item = SupportRequest.objects.select_related("breach").order_by("id").first()
    found = {}
    for name, path in [("queue", "/aftercare/"), ("breach queue", f"/breaches/{item.breach.public_id}/aftercare/"),
                       ("request", f"/breaches/{item.breach.public_id}/aftercare/{item.public_id}/"),
                       ("breach with care figures", f"/breaches/{item.breach.public_id}/")]:
        page.goto(path)
        found[name] = violations(page)
    assert {name: v for name, v in found.items() if v} == {}
