"""Validators: one function per identifier, each ``str -> normalised str | None``.

A validator receives a candidate as found (spaces, dashes, any case) and returns the
normalised value when the candidate is a valid identifier of its kind, or ``None``. They are
pure, fast and never raise on bad input; they never log the value.

python-stdnum supplies the checks it has (NHS mod-11, UTR, IBAN, Luhn); the National
Insurance number, DVLA driving licence, UK postcode, vehicle registration and payment card
issuer rules are our own.
"""

from __future__ import annotations

import calendar
import ipaddress
import re
import time
from datetime import date
from functools import cache

from stdnum import iban as _iban
from stdnum import luhn as _luhn
from stdnum.exceptions import ValidationError
from stdnum.gb import nhs as _nhs
from stdnum.gb import utr as _utr

try:  # Cython compiles this module (setup.py); the hand-written paths below run only then
    import cython

    _COMPILED = cython.compiled
except ImportError:  # plain Python without Cython installed
    _COMPILED = False

_SEPARATORS = re.compile(r"[\s\-./]+")
_SPACES = re.compile(r"\s+")
_NOT_PHONE = re.compile(r"[^\d+]")
_PAD_THEN_LETTER = re.compile(r"9[A-Z]")


def compact(value: str) -> str:
    """Upper-case and drop spaces, dashes, dots and slashes."""
    if value.isascii():
        if _COMPILED:
            return _compact_ascii(value)
        # The usual case, without the regex: on ASCII, str.split() splits on exactly the
        # characters \s matches (including \x1c-\x1f).
        return "".join(value.split()).replace("-", "").replace(".", "").replace("/", "").upper()
    return _SEPARATORS.sub("", value).upper()


def _is_separator(c) -> bool:
    """An ASCII character ``compact`` drops: white space as \\s matches it, - . and /."""
    return c == 32 or 9 <= c <= 13 or 28 <= c <= 31 or c == 45 or c == 46 or c == 47


def _compact_ascii(value: str) -> str:
    """``compact`` of an ASCII string, one character at a time (compiled): most candidates
    have nothing to drop or upper-case and are returned as they are."""
    kept = 0
    lower = False
    for ch in value:
        c = ord(ch)
        if not _is_separator(c):
            kept += 1
            lower = lower or 97 <= c <= 122
    if kept == len(value):
        return value.upper() if lower else value
    out = bytearray(kept)
    i = 0
    for ch in value:
        c = ord(ch)
        if not _is_separator(c):
            out[i] = c - 32 if 97 <= c <= 122 else c
            i += 1
    return out.decode("ascii")


# The checksums below are python-stdnum's, computed directly on ASCII digits: the same answers
# at a fraction of the cost (stdnum cleans and re-validates its input on every call). Anything
# else (non-ASCII digits, odd characters) still goes through stdnum. Plain loops over the
# characters: compiled, they run in C.


def _ascii_digits(v: str) -> bool:
    return v.isascii() and v.isdigit()


def _all_same(v: str) -> bool:
    """Every character the same (``len(set(v)) == 1`` for a non-empty ``v``, without a set)."""
    if _COMPILED:  # by hand: no method call
        first = v[0]
        for ch in v:
            if ch != first:
                return False
        return True
    return v.count(v[0]) == len(v)


def _isdigit(v: str) -> bool:
    """``v.isdigit()``; compiled, ASCII is read by hand (a method call cost more than a short
    candidate's whole check) and only a character beyond ASCII asks ``str.isdigit``."""
    if not _COMPILED:
        return v.isdigit()
    for ch in v:
        c = ord(ch)
        if c >= 128:
            return v.isdigit()
        if not 48 <= c <= 57:
            return False
    return len(v) > 0


def _nhs_valid(v: str) -> bool:
    if _ascii_digits(v):
        if len(v) != 10:
            return False
        total = 0
        for i in range(10):  # weights 10, 9, ..., 1
            total += (ord(v[i]) - 48) * (10 - i)
        return total % 11 == 0
    return _nhs.is_valid(v)


def _utr_valid(v: str) -> bool:
    if _ascii_digits(v):
        if len(v) != 10:
            return False
        total = 0
        for i in range(9):  # weights 6, 7, 8, 9, 10, 5, 4, 3, 2 on the digits after the first
            total += (ord(v[i + 1]) - 48) * (6 + i if i < 5 else 10 - i)
        return "21987654321"[total % 11] == v[0]
    return _utr.is_valid(v)


