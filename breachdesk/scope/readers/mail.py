"""Email: .eml and .mbox with the standard library; attachments come back as nested sources
and are read like any other file. Outlook .msg only through the optional ``msg`` extra
(extract-msg is GPL-3.0, so it is not part of the core)."""

from __future__ import annotations

import email
from email.message import EmailMessage
from email.policy import EmailPolicy

from ..context import Context
from ..errors import Corrupt, Unsupported
from ..sources import Items, Note, Source, Text
from .htmldoc import html_to_text
from .mailheaders import header_text, policy

HEADERS = ("From", "To", "Cc", "Reply-To", "Subject", "Date")
MAX_MESSAGE = 1 << 30


def read_eml(src: Source, ctx: Context) -> Items:
    try:
        msg = email.message_from_bytes(src.read_bytes(), policy=policy())
    except Exception:  # the parser is lenient; anything it raises means a broken file
        raise Corrupt("damaged email message") from None
    yield from _message(src, msg, "message")


def read_mbox(src: Source, ctx: Context) -> Items:
    # Split on "From " lines ourselves: mailbox.mbox needs a real path and reads the index
    # into memory; this streams any size and works on members of archives too.
    n = 0
    buf: list[bytes] = []
    size = 0
    prev_blank = True
    mail_policy = policy()
    with src.open() as fh:
        for line in fh:
            if line.startswith(b"From ") and prev_blank:
                if buf:
                    n += 1
                    yield from _one(src, b"".join(buf[1:]), n, mail_policy)
                buf, size = [line], len(line)
            else:
                if size < MAX_MESSAGE:
                    buf.append(line)
                size += len(line)
            prev_blank = line in (b"\n", b"\r\n")
    if buf:
        n += 1
        yield from _one(src, b"".join(buf[1:]), n, mail_policy)
    if n == 0:
        raise Corrupt("no messages found in mailbox")


def _one(src: Source, raw: bytes, n: int, mail_policy: EmailPolicy) -> Items:
    try:
        msg = email.message_from_bytes(raw, policy=mail_policy)
    except Exception:
        yield Note(src, f"message {n} is damaged and was skipped")
        return
    yield from _message(src, msg, f"message {n}")


def _message(src: Source, msg: EmailMessage, label: str) -> Items:
    lines = []
    for name in HEADERS:
        try:
            value = header_text(msg, name)
        except Exception:  # malformed header: keep going without it
            value = None
        if value:
            lines.append(f"{name}: {value}")
    bodies: list[str] = []
    html: list[str] = []
    attachments = 0
    for part in msg.walk():
        if part.is_multipart():
            continue
        ctype = part.get_content_type()
        filename = part.get_filename()
        disposition = part.get_content_disposition()
        if filename or disposition == "attachment" or ctype == "message/rfc822":
            attachments += 1
            payload = _payload(part)
            if payload:
                name = filename or f"attachment {attachments}"
                yield src.child(f"{label}/{name}", data=payload)
            continue
        if ctype == "text/plain":
            bodies.append(_text(part))
        elif ctype == "text/html":
            html.append(html_to_text(_text(part)))
    text = "\n".join(lines) + "\n\n" + "\n".join(bodies or html)
    yield Text(src, label, text)


def _payload(part: EmailMessage) -> bytes:
    if part.get_content_type() == "message/rfc822":
        inner = part.get_payload()
        if isinstance(inner, list) and inner:
            return inner[0].as_bytes()
    try:
        return part.get_payload(decode=True) or b""
    except Exception:
        return b""


def _text(part: EmailMessage) -> str:
    try:
        return part.get_content()
    except Exception:  # unknown charset or broken transfer encoding
        raw = part.get_payload(decode=True) or b""
        return raw.decode("utf-8", errors="replace")


def read_msg(src: Source, ctx: Context) -> Items:
    try:
        import extract_msg  # optional extra: GPL-3.0, so never a core dependency
    except ImportError:
        raise Unsupported(
            "Outlook .msg needs the optional extra: pip install 'breachdesk[msg]'"
        ) from None
    try:
        msg = extract_msg.Message(src.read_bytes())
    except Exception:
        raise Corrupt("damaged Outlook message") from None
    header = "\n".join(
        f"{k}: {v}"
        for k, v in (("From", msg.sender), ("To", msg.to), ("Cc", msg.cc),
                     ("Subject", msg.subject), ("Date", msg.date))
        if v
    )
    yield Text(src, "message", f"{header}\n\n{msg.body or ''}")
    for n, att in enumerate(msg.attachments, start=1):
        data = getattr(att, "data", None)
        if isinstance(data, bytes) and data:
            name = att.longFilename or att.shortFilename or f"attachment {n}"
            yield src.child(f"message/{name}", data=data)
