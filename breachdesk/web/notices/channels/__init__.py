"""Delivery channels: each a small class in a registry (healthchecks' transports).

A channel turns one rendered notice into one message on its way to one person. The sending
loop (``sending.py``) owns everything else: the Delivery row written before and updated after,
claiming, retries with back-off, fallback to the next channel, and the audit trail.

Failures are told apart by exception, never by message text::

    DeliveryError
    ├── TemporaryFailure   the server or provider is away or busy: retry later
    └── PermanentFailure   this message will never go: try the person's next channel
        └── Bounced        the address refused it (a hard bounce)

Messages name the rule or the server's status code, never the address or the notice.
"""

from __future__ import annotations

from breachdesk.web.notices.channels.base import (
    BaseChannel,
    Bounced,
    DeliveryError,
    Outgoing,
    PermanentFailure,
    Sent,
    TemporaryFailure,
)
from breachdesk.web.notices.channels.email import EmailChannel
from breachdesk.web.notices.channels.letter import LetterChannel
from breachdesk.web.notices.channels.notify import NotifyEmailChannel, NotifyLetterChannel
from breachdesk.web.notices.channels.sms import SmsChannel

REGISTRY: dict[str, type[BaseChannel]] = {
    cls.name: cls for cls in (EmailChannel, LetterChannel, SmsChannel, NotifyEmailChannel, NotifyLetterChannel)
}


def get(name: str) -> BaseChannel:
    """A fresh instance of the channel called ``name`` (one per batch: it may hold a connection)."""
    return REGISTRY[name]()


__all__ = ["REGISTRY", "BaseChannel", "Bounced", "DeliveryError", "Outgoing", "PermanentFailure", "Sent",
           "TemporaryFailure", "get"]
