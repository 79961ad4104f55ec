"""The one seam for outbound HTTP from channels (httpx's transport habit).

Channels that talk to a provider over HTTP call ``transport().request(...)``; tests replace the
transport with ``set_transport(fake)`` and no test ever reaches the network.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes


class Transport(Protocol):
    def request(self, method: str, url: str, *, headers: dict[str, str], body: bytes | None,
                timeout: float) -> Response: ...


class UrllibTransport:
    """The real transport: the standard library, TLS verified, no retries (the loop retries)."""

    def request(self, method, url, *, headers, body, timeout):
        if not url.startswith("https://"):
            raise ValueError("providers are reached over https only")
        req = urllib.request.Request(url, data=body, headers=headers, method=method)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 (https checked above)
                return Response(resp.status, resp.read())
        except urllib.error.HTTPError as exc:
            return Response(exc.code, exc.read())


_transport: Transport = UrllibTransport()


def transport() -> Transport:
    return _transport


def set_transport(new: Transport) -> Transport:
    """Replace the transport; returns the old one (tests put it back)."""
    global _transport
    old, _transport = _transport, new
    return old
