from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from breachdesk.web.breaches import services
from breachdesk.web.breaches.models import Breach, Event
from breachdesk.web.breaches.states import TransitionError


def test_reporting_creates_an_incident_with_a_reference_and_tells_the_dpo(
        signed_in, reporter, dpo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(reporter).post(reverse("breaches:report"), {
            "title": "Letters sent to old addresses", "what_happened": "Twelve letters went to old addresses.",
            "noticed_at": (timezone.localtime() - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "data_involved_initial": "names and council tax balances"})
    assert response.status_code == 200
    breach = Breach.objects.get()
    assert breach.reference == f"NBC-{timezone.now().year}-0001"
    assert breach.reference in response.content.decode()
    assert breach.status == "reported" and breach.reported_by == reporter
    (email,) = mail.outbox
    assert sorted(email.to) == ["dp-inbox@northmere.example", "dpo@northmere.example"]
    assert breach.reference in email.subject
    assert "council tax" not in email.body and "Twelve letters" not in email.body  # no details by email


def test_references_count_up_per_organisation(reporter, outsider):
    now = timezone.now()
    a = services.report_incident(reporter, title="a", what_happened="a", noticed_at=now)
    b = services.report_incident(reporter, title="b", what_happened="b", noticed_at=now)
    c = services.report_incident(outsider, title="c", what_happened="c", noticed_at=now)
    assert (a.reference[-4:], b.reference[-4:]) == ("0001", "0002")
    assert c.reference.startswith("EHA-") and c.reference.endswith("0001")


def test_report_form_errors_keep_what_was_typed(signed_in, reporter):
    response = signed_in(reporter).post(reverse("breaches:report"), {
        "title": "", "what_happened": "Something I typed carefully", "noticed_at": "2099-01-01T10:00"})
    page = response.content.decode()
    assert response.status_code == 200 and Breach.objects.count() == 0
    assert "There is a problem" in page
    assert "The time when it was noticed must be in the past" in page
    assert "Something I typed carefully" in page
    assert 'href="#id_title"' in page  # the error summary links to the field


def test_confirm_checks_the_facts_and_starts_the_clock(signed_in, handler, incident):
    client = signed_in(handler)
    client.post(reverse("breaches:transition", args=[incident.public_id, "triage"]))
    url = reverse("breaches:confirm", args=[incident.public_id])
    now = timezone.localtime()
    bad = client.post(url, {"title": incident.title, "what_happened": "x", "staff_trained": "unknown",
                            "aware_at": (now - timedelta(hours=5)).strftime("%Y-%m-%dT%H:%M"),
                            "occurred_at": (now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
                            "people_estimate": "50", "records_estimate": "10"})
    page = bad.content.decode()
    assert "cannot be before the time when it happened" in page
    assert "The number of people cannot be more than the number of records" in page
    assert "Choose the incident type" in page
    assert "Choose at least one of confidentiality, integrity or availability" in page
    incident.refresh_from_db()
    assert incident.status == "triage" and incident.aware_at is None

    good = client.post(url, {"title": incident.title, "what_happened": "x", "staff_trained": "yes",
                             "aware_at": (now - timedelta(hours=5)).strftime("%Y-%m-%dT%H:%M"),
                             "incident_type": "non-cyber:failure-to-redact", "is_cyber": "False",
                             "confidentiality": "on", "data_categories": ["Basic personal identifiers", "Location data"],
                             "people_estimate": "3", "records_estimate": "3", "regime": "uk-gdpr"})
    assert good.status_code == 302
    incident.refresh_from_db()
    assert incident.status == "open" and incident.deadline_rule == "uk-gdpr/2018-05-25"
    remaining = incident.clock().remaining
    assert timedelta(hours=66, minutes=55) < remaining <= timedelta(hours=67)
    page = client.get(reverse("breaches:detail", args=[incident.public_id])).content.decode()
    assert "2 days 18 hours left to report" in page  # 66 h 55 m, as a person reads it


def test_cyber_answer_must_match_incident_type(signed_in, handler, breach):
    response = signed_in(handler).post(reverse("breaches:edit", args=[breach.public_id]), {
        "title": breach.title, "what_happened": "x", "staff_trained": "yes", "is_cyber": "False",
        "incident_type": "cyber:ransomware", "availability": "on"})
    assert "does not match whether this was a cyber incident" in response.content.decode()


def test_edits_are_on_the_timeline_with_old_and_new(signed_in, handler, breach):
    signed_in(handler).post(reverse("breaches:edit", args=[breach.public_id]), {
        "title": "New title", "what_happened": breach.what_happened, "staff_trained": "no",
        "incident_type": breach.incident_type, "is_cyber": "False", "confidentiality": "on",
        "people_estimate": "30", "records_estimate": "30", "data_categories": ["Basic personal identifiers"]})
    event = breach.events.filter(kind=Event.Kind.EDITED).order_by("-id").first()
    assert event.changes["title"] == ["Spreadsheet sent to the wrong school", "New title"]
    assert event.changes["staff_trained"] == ["unknown", "no"]


def test_changing_awareness_needs_a_reason_and_keeps_the_old_time(signed_in, dpo, breach):
    old = breach.aware_at
    client = signed_in(dpo)
    url = reverse("breaches:awareness", args=[breach.public_id])
    new = timezone.localtime(old - timedelta(hours=24)).strftime("%Y-%m-%dT%H:%M")
    assert "Say why the time is changing" in client.post(url, {"aware_at": new, "reason": ""}).content.decode()
    assert Breach.objects.get(pk=breach.pk).aware_at == old
    client.post(url, {"aware_at": new, "reason": "The IT team knew a day earlier"})
    breach.refresh_from_db()
    assert breach.aware_at < old
    event = breach.events.get(kind=Event.Kind.AWARENESS)
    assert event.changes["aware_at"][0] == old.isoformat() and "a day earlier" in event.text


def test_state_machine_refuses_skips_and_needs_reasons(breach, handler):
    with pytest.raises(TransitionError):
        services.transition(breach, handler, "triage")
    with pytest.raises(TransitionError, match="reason"):
        services.transition(breach, handler, "closed", "")
    services.transition(breach, handler, "contained")
    services.transition(breach, handler, "closed", "All done")
    services.transition(breach, handler, "reopened", "New facts")
    assert [e.changes["status"] for e in breach.events.filter(kind="status").order_by("at", "id")][-3:] == [
        ["open", "contained"], ["contained", "closed"], ["closed", "reopened"]]


def test_closing_an_incident_as_not_a_breach_keeps_it_out_of_the_register(incident, handler):
    services.transition(incident, handler, "closed", "Blank forms, no personal data")
    incident.refresh_from_db()
    assert incident.closure == "not_a_breach" and incident.clock() is None
    assert not Breach.objects.in_register().filter(pk=incident.pk).exists()


def test_not_reporting_decision_is_recorded_with_reasons(signed_in, dpo, breach):
    signed_in(dpo).post(reverse("breaches:decision", args=[breach.public_id]), {
        "decision": "not_reporting", "reasons": "Recipient is a trusted partner who deleted it."})
    breach.refresh_from_db()
    assert breach.not_reported_reason == "Recipient is a trusted partner who deleted it."
    assert breach.events.get(kind="decision").decision == "not_reporting"


def test_a_late_report_needs_reasons_for_delay(dpo, breach):
    breach.aware_at = timezone.now() - timedelta(hours=80)
    breach.save()
    assert breach.clock().urgency == "overdue" and breach.needs_delay_reasons
    with pytest.raises(TransitionError, match="delay"):
        services.record_decision(breach, dpo, "reported", "Reported today", reported_at=timezone.now())
    services.update(breach, dpo, {"delay_reasons": "The laptop's contents were only confirmed on day 4."})
    services.record_decision(breach, dpo, "reported", "Reported today", reported_at=timezone.now())
    breach.refresh_from_db()
    assert breach.clock().urgency == "reported" and not breach.needs_delay_reasons


def test_clock_is_shown_in_uk_time_across_the_clocks_going_back(signed_in, dpo, breach):
    from datetime import UTC, datetime

    breach.aware_at = datetime(2026, 10, 23, 8, 0, tzinfo=UTC)  # 09:00 BST on Friday
    breach.save()
    with time_machine.travel(datetime(2026, 10, 24, 8, 0, tzinfo=UTC), tick=False):
        page = signed_in(dpo).get(reverse("breaches:detail", args=[breach.public_id])).content.decode()
    assert "Monday 26 October 2026, 08:00" in page  # 72 real hours later, in GMT
    assert "2 days left to report" in page


def test_register_filters(signed_in, dpo, breach, reporter):
    services.report_incident(reporter, title="Another", what_happened="x", noticed_at=timezone.now())
    client = signed_in(dpo)
    url = reverse("breaches:register")
    page = client.get(url, {"status": "open"}).content.decode()
    assert breach.reference in page and "Another" not in page
    page = client.get(url, {"clock": "running"}).content.decode()
    assert breach.reference in page and "Another" not in page
    page = client.get(url, {"category": "Health data"}).content.decode()
    assert breach.reference not in page
    page = client.get(url, {"category": "Basic personal identifiers", "people": "10 to 99"}).content.decode()
    assert breach.reference in page


def test_detail_view_is_audited(signed_in, dpo, breach):
    from breachdesk.web.audit.models import AuditEntry

    signed_in(dpo).get(reverse("breaches:detail", args=[breach.public_id]))
    entry = AuditEntry.objects.filter(action="view").last()
    assert entry.object_id == breach.public_id and entry.actor_id == dpo.pk


def test_export_xlsx_and_csv(signed_in, dpo, breach):
    import polars as pl

    from breachdesk.web.breaches import export

    breach.title = "=HYPERLINK(\"http://x\")"
    breach.save()
    csv_bytes = export.to_csv([export.row(breach)])
    assert b"'=HYPERLINK" in csv_bytes  # formula injection defused
    sheet = pl.read_excel(export.to_xlsx([export.row(breach)]))
    assert sheet.columns == export.COLUMNS
    assert sheet["Reference"][0] == breach.reference and sheet["Title"][0] == breach.title


@pytest.mark.parametrize("name,content,refusal", [
    ("letter.pdf", b"%PDF-1.7\n...", None),
    ("photo.png", b"\x89PNG\r\n\x1a\n....", None),
    ("notes.txt", "Café notes".encode(), None),
    ("invoice.pdf", b"MZ\x90\x00 an executable", "it is not really a .pdf file"),
    ("tool.exe", b"MZ\x90\x00", "Files of type &#x27;.exe&#x27; cannot be uploaded"),
    ("fake.docx", b"%PDF-1.4", "it is not really a .docx file"),
    ("notes.txt", b"\x00\x01\x02binary", "it is not a .txt text file"),
    ("empty.pdf", b"", "The file is empty"),
])
def test_evidence_is_sniffed(signed_in, handler, breach, tmp_path, settings, name, content, refusal):
    ok = refusal is None
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.PRIVATE_STORAGE_ROOT = tmp_path
    client = signed_in(handler)
    response = client.post(reverse("breaches:evidence", args=[breach.public_id]),
                           {"file": SimpleUploadedFile(name, content)}, follow=True)
    assert breach.evidence.count() == (1 if ok else 0)
    if ok:
        import hashlib
        item = breach.evidence.get()
        assert item.sha256 == hashlib.sha256(content).hexdigest()
        stored = tmp_path / item.stored_as
        assert stored.read_bytes() == content and oct(stored.stat().st_mode)[-3:] == "600"
        download = client.get(reverse("breaches:evidence_download", args=[breach.public_id, item.public_id]))
        assert b"".join(download.streaming_content) == content
        assert download["Content-Disposition"].startswith("attachment")
    else:
        assert refusal in response.content.decode()


def test_evidence_over_the_size_limit_is_refused(signed_in, handler, breach, tmp_path, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.PRIVATE_STORAGE_ROOT = tmp_path
    settings.BREACHDESK_MAX_UPLOAD_MB = 1
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (1024 * 1024 + 1))
    page = signed_in(handler).post(reverse("breaches:evidence", args=[breach.public_id]), {"file": big}, follow=True)
    assert "too large" in page.content.decode() and breach.evidence.count() == 0
    assert not any(tmp_path.rglob("*"))


def test_empty_report_says_what_to_do_in_plain_words(signed_in, reporter):
    page = signed_in(reporter).post(reverse("breaches:report"), {}).content.decode()
    for message in ("Enter a short title", "Say what happened", "Enter when you noticed it"):
        assert message in page
    assert "This field is required" not in page


def test_pecr_monthly_log_is_the_register_filtered_by_law_and_month(signed_in, dpo, breach, reporter, handler):
    from datetime import UTC, datetime

    pecr = services.report_incident(reporter, title="Call records exposed", what_happened="x", noticed_at=timezone.now())
    pecr.regime = "pecr"
    pecr.save()
    services.transition(pecr, handler, "triage")
    # 23:30 UTC on 30 September is 00:30 BST on 1 October: the log counts UK months
    services.confirm_breach(pecr, handler, {"aware_at": datetime(2026, 9, 30, 23, 30, tzinfo=UTC),
                                            "incident_type": "cyber:unauthorised-access", "confidentiality": True})
    client = signed_in(dpo)
    page = client.get(reverse("breaches:register"), {"regime": "pecr", "month": "2026-10"}).content.decode()
    assert pecr.reference in page and breach.reference not in page
    page = client.get(reverse("breaches:register"), {"regime": "pecr", "month": "2026-09"}).content.decode()
    assert pecr.reference not in page
    assert "Enter a month like 2026-11" in client.get(reverse("breaches:register"), {"month": "Nov"}).content.decode()


def test_a_decision_not_to_report_stops_the_clock_and_a_later_one_to_report_restarts_it(dpo, breach):
    breach.aware_at = timezone.now() - timedelta(hours=100)
    breach.save()
    services.record_decision(breach, dpo, "not_reporting", "Trusted recipient deleted it.")
    assert breach.clock().urgency == "not-reporting" and not breach.needs_delay_reasons
    services.record_decision(breach, dpo, "report", "New facts: the recipient kept a copy.")
    breach.refresh_from_db()
    assert breach.not_reported_reason == "" and breach.clock().urgency == "overdue" and breach.needs_delay_reasons
