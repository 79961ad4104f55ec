"""Bounces reported after sending: delivery status notifications (RFC 3464) in a mailbox.

A mail server that accepted a notice may still fail to deliver it and send back a report
("undeliverable", "mailbox full"). Those reports arrive at the bounce address, hours later.
``process(path)`` reads that mailbox (Maildir or mbox), finds the notice each report is about
by its Message-ID (which we derive from the delivery's key, see ``channels.email.message_id``),
and for a permanent failure marks the delivery ``bounced``, which queues the person's next
channel (a letter) exactly as a refusal at sending time does.

Only standard reports are read (``multipart/report; report-type=delivery-status``): a
temporary failure ("delayed", 4.x.x) changes nothing, and anything else in the mailbox is
counted and left alone. Reasons keep the status code only, never the address.
"""

from __future__ import annotations

import mailbox
import re
from collections import Counter
from dataclasses import dataclass
from email import message_from_bytes
from email.message import Message
from email.parser import HeaderParser
from email.policy import compat32
from pathlib import Path

from breachdesk.web.audit.log import record
from breachdesk.web.notices import sending, tasks
from breachdesk.web.notices.models import Delivery

_STATUS = re.compile(r"^\s*([245])\.(\d{1,3})\.(\d{1,3})")


@dataclass(frozen=True)
class Report:
    """What one delivery status notification says about the message it is about."""

    message_id: str
    action: str  # failed, delayed, delivered, relayed, expanded
    status: str  # e.g. 5.1.1

    @property
    def permanent(self) -> bool:
        return self.action == "failed" and self.status.startswith("5")


def read_report(message: Message) -> Report | None:
    """The report in a DSN, or None when the message is not one we can read."""
    if message.get_content_type() != "multipart/report":
        return None
    if (message.get_param("report-type") or "").lower() != "delivery-status":
        return None
    action, status, original = "", "", ""
    for part in message.walk():
        kind = part.get_content_type()
        if kind == "message/delivery-status":
            action, status = _first_recipient(part)
        elif kind in ("message/rfc822", "message/global") and not original:
            inner = part.get_payload()
            inner = inner[0] if isinstance(inner, list) and inner else inner
            if isinstance(inner, Message):
                original = inner.get("Message-ID", "")
        elif kind in ("text/rfc822-headers", "message/global-headers") and not original:
            text = part.get_payload(decode=True) or b""
            original = HeaderParser().parsestr(text.decode("utf-8", "replace")).get("Message-ID", "")
    original = original.strip()
    if not original or not action:
        return None
    return Report(message_id=original, action=action, status=status)


def _first_recipient(part: Message) -> tuple[str, str]:
    # The payload is a list of header blocks: one for the message, then one per recipient.
    # Our notices have one recipient each, so the first block with an Action is the one.
    blocks = part.get_payload()
    if not isinstance(blocks, list):
        return "", ""
    for block in blocks:
        action = (block.get("Action") or "").strip().lower()
        if action:
            match = _STATUS.match(block.get("Status") or "")
            return action, ".".join(match.groups()) if match else ""
    return "", ""


def process(path: str | Path, *, delete: bool = False) -> Counter:
    """Apply every report in the mailbox at ``path``; return counts by outcome.

    Processing the same mailbox twice changes nothing the second time. With ``delete``, the
    messages that were dealt with (a bounce recorded, or already recorded) are removed.
    """
    counts: Counter = Counter()
    box = _open(Path(path))
    box.lock()
    try:
        for key in list(box.keys()):
            try:
                message = message_from_bytes(box.get_bytes(key), policy=compat32)
            except Exception:
                counts["unreadable"] += 1
                continue
            outcome, campaign = _apply(read_report(message))
            counts[outcome] += 1
            if campaign is not None:
                tasks.enqueue_campaign(campaign)
            if delete and outcome in ("bounced", "already recorded"):
                box.remove(key)
        box.flush()
    finally:
        box.unlock()
        box.close()
    return counts


def _apply(report: Report | None):
    if report is None:
        return "not a delivery report", None
    if not report.permanent:
        return "temporary (left as sent)" if report.action == "delayed" else "not a failure", None
    delivery = (Delivery.objects.select_related("campaign", "person")
                .filter(provider_id=report.message_id, channel="email").first())
    if delivery is None:
        return "no matching notice", None
    if delivery.status == Delivery.Status.BOUNCED:
        return "already recorded", None
    if delivery.status not in Delivery.REACHED:
        return "not sent yet", None
    reason = f"the receiving mail server reported it undeliverable ({report.status})"
    sending.record_bounce(delivery, reason)
    record(None, "delivery_bounce", delivery.campaign.breach, campaign=delivery.campaign.public_id,
           delivery=delivery.public_id, status=report.status)
    return "bounced", delivery.campaign


def _open(path: Path) -> mailbox.Mailbox:
    if path.is_dir():
        if not (path / "cur").is_dir() and not (path / "new").is_dir():
            raise ValueError("the folder is not a Maildir (it has no cur or new folder)")
        return mailbox.Maildir(path, create=False)
    if not path.is_file():
        raise ValueError("no mailbox at that path")
    return mailbox.mbox(path, create=False)
