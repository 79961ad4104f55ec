"""Why a file could not be read.

    ScopeError
      └── Unreadable            the file, or a member of it, cannot be read; carries a plain reason
            ├── Empty           zero bytes, or nothing in it
            ├── Encrypted       password-protected or encrypted
            ├── Corrupt         damaged or truncated
            ├── NeedsOCR        an image or a scanned PDF: no text to read without OCR
            ├── Unsupported     a type we do not read (binary data, an unknown archive format)
            └── LimitExceeded   too deep, too many members, or expands too much (archive bombs)

Reasons name the file and the rule, never the data in it: they are written to summary.json and
shown on screen, and a breach scan must not copy personal data into its own logs.
"""

from __future__ import annotations


class ScopeError(Exception):
    """Base class for every error the scope engine raises on purpose."""


class Unreadable(ScopeError):
    """The whole file (or archive member) was not read. ``reason`` is safe to show anyone."""

    kind = "unreadable"

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Empty(Unreadable):
    kind = "empty"


class Encrypted(Unreadable):
    kind = "encrypted"


class Corrupt(Unreadable):
    kind = "corrupt"


class NeedsOCR(Unreadable):
    kind = "needs_ocr"


class Unsupported(Unreadable):
    kind = "unsupported"


class LimitExceeded(Unreadable):
    kind = "limit_exceeded"
