"""Channels one by one: the registry, SMS and GOV.UK Notify through the HTTP seam (never the
network), letters and the print pack read back, and the cached renderer against the engine."""

import csv
import json

import pypdfium2 as pdfium
import pytest
from django.utils import timezone

from breachdesk.notices import Exposure, Person, build_notice, render_html, render_text
from breachdesk.web.notices import campaigns, channels, print_pack, sending
from breachdesk.web.notices.adapters import context_for
from breachdesk.web.notices.channels import http
from breachdesk.web.notices.models import Campaign, Delivery
from breachdesk.web.notices.rendering import NoticeRenderer


class FakeTransport:
    def __init__(self, status=201, body=b'{"sid": "SM123", "id": "notify-1"}'):
        self.requests, self.status, self.body = [], status, body

    def request(self, method, url, *, headers, body, timeout):
        self.requests.append({"method": method, "url": url, "headers": headers, "body": body})
        return http.Response(self.status, self.body)


@pytest.fixture
def transport():
    fake = FakeTransport()
    old = http.set_transport(fake)
    yield fake
    http.set_transport(old)


def test_every_channel_is_registered_by_name():
    assert set(channels.REGISTRY) == {"email", "letter", "sms", "notify_email", "notify_letter"}
    assert channels.get("letter").reaches({"address": "1 High St", "postcode": "AB1 2CD"})
    assert not channels.get("email").reaches({"email": "  "})


def _queue_and_run(plan, dpo, channel_names):
    campaign = campaigns.create(plan.breach, dpo, name="x", channels=channel_names)
    campaign.unreachable = sending.queue(campaign).unreachable
    campaign.status = Campaign.Status.SENDING
    campaign.save()
    sending.run(campaign)
    return campaign


def test_sms_goes_through_the_seam_with_reference_and_code(plan, people, dpo, settings, transport):
    settings.BREACHDESK_SMS = {"account_sid": "AC123", "auth_token": "secret", "sender": "Northmere"}
    person = people[0]
    details = person.details
    person.set_details({**details, "phone": "07700900123"})
    person.save()
    campaign = _queue_and_run(plan, dpo, ["sms"])
    delivery = Delivery.objects.get(campaign=campaign, person=person)
    assert (delivery.status, delivery.provider_id) == ("sent", "SM123")
    (sent,) = transport.requests
    assert sent["url"] == "https://api.twilio.com/2010-04-01/Accounts/AC123/Messages.json"
    body = sent["body"].decode()
    person.refresh_from_db()
    assert "To=07700900123" in body and person.reference in body
    code = body.split("code+is+")[1].split(".")[0]
    assert person.portal_code_matches(code)
    assert Campaign.objects.get(pk=campaign.pk).unreachable == 5  # nobody else has a phone


def test_sms_provider_errors_are_retried_or_failed(plan, people, dpo, settings, transport):
    settings.BREACHDESK_SMS = {"account_sid": "AC123", "auth_token": "secret", "sender": "Northmere"}
    person = people[0]
    person.set_details({**person.details, "phone": "07700900123"})
    person.save()
    transport.status = 503
    campaign = _queue_and_run(plan, dpo, ["sms"])
    row = Delivery.objects.get(campaign=campaign)
    assert (row.status, row.attempts) == ("queued", 1) and "503" in row.reason
    transport.status = 400
    Delivery.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
    sending.run(campaign)
    row.refresh_from_db()
    assert row.status == "failed" and "400" in row.reason


def test_notify_email_and_letter_go_through_the_official_client_and_the_seam(plan, people, dpo, settings, transport):
    key = "breachdesk_test-" + "11111111-2222-3333-4444-555555555555" + "-" + "66666666-7777-8888-9999-000000000000"
    settings.BREACHDESK_NOTIFY = {"api_key": key, "email_template_id": "tmpl-1"}
    campaign = _queue_and_run(plan, dpo, ["notify_email", "notify_letter"])
    assert set(Delivery.objects.filter(campaign=campaign).values_list("channel", "status")) == {
        ("notify_email", "sent"), ("notify_letter", "sent")}
    urls = [r["url"] for r in transport.requests]
    assert urls.count("https://api.notifications.service.gov.uk/v2/notifications/email") == 5
    assert urls.count("https://api.notifications.service.gov.uk/v2/notifications/letter") == 1
    email = json.loads(transport.requests[0]["body"])
    assert email["template_id"] == "tmpl-1" and email["reference"].startswith(f"c{campaign.pk}:")
    assert "Dear " in email["personalisation"]["body"]
    assert transport.requests[0]["headers"]["Authorization"].startswith("Bearer ")  # signed by the client


def test_notify_not_configured_is_a_permanent_failure(plan, people, dpo, settings):
    settings.BREACHDESK_NOTIFY = {}
    campaign = _queue_and_run(plan, dpo, ["notify_email"])
    assert set(Delivery.objects.filter(campaign=campaign).values_list("status", "reason")) == {
        ("failed", "GOV.UK Notify is not configured (BREACHDESK_NOTIFY_API_KEY)")}


