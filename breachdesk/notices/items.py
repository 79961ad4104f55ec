"""What of a person's was involved, described in their words.

``ITEMS`` knows every item the scope engine finds (its detector names) and the ICO data
category each belongs to. ``describe`` turns an exposure into phrase keys, in a fixed order,
joining items a person thinks of as one thing ("your bank account number and sort code") and
falling back to the category ("information about your health") where the scan found the
category but no specific item. The wording of each phrase key lives in the language files.
"""

from __future__ import annotations

from breachdesk.vocab import DATA_CATEGORIES

from .model import Exposure

BASIC = "Basic personal identifiers"
IDENT = "Identification data"
FINANCIAL = "Economic and financial data"
OFFICIAL = "Official documents"

# item -> ICO data category, in the order a person would expect to read them.
ITEMS: dict[str, str] = {
    "name": BASIC,
    "postal_address": BASIC,
    "postcode": BASIC,
    "date_of_birth": BASIC,
    "email": BASIC,
    "phone": BASIC,
    "username": IDENT,
    "password": IDENT,
    "password_hash": IDENT,
    "account_number": FINANCIAL,
    "sort_code": FINANCIAL,
    "iban": FINANCIAL,
    "payment_card": FINANCIAL,
    "nino": OFFICIAL,
    "utr": OFFICIAL,
    "passport": OFFICIAL,
    "driving_licence": OFFICIAL,
    "nhs_number": IDENT,
    "vehicle_registration": IDENT,
    "ip_address": IDENT,
    "health": "Health data",
    "ethnicity": "Data revealing racial or ethnic origin",
    "religion": "Religious or philosophical beliefs",
    "sexual_orientation": "Sexual orientation data",
    "trade_union": "Trade union membership",
    "criminal_offence": "Criminal convictions or offences",
}

# Items that read as one thing when found together: (members, phrase key). The first rule
# that matches wins for its members.
COMBINED: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset({"account_number", "sort_code"}), "account_number+sort_code"),
    (frozenset({"postal_address", "postcode"}), "postal_address"),
    (frozenset({"password", "password_hash"}), "password"),
)

# Scope signals that are flags, not things to list (a child is told through their parent).
FLAG_SIGNALS = frozenset({"child"})


def category_key(category: str) -> str:
    """The phrase key for an ICO data category: ``category:health-data``."""
    slug = "".join(c if c.isalnum() else "-" for c in category.lower()).strip("-")
    while "--" in slug:
        slug = slug.replace("--", "-")
    return f"category:{slug}"


CATEGORY_KEYS: dict[str, str] = {c: category_key(c) for c in DATA_CATEGORIES}


def phrase_keys() -> list[str]:
    """Every phrase key a language file must word."""
    return [*ITEMS, *(key for _, key in COMBINED if key not in ITEMS), "payment_card_ending",
            *CATEGORY_KEYS.values()]


def categories_of(exposure: Exposure) -> frozenset[str]:
    """The ICO categories given, and those of the items found."""
    return exposure.categories | {ITEMS[i] for i in exposure.items if i in ITEMS}


def describe(exposure: Exposure) -> list[str]:
    """Phrase keys for what of this person's was involved, in reading order."""
    items = {i for i in exposure.items if i in ITEMS}
    keys: list[str] = []
    used: set[str] = set()
    for members, key in COMBINED:
        if members <= items:
            keys.append(key)
            used |= members
    keys += [i for i in ITEMS if i in items and i not in used]
    order = {k: n for n, k in enumerate(ITEMS)}
    # A combined phrase sits where its first member would.
    first = {key: min(order[m] for m in members) for members, key in COMBINED}
    keys.sort(key=lambda k: first.get(k, order.get(k, len(order))))
    covered = {ITEMS[i] for i in items}
    for category in DATA_CATEGORIES:
        if category in exposure.categories and category not in covered:
            keys.append(CATEGORY_KEYS[category])
    return keys
