"""Text encodings seen in UK exports: UTF-8 (with or without BOM), Windows-1252, Latin-1, and
files that mix UTF-8 with Windows-1252 lines (two systems appending to one log)."""

from __future__ import annotations

import codecs
import re

_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]{1,3}")


def _cp1252_fallback(err: UnicodeDecodeError) -> tuple[str, int]:
    bad = err.object[err.start : err.end]
    return bad.decode("cp1252", errors="replace"), err.end


codecs.register_error("breachdesk-cp1252", _cp1252_fallback)


def sniff_encoding(sample: bytes, complete: bool) -> str:
    """One of utf-8-sig, utf-16, utf-8, mixed, cp1252, latin-1.

    ``complete`` says whether the sample is the whole file; if not, a multibyte character cut
    at the end of the sample is not held against UTF-8.
    """
    if sample.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if not complete and exc.start >= len(sample) - 3:
            return "utf-8"
    if _MULTIBYTE.search(sample):
        return "mixed"
    try:
        sample.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


def decoder(encoding: str) -> codecs.IncrementalDecoder:
    """An incremental decoder that never fails: mixed files fall back to Windows-1252 for the
    bytes that are not UTF-8; anything else undecodable becomes U+FFFD."""
    if encoding in ("utf-8", "mixed"):
        return codecs.getincrementaldecoder("utf-8")(errors="breachdesk-cp1252")
    if encoding == "utf-8-sig":
        return codecs.getincrementaldecoder("utf-8-sig")(errors="breachdesk-cp1252")
    return codecs.getincrementaldecoder(encoding)(errors="replace")


def describe(encoding: str) -> str:
    return {
        "utf-8": "UTF-8",
        "utf-8-sig": "UTF-8 with BOM",
        "utf-16": "UTF-16",
        "mixed": "mixed UTF-8 and Windows-1252",
        "cp1252": "Windows-1252",
        "latin-1": "Latin-1",
    }[encoding]
