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
from datetime import date
from functools import cache
from operator import mul

from stdnum import iban as _iban
from stdnum import luhn as _luhn
from stdnum.exceptions import ValidationError
from stdnum.gb import nhs as _nhs
from stdnum.gb import utr as _utr

_SEPARATORS = re.compile(r"[\s\-./]+")
_SPACES = re.compile(r"\s+")
_NOT_PHONE = re.compile(r"[^\d+]")
_PAD_THEN_LETTER = re.compile(r"9[A-Z]")


def compact(value: str) -> str:
    """Upper-case and drop spaces, dashes, dots and slashes."""
    if value.isascii():
        # The usual case, without the regex: on ASCII, str.split() splits on exactly the
        # characters \s matches (including \x1c-\x1f).
        return "".join(value.split()).replace("-", "").replace(".", "").replace("/", "").upper()
    return _SEPARATORS.sub("", value).upper()


# The checksums below are python-stdnum's, computed directly on ASCII digits: the same answers
# at a fraction of the cost (stdnum cleans and re-validates its input on every call). Anything
# else (non-ASCII digits, odd characters) still goes through stdnum.
_NHS_WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2, 1)
_UTR_WEIGHTS = (6, 7, 8, 9, 10, 5, 4, 3, 2)
# Digits as bytes: b"0" is 48, so a weighted sum of the bytes is the weighted sum of the digits
# plus 48 times the sum of the weights. Luhn's doubled digits map through a translate table.
_NHS_BIAS = 48 * sum(_NHS_WEIGHTS)
_UTR_BIAS = 48 * sum(_UTR_WEIGHTS)
_LUHN_DOUBLE = bytes.maketrans(b"0123456789", b"0246813579")
_IBAN_LETTERS = str.maketrans({chr(c): str(c - 55) for c in range(ord("A"), ord("Z") + 1)})


def _ascii_digits(v: str) -> bool:
    return v.isascii() and v.isdigit()


def _nhs_valid(v: str) -> bool:
    if _ascii_digits(v):
        return len(v) == 10 and (sum(map(mul, v.encode(), _NHS_WEIGHTS)) - _NHS_BIAS) % 11 == 0
    return _nhs.is_valid(v)


def _utr_valid(v: str) -> bool:
    if _ascii_digits(v):
        if len(v) != 10:
            return False
        total = sum(map(mul, v[1:].encode(), _UTR_WEIGHTS)) - _UTR_BIAS
        return "21987654321"[total % 11] == v[0]
    return _utr.is_valid(v)


def _luhn_valid(v: str) -> bool:
    if _ascii_digits(v):
        b = v.encode()
        odd, even = b[-1::-2], b[-2::-2].translate(_LUHN_DOUBLE)
        return (sum(odd) + sum(even) - 48 * len(b)) % 10 == 0
    return _luhn.is_valid(v)


# --- National Insurance number -------------------------------------------------------------
# HMRC: first letter not D, F, I, Q, U, V; second letter not D, F, I, O, Q, U, V; the prefixes
# BG, GB, KN, NK, NT, TN and ZZ are never allocated; suffix A-D (may be omitted in old records).
NINO_BAD_FIRST = frozenset("DFIQUV")
NINO_BAD_SECOND = frozenset("DFIOQUV")
NINO_BAD_PREFIXES = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})
_NINO = re.compile(r"[A-Z]{2}\d{6}[A-D]?")


def nino(value: str) -> str | None:
    v = compact(value)
    if not _NINO.fullmatch(v):
        return None
    if v[0] in NINO_BAD_FIRST or v[1] in NINO_BAD_SECOND or v[:2] in NINO_BAD_PREFIXES:
        return None
    return v


# --- NHS number (mod 11) ------------------------------------------------------------------
def nhs_number(value: str) -> str | None:
    v = compact(value)
    if len(v) != 10 or not v.isdigit() or len(set(v)) == 1:
        return None
    return v if _nhs_valid(v) else None


# --- UTR (HMRC Unique Taxpayer Reference, check digit first) ------------------------------
def utr(value: str) -> str | None:
    v = compact(value)
    v = v.removeprefix("K").removesuffix("K")
    if len(v) == 13 and v.isdigit():  # 3-digit office prefix on some letters
        v = v[3:]
    if len(v) != 10 or not v.isdigit():
        return None
    return v if _utr_valid(v) else None


