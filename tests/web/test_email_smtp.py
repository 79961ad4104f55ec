"""The DPO's alert goes through a real SMTP server (aiosmtpd), as it would in production."""

import socket
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from django.utils import timezone


class Collect(Message):
    def __init__(self):
        super().__init__()
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    handler = Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                                    "OPTIONS": {"host": "127.0.0.1", "port": controller.port, "timeout": 5}}}
    yield handler
    controller.stop()


def test_incident_alert_arrives_over_smtp(smtp, reporter, dpo, django_capture_on_commit_callbacks):
    from breachdesk.web.breaches import services

    with django_capture_on_commit_callbacks(execute=True):
        breach = services.report_incident(reporter, title="Lost USB stick", what_happened="Lost on the bus with payroll",
                                          noticed_at=timezone.now() - timedelta(hours=1))
    (message,) = smtp.messages
    assert message["Subject"] == f"New incident reported: {breach.reference}"
    assert sorted(a.strip() for a in message["To"].split(",")) == ["dp-inbox@northmere.example", "dpo@northmere.example"]
    parts = {p.get_content_type(): p.get_payload(decode=True).decode() for p in message.walk() if not p.is_multipart()}
    assert set(parts) == {"text/plain", "text/html"}
    assert f"/breaches/{breach.public_id}/" in parts["text/plain"]
    assert "payroll" not in parts["text/plain"] and "payroll" not in parts["text/html"]