def _luhn_valid(v: str) -> bool:
    if _ascii_digits(v):
        total = 0
        double = False  # every second digit from the right, doubled (less 9 when over 9)
        for i in range(len(v) - 1, -1, -1):
            d = ord(v[i]) - 48
            if double:
                d = d * 2 - 9 if d > 4 else d * 2
            total += d
            double = not double
        return total % 10 == 0
    return _luhn.is_valid(v)


def _iban_mod97(v: str) -> int:
    """The IBAN check: ``v`` (upper-case ASCII letters and digits) moved four characters on,
    letters as two digits (A = 10), modulo 97 -- one character at a time, no big number."""
    r = 0
    n = len(v)
    for i in range(n):
        c = ord(v[(i + 4) % n])
        r = (r * 10 + c - 48) % 97 if c <= 57 else (r * 100 + c - 55) % 97
    return r


# --- National Insurance number -------------------------------------------------------------
# HMRC: first letter not D, F, I, Q, U, V; second letter not D, F, I, O, Q, U, V; the prefixes
# BG, GB, KN, NK, NT, TN and ZZ are never allocated; suffix A-D (may be omitted in old records).
NINO_BAD_FIRST = frozenset("DFIQUV")
NINO_BAD_SECOND = frozenset("DFIOQUV")
NINO_BAD_PREFIXES = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})
_NINO = re.compile(r"[A-Z]{2}\d{6}[A-D]?")


def nino(value: str) -> str | None:
    v = compact(value)
    if not (_nino_shape(v) if _COMPILED and v.isascii() else _NINO.fullmatch(v)):
        return None
    if v[0] in NINO_BAD_FIRST or v[1] in NINO_BAD_SECOND or v[:2] in NINO_BAD_PREFIXES:
        return None
    return v


def _nino_shape(v: str) -> bool:
    """``_NINO.fullmatch`` on ASCII, by hand: two letters, six digits, A-D or nothing."""
    n = len(v)
    if n != 8 and n != 9:
        return False
    for i in range(n):
        c = ord(v[i])
        if i < 2:
            if not 65 <= c <= 90:
                return False
        elif i < 8:
            if not 48 <= c <= 57:
                return False
        elif not 65 <= c <= 68:
            return False
    return True


# --- NHS number (mod 11) ------------------------------------------------------------------
def nhs_number(value: str) -> str | None:
    v = compact(value)
    if len(v) != 10 or not _isdigit(v) or _all_same(v):
        return None
    return v if _nhs_valid(v) else None


# --- UTR (HMRC Unique Taxpayer Reference, check digit first) ------------------------------
def utr(value: str) -> str | None:
    v = compact(value)
    v = v.removeprefix("K").removesuffix("K")
    if len(v) == 13 and _isdigit(v):  # 3-digit office prefix on some letters
        v = v[3:]
    if len(v) != 10 or not _isdigit(v):
        return None
    return v if _utr_valid(v) else None


# --- Payment cards: Luhn + issuer ranges ----------------------------------------------------
def card_issuer(digits: str) -> str | None:
    """The card scheme from the leading digits (IIN ranges), if the length fits it."""
    n = len(digits)
    if _COMPILED and n >= 6 and digits.isascii() and digits.isdigit():
        # The prefixes read by hand: four int() of slices were half of a card's validation.
        p2, p3, p4, p6 = _number(digits, 0, 2), _number(digits, 0, 3), _number(digits, 0, 4), \
            _number(digits, 0, 6)
    else:  # the three-digit prefix only where it is needed, as before (int() may refuse it)
        p2, p3, p4, p6 = int(digits[:2]), -1, int(digits[:4]), int(digits[:6])
    if digits[0] == "4" and n in (13, 16, 19):
        return "visa"
    if (51 <= p2 <= 55 or 2221 <= p4 <= 2720) and n == 16:
        return "mastercard"
    if p2 in (34, 37) and n == 15:
        return "amex"
    if (p4 == 6011 or p2 == 65 or 644 <= (p3 if p3 >= 0 else int(digits[:3])) <= 649 or 622126 <= p6 <= 622925) \
            and 16 <= n <= 19:
        return "discover"
    if 3528 <= p4 <= 3589 and 16 <= n <= 19:
        return "jcb"
    if (p2 in (36, 38, 39) or 300 <= (p3 if p3 >= 0 else int(digits[:3])) <= 305) and 14 <= n <= 19:
        return "diners"
    if (p2 == 50 or 56 <= p2 <= 69) and 12 <= n <= 19:
        return "maestro"
    return None


