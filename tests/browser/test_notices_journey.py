"""Issue 5's sending journey: a DPO imports scoped people into a demo breach, writes the notice
plan, previews real notices with their checks, and sends them by email to a real local SMTP
server (aiosmtpd); each email arrives with the person's reference and a portal code that opens
their notice."""

import re

import polars as pl
import pytest
from playwright.sync_api import expect

from tests.browser.test_journey import sign_in
from tests.web.notices.conftest import Inbox, _free_port


@pytest.fixture
def demo():
    from django.core.management import call_command

    call_command("load_demo", quiet=True)


@pytest.fixture
def smtp(settings):
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                                    "OPTIONS": {"host": "127.0.0.1", "port": controller.port, "timeout": 5}}}
    yield inbox
    controller.stop()


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"


def people_parquet(tmp_path):
    rows = [
        {"person_id": "LAP-1", "name": "Harriet Jones", "email": "harriet.jones@example.org", "address": "7 Canal Street",
         "postcode": "SW1A 1AA", "dob": "1975-04-02", "nino": "QQ123456C", "categories": ["Basic personal identifiers", "Official documents"],
         "child": False, "special_category": False},
        {"person_id": "LAP-2", "name": "Imran Khan", "email": "imran.khan@example.org", "address": "8 Canal Street",
         "postcode": "SW1A 1AA", "dob": "1988-11-12", "nino": None, "categories": ["Basic personal identifiers"],
         "child": False, "special_category": False},
        {"person_id": "LAP-3", "name": "Jodie Lane", "email": "jodie.lane@example.org", "address": "9 Canal Street",
         "postcode": "SW1A 1AA", "dob": "2012-01-30", "nino": None, "categories": ["Basic personal identifiers"],
         "child": True, "special_category": False},
    ]
    path = tmp_path / "people.parquet"
    pl.DataFrame(rows).write_parquet(path)
    return path


def test_dpo_imports_previews_and_sends_notices_by_email(demo, smtp, new_page, tmp_path):
    from breachdesk.web.breaches.models import Breach
    from breachdesk.web.people.crypto import blind_index

    breach = Breach.objects.get(title__startswith="Unencrypted laptop stolen")
    page = new_page()
    sign_in(page, "dpo@northmere.example")

    # Import the people scoping found.
    page.goto(f"/breaches/{breach.public_id}/people/")
    page.get_by_label("The people file from scoping").set_input_files(str(people_parquet(tmp_path)))
    page.get_by_role("button", name="Import people").click()
    expect(page.get_by_text("3 people added and 0 updated")).to_be_visible()

    # Write the notice plan, from the breach page.
    page.goto(f"/breaches/{breach.public_id}/")
    page.get_by_role("link", name="Notices").click()
    expect(page.get_by_role("heading", name="Notice plan")).to_be_visible()
    page.get_by_label("What happened", exact=True).fill("A laptop with a list of council tenants was stolen from a car.")
    page.get_by_label("What you have done", exact=True).fill("We told the police.\nWe locked the laptop remotely.")
    page.get_by_label("Contact email address").fill("dpo@northmere.example")
    page.get_by_label("Helpline number").fill("0808 157 0000")
    page.get_by_role("button", name="Save and preview").click()

    # The preview: real people's notices, each checked.
    expect(page.get_by_role("heading", name="Preview and checks")).to_be_visible()
    expect(page.get_by_test_id("checks-passed")).to_be_visible()
    expect(page.get_by_test_id("sample")).to_have_count(3)
    expect(page.get_by_test_id("sample").first).to_contain_text(re.compile(r"[A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3}"))

    # A campaign by email, then letter; the DPO starts it.
    page.get_by_role("link", name="Set up sending").click()
    page.get_by_label("Name").fill("First notices")
    page.get_by_label("Everyone affected").check()
    page.get_by_label("Send by").select_option("email")
    page.get_by_role("button", name="Create campaign").click()
    expect(page.get_by_role("heading", name="First notices")).to_be_visible()
    page.get_by_role("button", name="Start sending").click()
    expect(page.get_by_text("Sending started: 3 notices queued")).to_be_visible()
    expect(page.get_by_test_id("sent-count")).to_have_text("3")

    # The emails arrived, each with the person's reference and a code that opens their notice.
    assert sorted(m["To"] for m in smtp.messages) == ["harriet.jones@example.org", "imran.khan@example.org",
                                                      "jodie.lane@example.org"]
    for message, parts in smtp.texts():
        person = breach.people.get(email_index=blind_index("email", message["To"]))
        text = parts["text/plain"]
        assert person.reference in text and person.reference in parts["text/html"]
        code = re.search(r"code,?\s+(?:is\s+)?([A-Z0-9]{8})", text.replace("\n", " ")) or re.search(r"Your code: ([A-Z0-9]{8})", text)
        assert code and person.portal_code_matches(code.group(1))