def test_print_pack_merges_letters_and_lists_them_for_the_print_house(plan, people, dpo):
    campaign = _queue_and_run(plan, dpo, ["letter"])
    letters = Delivery.objects.filter(campaign=campaign, status="sent")
    assert letters.count() == 6
    pack = print_pack.build(campaign, dpo)
    assert pack.letters == 6 and pack.pages == sum(letters.values_list("pages", flat=True))
    pdf = pdfium.PdfDocument(pack.pdf_path)
    assert len(pdf) == pack.pages
    first_page_text = pdf[0].get_textpage().get_text_range()
    pdf.close()
    with open(pack.csv_path, newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["reference"] for r in rows] == [d.person.reference for d in letters.order_by("id")]
    assert rows[0]["reference"] in first_page_text
    assert rows[0]["address_line_1"] == "1 High Street" and rows[0]["postcode"] == "SW1A 1AA"
    assert print_pack.build(campaign, dpo) is None  # every letter is in a pack already


def test_letters_never_show_the_address_on_file_for_a_person_at_risk(plan, people, dpo):
    person = people[0]
    engine_person = Person(name="Olivia Adams", exposure=Exposure(), safeguarding=True, reference=person.reference,
                           portal_code="ABCD2345", address_lines=("1 High Street",))
    rendered = NoticeRenderer(context_for(plan)).render(engine_person, letter=True)
    assert "1 High Street" not in rendered.html


NAMES = ["Olivia Adams", "Bartholomew Christopher Fotheringham-Smythe", "Jo", None, "Ann <script>Evans</script> & Co"]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("child,special,safeguarding,lang,fmt", [
    (False, False, False, "en", "standard"), (True, False, False, "en", "large_print"),
    (False, True, False, "cy", "plain_text"), (False, False, True, "en", "standard")])
def test_the_cached_renderer_gives_exactly_what_the_engine_gives(plan, name, child, special, safeguarding, lang, fmt):
    from dataclasses import replace

    both = lambda en, cy: {"en": en, "cy": cy}  # noqa: E731
    context = replace(context_for(plan), what_happened=both("A list went to the wrong school.", "Aeth rhestr i'r ysgol anghywir."),
                      measures_taken=(both("We asked them to delete it.", "Gofynnon ni iddyn nhw ei dileu."),),
                      prevention=(), signatory_role=None)
    renderer = NoticeRenderer(context)
    for items in [frozenset({"nino"}), frozenset({"sort_code", "account_number", "email"}), frozenset()]:
        person = Person(name=name, exposure=Exposure(items=items, categories=frozenset({"Health data"}) if special else frozenset()),
                        child=child, special_category=special, safeguarding=safeguarding, language=lang, format=fmt,
                        reference="K7Q-3MX-9PD", portal_code="ABCD2345", address_lines=("1 High Street", "SW1A 1AA"))
        notice = build_notice(context, person)
        rendered = renderer.render(person)
        assert rendered.subject == notice.subject
        assert rendered.text == render_text(notice)
        assert rendered.html == render_html(notice)


def test_the_code_is_added_when_the_notice_does_not_print_it():
    from breachdesk.web.notices.sending import with_code

    text, html = with_code("Dear Ann,\n", "<main><article><p>Dear Ann,</p></article></main>", "K7Q-3MX-9PD", "ABCD2345")
    assert text.endswith("Your reference: K7Q-3MX-9PD\nYour code: ABCD2345\n")
    assert html.index("ABCD2345") < html.index("</article>")
    assert with_code("code ABCD2345", "<p>x</p>", "K7Q-3MX-9PD", "ABCD2345") == ("code ABCD2345", "<p>x</p>")


def test_notify_statuses_mark_delivered_or_fall_back(plan, people, dpo, settings, transport):
    from breachdesk.web.notices.channels import notify

    key = "breachdesk_test-" + "11111111-2222-3333-4444-555555555555" + "-" + "66666666-7777-8888-9999-000000000000"
    settings.BREACHDESK_NOTIFY = {"api_key": key, "email_template_id": "tmpl-1"}
    transport.body = b'{"id": "n-1"}'
    campaign = _queue_and_run(plan, dpo, ["notify_email", "letter"])
    rows = Delivery.objects.filter(campaign=campaign, channel="notify_email").order_by("id")
    ids = [f"n-{i}" for i in range(rows.count())]
    for row, notify_id in zip(rows, ids, strict=True):
        Delivery.objects.filter(pk=row.pk).update(provider_id=notify_id)
    statuses = {ids[0]: "permanent-failure", ids[1]: "sending"}

    class Statuses(FakeTransport):
        def request(self, method, url, *, headers, body, timeout):
            notify_id = url.rsplit("/", 1)[-1]
            return http.Response(200, json.dumps({"id": notify_id, "status": statuses.get(notify_id, "delivered")}).encode())

    http.set_transport(Statuses())
    counts = notify.refresh_statuses(campaign)
    assert counts == {"delivered": len(ids) - 2, "bounced": 1, "failed": 0}
    bounced = Delivery.objects.get(campaign=campaign, provider_id=ids[0])
    assert bounced.status == "bounced"
    assert Delivery.objects.filter(campaign=campaign, person=bounced.person, channel="letter", status="queued").exists()
    assert Delivery.objects.get(campaign=campaign, provider_id=ids[1]).status == "sent"
