"""Issue 4's journey: a demo breach taken from facts (the assessment page: answer a fact, see
the decision change, sign it off as the DPO) to a drafted report, completed, submitted to the
demo regulator; the breach page then says it was reported to the regulator."""

import pytest
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

PASSWORD = "demo-password-2026"
TITLE = "HR shared folder open to all staff"  # a demo breach aware 20 hours ago, not yet reported


def current_code(email):
    device = TOTPDevice.objects.get(user__email=email, confirmed=True)
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def sign_in(page, email):
    page.goto("/accounts/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Enter your security code")).to_be_visible()
    page.get_by_label("Security code").fill(current_code(email))
    page.get_by_role("button", name="Sign in").click()


@pytest.fixture
def demo(transactional_db):
    from tests import audit_triggers

    call_command("load_demo", quiet=True)
    yield
    audit_triggers.lift()  # for the flush that ends a transactional test


def _choose(page, question, answer):
    page.get_by_role("group", name=question).get_by_label(answer, exact=True).check()


def test_from_facts_to_a_submitted_report(demo, new_page):
    from breachdesk.web.breaches.models import Breach
    from breachdesk.web.reports.models import RegulatorReport

    breach = Breach.objects.get(title=TITLE)
    dpo = new_page()
    sign_in(dpo, "dpo@northmere.example")
    expect(dpo.get_by_role("heading", name="Breach register")).to_be_visible()
    dpo.get_by_role("link", name=breach.reference).click()
    expect(dpo.get_by_test_id("clock")).to_contain_text("left to report")

    # The assessment page, pre-filled from the breach: answer facts, watch the decision change.
    dpo.get_by_role("link", name="Assess the risk").click()
    expect(dpo.get_by_role("heading", name="Must we report it, and must we tell people?")).to_be_visible()
    expect(dpo.get_by_test_id("decision-risk")).to_have_text("High risk")
    _choose(dpo, "Was it deliberate?", "No")
    _choose(dpo, "Who has, or may have, the data?", "Someone trusted and bound to confidentiality")
    _choose(dpo, "Did a copy leave our control?", "No")
    expect(dpo.get_by_test_id("decision-risk")).to_have_text("Risk")  # live, without reloading
    expect(dpo.get_by_test_id("decision")).to_contain_text("Report to the regulator")
    dpo.get_by_role("button", name="Sign off this decision").click()
    expect(dpo.get_by_text("Risk assessment 1 signed off")).to_be_visible()

    # Draft the report from the breach and the signed-off assessment.
    dpo.get_by_role("link", name=breach.reference).click()
    dpo.get_by_role("link", name="Regulator report").click()
    expect(dpo.get_by_role("heading", name="Regulator reports")).to_be_visible()
    dpo.get_by_role("button", name="Draft the initial report").click()
    expect(dpo.get_by_role("heading", name="Initial report to the regulator")).to_be_visible()
    expect(dpo.get_by_label("Contact email address")).to_have_value("dpo@northmere.example")
    told = dpo.get_by_role("group", name="Have the people affected been told, or will they be?")
    expect(told.get_by_label("No, they will not be told")).to_be_checked()  # from the assessment

    # Saved incomplete, it says what is missing, in plain words.
    dpo.get_by_role("button", name="Save the draft").click()
    missing = dpo.get_by_test_id("missing")
    expect(missing).to_contain_text("Say how the breach was found")
    expect(missing).to_contain_text("Give the contact's telephone number")
    expect(dpo.get_by_role("button", name="Submit the report")).to_be_visible()

    # Complete it.
    missing.get_by_role("link", name="Say how the breach was found").click()
    dpo.get_by_label("How did you find out about the breach?").fill("A member of staff noticed they could open it.")
    dpo.get_by_label("What are the likely consequences for the people affected?").fill(
        "Colleagues may have seen sickness and pay records: distress and embarrassment.")
    dpo.get_by_label("Which other organisations have you told?").fill("None")
    _choose(dpo, "Was the breach caused by human error?", "Yes")
    _choose(dpo, "Had the staff involved been trained in data protection in the last two years?", "Yes")
    dpo.get_by_label("Contact telephone number").fill("0113 496 0000")
    dpo.get_by_role("button", name="Save the draft").click()
    expect(dpo.get_by_text("Draft saved")).to_be_visible()
    expect(dpo.get_by_test_id("complete")).to_have_text("The report is complete and ready to submit.")

    # Submit it to the demo regulator on breachdesk.
    route = dpo.get_by_role("group", name="How is it going to the regulator?")
    expect(route.get_by_label("Submit it to Information Commissioner (demo) on breachdesk now")).to_be_checked()
    dpo.get_by_role("button", name="Submit the report").click()
    expect(dpo.get_by_test_id("report-status")).to_have_text("Submitted to the regulator on breachdesk")
    reference = dpo.get_by_test_id("regulator-reference").inner_text()
    assert reference.startswith("REG-")
    expect(dpo.get_by_role("link", name="Change the draft")).to_have_count(0)

    # The breach page: reported, and the timeline says so.
    dpo.get_by_role("link", name=breach.reference).click()
    expect(dpo.get_by_test_id("clock")).to_contain_text("Reported to the regulator")
    expect(dpo.get_by_test_id("timeline")).to_contain_text("Reported to the regulator")
    expect(dpo.get_by_test_id("timeline")).to_contain_text(reference)

    report = RegulatorReport.objects.get(breach=breach)
    assert report.status == "submitted" and report.regulator.name == "Information Commissioner (demo)"
    assert report.snapshot["people_told"] == "not_telling"
    # The demo regulator also holds the synthetic organisations' reports (regulator/demo.py).
    assert list(RegulatorReport.objects.filter(regulator=report.regulator, status="submitted",
                                               breach=breach)) == [report]
