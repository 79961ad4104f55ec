"""Notice emails written straight to bytes: parsed back with the email package, they are the
message Django's mail framework would have made, and correct MIME however odd the content."""

import email
from email import policy
from email.utils import parsedate_to_datetime

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives

from breachdesk.web.notices import campaigns, sending
from breachdesk.web.notices.channels import Outgoing, mime
from breachdesk.web.notices.channels.email import EmailChannel, message_id
from breachdesk.web.notices.models import Campaign, Delivery

WELSH_FROM = "Cyngor Sir Ynys Môn <breachdesk@ynysmon.example>"
WELSH_SUBJECT = "Cyngor Sir Ynys Môn: newyddion pwysig am eich gwybodaeth bersonol — darllenwch hwn heddiw"


def parse(raw: bytes):
    return email.message_from_bytes(raw, policy=policy.default)


def leaves(message):
    return [(p.get_content_type(), p) for p in message.walk() if not p.is_multipart()]


def content(part) -> str:
    # A quoted-printable body's line breaks decode as CRLF; 7bit ones as they were sent.
    return part.get_content().replace("\r\n", "\n")


def check_wellformed(raw: bytes):
    assert b"\n" not in raw.replace(b"\r\n", b""), "every line ends in CRLF"
    assert all(len(line) <= mime.MAX_LINE for line in raw.split(b"\r\n"))
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert head.isascii() and all(len(line) <= 78 for line in head.split(b"\r\n"))
    message = parse(raw)
    assert not message.defects and all(not p.defects for p in message.walk())
    assert message["MIME-Version"] == "1.0" and message.get_content_type() == "multipart/alternative"
    assert parsedate_to_datetime(message["Date"]).tzinfo is not None
    types = [t for t, _ in leaves(message)]
    assert types == ["text/plain", "text/html"]
    for _, part in leaves(message):
        assert part.get_content_charset() == "utf-8"
        assert part["Content-Transfer-Encoding"] in ("7bit", "quoted-printable")
    return message


def build(builder=None, **fields):
    fields = {"to": "ann@example.org", "subject": "Northmere: important news", "text": "Dear Ann,\n\nHello.\n",
              "html": "<p>Dear Ann,</p>\n<p>Hello.</p>\n", "message_id": "<c1.p2.email@northmere.example>",
              **fields}
    return (builder or mime.MimeBuilder("breachdesk <breachdesk@northmere.example>")).build(**fields)


def test_non_ascii_sender_and_subject_become_encoded_words_and_read_back():
    raw = build(mime.MimeBuilder(WELSH_FROM), subject=WELSH_SUBJECT)
    message = check_wellformed(raw)
    assert b"=?utf-8?" in raw.split(b"\r\n\r\n", 1)[0]
    assert message["From"] == WELSH_FROM and message["From"].addresses[0].display_name == "Cyngor Sir Ynys Môn"
    assert message["Subject"] == WELSH_SUBJECT


@pytest.mark.parametrize("text,encoding", [
    ("Dear Ann,\n\nAll ASCII, short lines.\n", "7bit"),
    ("Annwyl Siân,\n\nRydym yn ymddiheuro. Ŵyr, ŷd, â.\n", "quoted-printable"),
    ("A line far too long for SMTP: " + "x" * 1200 + "\nand a short one\n", "quoted-printable"),
    ("Trailing spaces   \n.\nA line that is only a dot, tabs\tand = signs, --=_bd not a boundary\n", "7bit"),
    ("Windows line ends\r\nand an old Mac one\rend", "7bit"),
])
def test_bodies_are_7bit_when_they_can_be_and_quoted_printable_otherwise(text, encoding):
    raw = build(text=text, html=f"<pre>{text}</pre>")
    message = check_wellformed(raw)
    (_, plain), (_, html) = leaves(message)
    assert plain["Content-Transfer-Encoding"] == encoding
    expected = text.replace("\r\n", "\n").replace("\r", "\n")
    assert content(plain) == expected and content(html) == f"<pre>{expected}</pre>"


def test_long_subjects_fold_between_words():
    subject = "Northmere Borough Council: important news about your personal information, please read it today"
    raw = build(subject=subject)
    assert b"Subject: Northmere Borough Council: important news about your personal\r\n information," in raw
    assert check_wellformed(raw)["Subject"] == subject