def payment_card(value: str) -> str | None:
    v = compact(value)
    # isdecimal, not isdigit: "²" is a digit that int() refuses, and validators never raise.
    if not v.isdecimal() or not 12 <= len(v) <= 19 or _all_same(v):
        return None
    if card_issuer(v) is None or not _luhn_valid(v):
        return None
    return v


# --- IBAN -----------------------------------------------------------------------------------
def iban(value: str) -> str | None:
    v = compact(value)
    if not 15 <= len(v) <= 34:
        return None
    if not (v.isascii() and v.isalnum()):
        return v if _iban.is_valid(v) else None
    # stdnum's checks in its order (mod 97, country, BBAN structure, country module), with
    # the per-country look-ups cached: stdnum parses its registry entry on every call.
    if _iban_mod97(v) != 1:
        return None
    bban_re, module = _iban_country(v[:2])
    if bban_re is None or not bban_re.match(v[4:]):
        return None
    if module is not None:
        try:
            module.validate(v)
        except ValidationError:
            return None
    return v


@cache
def _iban_country(cc: str) -> tuple[re.Pattern[str] | None, object]:
    props = _iban._ibandb.info(cc)[0][1]
    if not props:
        return None, None
    return _iban._struct_to_re(props.get("bban", "")), _iban._get_cc_module(cc)


# --- Sort code and account number -----------------------------------------------------------
# Format only: modulus checking needs VocaLink's table, which is not redistributable.
def sort_code(value: str) -> str | None:
    v = compact(value)
    if len(v) != 6 or not _isdigit(v) or v == "000000":
        return None
    return f"{v[:2]}-{v[2:4]}-{v[4:]}"


def account_number(value: str) -> str | None:
    v = compact(value)
    if len(v) != 8 or not _isdigit(v) or _all_same(v):
        return None
    return v


# --- UK passport ----------------------------------------------------------------------------
def passport(value: str) -> str | None:
    v = compact(value)
    if len(v) == 9 and _isdigit(v) and not _all_same(v):
        return v
    # Passports issued since 2020 may carry one or two leading letters.
    if 9 <= len(v) <= 10 and v[:1].isalpha() and v[-7:].isdigit():
        return v
    return None


# --- DVLA driving licence number --------------------------------------------------------------
# 16 characters: surname (5, padded with 9), decade of birth, month (+50 for women), day,
# year of birth, two initials (padded with 9), an arbitrary digit, two check letters.
_DVLA = re.compile(r"[A-Z][A-Z9]{4}\d{6}[A-Z][A-Z9]\d[A-Z]{2}")


def driving_licence(value: str) -> str | None:
    v = compact(value)
    if len(v) == 18 and v[16:].isdigit():  # issue number printed after the licence number
        v = v[:16]
    if _COMPILED and v.isascii():
        return v if _dvla_ascii(v) else None
    if not _DVLA.fullmatch(v):
        return None
    if _PAD_THEN_LETTER.search(v[:5]):  # padding 9s only after the surname letters
        return None
    month = int(v[6:8])
    if month > 50:
        month -= 50
    day = int(v[8:10])
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    # The century is not encoded; 29 February must exist in at least one plausible year.
    decade_year = int(v[5] + v[10])
    if day > calendar.monthrange(1900 + decade_year, month)[1] and (
            day > calendar.monthrange(2000 + decade_year, month)[1]):
        return None
    return v


def _dvla_ascii(v: str) -> bool:
    """``driving_licence``'s checks on ASCII, by hand (compiled): ``_DVLA``, the padding, the
    month and day."""
    if len(v) != 16:
        return False
    for i in range(16):
        c = ord(v[i])
        letter = 65 <= c <= 90
        if i == 0 or i == 11 or i >= 14:
            ok = letter
        elif i <= 4 or i == 12:
            ok = letter or c == 57
        else:
            ok = 48 <= c <= 57
        if not ok or 1 <= i <= 4 and letter and v[i - 1] == "9":
            return False
    month = _number(v, 6, 8)
    if month > 50:
        month -= 50
    day = _number(v, 8, 10)
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return False
    decade_year = _number(v, 5, 6) * 10 + _number(v, 10, 11)
    return day <= _days_in_month(1900 + decade_year, month) or (
        day <= _days_in_month(2000 + decade_year, month))


def driving_licence_birth(value: str) -> tuple[int, int, str] | None:
    """(month, day, sex) embedded in a valid licence number: sex is "F" or "M"."""
    v = driving_licence(value)
    if v is None:
        return None
    month = int(v[6:8])
    return (month - 50, int(v[8:10]), "F") if month > 50 else (month, int(v[8:10]), "M")


