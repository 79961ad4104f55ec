"""The channel interface and its exceptions (see the package docstring)."""

from __future__ import annotations

from dataclasses import dataclass


class DeliveryError(Exception):
    """A message did not go. ``reason`` is safe to store and show: never personal data."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason[:300]


class TemporaryFailure(DeliveryError):
    """Worth trying again later (the server went away, a 4xx reply, a timeout).

    ``channel_down``: the channel itself is unavailable, so the rest of the batch is put back
    unsent rather than tried one by one against a server that has gone."""

    def __init__(self, reason: str, *, channel_down: bool = False):
        super().__init__(reason)
        self.channel_down = channel_down


class PermanentFailure(DeliveryError):
    """This message will never go by this channel; the person's next channel may reach them."""


class Bounced(PermanentFailure):
    """The address refused the message."""


@dataclass(frozen=True)
class Outgoing:
    """One rendered notice to one person. ``contact`` holds the decrypted contact details the
    channel needs (email, phone, address, postcode, name); it never leaves the worker."""

    key: str  # the Delivery's idempotency key: the same key is never sent twice
    reference: str
    contact: dict
    subject: str
    text: str
    html: str
    portal_code: str = ""
    letter_html: str = ""  # the engine's letter fragment, for letter channels


@dataclass(frozen=True)
class Sent:
    provider_id: str = ""
    pages: int | None = None
    delivered: bool = False  # the channel knows it arrived (a letter in the print file is only sent)


class BaseChannel:
    """A channel: ``reaches`` says whether it can reach a person; ``send`` sends one message.

    ``open`` and ``close`` bracket a batch, so a connection is made once per batch. Subclasses
    fill ``send`` and, if they hold a connection, ``open``/``close``.
    """

    name: str = ""
    label: str = ""
    needs: tuple[str, ...] = ()  # contact fields that must be present
    letter: bool = False  # renders the notice as a letter (with the address)

    def reaches(self, contact: dict) -> bool:
        return all((contact.get(field) or "").strip() for field in self.needs)

    def open(self) -> None:
        pass

    def close(self) -> None:
        pass

    def send(self, message: Outgoing) -> Sent:
        raise NotImplementedError

    def __enter__(self):
        self.open()
        return self

    def __exit__(self, *exc):
        self.close()
        return False
