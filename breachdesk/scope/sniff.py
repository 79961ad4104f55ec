"""File types from magic bytes, not extensions.

Extensions lie (a breach folder is full of ``export.txt`` that is really a zip) and libmagic
mislabels Parquet and mbox, so we look at the bytes ourselves. The answer is a short kind
string that names a reader in ``readers.READERS``.
"""

from __future__ import annotations

import re
import zipfile

from .errors import Empty, Encrypted, NeedsOCR, Unsupported
from .sources import Source

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAIL_HEADER = re.compile(
    rb"^(Received|From|To|Subject|Date|Message-ID|MIME-Version|Return-Path|Delivered-To"
    rb"|X-[A-Za-z-]+|Content-Type|Reply-To|Cc):[ \t]",
    re.IGNORECASE | re.MULTILINE,
)

# Bytes that text may hold: all but the C0 controls, and of those tab, LF, FF, CR and ESC.
_TEXT_BYTES = bytes(range(32, 256)) + bytes((9, 10, 12, 13, 27))


def sniff(src: Source) -> str:
    """The kind of ``src``; raises Unreadable subclasses for types we know we cannot read."""
    if src.size == 0:
        raise Empty("empty file (0 bytes)")
    head = src.head(8192)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(src)
    if head.startswith(OLE):
        return _ole_kind(src)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PAR1"):
        return "parquet"
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if head.startswith(b"BZh"):
        return "bzip2"
    if head.startswith(b"\xfd7zXZ\x00"):
        return "xz"
    if len(head) > 262 and head[257:262] == b"ustar":
        return "tar"
    if head.startswith((b"7z\xbc\xaf\x27\x1c", b"Rar!\x1a\x07")):
        raise Unsupported("archive format not supported (7-Zip or RAR): extract it first")
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"GIF8")):
        raise NeedsOCR("image: needs OCR to read any text in it")
    if head.startswith(b"{\\rtf"):
        raise Unsupported("RTF documents are not read yet")
    if not _looks_like_text(head):
        raise Unsupported("binary data of an unrecognised type")
    return _text_kind(head)


def _zip_kind(src: Source) -> str:
    try:
        with src.open() as fh, zipfile.ZipFile(fh) as zf:
            names = set(zf.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "xl/workbook.xml" in names:
                return "xlsx"
            if "mimetype" in names:
                mimetype = zf.read("mimetype")[:100]
                if b"opendocument.spreadsheet" in mimetype:
                    return "ods"
                if b"opendocument.text" in mimetype:
                    raise Unsupported("OpenDocument text (.odt) is not read yet")
    except zipfile.BadZipFile:
        pass  # a damaged zip: the archive reader says so with the reason
    return "zip"


def _ole_kind(src: Source) -> str:
    # The OLE directory names its streams in UTF-16LE; scanning for them is enough to tell
    # an encrypted Office file from a legacy .xls or an Outlook .msg.
    blob = src.head(1 << 20)

    def has(name: str) -> bool:
        return name.encode("utf-16-le") in blob

    if has("EncryptedPackage") or has("EncryptionInfo"):
        raise Encrypted("password-protected Office document")
    if has("__substg1.0_"):
        return "msg"
    if has("Workbook") or has("Book"):
        return "xls"
    if has("WordDocument"):
        raise Unsupported("legacy Word (.doc) is not read: save it as .docx")
    raise Unsupported("legacy Office file of an unrecognised type")


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return head.startswith((b"\xff\xfe", b"\xfe\xff"))  # UTF-16 with a BOM
    controls = len(head.translate(None, _TEXT_BYTES))  # what is left: the control bytes
    return controls <= len(head) // 100


def _text_kind(head: bytes) -> str:
    body = head.lstrip(b"\xef\xbb\xbf").lstrip()
    lower = body[:1024].lower()
    if body.startswith(b"From ") and _MAIL_HEADER.search(head):
        return "mbox"
    if _is_email(head):
        return "eml"
    if lower.startswith((b"<!doctype html", b"<html")) or b"<html" in lower:
        return "html"
    if body[:1] in (b"{", b"["):
        first = body.split(b"\n", 1)[0].strip()
        if body[:1] == b"{" and first.endswith(b"}") and b"\n" in body.strip():
            return "jsonl"
        return "json"
    return "delimited_or_text"


def _is_email(head: bytes) -> bool:
    top, _, _ = head.partition(b"\n\n")
    if top == head:
        top, _, _ = head.partition(b"\r\n\r\n")
    lines = [ln for ln in top.splitlines() if ln and not ln[:1].isspace()]
    if len(lines) < 2:
        return False
    hits = sum(1 for ln in lines if _MAIL_HEADER.match(ln))
    return hits >= 2 and hits >= len(lines) * 0.6