# --- UK postcode ----------------------------------------------------------------------------
# The Royal Mail/ONS positional rules for the outward and inward codes.
POSTCODE_RE = (
    r"(?:GIR ?0AA|"
    r"(?:[A-PR-UWYZ](?:[0-9][0-9]?|[A-HK-Y][0-9][0-9]?|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY]))"
    r" ?[0-9][ABD-HJLNP-UW-Z]{2})"
)
_POSTCODE = re.compile(POSTCODE_RE)


def postcode(value: str) -> str | None:
    if _COMPILED and value.isascii():
        # On ASCII, str.split() splits on exactly the characters \s matches.
        v = "".join(value.upper().split())
        return f"{v[:-3]} {v[-3:]}" if _postcode_shape(v) else None
    v = _SPACES.sub("", value.upper())
    if not 5 <= len(v) <= 7:
        return None
    v = f"{v[:-3]} {v[-3:]}"
    return v if _POSTCODE.fullmatch(v) else None


def _postcode_shape(v: str) -> bool:
    """``POSTCODE_RE`` on ``v`` (ASCII, upper case, no spaces) with a space before its last
    three characters, by hand: the outward code is everything before them."""
    n = len(v)
    if not 5 <= n <= 7:
        return False
    if v == "GIR0AA":
        return True
    a, b = v[0], v[1]
    if a not in "ABCDEFGHIJKLMNOPRSTUWYZ":
        return False
    if n == 5:  # A9
        ok = b in "0123456789"
    elif n == 6:  # A99, AA9, A9A
        c = v[2]
        ok = b in "0123456789" and c in "0123456789ABCDEFGHJKPSTUW" or (
            b in "ABCDEFGHKLMNOPQRSTUVWXY" and c in "0123456789")
    else:  # AA99, AA9A
        ok = b in "ABCDEFGHKLMNOPQRSTUVWXY" and v[2] in "0123456789" and (
            v[3] in "0123456789ABEHMNPRVWXY")
    return ok and v[n - 3] in "0123456789" and v[n - 2] in "ABDEFGHJLNPQRSTUWXYZ" and (
        v[n - 1] in "ABDEFGHJLNPQRSTUWXYZ")


# --- Vehicle registration mark ---------------------------------------------------------------
_VRM_CURRENT = re.compile(r"[A-HJ-PR-Y][A-HJ-PR-Y](\d\d)[A-HJ-PR-Z]{3}")
_VRM_PREFIX = re.compile(r"[A-HJ-NP-Y]\d{1,3}[A-HJ-PR-Y]{3}")
_VRM_SUFFIX = re.compile(r"[A-HJ-PR-Y]{3}\d{1,3}[A-HJ-NP-Y]")


def vehicle_registration(value: str, *, today: date | None = None) -> str | None:
    return _vehicle_registration(value, today or _today())


def _vehicle_registration(value: str, today: date) -> str | None:
    v = compact(value)
    if _COMPILED and v.isascii():
        age = _vrm_current_age(v)
    else:
        m = _VRM_CURRENT.fullmatch(v)
        age = int(m.group(1)) if m else -1
    if age >= 0:
        year = today.year % 100
        # March plates 02..current year, September plates 51..current year + 50.
        if 2 <= age <= year or 51 <= age <= year + 50:
            return f"{v[:4]} {v[4:]}"
        return None
    if _VRM_PREFIX.fullmatch(v) or _VRM_SUFFIX.fullmatch(v):
        return v
    return None


def _vrm_current_age(v: str) -> int:
    """The age digits of a current-format mark (``_VRM_CURRENT`` on ASCII, by hand), or -1."""
    if len(v) != 7:
        return -1
    if v[0] not in "ABCDEFGHJKLMNOPRSTUVWXY" or v[1] not in "ABCDEFGHJKLMNOPRSTUVWXY":
        return -1
    if v[2] not in "0123456789" or v[3] not in "0123456789":
        return -1
    for i in range(4, 7):
        if v[i] not in "ABCDEFGHJKLMNOPRSTUVWXYZ":
            return -1
    return _number(v, 2, 4)


# --- Email, IP ------------------------------------------------------------------------------
_EMAIL = re.compile(
    r"[A-Za-z0-9][A-Za-z0-9._%+'-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"
    r"[A-Za-z]{2,24}"
)