def test_a_line_break_in_a_header_value_cannot_add_a_header():
    message = check_wellformed(build(subject="Hello\r\nBcc: someone@example.net"))
    assert message["Bcc"] is None and "Bcc" in message["Subject"]


def test_the_boundary_is_never_in_a_body(monkeypatch):
    tokens = iter(["aaaa", "bbbb"])
    monkeypatch.setattr(mime.secrets, "token_hex", lambda n: next(tokens))
    raw = build(text="A body that happens to hold =_bdaaaa somewhere\n")
    assert b'boundary="=_bdbbbb"' in raw
    assert "=_bdaaaa" in content(leaves(check_wellformed(raw))[0][1])


def test_envelope_addresses():
    assert mime.envelope_address(" ann.o'neil+x@example.org ") == "ann.o'neil+x@example.org"
    assert mime.envelope_address("ann@bücher.example") == "ann@xn--bcher-kva.example"
    for bad in ["ann@example.org\r\nBcc: x@example.net", "ann example@org", "josé@example.org", "", "ann@", "@b",
                "ann@example.org, bob@example.org"]:
        with pytest.raises(ValueError) as refused:
            mime.envelope_address(bad)
        assert bad.strip() == "" or bad not in str(refused.value)


def outgoing(key="c1:p2:email", name="Siân Ellis"):
    return Outgoing(key=key, reference="K7Q-3MX-9PD", contact={"email": "sian@example.org", "name": name},
                    subject="Northmere Borough Council: important news about your personal information",
                    text=f"Dear {name},\n\nYour code is ABCD2345.\n", html=f"<p>Dear {name},</p><p>ABCD2345</p>",
                    portal_code="ABCD2345")


def test_the_same_message_as_djangos_mail_framework_makes(settings):
    settings.DEFAULT_FROM_EMAIL = WELSH_FROM
    message = outgoing()
    channel = EmailChannel()
    to, raw, (subject, text, html) = channel.build(message)
    ours = check_wellformed(raw)
    django = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to],
                                    headers={"Message-ID": message_id(message.key),
                                             "X-Breachdesk-Reference": message.reference})
    django.attach_alternative(html, "text/html")
    theirs = parse(django.message().as_bytes())
    for name in ("From", "To", "Subject", "Message-ID", "X-Breachdesk-Reference", "MIME-Version"):
        assert ours[name] == theirs[name].strip(), name  # the email package folds a long Subject before its value
    assert [(t, content(p)) for t, p in leaves(ours)] == [(t, content(p)) for t, p in leaves(theirs)]
    assert "Siân Ellis" in content(leaves(ours)[0][1])


def test_other_backends_get_the_same_bytes(plan, people, dpo, settings):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    mail.outbox = []
    campaign = campaigns.create(plan.breach, dpo, name="x", channels=["email"])
    sending.queue(campaign)
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.SENDING)
    sending.run(campaign)
    assert Delivery.objects.filter(campaign=campaign, status="sent").count() == len(mail.outbox) == 5
    sent = mail.outbox[0]
    message = check_wellformed(sent.raw)
    assert sent.message(policy=policy.SMTP).as_bytes() == sent.raw  # what a backend sends is these bytes
    assert sent.to == [message["To"]] and sent.subject == message["Subject"]
    assert content(leaves(message)[0][1]) == sent.body and sent.alternatives[0].content in content(leaves(message)[1][1])


def test_every_notice_received_by_the_smtp_server_is_wellformed(plan, people, dpo, smtp):
    campaign = campaigns.create(plan.breach, dpo, name="x", channels=["email"])
    sending.queue(campaign)
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.SENDING)
    sending.run(campaign)
    assert len(smtp.messages) == 5
    for received in smtp.messages:
        raw = received.as_bytes(policy=policy.SMTP)
        message = check_wellformed(raw)
        person = next(p for p in people if p.details.get("email") == message["To"])
        assert message["X-Breachdesk-Reference"] == person.reference
        assert message["Message-ID"].startswith(f"<c{campaign.pk}.p{person.pk}.email@")
