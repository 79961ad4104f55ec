"""Rate limits and lockouts for portal sign-in, kept in the cache (BREACHDESK_CACHE_URL).

Failures are counted per reference as typed (whether or not it exists, so a lockout says
nothing about which references are real) and per client address. Keys hold hashes, never
the reference itself.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache


def _key(kind: str, value: str) -> str:
    return f"portal:fail:{kind}:{hashlib.sha256(value.encode()).hexdigest()[:32]}"


def address_of(request) -> str:
    # The proxy in front of breachdesk must set REMOTE_ADDR to the client's address
    # (gunicorn --forwarded-allow-ips, or the proxy's own module); see docs/portal.md.
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def locked(address: str, reference: str) -> bool:
    return (cache.get(_key("ref", reference), 0) >= settings.PORTAL_FAILURE_LIMIT
            or cache.get(_key("addr", address), 0) >= settings.PORTAL_ADDRESS_FAILURE_LIMIT)


def address_locked(address: str) -> bool:
    return cache.get(_key("addr", address), 0) >= settings.PORTAL_ADDRESS_FAILURE_LIMIT


def _bump(key: str) -> None:
    timeout = settings.PORTAL_COOLOFF_MINUTES * 60
    if not cache.add(key, 1, timeout):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout)


def failed(address: str, reference: str | None) -> None:
    _bump(_key("addr", address))
    if reference:
        _bump(_key("ref", reference))


def succeeded(reference: str) -> None:
    cache.delete(_key("ref", reference))
