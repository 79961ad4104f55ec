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



class Let:
    """Names intermediate results, so an expression that uses a value many times refers to a
    column instead of repeating its whole tree (Polars plans a repeated subtree as often as it
    appears: a Luhn check written as one expression costs milliseconds to plan)."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.stages: list[pl.Expr] = []

    def __call__(self, expr: pl.Expr) -> pl.Expr:
        name = f"{self.prefix}{len(self.stages)}"
        self.stages.append(expr.alias(name))
        return pl.col(name)

    def apply(self, frame: pl.LazyFrame) -> pl.LazyFrame:
        for stage in self.stages:
            frame = frame.with_columns(stage)
        return frame

    @property
    def names(self) -> list[str]:
        return [f"{self.prefix}{i}" for i in range(len(self.stages))]


Vector = Callable[[pl.Expr, Let], pl.Expr]


def is_ascii(x: pl.Expr) -> pl.Expr:
    return x.str.len_bytes() == x.str.len_chars()


def compact(x: pl.Expr) -> pl.Expr:
    """``validators.compact`` on ASCII: drop whitespace, dashes, dots and slashes; upper-case."""
    return x.str.replace_all(r"[\t\n\x0B\x0C\r\x1C-\x1F \-./]", "").str.to_uppercase()


def _null() -> pl.Expr:
    return pl.lit(None, dtype=pl.Utf8)


def _keep(ok: pl.Expr, value: pl.Expr) -> pl.Expr:
    return pl.when(ok).then(value).otherwise(_null())


def _digits_int(s: pl.Expr, pattern: str, dtype: pl.DataType = pl.Int64) -> pl.Expr:
    """The integer of ``s`` where it matches ``pattern`` (a run of ASCII digits), else null."""
    return pl.when(s.str.contains(pattern)).then(s).str.to_integer(dtype=dtype, strict=False)


def _digit(n: pl.Expr, place: int) -> pl.Expr:
    return n // 10**place % 10


# --- National Insurance number -------------------------------------------------------------
_NINO_SHAPE = r"^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][0-9]{6}[A-D]?$"


def nino(x: pl.Expr, let: Let) -> pl.Expr:
    c = let(compact(x))
    ok = c.str.contains(_NINO_SHAPE) & ~c.str.head(2).is_in(sorted(v.NINO_BAD_PREFIXES))
    return _keep(ok, c)


# --- NHS number ---------------------------------------------------------------------------
def nhs_number(x: pl.Expr, let: Let) -> pl.Expr:
    c = let(compact(x))
    n = let(_digits_int(c, r"^[0-9]{10}$"))
    total = pl.sum_horizontal([_digit(n, 9 - i) * w for i, w in enumerate(range(10, 0, -1))])
    # Ten digits all alike are the multiples of 1111111111 below 10**10.
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


def payment_card(x: pl.Expr, let: Let) -> pl.Expr:
    c = let(compact(x))
    n = let(c.str.len_bytes())
    num = let(_digits_int(c, r"^[0-9]{12,19}$", pl.UInt64))
    # Luhn from the right; a doubled digit d counts 2d - 9 when d >= 5.
    luhn = pl.sum_horizontal([_digit(num, i) * 2 - _digit(num, i) // 5 * 9 if i % 2
                              else _digit(num, i) for i in range(19)]) % 10 == 0
    # A number of n digits all alike is a multiple of the repunit 11...1 (n ones).
    repunit = n.replace_strict({k: int("1" * k) for k in range(12, 20)}, default=None,
                               return_dtype=pl.UInt64)
    ok = (num % repunit != 0) & _issuer(c, n) & luhn
    return _keep(ok, c)


# --- Bank details, passport, driving licence -------------------------------------------------
def sort_code(x: pl.Expr, let: Let) -> pl.Expr:
    c = let(compact(x))
    ok = c.str.contains(r"^[0-9]{6}$") & (c != "000000")
    return _keep(ok, pl.concat_str([c.str.slice(0, 2), c.str.slice(2, 2), c.str.slice(4, 2)],
                                   separator="-"))


def account_number(x: pl.Expr, let: Let) -> pl.Expr:
    c = let(compact(x))
    return _keep(_digits_int(c, r"^[0-9]{8}$") % 11111111 != 0, c)


def passport(x: pl.Expr, let: Let) -> pl.Expr:
    c = let(compact(x))
    digits = (_digits_int(c, r"^[0-9]{9}$") % 111111111 != 0).fill_null(False)
    lettered = c.str.contains(r"(?s)^[A-Z].{1,2}[0-9]{7}$")
    return _keep(digits | lettered, c)


def driving_licence(x: pl.Expr, let: Let) -> pl.Expr:
    c = let(compact(x))
    c = let(pl.when(c.str.contains(r"^.{16}[0-9]{2}$")).then(c.str.head(16)).otherwise(c))
    shape = c.str.contains(r"^[A-Z][A-Z9]{4}[0-9]{6}[A-Z][A-Z9][0-9][A-Z]{2}$")
    month = c.str.slice(6, 2).str.to_integer(strict=False)
    month = let(pl.when(month > 50).then(month - 50).otherwise(month))
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
def postcode(x: pl.Expr, let: Let) -> pl.Expr:
    c = let(x.str.to_uppercase().str.replace_all(WS, ""))
    spaced = let(pl.concat_str([c.str.head(-3), pl.lit(" "), c.str.tail(3)]))
    ok = c.str.len_bytes().is_between(5, 7) & spaced.str.contains(f"^{v.POSTCODE_RE}$")
    return _keep(ok, spaced)


def email(x: pl.Expr, let: Let) -> pl.Expr:
    s = let(x.str.strip_chars(WS_CHARS).str.strip_chars("."))
    ok = s.str.contains(f"^(?:{v._EMAIL.pattern})$") & ~s.str.contains("..", literal=True)
    return _keep(ok, s.str.to_lowercase())


@cache
def _phone_pattern() -> str:
    return f"^(?:{v._uk_personal_ranges().pattern})$"


def phone(x: pl.Expr, let: Let) -> pl.Expr:
    d = let(x.str.replace_all(r"[^0-9+]", ""))
    national = let(
        pl.when(d.str.starts_with("+44")).then(d.str.slice(3))
        .when(d.str.starts_with("0044")).then(d.str.slice(4))
        .when(d.str.starts_with("0") & ~d.str.contains("+", literal=True)).then(d.str.slice(1))
    )
    national = let(pl.when(national.str.starts_with("0")).then(national.str.slice(1))
                   .otherwise(national))
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


def date_of_birth(x: pl.Expr, let: Let, *, today: date | None = None) -> pl.Expr:
    """``validators.date_of_birth``: ISO date of a real past date after 1900, UK order."""
    today = today or date.today()
    s = let(x.str.strip_chars(WS_CHARS))
    # Fixed-width day-first and year-first dates are cut by position (a DFA match, no
    # captures); other shapes go through the capturing regex, which a null skips.
    dmy = let(s.str.contains(r"^[0-9]{2}[/.\-][0-9]{2}[/.\-][0-9]{4}$"))
    ymd = let(s.str.contains(r"^[0-9]{4}[/.\-][0-9]{2}[/.\-][0-9]{2}$"))
    num = let(pl.when(~dmy & ~ymd).then(s).str.extract_groups(_NUMERIC))

    def part(i: int, dmy_at: tuple[int, int], ymd_at: tuple[int, int]) -> pl.Expr:
        return let(pl.when(dmy).then(s.str.slice(*dmy_at)).when(ymd).then(s.str.slice(*ymd_at))
                   .otherwise(num.struct.field(f"{i}")))

    a, b, c = part(1, (0, 2), (0, 4)), part(2, (3, 2), (5, 2)), part(3, (6, 4), (8, 2))
    # The word form only where the numeric one failed: a null skips the regex.
    word = let(pl.when(a.is_null()).then(s).str.extract_groups(_WORD))
    w = [word.struct.field(f"{i}") for i in range(1, 7)]
    year_first = a.str.len_bytes() == 4
    cy = let(_int(c))
    c_year = pl.when(c.str.len_bytes() == 2) \
        .then(cy + pl.when(cy <= today.year % 100).then(2000).otherwise(1900)) \
        .when(c.str.len_bytes() == 4).then(cy)
    month_word = pl.coalesce(w[1], w[3]).str.to_lowercase() \
        .replace_strict(v.MONTHS, default=None, return_dtype=pl.Int32)
    is_num = a.is_not_null()
    y = let(pl.when(is_num).then(pl.when(year_first).then(_int(a)).otherwise(c_year))
            .otherwise(_int(pl.coalesce(w[2], w[5]))))
    mo = let(pl.when(is_num).then(_int(b)).otherwise(month_word))
    d = let(pl.when(is_num).then(pl.when(year_first).then(cy).otherwise(_int(a)))
            .otherwise(_int(pl.coalesce(w[0], w[4]))))
    leap = (y % 4 == 0) & ((y % 100 != 0) | (y % 400 == 0))
    max_day = (
        pl.when(mo == 2).then(pl.when(leap).then(29).otherwise(28))
        .when(mo.is_in([4, 6, 9, 11])).then(30)
        .otherwise(31)
    )
    real = (y >= 1900) & mo.is_between(1, 12) & d.is_between(1, max_day)
    past = y * 10000 + mo * 100 + d <= today.year * 10000 + today.month * 100 + today.day
    iso = pl.concat_str([y.cast(pl.Utf8), mo.cast(pl.Utf8).str.zfill(2),
                         d.cast(pl.Utf8).str.zfill(2)], separator="-")
    return _keep(real & past, iso)


# -- the registry and the exact whole-column entry points -------------------------------------
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


def exact(scalar: Callable[[str], str | None], x: pl.Expr, let: Let) -> pl.Expr:
    """The vectorised form of ``scalar`` on ASCII values; null for every non-ASCII value
    (which :func:`fill_non_ascii` gives to ``scalar``). Intermediate columns go to ``let``:
    apply it to the frame before selecting the result."""
    return pl.when(is_ascii(x)).then(VECTORS[scalar](x, let)).otherwise(_null())


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
    let = Let("_v")
    result = exact(scalar, pl.col("x"), let)
    out = let.apply(pl.LazyFrame({"x": values})).select(result).collect().to_series()
    return fill_non_ascii(scalar, values, out)
