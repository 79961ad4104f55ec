"""Email through Django's mail framework: one SMTP connection per batch, HTML and text."""

from __future__ import annotations

import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.template.loader import render_to_string

from breachdesk.web.notices.channels.base import (
    BaseChannel,
    Bounced,
    Outgoing,
    PermanentFailure,
    Sent,
    TemporaryFailure,
)

TEMPLATE = "notices/messages/notice"  # -subject.txt, -body-text.txt, -body-html.html


def message_id(key: str) -> str:
    # The same notice always has the same Message-ID, so a mail log can show whether a notice
    # interrupted mid-send went out.
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ") or "breachdesk.invalid"
    return f"<{key.replace(':', '.')}@{domain}>"


def build(message: Outgoing) -> EmailMultiAlternatives:
    context = {"message": message}
    subject = render_to_string(f"{TEMPLATE}-subject.txt", context).strip().replace("\n", " ")
    email = EmailMultiAlternatives(
        subject, render_to_string(f"{TEMPLATE}-body-text.txt", context), settings.DEFAULT_FROM_EMAIL,
        [message.contact["email"]], headers={"Message-ID": message_id(message.key),
                                             "X-Breachdesk-Reference": message.reference})
    email.attach_alternative(render_to_string(f"{TEMPLATE}-body-html.html", context), "text/html")
    return email


class EmailChannel(BaseChannel):
    name = "email"
    label = "Email"
    needs = ("email",)

    def __init__(self):
        self.connection = None

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

    def send(self, message: Outgoing) -> Sent:
        if self.connection is None:
            self.open()
        try:
            self.connection.send_messages([build(message)])
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
        except ValueError:
            raise PermanentFailure("the email address is not valid") from None
        return Sent(provider_id=message_id(message.key))
