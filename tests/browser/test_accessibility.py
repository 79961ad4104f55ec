"""axe-core over the pages people use most, against WCAG 2.2 A and AA. Any violation fails."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.test_journey import PASSWORD, current_code

AXE = Path(__file__).resolve().parents[2] / "var" / "node" / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def violations(page):
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `make test-system-deps`")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]]


@pytest.fixture
def a11y_page(browser, live_server):
    # axe is injected as a script, which our Content-Security-Policy would rightly block.
    context = browser.new_context(base_url=live_server.url, bypass_csp=True, locale="en-GB")
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def demo():
    from django.core.management import call_command

    call_command("load_demo", quiet=True)


def test_workspace_pages_have_no_wcag_violations(demo, a11y_page):
    from breachdesk.web.breaches.models import Breach

    page = a11y_page
    found = {}
    page.goto("/accounts/sign-in/")
    found["sign in"] = violations(page)
    page.get_by_role("button", name="Continue").click()  # empty: the error summary
    found["sign in with errors"] = violations(page)
    page.get_by_label("Email address").fill("dpo@northmere.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    found["security code"] = violations(page)
    page.get_by_label("Security code").fill(current_code("dpo@northmere.example"))
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Breach register")).to_be_visible()
    found["register"] = violations(page)
    breach = Breach.objects.filter(status="open").order_by("created_at").first()
    page.goto(f"/breaches/{breach.public_id}/")
    found["breach"] = violations(page)
    page.goto(f"/breaches/{breach.public_id}/edit/")
    found["edit"] = violations(page)
    page.goto("/breaches/report/")
    page.get_by_role("button", name="Send report").click()
    found["report with errors"] = violations(page)
    triage = Breach.objects.get(status="triage")
    page.goto(f"/breaches/{triage.public_id}/confirm/")
    found["confirm"] = violations(page)
    assert {name: v for name, v in found.items() if v} == {}


def test_the_check_finds_a_planted_violation(a11y_page):
    a11y_page.set_content('<html lang="en"><title>t</title><main><input type="text"><img src="x.png"></main></html>')
    found = " ".join(violations(a11y_page))
    assert "label" in found and "image-alt" in found