def email(value: str) -> str | None:
    v = _email_stripped(value)
    if _COMPILED and v.isascii():
        return v.lower() if _email_shape(v) and ".." not in v else None
    if not _EMAIL.fullmatch(v) or ".." in v:
        return None
    local, _, domain = v.rpartition("@")
    return f"{local}@{domain.lower()}".lower()


def _email_stripped(value: str) -> str:
    """``value.strip().strip(".")``; compiled, no call when neither end has anything to strip
    (a candidate never has)."""
    if _COMPILED and value:
        a, b = ord(value[0]), ord(value[len(value) - 1])
        if a < 128 and b < 128 and not (_is_space(a) or a == 46 or _is_space(b) or b == 46):
            return value
    return value.strip().strip(".")


def _is_alnum(c) -> bool:
    return 48 <= c <= 57 or 65 <= c <= 90 or 97 <= c <= 122


def _email_shape(v: str) -> bool:
    """``_EMAIL.fullmatch`` on ASCII, by hand: a local part of 1-64 characters up to the first
    "@" (it cannot hold one), then dot-separated labels of 1-63 letters, digits and hyphens
    (not first or last), the last of them 2-24 letters."""
    n = len(v)
    if n == 0 or not _is_alnum(ord(v[0])):
        return False
    at = 1
    while at < n and v[at] != "@":
        c = ord(v[at])
        if not (_is_alnum(c) or c == 46 or c == 95 or c == 37 or c == 43 or c == 39 or c == 45):
            return False
        at += 1
    if at == n or at > 64:
        return False
    labels = 0
    start = at + 1
    for i in range(at + 1, n + 1):
        if i < n and v[i] != ".":
            continue
        size = i - start  # the label v[start:i]
        if i == n:  # the top-level domain
            if labels == 0 or not 2 <= size <= 24:
                return False
            for j in range(start, n):
                c = ord(v[j])
                if not (65 <= c <= 90 or 97 <= c <= 122):
                    return False
            return True
        if not 1 <= size <= 63 or not _is_alnum(ord(v[start])) or not _is_alnum(ord(v[i - 1])):
            return False
        for j in range(start, i):
            c = ord(v[j])
            if not (_is_alnum(c) or c == 45):
                return False
        labels += 1
        start = i + 1
    return False


def ip_address(value: str) -> str | None:
    v4 = _ipv4(value)
    if v4 is not None:
        return v4 or None
    try:
        ip = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    if ip.is_unspecified or ip.is_loopback or ip.is_multicast:
        return None
    return str(ip)


def _ipv4(value: str) -> str | None:
    """The fast path for a canonical dotted quad: the address, "" to reject, None to ask
    ``ipaddress`` (anything else: leading zeros, spaces, IPv6)."""
    if _COMPILED:
        return _ipv4_scan(value)
    parts = value.split(".")
    if len(parts) != 4 or not value.isascii():
        return None
    nums = []
    for p in parts:
        if not p.isdigit() or len(p) > 3 or len(p) > 1 and p[0] == "0":
            return None
        nums.append(int(p))
    first = nums[0]
    if max(nums) > 255:
        return None
    if first == 127 or 224 <= first <= 239 or value == "0.0.0.0":
        return ""  # loopback, multicast, unspecified
    return value


def _ipv4_scan(value: str) -> str | None:
    """``_ipv4`` one character at a time (compiled)."""
    if not value.isascii():
        return None
    dots = digits = 0
    num = first = top = 0
    lead = 0  # the first digit of the current part
    for ch in value:
        c = ord(ch)
        if c == 46:
            if digits == 0:
                return None
            dots += 1
            digits = num = 0
        elif 48 <= c <= 57:
            if digits == 0:
                lead = c
            elif lead == 48:  # a leading zero
                return None
            digits += 1
            if digits > 3:
                return None
            num = num * 10 + c - 48
            if dots == 0:
                first = num
            top = max(top, num)
        else:
            return None
    if dots != 3 or digits == 0 or top > 255:
        return None
    if first == 127 or 224 <= first <= 239 or value == "0.0.0.0":
        return ""  # loopback, multicast, unspecified
    return value


