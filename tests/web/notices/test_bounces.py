"""Bounces that arrive later, as delivery status notifications in a mailbox: the notice sent to
the real SMTP server is matched by its Message-ID, a permanent failure falls back to a letter,
a delay changes nothing, and anything else in the mailbox is counted and left alone."""

import mailbox
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from breachdesk.web.audit.models import AuditEntry
from breachdesk.web.notices import bounces, campaigns
from breachdesk.web.notices.models import Campaign, Delivery


def dsn(message_id, *, action="failed", status="5.2.2", headers_as="text/rfc822-headers", to="olivia@example.org"):
    """A report in the form Postfix writes one (RFC 3464), as bytes off the wire."""
    original_headers = (f"From: notices@northmere.example\r\nTo: {to}\r\nMessage-ID: {message_id}\r\n"
                        "Subject: important news about your personal information\r\n")
    if headers_as == "message/rfc822":
        original = f"Content-Type: message/rfc822\r\n\r\n{original_headers}\r\nThe notice text.\r\n"
    else:
        original = f"Content-Type: text/rfc822-headers\r\n\r\n{original_headers}"
    return (
        "From: MAILER-DAEMON@mx.example.org (Mail Delivery System)\r\n"
        "To: bounces@northmere.example\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B1"\r\n\r\n'
        "--B1\r\nContent-Type: text/plain\r\n\r\nI'm sorry to have to inform you that your message could not be delivered.\r\n"
        "--B1\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mx.example.org\r\nArrival-Date: Sat, 21 Nov 2026 10:00:00 +0000\r\n\r\n"
        f"Final-Recipient: rfc822; {to}\r\nOriginal-Recipient: rfc822;{to}\r\n"
        f"Action: {action}\r\nStatus: {status}\r\nDiagnostic-Code: smtp; 552 {status} Mailbox full\r\n\r\n"
        f"--B1\r\n{original}\r\n--B1--\r\n"
    ).encode()


@pytest.fixture
def sent(plan, people, dpo, smtp, django_capture_on_commit_callbacks):
    campaign = campaigns.create(plan.breach, dpo, name="First notices", channels=["email", "letter"])
    with django_capture_on_commit_callbacks(execute=True):
        campaigns.start(campaign, dpo)
    return campaign


def olivia_message_id(smtp):
    return next(m["Message-ID"] for m in smtp.messages if m["To"] == "olivia@example.org")


def maildir_with(tmp_path, *messages):
    box = mailbox.Maildir(tmp_path / "bounces", create=True)
    for raw in messages:
        box.add(raw)
    box.close()
    return tmp_path / "bounces"


def test_a_permanent_failure_reported_later_falls_back_to_a_letter(sent, smtp, tmp_path, django_capture_on_commit_callbacks):
    path = maildir_with(tmp_path, dsn(olivia_message_id(smtp)))
    with django_capture_on_commit_callbacks(execute=True):
        counts = bounces.process(path)
    assert counts == {"bounced": 1}
    email = Delivery.objects.get(campaign=sent, person__scope_person_id="P0", channel="email")
    assert email.status == "bounced"
    assert "5.2.2" in email.reason and "olivia" not in email.reason
    letter = Delivery.objects.get(campaign=sent, person__scope_person_id="P0", channel="letter")
    assert letter.status == "sent"  # the worker ran on commit (immediate backend in tests)
    entry = AuditEntry.objects.filter(action="delivery_bounce").get()
    assert entry.detail["delivery"] == email.public_id and "olivia" not in str(entry.detail)
    assert Campaign.objects.get(pk=sent.pk).status == Campaign.Status.DONE


def test_the_same_mailbox_read_twice_changes_nothing_the_second_time(sent, smtp, tmp_path):
    path = maildir_with(tmp_path, dsn(olivia_message_id(smtp), headers_as="message/rfc822"))
    assert bounces.process(path) == {"bounced": 1}
    assert bounces.process(path) == {"already recorded": 1}
    assert Delivery.objects.filter(campaign=sent, person__scope_person_id="P0", channel="letter").count() == 1


def test_delays_strangers_and_junk_are_counted_and_left_alone(sent, smtp, tmp_path):
    message_id = olivia_message_id(smtp)
    path = maildir_with(
        tmp_path,
        dsn(message_id, action="delayed", status="4.2.2"),
        dsn("<c999.p1.email@northmere.example>"),
        b"From: someone@example.org\r\nSubject: out of office\r\n\r\nI am away until Monday.\r\n",
        b"\x00\xff\xfe not a message at all",
    )
    counts = bounces.process(path, delete=True)
    assert counts == {"temporary (left as sent)": 1, "no matching notice": 1, "not a delivery report": 2}
    assert Delivery.objects.get(campaign=sent, person__scope_person_id="P0", channel="email").status == "sent"
    assert len(mailbox.Maildir(path, create=False)) == 4  # nothing dealt with, nothing removed


def test_delete_removes_only_what_was_dealt_with(sent, smtp, tmp_path):
    path = maildir_with(tmp_path, dsn(olivia_message_id(smtp)), b"Subject: hello\r\n\r\nnot a bounce\r\n")
    bounces.process(path, delete=True)
    left = mailbox.Maildir(path, create=False)
    assert [m["Subject"] for m in left] == ["hello"]


def test_an_mbox_file_works_and_the_command_prints_counts(sent, smtp, tmp_path):
    box = mailbox.mbox(tmp_path / "bounces.mbox", create=True)
    box.add(dsn(olivia_message_id(smtp)))
    box.close()
    out = StringIO()
    call_command("process_bounces", str(tmp_path / "bounces.mbox"), stdout=out)
    assert out.getvalue().strip() == "bounced: 1"


def test_the_command_says_plainly_when_there_is_no_mailbox(tmp_path, db):
    with pytest.raises(CommandError, match="no mailbox at that path"):
        call_command("process_bounces", str(tmp_path / "missing"))
    (tmp_path / "folder").mkdir()
    with pytest.raises(CommandError, match="not a Maildir"):
        call_command("process_bounces", str(tmp_path / "folder"))


@pytest.mark.parametrize(("action", "status", "permanent"), [
    ("failed", "5.1.1", True), ("failed", "4.4.7", False), ("delayed", "4.2.2", False), ("delivered", "2.0.0", False),
])
def test_only_a_failed_action_with_a_5xx_status_is_a_bounce(action, status, permanent):
    from email import message_from_bytes

    report = bounces.read_report(message_from_bytes(dsn("<x@y>", action=action, status=status)))
    assert (report.message_id, report.action, report.status) == ("<x@y>", action, status)
    assert report.permanent is permanent
