"""The typed input (a breach, a person, what of theirs was exposed) and the output (a notice).

Everything here is immutable and holds plain values: a notice can be built in a background
task, stored as JSON-friendly parts, and rendered later to text or HTML.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from breachdesk.vocab import DATA_CATEGORIES, SPECIAL_CATEGORIES

LANGUAGES = ("en", "cy")


class NoticeError(ValueError):
    """A notice cannot be built: the input is incomplete (for example a Welsh notice whose
    breach text has no Welsh wording). Messages name the field, never a value."""


class Format(StrEnum):
    """How the person asked to receive information."""

    STANDARD = "standard"
    LARGE_PRINT = "large_print"
    PLAIN_TEXT = "plain_text"


# Wording the organisation writes (what happened, measures ...) in one language or several:
# a plain string is English; a mapping gives it per language code.
Text = str | Mapping[str, str]


def text_in(value: Text | None, lang: str, name: str) -> str:
    """The wording of ``value`` in ``lang``; NoticeError when there is none."""
    if value is None:
        return ""
    if isinstance(value, str):
        if lang == "en":
            return value
        raise NoticeError(f"{name}: no wording in language '{lang}'")
    if lang not in value or not value[lang].strip():
        raise NoticeError(f"{name}: no wording in language '{lang}'")
    return value[lang]


def texts_in(values: tuple[Text, ...], lang: str, name: str) -> tuple[str, ...]:
    return tuple(text_in(v, lang, f"{name}[{i}]") for i, v in enumerate(values))


@dataclass(frozen=True)
class Regulator:
    """Where a person can complain once they have complained to us. The default is the UK's."""

    name: str = "the Information Commissioner's Office (ICO)"
    name_cy: str = "Swyddfa'r Comisiynydd Gwybodaeth (ICO)"
    url: str = "ico.org.uk/make-a-complaint"
    phone: str = "0303 123 1113"


@dataclass(frozen=True)
class Contact:
    """Who the person can talk to: the data protection officer (DPO) or the contact point."""

    email: str
    phone: str | None = None
    postal_address: str | None = None
    name: str | None = None  # a named DPO is more human than a mailbox
    role: Text = field(default_factory=lambda: {"en": "data protection officer",
                                               "cy": "swyddog diogelu data"})


@dataclass(frozen=True)
class Support:
    """The support offered to people affected by this breach."""

    helpline: str | None = None
    helpline_hours: Text | None = None  # e.g. "Monday to Friday, 9am to 5pm"
    callback: bool = False  # the person can ask us to call them back
    counselling: bool = True  # signpost emotional support (Samaritans, GP)
    monitoring_provider: str | None = None  # identity or credit monitoring, paid for by us
    monitoring_months: int | None = None
    monitoring_url: str | None = None
    monitoring_sign_up_by: date | None = None
    portal_url: str | None = None  # where the person can read this notice and ask for help


@dataclass(frozen=True)
class BreachContext:
    """What the organisation says about the breach, the same for everyone told.

    ``what_happened``, ``measures_taken``, ``next_steps`` and ``prevention`` are written by the
    organisation in plain words, one or two short sentences each; the checks read them too.
    """

    organisation: str
    what_happened: Text
    discovered_on: date
    contact: Contact
    measures_taken: tuple[Text, ...]
    happened_on: date | None = None
    happened_until: date | None = None
    next_steps: tuple[Text, ...] = ()
    prevention: tuple[Text, ...] = ()
    support: Support = field(default_factory=Support)
    complaints: Text | None = None  # how to complain to us, e.g. "email complaints@example.org"
    regulator: Regulator = field(default_factory=Regulator)
    signatory: str | None = None
    signatory_role: Text | None = None
    notice_date: date | None = None


# Item names: the scope engine's detector names, plus the people table's field names as
# aliases, so a row of people.parquet can be passed as it is.
ITEM_ALIASES: dict[str, str] = {
    "card": "payment_card",
    "dob": "date_of_birth",
    "address": "postal_address",
    "ip": "ip_address",
    "nhs": "nhs_number",
}
_LAST4 = re.compile(r"\d{4}")