# --- UK phone numbers ---------------------------------------------------------------------------
@cache
def _uk_personal_ranges() -> re.Pattern[str]:
    """libphonenumber's GB patterns for the number types a person has, compiled once.

    Calling ``phonenumbers.parse`` + ``is_valid_number`` costs ~300 us a number; matching its
    own metadata patterns directly gives the same answer for GB numbers at ~2 us.
    """
    import phonenumbers  # imported here: loading its metadata costs ~50 ms at start-up

    alts = []
    # +44 is shared by the UK, Guernsey, Jersey and the Isle of Man.
    for region in ("GB", "GG", "JE", "IM"):
        meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
        kinds = (meta.fixed_line, meta.mobile, meta.personal_number, meta.voip, meta.pager)
        alts += [f"(?:{k.national_number_pattern})" for k in kinds
                 if k is not None and k.national_number_pattern]
    return re.compile("|".join(alts))


def _phone_chars(value: str) -> str:
    """``_NOT_PHONE.sub("", value)`` on ASCII: the digits and "+" signs (compiled)."""
    kept = 0
    for ch in value:
        if ch in "0123456789+":
            kept += 1
    if kept == len(value):
        return value
    out = bytearray(kept)
    i = 0
    for ch in value:
        if ch in "0123456789+":
            out[i] = ord(ch)
            i += 1
    return out.decode("ascii")


def phone(value: str) -> str | None:
    """E.164 for a valid UK number that could be a person's (mobile, geographic, personal, VoIP).

    Freephone, premium, shared-cost and UAN numbers (0800, 03xx, 084x, 087x, 09xx) belong to
    organisations -- helplines, not people -- and are rejected. So are Ofcom's drama ranges,
    which libphonenumber's metadata already treats as invalid.
    """
    digits = _phone_chars(value) if _COMPILED and value.isascii() else _NOT_PHONE.sub("", value)
    if digits.startswith("+44"):
        national = digits[3:]
    elif digits.startswith("0044"):
        national = digits[4:]
    elif digits.startswith("0") and "+" not in digits:
        national = digits[1:]
    else:
        return None
    national = national.removeprefix("0")  # "+44 (0)20 ..."
    if not 9 <= len(national) <= 10 or not _uk_personal_ranges().fullmatch(national):
        return None
    return "+44" + national


# --- Dates ----------------------------------------------------------------------------------
MONTHS = {
    m.lower(): i
    for i in range(1, 13)
    for m in (calendar.month_name[i], calendar.month_abbr[i])
}
MONTHS["sept"] = 9
_NUMERIC_DATE = re.compile(r"(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{2,4})")
_WORD_DATE = re.compile(
    r"(?:(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4}))|"
    r"(?:([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}))",
    re.IGNORECASE,
)


def parse_date(value: str, *, today: date | None = None) -> date | None:
    """A UK-order date (day first; ISO when the year leads); None when not a real date."""
    v = value.strip()
    m = _NUMERIC_DATE.fullmatch(v)
    try:
        if m:
            a, b, c = m.groups()
            if len(a) == 4:
                y, mo, d = int(a), int(b), int(c)
            else:
                d, mo, y = int(a), int(b), int(c)
                if len(c) == 2:
                    cur = (today or _today()).year % 100
                    y += 2000 if y <= cur else 1900
                elif len(c) != 4:
                    return None
            return date(y, mo, d)
        m = _WORD_DATE.fullmatch(v)
        if m:
            if m.group(1):
                d, mon, y = m.group(1), m.group(2), m.group(3)
            else:
                mon, d, y = m.group(4), m.group(5), m.group(6)
            mo = MONTHS.get(mon.lower())
            if mo is None:
                return None
            return date(int(y), mo, int(d))
    except ValueError:
        return None
    return None


def date_of_birth(value: str, *, today: date | None = None) -> str | None:
    """ISO date when the date is a plausible birth date (not in the future, after 1900)."""
    return _date_of_birth(value, today or _today())


def _date_of_birth(value: str, today: date) -> str | None:
    if _COMPILED and value.isascii():
        return _ascii_date_of_birth(value, today.year, today.month, today.day)
    d = parse_date(value, today=today)
    if d is None or d.year < 1900 or d > today:
        return None
    return d.isoformat()


_TODAY = (-1, date.min)  # (the second it was read, the date then)


def _today() -> date:
    """``date.today()``, read at most once a second: it is ``date.fromtimestamp(time.time())``,
    which rounds the time down to the second, so the date only changes on a whole second; and
    reading the clock and the time zone costs more than checking a date."""
    global _TODAY
    now = int(time.time())
    if _TODAY[0] != now:
        _TODAY = (now, date.fromtimestamp(now))
    return _TODAY[1]


def _is_space(c) -> bool:
    """ASCII white space as str.strip(), str.split() and \\s see it."""
    return c == 32 or 9 <= c <= 13 or 28 <= c <= 31


