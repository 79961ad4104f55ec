"""Email headers as the standard library's default policy gives them, at less cost per message.

Parsing a header with ``email.policy.default`` builds a parse tree, a list of defects and a new
class for every header, about 0.1 ms for one address; a mailbox of small messages spent most of
its reading time there. Two savings, neither of which changes a header's text:

- ``policy()``: a header registry that builds each header class once and parses each
  (name, value) once per file (the parser and the MIME accessors ask for Content-Type up to
  nine times a message).
- ``header_text()``: the text of From, To, Cc, Reply-To, Subject and Date without the parse,
  for values in a shape whose text is known: plain ASCII addresses (``Name <a@b.c>``, ``a@b.c``,
  lists of those), ASCII subjects with no encoded words (their text is the value itself) and
  dates that parse (their text is the normal form; the usual form is read by hand). Anything
  else goes to the standard parser.
  Tests hold each shape to what the parser gives.
"""

from __future__ import annotations

import re
from datetime import date
from email import utils
from email.headerregistry import HeaderRegistry
from email.message import Message
from email.policy import EmailPolicy, default

_PARSED_MAX = 1024


class _Headers(HeaderRegistry):
    """The standard registry, each class built once and each (name, value) parsed once. Header
    objects are immutable, so handing out the same one again changes nothing. Made per file,
    so parsed values (attachment names) live no longer than the file's read."""

    def __init__(self) -> None:
        super().__init__()
        self._classes: dict[str, type] = {}
        self._parsed: dict[tuple[str, str], object] = {}

    def map_to_type(self, name: str, cls: type) -> None:
        super().map_to_type(name, cls)
        self._classes.clear()
        self._parsed.clear()

    def __getitem__(self, name: str) -> type:
        key = name.lower()
        cls = self._classes.get(key)
        if cls is None:
            cls = self._classes[key] = super().__getitem__(name)
        return cls

    def __call__(self, name: str, value: str):
        key = (name, value)
        header = self._parsed.get(key)
        if header is None:
            if len(self._parsed) >= _PARSED_MAX:
                self._parsed.clear()
            header = self._parsed[key] = self[name](name, value)
        return header


def policy() -> EmailPolicy:
    """``email.policy.default`` with a registry of its own (one per file read)."""
    return default.clone(header_factory=_Headers())


# atext (RFC 5322) without "=" and "?", so that no word can be an encoded word.
_ATOM = r"[A-Za-z0-9!#$%&'*+/^_`{|}~-]+"
_DOT_ATOM = rf"{_ATOM}(?:\.{_ATOM})*"
_ADDR_SPEC = rf"{_DOT_ATOM}@{_DOT_ATOM}"
# A display name of atoms one space apart: no specials, so the parser neither quotes it nor
# changes its spacing.
_MAILBOX = rf"(?:{_ATOM}(?: {_ATOM})* <{_ADDR_SPEC}>|{_ADDR_SPEC})"
_PLAIN_ADDRESSES = re.compile(rf"{_MAILBOX}(?:, {_MAILBOX})*")
# Unfolding, as the policy does: every CR and LF removed (not str.splitlines's line ends).
_LINE_ENDS = re.compile(r"\n|\r")
_ADDRESS_HEADERS = frozenset({"from", "to", "cc", "reply-to"})


def header_text(msg: Message, name: str) -> str | None:
    """``msg.get(name)`` as text: the first header of that name, or None when there is none.
    Raises what the parser raises on a value it cannot take."""
    key = name.lower()
    found = next(((k, v) for k, v in msg.raw_items() if k.lower() == key), None)
    if found is None:
        return None
    k, v = found
    if hasattr(v, "name"):  # already a header object (a message built, not parsed)
        return v
    value = _LINE_ENDS.sub("", v)
    text = _known_text(key, value)
    return text if text is not None else msg.policy.header_fetch_parse(k, v)


def _known_text(key: str, value: str) -> str | None:
    """The parser's text for ``value`` where its shape says what that is; None otherwise."""
    if not value.isascii():
        return None  # encoded bytes and odd characters: the parser's own rules apply
    if key in _ADDRESS_HEADERS:
        return value if _PLAIN_ADDRESSES.fullmatch(value) else None
    if key == "subject":
        return value if "=?" not in value else None
    if key == "date" and value:
        try:
            return _usual_date(value) or utils.format_datetime(utils.parsedate_to_datetime(value))
        except Exception:  # noqa: BLE001 - the parser decides what a bad date gives
            return None
    return None


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_USUAL_DATE = re.compile(
    # The year in four digits from 1000: the parser reads a year below 100 as 19xx or 20xx.
    rf"(?:(?:{'|'.join(_DAYS)}), )?(\d{{1,2}}) ({'|'.join(_MONTHS)}) ([1-9]\d{{3}}) "
    r"([01]\d|2[0-3]):([0-5]\d):([0-5]\d) ([+-](?:[01]\d|2[0-3])[0-5]\d)")


def _usual_date(value: str) -> str | None:
    """A date as mail programs write it, in its normal form (what format_datetime gives after
    parsedate_to_datetime: the weekday worked out, the day in two digits); None otherwise.
    Raises ValueError for a day the month does not have, as the parser does."""
    m = _USUAL_DATE.fullmatch(value)
    if m is None:
        return None
    day, month, year, hh, mm, ss, zone = m.groups()
    weekday = date(int(year), _MONTHS.index(month) + 1, int(day)).weekday()
    return f"{_DAYS[weekday]}, {int(day):02d} {month} {year} {hh}:{mm}:{ss} {zone}"
