"""Sending notices through real channels: a real SMTP server (aiosmtpd), PDF letters read back,
bounces falling back to letters, a server going away, a worker dying."""

from datetime import timedelta

import pypdfium2 as pdfium
import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.utils import timezone

from breachdesk.web.notices import campaigns, sending
from breachdesk.web.notices.channels.letter import letter_path
from breachdesk.web.notices.models import Campaign, Delivery


def make_campaign(breach, user, **fields):
    fields.setdefault("name", "First notices")
    fields.setdefault("channels", ["email", "letter"])
    return campaigns.create(breach, user, **fields)


def start(campaign, dpo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return campaigns.start(campaign, dpo)


def pdf_text(path):
    pdf = pdfium.PdfDocument(path)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()


def test_notices_arrive_by_email_with_reference_and_portal_code(plan, people, dpo, smtp, django_capture_on_commit_callbacks):
    campaign = make_campaign(plan.breach, dpo)
    queued = start(campaign, dpo, django_capture_on_commit_callbacks)
    assert queued == 6  # five by email; Ella has no email, so a letter
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.DONE
    assert len(smtp.messages) == 5
    by_to = {m["To"]: (m, parts) for m, parts in smtp.texts()}
    message, parts = by_to["olivia@example.org"]
    olivia = next(p for p in people if p.scope_person_id == "P0")
    olivia.refresh_from_db()
    assert set(parts) == {"text/plain", "text/html"}
    assert message["Subject"].strip() == "Northmere Borough Council: important news about your personal information"
    assert olivia.reference in parts["text/plain"] and olivia.reference in parts["text/html"]
    code = next(line.split(":")[-1].strip().rstrip(".") for line in parts["text/plain"].splitlines() if "code" in line.lower() and any(c.isdigit() for c in line))
    assert olivia.portal_code_matches(code.split()[-1].strip(",."))
    assert "National Insurance number" in parts["text/plain"]
    assert message["Message-ID"].startswith(f"<c{campaign.pk}.p{olivia.pk}.email@")
    deliveries = Delivery.objects.filter(campaign=campaign)
    assert sorted(deliveries.values_list("channel", "status")) == [("email", "sent")] * 5 + [("letter", "sent")]
    letter = deliveries.get(channel="letter")
    text = pdf_text(letter_path(letter.key))
    ella = letter.person
    assert ella.reference in text and "5 Station Road" in text and "SW1A 1AA" in text
    assert letter.pages >= 1


def test_a_child_notice_goes_to_the_parent_and_sensitive_information_gets_its_advice(plan, people, dpo, smtp, django_capture_on_commit_callbacks):
    start(make_campaign(plan.breach, dpo), dpo, django_capture_on_commit_callbacks)
    by_to = {m["To"]: parts["text/plain"] for m, parts in smtp.texts()}
    assert "Dear parent or guardian," in by_to["cara@example.org"]
    assert "your child's" in by_to["cara@example.org"]
    assert "health" in by_to["dev@example.org"].lower()


def test_safeguarding_people_are_held_out_of_every_automatic_send(plan, people, dpo, smtp, django_capture_on_commit_callbacks):
    finn = next(p for p in people if p.scope_person_id == "P5")
    finn.safeguarding = True
    finn.save()
    campaign = make_campaign(plan.breach, dpo)
    start(campaign, dpo, django_capture_on_commit_callbacks)
    campaign.refresh_from_db()
    assert campaign.held == 1
    assert "finn@example.org" not in {m["To"] for m in smtp.messages}
    assert not Delivery.objects.filter(person=finn).exists()


def test_a_bounced_email_falls_back_to_a_letter(plan, people, dpo, smtp, django_capture_on_commit_callbacks):
    smtp.refuse.add("ben@example.org")
    campaign = make_campaign(plan.breach, dpo)
    start(campaign, dpo, django_capture_on_commit_callbacks)
    ben = next(p for p in people if p.scope_person_id == "P1")
    email, letter = Delivery.objects.filter(person=ben).order_by("id")
    assert (email.channel, email.status, email.attempts) == ("email", "bounced", 1)
    assert "550" in email.reason and "ben@" not in email.reason
    assert (letter.channel, letter.status) == ("letter", "sent")
    text = pdf_text(letter_path(letter.key))
    ben.refresh_from_db()
    assert ben.reference in text and "2 Mill Lane" in text
    assert "bank" in text.lower()


def test_a_later_bounce_report_also_falls_back(plan, people, dpo, smtp, django_capture_on_commit_callbacks):
    campaign = make_campaign(plan.breach, dpo)
    start(campaign, dpo, django_capture_on_commit_callbacks)
    olivia_email = Delivery.objects.get(person__scope_person_id="P0", channel="email")
    letter = sending.record_bounce(olivia_email, "mailbox full (5.2.2)")
    assert letter.channel == "letter" and letter.status == "queued"
    sending.run(campaign)
    letter.refresh_from_db()
    assert letter.status == "sent"


def test_a_server_that_goes_away_leaves_every_notice_sent_once_or_queued(plan, people, dpo, smtp, django_capture_on_commit_callbacks):
    smtp.die_after = 2
    campaign = make_campaign(plan.breach, dpo, channels=["email"])
    start(campaign, dpo, django_capture_on_commit_callbacks)
    statuses = dict(Delivery.objects.filter(campaign=campaign).values_list("person__scope_person_id", "status"))
    assert len(smtp.messages) == 2
    assert sorted(statuses.values()) == ["queued", "queued", "queued", "sent", "sent"]
    assert not Delivery.objects.filter(campaign=campaign, status__in=["sending", "failed"]).exists()
    assert Campaign.objects.get(pk=campaign.pk).status == Campaign.Status.SENDING

    smtp.die_after = None
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        sending.run(campaign)
    assert sorted(m["To"] for m in smtp.messages) == sorted({m["To"] for m in smtp.messages})  # nobody twice
    assert len(smtp.messages) == 5
    assert set(Delivery.objects.filter(campaign=campaign).values_list("status", flat=True)) == {"sent"}


def test_with_no_server_at_all_nothing_is_lost(plan, people, dpo, settings, django_capture_on_commit_callbacks):
    from tests.web.notices.conftest import _free_port

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                                    "OPTIONS": {"host": "127.0.0.1", "port": _free_port(), "timeout": 2}}}
    campaign = make_campaign(plan.breach, dpo, channels=["email"])
    start(campaign, dpo, django_capture_on_commit_callbacks)
    rows = Delivery.objects.filter(campaign=campaign)
    assert set(rows.values_list("status", flat=True)) == {"queued"}
    assert all(r.next_attempt_at > timezone.now() and r.attempts == 0 for r in rows)
    assert "could not connect" in rows[0].reason