def _is_digit(c) -> bool:
    return 48 <= c <= 57


def _is_letter(c) -> bool:
    return 65 <= c <= 90 or 97 <= c <= 122


def _number(v: str, i, j) -> int:
    """The ASCII digits v[i:j] as a number (at most four of them)."""
    n = 0
    for k in range(i, j):
        n = n * 10 + ord(v[k]) - 48
    return n


def _skip_digits(v: str, i, n) -> int:
    while i < n and _is_digit(ord(v[i])):
        i += 1
    return i


def _skip_letters(v: str, i, n) -> int:
    while i < n and _is_letter(ord(v[i])):
        i += 1
    return i


def _skip_spaces(v: str, i, n) -> int:
    while i < n and _is_space(ord(v[i])):
        i += 1
    return i


def _skip_ordinal(v: str, i, n) -> int:
    """After "st", "nd", "rd" or "th" (any case) at v[i], else i; -1 for other letters there."""
    if i >= n or not _is_letter(ord(v[i])):
        return i
    if i + 2 <= n and v[i:i + 2].lower() in ("st", "nd", "rd", "th"):
        return i + 2
    return -1


def _days_in_month(y, mo) -> int:
    if mo == 2:
        return 29 if y % 4 == 0 and (y % 100 != 0 or y % 400 == 0) else 28
    return 30 if mo in (4, 6, 9, 11) else 31


def _ascii_date_of_birth(value: str, ty, tm, td) -> str | None:
    """``date_of_birth`` of an ASCII string, today being ty-tm-td, by hand (compiled):
    ``parse_date``'s regexes read one character at a time, then the same checks. Every run of
    digits or letters below is read whole, as the regexes must (none can split one)."""
    lo, n = 0, len(value)
    while lo < n and _is_space(ord(value[lo])):
        lo += 1
    while n > lo and _is_space(ord(value[n - 1])):
        n -= 1
    if lo == n:
        return None
    i = _skip_digits(value, lo, n)
    if i > lo and i < n and value[i] in "/.-":
        # (\d{1,4})[/.-](\d{1,2})[/.-](\d{2,4}): day first, or ISO when the year leads
        j = _skip_digits(value, i + 1, n)
        if j >= n or value[j] not in "/.-":
            return None
        k = _skip_digits(value, j + 1, n)
        na, nb, nc = i - lo, j - i - 1, k - j - 1
        if k != n or not 1 <= na <= 4 or not 1 <= nb <= 2 or not 2 <= nc <= 4:
            return None
        a, b, c = _number(value, lo, i), _number(value, i + 1, j), _number(value, j + 1, k)
        if na == 4:
            y, mo, d = a, b, c
        else:
            d, mo, y = a, b, c
            if nc == 2:
                y += 2000 if y <= ty % 100 else 1900
            elif nc != 4:
                return None
    elif i > lo:
        # (\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})
        if i - lo > 2:
            return None
        d = _number(value, lo, i)
        p = _skip_ordinal(value, i, n)
        if p < 0:
            return None
        q = _skip_spaces(value, p, n)
        r = _skip_letters(value, q, n)
        if q == p:
            return None
        if r - q == 2 and value[q:r].lower() == "of" and r < n and _is_space(ord(value[r])):
            q = _skip_spaces(value, r, n)
            r = _skip_letters(value, q, n)
        mon = value[q:r]
        p = r + 1 if r < n and value[r] == "." else r
        p = p + 1 if p < n and value[p] == "," else p
        q = _skip_spaces(value, p, n)
        if q == p or n - q != 4 or _skip_digits(value, q, n) != n:
            return None
        y = _number(value, q, n)
        if not 3 <= len(mon) <= 9:
            return None
        mo = MONTHS.get(mon.lower(), 0)
    else:
        # ([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})
        r = _skip_letters(value, lo, n)
        mon = value[lo:r]
        p = r + 1 if r < n and value[r] == "." else r
        q = _skip_spaces(value, p, n)
        i = _skip_digits(value, q, n)
        if q == p or not 1 <= i - q <= 2:
            return None
        d = _number(value, q, i)
        p = _skip_ordinal(value, i, n)
        if p < 0:
            return None
        p = p + 1 if p < n and value[p] == "," else p
        q = _skip_spaces(value, p, n)
        if q == p or n - q != 4 or _skip_digits(value, q, n) != n:
            return None
        y = _number(value, q, n)
        if not 3 <= len(mon) <= 9:
            return None
        mo = MONTHS.get(mon.lower(), 0)
    # date(y, mo, d) must exist, from 1900 on, and not be after today
    if not 1 <= mo <= 12 or d < 1 or y < 1900 or y > 9999:
        return None
    if d > _days_in_month(y, mo):
        return None
    if y > ty or y == ty and (mo > tm or mo == tm and d > td):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


