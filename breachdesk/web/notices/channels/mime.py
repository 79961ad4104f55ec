"""Notice emails written straight to bytes, for sending in bulk.

Every notice of a campaign has the same MIME structure (multipart/alternative: plain text,
then HTML), the same From and, per kind of notice, the same Subject. Building each message
with ``email.message.EmailMessage`` parses and refolds every header and re-encodes every body
through the email package's policy machinery: at hundreds of notices a second that costs more
than the SMTP exchange. ``MimeBuilder`` folds and encodes the fixed parts once and, per
message, writes only what differs: the recipient, the Date, the Message-ID, the reference and
the two bodies.

The result is ordinary RFC 5322/2045 mail (tests parse it back with the ``email`` package):
CRLF line ends, headers folded under 78 characters, non-ASCII header text as RFC 2047
encoded words, each body ``7bit`` when it is ASCII with lines under 998 octets and
quoted-printable otherwise (both always ``charset="utf-8"``), and a random boundary that
appears in neither body. Dot-stuffing is the SMTP client's job (``smtplib`` does it).
"""

from __future__ import annotations

import binascii
import re
import secrets
import time
from datetime import UTC, datetime
from email import errors, policy
from email.headerregistry import Address
from email.utils import format_datetime

CRLF = b"\r\n"
MAX_LINE = 998  # RFC 5322 2.1.1, excluding the CRLF

# An addr-spec that needs no quoting or encoding: the common case, checked without the email
# package's parser. Anything else goes through the parser (and may be refused).
_PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?\Z")
_UNSAFE_IN_HEADER = re.compile(r"[\r\n\x00]")


def envelope_address(address: str) -> str:
    """The addr-spec for the SMTP envelope and the To header; ValueError if it is not a
    usable address (never naming it). Non-ASCII domains are IDNA-encoded; a non-ASCII local
    part cannot be sent without SMTPUTF8 and is refused, as Django's SMTP backend does."""
    address = address.strip()
    if _PLAIN_ADDRESS.match(address) and ".." not in address and not address.startswith("."):
        return address
    if _UNSAFE_IN_HEADER.search(address):
        raise ValueError("the address contains a line break")
    try:
        parsed = Address(addr_spec=address)
    except (ValueError, IndexError, TypeError, errors.HeaderParseError):
        raise ValueError("the address is not an addr-spec") from None
    if not parsed.username or not parsed.domain or not parsed.username.isascii():
        raise ValueError("the address cannot be sent without SMTPUTF8")
    try:
        domain = parsed.domain.encode("idna").decode("ascii")
    except UnicodeError:
        raise ValueError("the domain cannot be encoded") from None
    return Address(username=parsed.username, domain=domain).addr_spec


def header(name: str, value: str) -> bytes:
    """One header field, folded, with encoded words where it is not ASCII, ending in CRLF."""
    value = _UNSAFE_IN_HEADER.sub(" ", value)
    if value.isascii() and "=?" not in value and len(value) < MAX_LINE - len(name) - 2:
        return _fold_ascii(f"{name}: {value}").encode("ascii")
    return policy.SMTP.header_factory(name, value).fold(policy=policy.SMTP).encode("ascii")


def _fold_ascii(line: str, width: int = 78) -> str:
    """Fold at spaces so lines stay within ``width`` where a word allows (RFC 5322 2.2.3)."""
    if len(line) <= width:
        return line + "\r\n"
    out, current = [], ""
    for n, word in enumerate(line.split(" ")):
        if n > 1 and len(current) + 1 + len(word) > width:
            out.append(current)
            current = " " + word
        else:
            current = f"{current} {word}" if current else word
    out.append(current)
    return "\r\n".join(out) + "\r\n"


def body_part(content: str, subtype: str) -> bytes:
    """A text/``subtype`` body part (headers, blank line, body) without the trailing CRLF that
    belongs to the next boundary."""
    if "\r" in content:
        content = content.replace("\r\n", "\n").replace("\r", "\n")
    data = content.encode("utf-8")
    short = len(data) <= MAX_LINE or max(map(len, data.split(b"\n"))) <= MAX_LINE
    if short and data.isascii() and b"\x00" not in data:
        encoding, payload = b"7bit", data
    else:
        encoding, payload = b"quoted-printable", binascii.b2a_qp(data, quotetabs=False, istext=True, header=False)
    return (b'Content-Type: text/' + subtype.encode("ascii") + b'; charset="utf-8"\r\n'
            b"Content-Transfer-Encoding: " + encoding + b"\r\n\r\n" + payload.replace(b"\n", CRLF))


class MimeBuilder:
    """Builds notice emails from one sender; keeps the folded From and each distinct Subject."""

    def __init__(self, from_email: str):
        self.from_header = header("From", from_email)
        self._subjects: dict[str, bytes] = {}
        self._date: tuple[int, bytes] = (0, b"")

    def subject(self, subject: str) -> bytes:
        folded = self._subjects.get(subject)
        if folded is None:
            if len(self._subjects) > 1000:  # a campaign has a few hundred kinds at most; stay bounded
                self._subjects.clear()
            folded = self._subjects[subject] = header("Subject", subject)
        return folded

    def date(self) -> bytes:
        now = int(time.time())
        if self._date[0] != now:
            self._date = (now, header("Date", format_datetime(datetime.fromtimestamp(now, UTC))))
        return self._date[1]

    def build(self, *, to: str, subject: str, text: str, html: str, message_id: str,
              extra: dict[str, str] | None = None) -> bytes:
        """The whole message as bytes with CRLF line ends. ``to`` must already be an
        addr-spec (see ``envelope_address``); ``message_id`` includes its angle brackets."""
        text_part, html_part = body_part(text, "plain"), body_part(html, "html")
        boundary = _boundary(text_part, html_part)
        fields = [b"MIME-Version: 1.0\r\n", self.date(), self.from_header, header("To", to), self.subject(subject),
                  header("Message-ID", message_id)]
        fields += [header(name, value) for name, value in (extra or {}).items()]
        fields.append(b'Content-Type: multipart/alternative; boundary="' + boundary + b'"\r\n')
        dash = b"--" + boundary
        return b"".join(fields) + CRLF + dash + CRLF + text_part + CRLF + dash + CRLF + html_part + CRLF + dash + \
            b"--" + CRLF


def _boundary(*parts: bytes) -> bytes:
    # "=_" never occurs in quoted-printable text; a 7bit body is searched for it anyway.
    while True:
        boundary = b"=_bd" + secrets.token_hex(12).encode("ascii")
        if not any(boundary in part for part in parts):
            return boundary
