"""Issue 6's journey: the council submits a report; a regulator officer triages it into an
investigation and issues an enforcement notice with three required steps and yearly progress
reports; the council submits the first report with evidence; the regulator accepts it; a year
later (the due dates moved on in the database) the missing second report is overdue on both
sides. And axe over both dashboards."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.test_accessibility import violations
from tests.browser.test_journey import sign_in

TITLE = "HR shared folder open to all staff"  # a demo breach aware 20 hours ago, not yet reported


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", quiet=True)


@pytest.fixture
def ready_report(demo):
    """The demo breach with a signed-off assessment and a complete draft report."""
    from breachdesk.web.accounts.models import User
    from breachdesk.web.assessments import services as assessments
    from breachdesk.web.breaches.models import Breach
    from breachdesk.web.reports import services as reports
    from tests.web.report_helpers import COMPLETE, FACTS

    breach = Breach.objects.get(title=TITLE)
    dpo = User.objects.get(email="dpo@northmere.example")
    facts = {**FACTS, "aware_at": breach.aware_at.isoformat()}
    decision, problems = assessments.decide(facts)
    assert not problems, problems
    assessments.save(breach, dpo, facts, decision, sign_off=True)
    draft = reports.draft(breach, dpo)
    reports.update(draft, dpo, {**COMPLETE, "occurred_at": breach.aware_at - timedelta(hours=5),
                                "discovered_at": breach.aware_at - timedelta(hours=1)})
    return breach, draft


def _move(page, verb, reason):
    box = page.locator("details", has_text=verb).first
    box.locator("summary").click()
    box.get_by_label("Reason").fill(reason)
    box.get_by_role("button", name=verb).click()


def test_report_to_enforcement_notice_to_progress_reports(ready_report, new_page):
    from breachdesk.web.regulator.models import Case, ProgressReport

    breach, draft = ready_report
    # The council's DPO submits the report.
    council = new_page()
    sign_in(council, "dpo@northmere.example")
    council.goto(f"/breaches/{breach.public_id}/reports/{draft.public_id}/")
    council.get_by_role("button", name="Submit the report").click()
    expect(council.get_by_test_id("report-status")).to_have_text("Submitted to the regulator on breachdesk")
    case = Case.objects.get(breach=breach)

    # The officer triages it into an investigation and issues an enforcement notice.
    officer = new_page()
    sign_in(officer, "officer@regulator.example")
    officer.goto("/regulator/cases/")
    officer.get_by_role("link", name=case.reference).click()
    expect(officer.get_by_test_id("case-status")).to_have_text("Received")
    _move(officer, "Start triage", "Staff health and pay records exposed internally.")
    expect(officer.get_by_test_id("case-status")).to_have_text("In triage")
    _move(officer, "Open an investigation", "Second access-control failure this year.")
    expect(officer.get_by_test_id("case-status")).to_have_text("Under investigation")
    officer.get_by_role("link", name="Issue a reprimand or notice").click()
    officer.get_by_role("radio", name="Enforcement notice").check()
    officer.get_by_label("Summary for the public register").fill("Northmere must secure its HR shared folders.")
    officer.get_by_label("Comply by").fill(str(timezone.localdate() + timedelta(days=90)))
    officer.get_by_role("textbox", name="Required steps, one per line").fill(
        "Restrict the HR folder to HR staff\nReview every shared folder's permissions\nTrain managers on access")
    officer.get_by_label("How many progress reports?").fill("3")
    officer.get_by_label("Every how many months?").fill("12")
    officer.get_by_role("button", name="Issue").click()
    expect(officer.get_by_text("Notice issued", exact=True)).to_be_visible()
    _move(officer, "Record the outcome", "Enforcement notice issued.")
    _move(officer, "Monitor compliance", "Three yearly progress reports required.")
    expect(officer.get_by_test_id("case-status")).to_have_text("Monitoring compliance")

    # The council sees the notice, its steps and reports, and submits the first with evidence.
    council.goto("/actions/regulator/")
    council.get_by_role("link", name=case.reference).click()
    expect(council.get_by_test_id("compliance-grid")).to_contain_text("Restrict the HR folder to HR staff")
    expect(council.get_by_test_id("case-history")).not_to_contain_text("Second access-control failure")
    council.get_by_role("link", name="Progress report 1").click()
    council.get_by_label("Evidence file").set_input_files(
        files=[{"name": "folder-permissions.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 audit"}])
    council.get_by_role("button", name="Upload evidence").click()
    expect(council.get_by_test_id("evidence")).to_contain_text("folder-permissions.pdf")
    for n in (1, 2, 3):
        box = council.get_by_test_id(f"requirement-{n}")
        box.get_by_role("radio", name="Done").check()
        box.get_by_label("What has been done").fill(f"Step {n} is done; see the audit.")
    council.get_by_role("button", name="Submit to the regulator").click()
    expect(council.get_by_test_id("progress-status")).to_contain_text("Submitted")

    # The regulator accepts it.
    first = ProgressReport.objects.get(notice__case=case, number=1)
    officer.goto(f"/regulator/cases/{case.public_id}/progress/{first.public_id}/")
    expect(officer.get_by_test_id("evidence")).to_contain_text("folder-permissions.pdf")
    officer.get_by_role("radio", name="Accepted").check()
    officer.get_by_role("button", name="Record review").click()
    expect(officer.get_by_test_id("progress-1")).to_contain_text("Accepted")
    expect(officer.get_by_test_id("compliance-grid")).to_contain_text("3 of 3 done")

    # A year later: the second report's due date has passed and nothing was sent.
    second = ProgressReport.objects.get(notice__case=case, number=2)
    ProgressReport.objects.filter(pk=second.pk).update(due_on=timezone.localdate() - timedelta(days=3))
    officer.goto(f"/regulator/cases/{case.public_id}/")
    expect(officer.get_by_test_id("case-flags")).to_contain_text("Progress report 2 is overdue")
    council.goto(f"/actions/regulator/{case.public_id}/")
    expect(council.get_by_test_id("case-flags")).to_contain_text("Progress report 2 is overdue")
    expect(council.get_by_test_id("progress-2")).to_contain_text("Overdue")


@pytest.fixture
def a11y(browser, live_server):
    context = browser.new_context(base_url=live_server.url, bypass_csp=True, locale="en-GB")
    context.set_default_timeout(10_000)
    yield context
    context.close()


def test_dashboards_have_no_wcag_violations(demo, a11y):
    found = {}
    for email, pages in (("chief.executive@northmere.example", ["/insights/"]),
                         ("dpo@northmere.example", ["/actions/", "/actions/regulator/"]),
                         ("officer@regulator.example", ["/insights/regulator/", "/regulator/cases/"])):
        page = a11y.new_page()
        sign_in(page, email)
        for url in pages:
            page.goto(url)
            expect(page.locator("h1")).to_be_visible()
            found[url] = violations(page)
        page.close()
    assert found == {url: [] for url in found}