@dataclass(frozen=True)
class Exposure:
    """What of one person's was involved: ICO data categories and the specific items found.

    ``items`` are detector names (``nino``, ``sort_code``, ``account_number``, ``payment_card``
    ...) or people-table field names (``card``, ``dob``, ``address``); ``card_ending`` is the
    last four digits of an exposed card, never more.
    """

    items: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    card_ending: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "items", frozenset(ITEM_ALIASES.get(i, i) for i in self.items))
        object.__setattr__(self, "categories", frozenset(self.categories))
        unknown = sorted(c for c in self.categories if c not in DATA_CATEGORIES)
        if unknown:
            raise NoticeError(f"exposure.categories: {len(unknown)} label(s) are not ICO data categories")
        if self.card_ending is not None and not _LAST4.fullmatch(self.card_ending):
            raise NoticeError("exposure.card_ending: must be the last four digits only")

    @property
    def special_category(self) -> bool:
        return bool(self.categories & SPECIAL_CATEGORIES)

    @classmethod
    def from_scope(cls, row: Mapping[str, Any]) -> Exposure:
        """From one row of the scope engine's people table (``people.parquet``): every field
        with a value was exposed; ``categories`` is the list of ICO categories."""
        from .items import ITEMS  # the known item names; unknown fields are not items

        skip = {"person_id", "label", "categories", "child", "special_category",
                "criminal_offence", "records", "sources"}
        items = set()
        for key, value in row.items():
            if key in skip or value in (None, "", [], ()):
                continue
            name = ITEM_ALIASES.get(key, key)
            if name in ITEMS:
                items.add(name)
        card = row.get("card")
        ending = None
        if isinstance(card, str):
            digits = re.sub(r"\D", "", card)
            ending = digits[-4:] if len(digits) >= 4 else None
        return cls(frozenset(items), frozenset(row.get("categories") or ()), ending)


@dataclass(frozen=True)
class Person:
    """One person to tell. For a child, the notice is addressed to their parent or guardian.

    ``safeguarding`` marks someone at risk (a confidential address, do not contact at the
    address on file): their notice never shows an address and its subject line is discreet.
    """

    name: str | None
    exposure: Exposure
    salutation: str | None = None  # "Ms Patel"; the name is used when not given
    child: bool = False
    special_category: bool = False
    safeguarding: bool = False
    language: str = "en"
    format: Format = Format.STANDARD
    reference: str | None = None  # the notice reference, printed so the person can quote it
    portal_code: str | None = None  # with the reference, opens their notice in the portal
    activation_code: str | None = None  # for identity or credit monitoring
    address_lines: tuple[str, ...] = ()  # for a letter; never shown when safeguarding

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise NoticeError(f"person.language: must be one of {', '.join(LANGUAGES)}")
        object.__setattr__(self, "format", Format(self.format))


@dataclass(frozen=True)
class Para:
    """A paragraph of a notice."""

    text: str


@dataclass(frozen=True)
class Items:
    """A bulleted list in a notice."""

    items: tuple[str, ...]


Part = Para | Items


@dataclass(frozen=True)
class Section:
    """A titled part inside a block (one topic of advice)."""

    key: str
    heading: str
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class Block:
    """One content block of a notice, rendered for one person."""

    key: str
    heading: str
    parts: tuple[Part, ...]
    sections: tuple[Section, ...] = ()

    def texts(self) -> list[str]:
        """Every paragraph and list item, in reading order (headings excluded)."""
        out: list[str] = []
        for parts in (self.parts, *(s.parts for s in self.sections)):
            for part in parts:
                out.extend([part.text] if isinstance(part, Para) else part.items)
        return out


@dataclass(frozen=True)
class Notice:
    """A notice to one person, ready to check and render."""

    subject: str
    lang: str
    format: Format
    greeting: str
    blocks: tuple[Block, ...]
    sign_off: tuple[str, ...] = ()
    recipient_address: tuple[str, ...] | None = None  # None: do not print an address
    reviewed: bool = True  # False: the wording needs review by a speaker of the language

    def block(self, key: str) -> Block | None:
        return next((b for b in self.blocks if b.key == key), None)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(b.key for b in self.blocks)