# --- Payment cards: Luhn + issuer ranges ----------------------------------------------------
def card_issuer(digits: str) -> str | None:
    """The card scheme from the leading digits (IIN ranges), if the length fits it."""
    n = len(digits)
    p2, p4, p6 = int(digits[:2]), int(digits[:4]), int(digits[:6])
    if digits[0] == "4" and n in (13, 16, 19):
        return "visa"
    if (51 <= p2 <= 55 or 2221 <= p4 <= 2720) and n == 16:
        return "mastercard"
    if p2 in (34, 37) and n == 15:
        return "amex"
    if (p4 == 6011 or p2 == 65 or 644 <= int(digits[:3]) <= 649 or 622126 <= p6 <= 622925) \
            and 16 <= n <= 19:
        return "discover"
    if 3528 <= p4 <= 3589 and 16 <= n <= 19:
        return "jcb"
    if (p2 in (36, 38, 39) or 300 <= int(digits[:3]) <= 305) and 14 <= n <= 19:
        return "diners"
    if (p2 == 50 or 56 <= p2 <= 69) and 12 <= n <= 19:
        return "maestro"
    return None


def payment_card(value: str) -> str | None:
    v = compact(value)
    # isdecimal, not isdigit: "²" is a digit that int() refuses, and validators never raise.
    if not v.isdecimal() or not 12 <= len(v) <= 19 or len(set(v)) == 1:
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
    if int((v[4:] + v[:4]).translate(_IBAN_LETTERS)) % 97 != 1:
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
    if len(v) != 6 or not v.isdigit() or v == "000000":
        return None
    return f"{v[:2]}-{v[2:4]}-{v[4:]}"


def account_number(value: str) -> str | None:
    v = compact(value)
    if len(v) != 8 or not v.isdigit() or len(set(v)) == 1:
        return None
    return v


# --- UK passport ----------------------------------------------------------------------------
def passport(value: str) -> str | None:
    v = compact(value)
    if len(v) == 9 and v.isdigit() and len(set(v)) > 1:
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
    years = [1900 + decade_year, 2000 + decade_year]
    if not any(day <= calendar.monthrange(y, month)[1] for y in years):
        return None
    return v


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
    v = _SPACES.sub("", value.upper())
    if not 5 <= len(v) <= 7:
        return None
    v = f"{v[:-3]} {v[-3:]}"
    return v if _POSTCODE.fullmatch(v) else None


# --- Vehicle registration mark ---------------------------------------------------------------
_VRM_CURRENT = re.compile(r"[A-HJ-PR-Y][A-HJ-PR-Y](\d\d)[A-HJ-PR-Z]{3}")
_VRM_PREFIX = re.compile(r"[A-HJ-NP-Y]\d{1,3}[A-HJ-PR-Y]{3}")
_VRM_SUFFIX = re.compile(r"[A-HJ-PR-Y]{3}\d{1,3}[A-HJ-NP-Y]")


def vehicle_registration(value: str, *, today: date | None = None) -> str | None:
    v = compact(value)
    m = _VRM_CURRENT.fullmatch(v)
    if m:
        age = int(m.group(1))
        year = (today or date.today()).year % 100
        # March plates 02..current year, September plates 51..current year + 50.
        if 2 <= age <= year or 51 <= age <= year + 50:
            return f"{v[:4]} {v[4:]}"
        return None
    if _VRM_PREFIX.fullmatch(v) or _VRM_SUFFIX.fullmatch(v):
        return v
    return None


# --- Email, IP ------------------------------------------------------------------------------
_EMAIL = re.compile(
    r"[A-Za-z0-9][A-Za-z0-9._%+'-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"
    r"[A-Za-z]{2,24}"
)


def email(value: str) -> str | None:
    v = value.strip().strip(".")
    if not _EMAIL.fullmatch(v) or ".." in v:
        return None
    local, _, domain = v.rpartition("@")
    return f"{local}@{domain.lower()}".lower()


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


def phone(value: str) -> str | None:
    """E.164 for a valid UK number that could be a person's (mobile, geographic, personal, VoIP).

    Freephone, premium, shared-cost and UAN numbers (0800, 03xx, 084x, 087x, 09xx) belong to
    organisations -- helplines, not people -- and are rejected. So are Ofcom's drama ranges,
    which libphonenumber's metadata already treats as invalid.
    """
    digits = _NOT_PHONE.sub("", value)
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
                    cur = (today or date.today()).year % 100
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
    d = parse_date(value, today=today)
    if d is None or d.year < 1900 or d > (today or date.today()):
        return None
    return d.isoformat()


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
    if not 3 <= len(v) <= 128 or any(c.isspace() for c in v):
        return None
    return v


def warm_up() -> None:
    """Load what the validators load lazily (phone metadata, stdnum's IBAN registry), so the
    first text a process scans does not pay for it."""
    phone("07911 123456")
    iban("GB29 NWBK 6016 1331 9268 19")
    ip_address("2001:db8::1")
    date_of_birth("3rd March 1985")