def test_a_worker_that_dies_mid_campaign_leaves_no_duplicate_and_no_loss(plan, people, dpo, smtp, django_capture_on_commit_callbacks):
    campaign = make_campaign(plan.breach, dpo, channels=["email"])
    with transaction.atomic():
        sending.queue(campaign)
        Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.SENDING)
    # Worker A claims everything, sends one, is half-way through a second, and dies.
    ids = sending.claim(campaign, "worker-a")
    first, second = Delivery.objects.filter(id__in=ids).order_by("id")[:2]
    dead = sending.Sender(campaign, worker="worker-a")
    dead._send_group("email", [first])
    Delivery.objects.filter(pk=second.pk).update(status="sending")
    assert len(smtp.messages) == 1

    # A new worker right away: the claims are still leased to A, so it sends nothing.
    assert sending.run(campaign) == {"sent": 0, "failed": 0, "bounced": 0, "retry": 0}
    # After the lease, it takes over: the rest are sent, the one in flight is not resent.
    with time_machine.travel(timezone.now() + sending.LEASE + timedelta(minutes=1)):
        sending.run(campaign)
    second.refresh_from_db()
    assert second.status == "failed" and "interrupted" in second.reason
    tos = [m["To"] for m in smtp.messages]
    assert len(tos) == len(set(tos)) == 4
    assert Delivery.objects.filter(campaign=campaign, status="sent").count() == 4
    assert not Delivery.objects.filter(campaign=campaign, status__in=["queued", "sending"]).exists()

    # A person checks the mail log, finds it did not go, and sends it again.
    with django_capture_on_commit_callbacks(execute=True):
        assert campaigns.resend_interrupted(campaign, dpo) == 1
    second.refresh_from_db()
    assert second.status == "sent" and len(smtp.messages) == 5
    with pytest.raises(campaigns.CampaignError):
        campaigns.resend_interrupted(campaign, dpo)


def test_queueing_twice_never_queues_anyone_twice(plan, people, dpo):
    campaign = make_campaign(plan.breach, dpo)
    first = sending.queue(campaign)
    sending.queue(campaign)
    assert Delivery.objects.filter(campaign=campaign).count() == first.queued == 6
    row = Delivery.objects.filter(campaign=campaign).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Delivery.objects.create(campaign=campaign, person=row.person, channel=row.channel, key="other-key")


def test_pause_and_resume(plan, people, dpo, smtp, django_capture_on_commit_callbacks):
    campaign = make_campaign(plan.breach, dpo, channels=["email"])
    with transaction.atomic():
        sending.queue(campaign)
        Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.SENDING)
    campaigns.pause(campaign, dpo)
    assert sending.run(campaign) == {}
    assert smtp.messages == []
    with django_capture_on_commit_callbacks(execute=True):
        campaigns.resume(campaign, dpo)
    assert len(smtp.messages) == 5
    assert Campaign.objects.get(pk=campaign.pk).status == Campaign.Status.DONE


def test_throttle_sends_one_batch_a_minute(plan, people, dpo, smtp, django_capture_on_commit_callbacks):
    campaign = make_campaign(plan.breach, dpo, channels=["email"], throttle_per_minute=2)
    start(campaign, dpo, django_capture_on_commit_callbacks)
    assert len(smtp.messages) == 2
    sending.run(campaign)
    assert len(smtp.messages) == 4


def test_a_scheduled_campaign_waits_for_its_time(plan, people, dpo, smtp, django_capture_on_commit_callbacks):
    campaign = make_campaign(plan.breach, dpo, channels=["email"], scheduled_at=timezone.now() + timedelta(hours=2))
    start(campaign, dpo, django_capture_on_commit_callbacks)
    assert smtp.messages == []
    with time_machine.travel(timezone.now() + timedelta(hours=3)):
        sending.run(campaign)
    assert len(smtp.messages) == 5


def test_audiences(plan, people, dpo):
    def refs(**fields):
        campaign = make_campaign(plan.breach, dpo, **fields)
        return sorted(campaigns.audience(campaign).values_list("scope_person_id", flat=True))

    assert refs(audience="all") == ["P0", "P1", "P2", "P3", "P4", "P5"]
    assert refs(audience="high_risk") == ["P0", "P1", "P2", "P3"]  # NI number, bank details, a child, health
    assert refs(audience="category", audience_category="Health data") == ["P3"]
    assert refs(audience="references", audience_references=[people[4].reference]) == ["P4"]