# --- Passwords and hashes ----------------------------------------------------------------------
_HASH = re.compile(
    r"\$2[abxy]?\$\d\d\$[./A-Za-z0-9]{53}|\$argon2(?:id|i|d)\$\S+|\$[156]\$[^$\s]{1,16}\$[./A-Za-z0-9]{22,86}"
    r"|pbkdf2_sha256\$\d+\$\S+|[0-9a-fA-F]{32}|[0-9a-fA-F]{40}|[0-9a-fA-F]{64}|[0-9a-fA-F]{128}"
)


def password_hash(value: str) -> str | None:
    v = value.strip()
    return v if _HASH.fullmatch(v) else None


def secret(value: str) -> str | None:
    """A password or username value given after a label: a single token, 3-128 characters."""
    v = value.strip().strip("\"'`.,;")
    if not 3 <= len(v) <= 128:
        return None
    for c in v:  # no white space (a loop: compiled, no generator)
        if c.isspace():
            return None
    return v


# --- The text scanner's dispatch ---------------------------------------------------------------
# The text scanner validates tens of thousands of candidates a megabyte. It asks ``check`` with
# a small number per validator (``code_of``); compiled, text.py calls ``check`` as a C function
# and the numbers are C constants (a switch, no Python call per candidate).
(NO_CHECK, EMAIL, PHONE, POSTCODE, DATE_OF_BIRTH, NINO, NHS_NUMBER, UTR, PAYMENT_CARD, IBAN,
 SORT_CODE, ACCOUNT_NUMBER, PASSPORT, DRIVING_LICENCE, VEHICLE_REGISTRATION, IP_ADDRESS, SECRET,
 PASSWORD_HASH) = range(18)


def code_of(validate) -> int:
    """``check``'s number for a validator (``NO_CHECK`` for none), or -1 for a function it does
    not know (the caller calls that one itself)."""
    if validate is None:
        return NO_CHECK
    return _CODES.get(validate, -1)


def check(code, text: str, s, e) -> str | None:
    """Validator number ``code`` (see ``code_of``) on the candidate ``text[s:e]``; with
    ``NO_CHECK``, the candidate as it is."""
    value = text[s:e]
    if code == EMAIL:
        return email(value)
    if code == PHONE:
        return phone(value)
    if code == POSTCODE:
        return postcode(value)
    if code == DATE_OF_BIRTH:
        return _date_of_birth(value, _today())
    if code == NINO:
        return nino(value)
    if code == NHS_NUMBER:
        return nhs_number(value)
    if code == UTR:
        return utr(value)
    if code == PAYMENT_CARD:
        return payment_card(value)
    if code == IBAN:
        return iban(value)
    if code == SORT_CODE:
        return sort_code(value)
    if code == ACCOUNT_NUMBER:
        return account_number(value)
    if code == PASSPORT:
        return passport(value)
    if code == DRIVING_LICENCE:
        return driving_licence(value)
    if code == VEHICLE_REGISTRATION:
        return _vehicle_registration(value, _today())
    if code == IP_ADDRESS:
        return ip_address(value)
    if code == SECRET:
        return secret(value)
    if code == PASSWORD_HASH:
        return password_hash(value)
    return value


_CODES = {
    email: EMAIL, phone: PHONE, postcode: POSTCODE, date_of_birth: DATE_OF_BIRTH, nino: NINO,
    nhs_number: NHS_NUMBER, utr: UTR, payment_card: PAYMENT_CARD, iban: IBAN,
    sort_code: SORT_CODE, account_number: ACCOUNT_NUMBER, passport: PASSPORT,
    driving_licence: DRIVING_LICENCE, vehicle_registration: VEHICLE_REGISTRATION,
    ip_address: IP_ADDRESS, secret: SECRET, password_hash: PASSWORD_HASH,
}


def warm_up() -> None:
    """Load what the validators load lazily (phone metadata, stdnum's IBAN registry), so the
    first text a process scans does not pay for it."""
    phone("07911 123456")
    iban("GB29 NWBK 6016 1331 9268 19")
    ip_address("2001:db8::1")
    date_of_birth("3rd March 1985")
