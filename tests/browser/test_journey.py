"""Issue 2's journey: staff report, DPO signs in with two factors, triages, sees the clock,
records a decision; an outsider from another organisation gets 404."""

import re

import pytest
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

PASSWORD = "demo-password-2026"


def current_code(email):
    device = TOTPDevice.objects.get(user__email=email, confirmed=True)
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def sign_in(page, email, two_factor=True):
    page.goto("/accounts/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    if two_factor:
        expect(page.get_by_role("heading", name="Enter your security code")).to_be_visible()
        page.get_by_label("Security code").fill(current_code(email))
        page.get_by_role("button", name="Sign in").click()


@pytest.fixture
def demo():
    call_command("load_demo", quiet=True)



def test_report_triage_clock_decision_and_an_outsider(demo, new_page, live_server):
    # A member of staff reports an incident.
    staff = new_page()
    sign_in(staff, "staff@northmere.example", two_factor=False)
    expect(staff.get_by_role("heading", name="Report an incident")).to_be_visible()
    staff.get_by_label("Give it a short title").fill("Housing list emailed to a contractor")
    staff.get_by_label("What happened?").fill("A list of tenants was sent to the wrong contractor.")
    staff.get_by_label("When did you notice it?").fill("2026-11-20T10:15")
    staff.get_by_role("button", name="Send report").click()
    expect(staff.get_by_role("heading", name="Incident reported")).to_be_visible()
    reference = staff.get_by_test_id("reference").inner_text()
    assert re.fullmatch(r"NBC-\d{4}-\d{4}", reference)

    # The DPO signs in with two factors and finds it in the register.
    dpo = new_page()
    sign_in(dpo, "dpo@northmere.example")
    expect(dpo.get_by_role("heading", name="Breach register")).to_be_visible()
    dpo.get_by_role("link", name=reference).click()
    expect(dpo.get_by_test_id("clock")).to_contain_text("The clock starts when")
    breach_url = dpo.url

    # Triage, then confirm it as a breach: the 72-hour clock starts.
    dpo.get_by_role("button", name="Start triage").click()
    dpo.get_by_role("button", name="Confirm as a personal data breach").click()
    expect(dpo.get_by_role("heading", name="Confirm this is a personal data breach")).to_be_visible()
    dpo.get_by_label("Incident type").select_option(label="Data emailed to incorrect recipient (non-cyber)")
    dpo.get_by_label("Confidentiality: data seen or taken by someone who should not have it").check()
    dpo.get_by_label("Basic personal identifiers").check()
    dpo.get_by_label("About how many people?").fill("120")
    dpo.get_by_label("About how many records?").fill("120")
    dpo.get_by_role("button", name="Confirm breach and start the clock").click()
    expect(dpo.get_by_text("is confirmed as a personal data breach")).to_be_visible()
    expect(dpo.get_by_test_id("clock")).to_contain_text("left to report")
    expect(dpo.get_by_test_id("clock")).to_contain_text("72 hours from awareness")

    # Record a decision; it lands on the timeline.
    dpo.get_by_label("Report to the regulator").check()
    dpo.get_by_label("Reasons").fill("Tenants' names and addresses went to a third party: a likely risk.")
    dpo.get_by_role("button", name="Record decision").click()
    expect(dpo.get_by_text("Decision recorded")).to_be_visible()
    expect(dpo.get_by_test_id("timeline")).to_contain_text("Report to the regulator")
    expect(dpo.get_by_test_id("timeline")).to_contain_text("a likely risk")

    # An outsider from another organisation, fully signed in, gets 404.
    outsider = new_page()
    sign_in(outsider, "dpo@eastwick.example")
    expect(outsider.get_by_role("heading", name="Breach register")).to_be_visible()
    response = outsider.goto(breach_url)
    assert response.status == 404
    expect(outsider.get_by_role("heading", name="Page not found")).to_be_visible()
    expect(outsider.get_by_text(reference)).to_have_count(0)


def test_form_errors_are_summarised_and_linked(demo, new_page):
    page = new_page()
    sign_in(page, "staff@northmere.example", two_factor=False)
    page.get_by_label("When did you notice it?").fill("2099-01-01T10:00")
    page.get_by_role("button", name="Send report").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()  # the design system's script moves focus to the summary
    expect(summary).to_contain_text("must be in the past")
    summary.get_by_role("link", name=re.compile("must be in the past")).click()
    expect(page.get_by_label("When did you notice it?")).to_be_focused()
