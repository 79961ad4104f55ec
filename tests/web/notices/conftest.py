"""Fixtures for notices: a plan, people with different exposures, a real SMTP server."""

import socket

import polars as pl
import pytest
from aiosmtpd.controller import Controller


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"


@pytest.fixture
def plan(breach):
    from breachdesk.web.notices.models import NoticePlan

    return NoticePlan.objects.create(
        breach=breach, what_happened="A list of pupils was emailed to the wrong school.",
        measures_taken="We asked the school to delete the email.\nWe checked that they did.",
        prevention="We now check the address before sending lists.", contact_email="dpo@northmere.example",
        contact_phone="01632 960000", helpline="0808 157 0000", signatory="Ann Example",
        signatory_role="Data protection officer")


PEOPLE = [
    # person_id, name, email, address, postcode, items, categories, child, special
    ("P0", "Olivia Adams", "olivia@example.org", "1 High Street, Northmere", "SW1A 1AA", {"nino": "QQ123456C"}, ["Basic personal identifiers", "Official documents"], False, False),
    ("P1", "Ben Carter", "ben@example.org", "2 Mill Lane, Northmere", "SW1A 2AA", {"sort_code": "12-34-56", "account_number": "12345678"}, ["Economic and financial data"], False, False),
    ("P2", "Cara Davies", "cara@example.org", "3 Church Road, Northmere", "SW1A 1AA", {}, ["Basic personal identifiers"], True, False),
    ("P3", "Dev Evans", "dev@example.org", "4 Park Avenue, Northmere", "SW1A 1AA", {}, ["Health data"], False, True),
    ("P4", "Ella Fisher", None, "5 Station Road, Northmere", "SW1A 1AA", {}, ["Basic personal identifiers"], False, False),
    ("P5", "Finn Green", "finn@example.org", "6 Queens Road, Northmere", "SW1A 1AA", {}, ["Basic personal identifiers"], False, False),
]


def people_frame(rows=PEOPLE):
    out = []
    for pid, name, email, address, postcode, items, categories, child, special in rows:
        row = {"person_id": pid, "name": name, "email": email, "phone": None, "address": address,
               "postcode": postcode, "dob": "1980-02-03", "nino": None, "sort_code": None, "account_number": None,
               "categories": categories, "child": child, "special_category": special, "criminal_offence": False,
               "records": 1}
        row.update(items)
        out.append(row)
    return pl.DataFrame(out)


@pytest.fixture
def people(breach, handler):
    from breachdesk.web.people import importer

    importer.import_people(breach, handler, people_frame())
    return list(breach.people.order_by("scope_person_id"))


class Inbox:
    """An aiosmtpd handler that keeps messages, refuses some addresses (a hard bounce) and can
    be told to drop the connection after N messages (a server going away)."""

    def __init__(self):
        self.messages = []
        self.refuse = set()
        self.die_after = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.die_after is not None and len(self.messages) >= self.die_after:
            server.transport.close()
            return "421 going away"
        from email import message_from_bytes
        from email.policy import default

        self.messages.append(message_from_bytes(envelope.content, policy=default))
        return "250 Message accepted"

    def texts(self):
        out = []
        for message in self.messages:
            parts = {p.get_content_type(): p.get_content() for p in message.walk() if not p.is_multipart()}
            out.append((message, parts))
        return out


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port(),
                            data_size_limit=10_000_000)
    controller.start()
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                                    "OPTIONS": {"host": "127.0.0.1", "port": controller.port, "timeout": 5}}}
    inbox.controller = controller
    yield inbox
    controller.stop()

