"""Email through Django's mail framework: one SMTP connection per batch, HTML and text.

The configured mailer (``MAILERS["default"]``) picks the server. Each message is written
straight to bytes by ``mime.MimeBuilder`` (the email package's policy machinery costs more than
the SMTP exchange at bulk rates). With Django's SMTP backend, the bytes go out on the
backend's own connection (``backend.connection.sendmail``: its host, port, TLS and login);
with any other backend (console, file, locmem in tests) they go through ``send_messages`` as
a ``RawEmail``, so what a developer sees is exactly what would be sent.
"""

from __future__ import annotations

import copy
import email
import smtplib
from email import policy
from email.utils import parseaddr
from functools import cached_property

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.template.loader import get_template

from breachdesk.web.notices.channels.base import (
    BaseChannel,
    Bounced,
    Outgoing,
    PermanentFailure,
    Sent,
    TemporaryFailure,
)
from breachdesk.web.notices.channels.mime import MimeBuilder, envelope_address

TEMPLATE = "notices/messages/notice"  # -subject.txt, -body-text.txt, -body-html.html


def message_id(key: str) -> str:
    # The same notice always has the same Message-ID, so a mail log can show whether a notice
    # interrupted mid-send went out.
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ") or "breachdesk.invalid"
    return f"<{key.replace(':', '.')}@{domain}>"


class RawEmail(EmailMultiAlternatives):
    """An email whose bytes are already made: for backends other than SMTP. Subject, body and
    the HTML alternative are kept too, for code that reads a locmem outbox."""

    def __init__(self, raw: bytes, *, subject: str, text: str, html: str, from_email: str, to: str):
        super().__init__(subject, text, from_email, [to])
        self.attach_alternative(html, "text/html")
        self.raw = raw

    def message(self, *, policy=policy.default):
        return email.message_from_bytes(self.raw, policy=policy)

    def __deepcopy__(self, memo):
        return copy.copy(self)


class EmailChannel(BaseChannel):
    name = "email"
    label = "Email"
    needs = ("email",)

    def __init__(self):
        self.connection = None

    @cached_property
    def builder(self) -> MimeBuilder:
        return MimeBuilder(settings.DEFAULT_FROM_EMAIL)

    @cached_property
    def envelope_from(self) -> str:
        return envelope_address(parseaddr(settings.DEFAULT_FROM_EMAIL)[1])

    @cached_property
    def templates(self) -> dict:
        names = {"subject": "subject.txt", "body-text": "body-text.txt", "body-html": "body-html.html"}
        return {part: get_template(f"{TEMPLATE}-{name}") for part, name in names.items()}

    def open(self) -> None:
        self.connection = mailers.default
        try:
            self.connection.open()
        except (OSError, smtplib.SMTPException) as exc:
            self.connection = None
            raise TemporaryFailure(f"could not connect to the mail server ({type(exc).__name__})",
                                   channel_down=True) from None

    def close(self) -> None:
        if self.connection is not None:
            try:
                self.connection.close()
            except (OSError, smtplib.SMTPException):
                pass  # the server has gone already; nothing was left unsent by closing
            self.connection = None

    def render(self, message: Outgoing) -> tuple[str, str, str]:
        """Subject, text and HTML from the message templates (by naming convention)."""
        context = {"message": message}
        subject = self.templates["subject"].render(context).strip().replace("\n", " ")
        return subject, self.templates["body-text"].render(context), self.templates["body-html"].render(context)

    def build(self, message: Outgoing) -> tuple[str, bytes, tuple[str, str, str]]:
        """The recipient's addr-spec and the message bytes; ValueError if the address is unusable."""
        to = envelope_address(message.contact["email"])
        subject, text, html = parts = self.render(message)
        raw = self.builder.build(to=to, subject=subject, text=text, html=html, message_id=message_id(message.key),
                                 extra={"X-Breachdesk-Reference": message.reference})
        return to, raw, parts

    def send(self, message: Outgoing) -> Sent:
        try:
            to, raw, (subject, text, html) = self.build(message)
        except ValueError:
            raise PermanentFailure("the email address is not valid") from None
        if self.connection is None:
            self.open()
        try:
            if isinstance(self.connection, SmtpBackend):
                if self.connection.connection is None:
                    self.connection.open()
                self.connection.connection.sendmail(self.envelope_from, [to], raw)
            else:
                self.connection.send_messages([RawEmail(raw, subject=subject, text=text, html=html,
                                                        from_email=settings.DEFAULT_FROM_EMAIL, to=to)])
        except smtplib.SMTPRecipientsRefused as exc:
            code = next(iter(exc.recipients.values()))[0] if exc.recipients else 550
            if 400 <= code < 500:
                raise TemporaryFailure(f"the mail server deferred the address ({code})") from None
            raise Bounced(f"the mail server refused the address ({code})") from None
        except smtplib.SMTPResponseException as exc:
            if 400 <= exc.smtp_code < 500:
                self.close()
                raise TemporaryFailure(f"the mail server deferred the message ({exc.smtp_code})",
                                       channel_down=True) from None
            raise PermanentFailure(f"the mail server refused the message ({exc.smtp_code})") from None
        except (OSError, smtplib.SMTPException) as exc:
            self.close()  # the next message opens a new connection
            raise TemporaryFailure(f"the mail server went away ({type(exc).__name__})", channel_down=True) from None
        return Sent(provider_id=message_id(message.key))
