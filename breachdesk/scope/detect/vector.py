"""Vectorised validators: the scalar validators of ``validators.py`` as Polars expressions.

Each function here takes a string expression and gives the normalised value where the scalar
validator of the same name would, and null where it would give ``None``. They are exact on
ASCII input, which is nearly every cell of a real export; what Python does with other
characters (Unicode digits and spaces, ``str.upper`` of ligatures, caseless matching of the
Kelvin sign) is not worth re-deriving in Rust's regex dialect, so :func:`validate` hands the
rare non-ASCII value to the scalar validator instead, once per distinct value. A test holds
the two to agreement on many generated valid, invalid and odd values.

Python's ``str.split``/``strip`` and ``re``'s ``\\s`` treat the ASCII separators 0x1c-0x1f as
whitespace and Rust's ``\\s`` does not, hence the explicit :data:`WS` class.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cache

import polars as pl

from . import validators as v

# Python's whitespace within ASCII: what str.split(), str.strip() and re's \s remove.
WS_CHARS = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f "
WS = r"[\t\n\x0B\x0C\r\x1C-\x1F ]"
ASCII = r"^[\x00-\x7F]*$"

Vector = Callable[[pl.Expr], pl.Expr]


def is_ascii(x: pl.Expr) -> pl.Expr:
    return x.str.len_bytes() == x.str.len_chars()


def compact(x: pl.Expr) -> pl.Expr:
    """``validators.compact`` on ASCII: drop whitespace, dashes, dots and slashes; upper-case."""
    return x.str.replace_all(r"[\t\n\x0B\x0C\r\x1C-\x1F \-./]", "").str.to_uppercase()


def _null() -> pl.Expr:
    return pl.lit(None, dtype=pl.Utf8)


def _keep(ok: pl.Expr, value: pl.Expr) -> pl.Expr:
    return pl.when(ok).then(value).otherwise(_null())


def _digits_int(s: pl.Expr, dtype: pl.DataType = pl.Int64) -> pl.Expr:
    """The integer of a string already known to be ASCII digits (null otherwise)."""
    return s.str.to_integer(dtype=dtype, strict=False)


def _repunit(length: pl.Expr) -> pl.Expr:
    """1, 11, 111, ... for lengths 1-19: a number of that length is all one digit exactly when
    the repunit divides it."""
    return length.replace_strict({n: int("1" * n) for n in range(1, 20)}, default=None,
                                 return_dtype=pl.UInt64)


def _all_same(n: pl.Expr, length: pl.Expr) -> pl.Expr:
    return (n.cast(pl.UInt64) % _repunit(length)) == 0


# --- National Insurance number -------------------------------------------------------------
_NINO_SHAPE = r"^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][0-9]{6}[A-D]?$"


def nino(x: pl.Expr) -> pl.Expr:
    c = compact(x)
    ok = c.str.contains(_NINO_SHAPE) & ~c.str.head(2).is_in(sorted(v.NINO_BAD_PREFIXES))
    return _keep(ok, c)


# --- NHS number ---------------------------------------------------------------------------
def nhs_number(x: pl.Expr) -> pl.Expr:
    c = compact(x)
    n = _digits_int(pl.when(c.str.contains(r"^[0-9]{10}$")).then(c))
    total = pl.lit(0, dtype=pl.Int64)
    for i, weight in enumerate(range(10, 0, -1)):
        total = total + (n // 10 ** (9 - i) % 10) * weight
    ok = (total % 11 == 0) & (n % 1111111111 != 0)
    return _keep(ok, c)


# --- Payment cards ---------------------------------------------------------------------------
def _issuer(c: pl.Expr, n: pl.Expr) -> pl.Expr:
    """``validators.card_issuer(...) is not None`` for 12-19 ASCII digits."""
    p2, p3, p4, p6 = (c.str.head(k).str.to_integer(strict=False) for k in (2, 3, 4, 6))
    return (
        (c.str.starts_with("4") & n.is_in([13, 16, 19]))
        | ((p2.is_between(51, 55) | p4.is_between(2221, 2720)) & (n == 16))
        | (p2.is_in([34, 37]) & (n == 15))
        | ((p4 == 6011) | (p2 == 65) | p3.is_between(644, 649) | p6.is_between(622126, 622925))
        & n.is_between(16, 19)
        | p4.is_between(3528, 3589) & n.is_between(16, 19)
        | (p2.is_in([36, 38, 39]) | p3.is_between(300, 305)) & n.is_between(14, 19)
        | ((p2 == 50) | p2.is_between(56, 69)) & n.is_between(12, 19)
    )


def _luhn(num: pl.Expr) -> pl.Expr:
    total = pl.lit(0, dtype=pl.UInt64)
    rest = num
    for i in range(19):
        d = rest % 10
        if i % 2:
            d = pl.when(d > 4).then(d * 2 - 9).otherwise(d * 2)
        total = total + d
        rest = rest // 10
    return total % 10 == 0


def payment_card(x: pl.Expr) -> pl.Expr:
    c = compact(x)
    n = c.str.len_bytes()
    num = _digits_int(pl.when(c.str.contains(r"^[0-9]{12,19}$")).then(c), pl.UInt64)
    ok = ~_all_same(num, n) & _issuer(c, n) & _luhn(num)
    return _keep(ok, c)


# --- Bank details, passport, driving licence -------------------------------------------------
def sort_code(x: pl.Expr) -> pl.Expr:
    c = compact(x)
    ok = c.str.contains(r"^[0-9]{6}$") & (c != "000000")
    return _keep(ok, pl.concat_str([c.str.slice(0, 2), c.str.slice(2, 2), c.str.slice(4, 2)],
                                   separator="-"))


def account_number(x: pl.Expr) -> pl.Expr:
    c = compact(x)
    num = _digits_int(pl.when(c.str.contains(r"^[0-9]{8}$")).then(c))
    return _keep(num % 11111111 != 0, c)


def passport(x: pl.Expr) -> pl.Expr:
    c = compact(x)
    num = _digits_int(pl.when(c.str.contains(r"^[0-9]{9}$")).then(c))
    digits = (num % 111111111 != 0).fill_null(False)
    lettered = c.str.contains(r"(?s)^[A-Z].{1,2}[0-9]{7}$")
    return _keep(digits | lettered, c)


def driving_licence(x: pl.Expr) -> pl.Expr:
    c = compact(x)
    c = pl.when(c.str.contains(r"^.{16}[0-9]{2}$")).then(c.str.head(16)).otherwise(c)
    shape = c.str.contains(r"^[A-Z][A-Z9]{4}[0-9]{6}[A-Z][A-Z9][0-9][A-Z]{2}$")
    month = c.str.slice(6, 2).str.to_integer(strict=False)
    month = pl.when(month > 50).then(month - 50).otherwise(month)
    day = c.str.slice(8, 2).str.to_integer(strict=False)
    decade_year = (c.str.slice(5, 1) + c.str.slice(10, 1)).str.to_integer(strict=False)
    # 29 February exists in 19xx or 20xx for a year ending xx when xx % 4 == 0 (2000 leaps).
    max_day = (
        pl.when(month == 2).then(pl.when(decade_year % 4 == 0).then(29).otherwise(28))
        .when(month.is_in([4, 6, 9, 11])).then(30)
        .otherwise(31)
    )
    ok = shape & ~c.str.head(5).str.contains("9[A-Z]") & month.is_between(1, 12) \
        & day.is_between(1, max_day)
    return _keep(ok, c)


# --- Postcode, email, phone -----------------------------------------------------------------
def postcode(x: pl.Expr) -> pl.Expr:
    c = x.str.to_uppercase().str.replace_all(WS, "")
    spaced = pl.concat_str([c.str.head(-3), pl.lit(" "), c.str.tail(3)])
    ok = c.str.len_bytes().is_between(5, 7) & spaced.str.contains(f"^{v.POSTCODE_RE}$")
    return _keep(ok, spaced)


def email(x: pl.Expr) -> pl.Expr:
    s = x.str.strip_chars(WS_CHARS).str.strip_chars(".")
    ok = s.str.contains(f"^(?:{v._EMAIL.pattern})$") & ~s.str.contains("..", literal=True)
    return _keep(ok, s.str.to_lowercase())


@cache
def _phone_pattern() -> str:
    return f"^(?:{v._uk_personal_ranges().pattern})$"


def phone(x: pl.Expr) -> pl.Expr:
    d = x.str.replace_all(r"[^0-9+]", "")
    national = (
        pl.when(d.str.starts_with("+44")).then(d.str.slice(3))
        .when(d.str.starts_with("0044")).then(d.str.slice(4))
        .when(d.str.starts_with("0") & ~d.str.contains("+", literal=True)).then(d.str.slice(1))
    )
    national = pl.when(national.str.starts_with("0")).then(national.str.slice(1)) \
        .otherwise(national)
    ok = national.str.len_bytes().is_between(9, 10) & national.str.contains(_phone_pattern())
    return _keep(ok, pl.lit("+44") + national)


# --- Dates of birth ---------------------------------------------------------------------------
_NUMERIC = r"^([0-9]{1,4})[/.\-]([0-9]{1,2})[/.\-]([0-9]{2,4})$"
_SUFFIX = r"(?:st|nd|rd|th)?"
_WORD = (
    rf"(?i)^(?:([0-9]{{1,2}}){_SUFFIX}(?:{WS}+of)?{WS}+([A-Za-z]{{3,9}})\.?,?{WS}+([0-9]{{4}})"
    rf"|([A-Za-z]{{3,9}})\.?{WS}+([0-9]{{1,2}}){_SUFFIX},?{WS}+([0-9]{{4}}))$"
)


def _int(e: pl.Expr) -> pl.Expr:
    return e.str.to_integer(strict=False).cast(pl.Int32)


def date_of_birth(x: pl.Expr, *, today: date | None = None) -> pl.Expr:
    """``validators.date_of_birth``: ISO date of a real past date after 1900, UK order."""
    today = today or date.today()
    s = x.str.strip_chars(WS_CHARS)
    num = s.str.extract_groups(_NUMERIC)
    a, b, c = (num.struct.field(f"{i}") for i in (1, 2, 3))
    year_first = a.str.len_bytes() == 4
    cy = _int(c)
    short = cy + pl.when(cy <= today.year % 100).then(2000).otherwise(1900)
    c_year = pl.when(c.str.len_bytes() == 2).then(short) \
        .when(c.str.len_bytes() == 4).then(cy)
    word = s.str.extract_groups(_WORD)
    w = [word.struct.field(f"{i}") for i in range(1, 7)]
    month_word = pl.coalesce(w[1], w[3]).str.to_lowercase() \
        .replace_strict(v.MONTHS, default=None, return_dtype=pl.Int32)
    is_num = a.is_not_null()
    y = pl.when(is_num).then(pl.when(year_first).then(_int(a)).otherwise(c_year)) \
        .otherwise(_int(pl.coalesce(w[2], w[5])))
    mo = pl.when(is_num).then(_int(b)).otherwise(month_word)
    d = pl.when(is_num).then(pl.when(year_first).then(cy).otherwise(_int(a))) \
        .otherwise(_int(pl.coalesce(w[0], w[4])))
    leap = (y % 4 == 0) & ((y % 100 != 0) | (y % 400 == 0))
    max_day = (
        pl.when(mo == 2).then(pl.when(leap).then(29).otherwise(28))
        .when(mo.is_in([4, 6, 9, 11])).then(30)
        .otherwise(31)
    )
    real = (y >= 1900) & mo.is_between(1, 12) & d.is_between(1, max_day)
    when = pl.date(pl.when(real).then(y), pl.when(real).then(mo), pl.when(real).then(d))
    return _keep(when <= pl.lit(today), when.dt.to_string("%Y-%m-%d"))


# -- the registry and the exact whole-column entry point --------------------------------------
VECTORS: dict[Callable[[str], str | None], Vector] = {
    v.nino: nino,
    v.nhs_number: nhs_number,
    v.payment_card: payment_card,
    v.sort_code: sort_code,
    v.account_number: account_number,
    v.passport: passport,
    v.driving_licence: driving_licence,
    v.postcode: postcode,
    v.email: email,
    v.phone: phone,
    v.date_of_birth: date_of_birth,
}


def exact(scalar: Callable[[str], str | None], x: pl.Expr) -> pl.Expr:
    """The vectorised form of ``scalar`` on ASCII values; null for every non-ASCII value
    (which :func:`validate` and :func:`fill_non_ascii` give to ``scalar``)."""
    return pl.when(is_ascii(x)).then(VECTORS[scalar](x)).otherwise(_null())


def fill_non_ascii(scalar: Callable[[str], str | None], raw: pl.Series,
                   value: pl.Series) -> pl.Series:
    """``value`` (from :func:`exact`) with the non-ASCII rows of ``raw`` validated by
    ``scalar``, once per distinct value."""
    odd = raw.str.len_bytes() != raw.str.len_chars()
    if not odd.any():
        return value
    uniq = raw.filter(odd).unique()
    mapping = {u: scalar(u) for u in uniq.to_list()}
    scalar_values = raw.replace_strict(mapping, default=None, return_dtype=pl.Utf8)
    return pl.select(pl.when(odd).then(scalar_values).otherwise(value)).to_series() \
        .alias(value.name)


def validate(scalar: Callable[[str], str | None], values: pl.Series) -> pl.Series:
    """``[scalar(x) for x in values]`` (None stays None), computed whole-column."""
    values = values.cast(pl.Utf8)
    out = pl.DataFrame({"x": values}).select(exact(scalar, pl.col("x"))).to_series()
    return fill_non_ascii(scalar, values, out)
