"""Encryption of affected people's contact details at rest, and blind indexes.

The keys are our own (``BREACHDESK_FIELD_KEYS``, newest first, for rotation with
MultiFernet), never derived from ``SECRET_KEY``: rotating the web signing key must not
make the most sensitive list an organisation holds unreadable, and leaking one must not
reveal the other. Exact look-ups (a postcode at the portal, an email on re-import) use an
HMAC "blind index" with a separate key, so the database never holds the plain value.
"""

import functools
import hashlib
import hmac
import json
import unicodedata

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


class DecryptionFailed(Exception):
    """A stored value could not be decrypted with any configured key."""


@functools.cache
def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(key) for key in settings.BREACHDESK_FIELD_KEYS])


def reset_keys_cache() -> None:
    _fernet.cache_clear()


def encrypt_json(value: dict) -> str:
    return _fernet().encrypt(json.dumps(value, separators=(",", ":")).encode()).decode()


def decrypt_json(token: str) -> dict:
    if not token:
        return {}
    try:
        return json.loads(_fernet().decrypt(token.encode()))
    except InvalidToken:
        raise DecryptionFailed("a stored contact record could not be decrypted with the configured keys") from None


def rotate(token: str) -> str:
    """Re-encrypt under the newest key (MultiFernet.rotate)."""
    return _fernet().rotate(token.encode()).decode()


def normalise(kind: str, value: str) -> str:
    value = unicodedata.normalize("NFKC", value or "").strip()
    if kind in ("email",):
        return value.lower()
    if kind in ("postcode", "nino", "portal_code"):
        return "".join(value.split()).upper()
    return " ".join(value.lower().split())


def blind_index(kind: str, value: str | None) -> str:
    """An HMAC of the normalised value, or "" for no value. ``kind`` keeps indexes apart."""
    if not value:
        return ""
    key = settings.BREACHDESK_BLIND_INDEX_KEY.encode()
    message = f"{kind}\x00{normalise(kind, value)}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:40]
