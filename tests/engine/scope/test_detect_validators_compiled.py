"""The validators as the tests import them (compiled, where built) give exactly what their
plain-Python source gives, and the hand-written paths the compiled module takes give what the
regular expressions they replace give. Synthetic values only."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from breachdesk.scope.detect import validators as v
from breachdesk.scope.detect._compiled import source_module
from breachdesk.scope.detect.rules import ALL

src = source_module("validators")

# Characters that tell a hand-written ASCII path from the regex: Unicode digits (Arabic-Indic,
# full-width; "²" is a digit but not a decimal), Unicode spaces, letters that case-fold to ASCII
# (Kelvin sign, long s, dotted I), and ASCII's own odd white space.
ODD = "²٣٤０\u2009\xa0\x85İıKſß\x1c\x1f\x0b\t\n"
DIGITS = "0123456789"
UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
SEPARATORS = " -./"

MONTH_WORDS = ["Jan", "January", "feb", "MARCH", "Sept", "sept", "September", "May", "Of", "of",
               "Octo", "Mar.", "Decembers", "Febuary", "X"]


def texts(alphabet: str, max_size: int = 24) -> st.SearchStrategy[str]:
    return st.text(alphabet=alphabet, max_size=max_size)


# Candidates: shaped like identifiers (digits and separators, letters and digits), with odd
# characters mixed in, empty, or long.
CANDIDATES = st.one_of(
    texts(DIGITS + SEPARATORS),
    texts(DIGITS + " -"),
    texts(UPPER + DIGITS + " "),
    texts(UPPER + UPPER.lower() + DIGITS + SEPARATORS + "K+@_%'"),
    texts(DIGITS + SEPARATORS + ODD),
    texts(UPPER + DIGITS + " " + ODD),
    st.text(max_size=40),
    st.text(alphabet=DIGITS + UPPER + " ", min_size=100, max_size=400),
)


def usually(common: list[str], rare: list[str]) -> st.SearchStrategy[str]:
    """Mostly a part of a real date, sometimes a near miss."""
    return st.sampled_from(common * 4 + rare)


DAYS = usually(["1", "03", "12", "28", "29", "30", "31"], ["0", "00", "32", "123", "", "٣"])
YEARS = usually(["1985", "2000", "1900", "2024", "2026", "2031"], ["1899", "0000", "20000", "85", ""])
SPACES = usually([" "], ["  ", "\t", "", "\u2009", "\x1c", "\n "])


@st.composite
def word_dates(draw) -> str:
    """Dates in words, and near misses: "3rd of March, 1985", "Mar. 3rd 1985"."""
    day, year = draw(DAYS), draw(YEARS)
    ordinal = draw(usually(["", "st", "nd", "rd", "th"], ["ND", "Th", "xx", "s", "stt"]))
    month = draw(usually(["Jan", "January", "feb", "MARCH", "Sept", "September", "May", "jun"],
                         ["Of", "of", "Octo", "Decembers", "Febuary", "X", "Mär", "ſept"]))
    dot = draw(usually(["", "."], [",", ".,", ".."]))
    comma = draw(usually(["", ","], [",,", ";"]))
    if draw(st.booleans()):
        of = draw(usually(["", " of"], [" OF", " off", "of", " of of"]))
        body = f"{day}{ordinal}{of}{draw(SPACES)}{month}{dot}{comma}{draw(SPACES)}{year}"
    else:
        body = f"{month}{dot}{draw(SPACES)}{day}{ordinal}{comma}{draw(SPACES)}{year}"
    return draw(usually([""], [" ", "\t"])) + body + draw(usually([""], [" ", "\x85"]))


@st.composite
def numeric_dates(draw) -> str:
    """Dates in digits, day first or ISO, and near misses."""
    sep = usually(["/", ".", "-"], ["", " ", "//", "٫"])
    month = draw(usually(["1", "02", "12", "6"], ["0", "13", "123", ""]))
    day = draw(DAYS)
    year = draw(st.one_of(YEARS, usually(["85", "00", "19", "26", "27", "99"], ["1", "123"])))
    if draw(st.booleans()):
        return f"{year}{draw(sep)}{month}{draw(sep)}{day}"
    return f"{day}{draw(sep)}{month}{draw(sep)}{year}"


DATES = st.one_of(numeric_dates(), word_dates(), CANDIDATES)
TODAY = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))

EMAILS = st.one_of(
    st.from_regex(r"[A-Za-z0-9._%+'\-]{0,70}@[A-Za-z0-9\-.]{0,70}", fullmatch=True),
    st.from_regex(r"\.?[a-z0-9][a-z0-9.]{0,3}@([a-z0-9\-]{0,4}\.){1,3}[a-z]{1,3}[0-9]?\.?", fullmatch=True),
    st.emails().map(str),
    CANDIDATES,
)
POSTCODES = st.one_of(
    st.from_regex(r"\s?[A-Z]{1,3}[0-9]{0,2}[A-Z0-9]? ?[0-9][A-Z]{2}\s?", fullmatch=True),
    st.from_regex(r"[A-PR-UWYZ][A-HK-Y]?[0-9][0-9A-HJKPSTUWABEHMNPRVWXY]? ?[0-9][ABD-HJLNP-UW-Z]{2}",
                  fullmatch=True),
    st.from_regex(r"[a-zA-Z0-9 ]{4,9}", fullmatch=True),
    st.sampled_from(["GIR 0AA", "gir0aa", "GIR  0AA", "SW1A 1AA", "EC1V 9HX", "W1 1AA"]),
    CANDIDATES,
)
IP_PARTS = st.one_of(st.integers(0, 260).map(str), st.sampled_from(
    ["0", "00", "01", "127", "224", "239", "240", "999", "1000", "", " 1", "٣"]))
IPS = st.one_of(
    st.lists(IP_PARTS, min_size=4, max_size=4).map(".".join),
    st.lists(IP_PARTS, min_size=2, max_size=6).map(".".join),
    st.from_regex(r"[0-9.:a-f]{0,20}", fullmatch=True),
    CANDIDATES,
)
PHONES = st.one_of(
    st.from_regex(r"\+?[0-9 ()\-+]{6,20}", fullmatch=True),
    st.from_regex(r"(\+44 ?(\(0\) ?)?|0)7[0-9]{3} ?[0-9]{6}", fullmatch=True),
    CANDIDATES,
)

VALIDATORS = ["nino", "nhs_number", "utr", "payment_card", "iban", "sort_code", "account_number",
              "passport", "driving_licence", "postcode", "email", "ip_address", "phone",
              "password_hash", "secret", "compact", "date_of_birth"]


@pytest.mark.parametrize("name", VALIDATORS)
@settings(max_examples=200)
@given(value=st.one_of(CANDIDATES, DATES, EMAILS, POSTCODES, IPS, PHONES))
def test_each_validator_gives_what_its_source_gives(name, value):
    assert getattr(v, name)(value) == getattr(src, name)(value)


@settings(max_examples=1500)
@given(DATES, TODAY)
def test_dates_of_birth_as_the_source_reads_them(value, today):
    assert v.date_of_birth(value, today=today) == src.date_of_birth(value, today=today)
    if value.isascii():  # the hand-written reading, compiled or not
        assert v._ascii_date_of_birth(value, today.year, today.month, today.day) == \
            src.date_of_birth(value, today=today)


def test_two_digit_years_turn_on_today():
    for today in (date(2025, 12, 31), date(2026, 1, 1), date(2099, 6, 1), date(2100, 1, 1)):
        for year in ("00", "25", "26", "27", "99"):
            value = f"01/01/{year}"
            assert v.date_of_birth(value, today=today) == src.date_of_birth(value, today=today)


def test_today_is_read_as_now():
    assert v._today() == date.today()
    assert v.date_of_birth(date.today().strftime("%d/%m/%Y")) == date.today().isoformat()


@given(value=st.text(alphabet="AB12 " + ODD, max_size=12), today=TODAY)
def test_vehicle_registrations_as_the_source_reads_them(value, today):
    assert v.vehicle_registration(value, today=today) == src.vehicle_registration(value, today=today)


@settings(max_examples=500)
@given(EMAILS)
def test_email_shape_is_the_regex(value):
    if value.isascii():
        assert (v._email_shape(value) and ".." not in value) == \
            (src._EMAIL.fullmatch(value) is not None and ".." not in value)


@settings(max_examples=500)
@given(POSTCODES)
def test_postcode_shape_is_the_regex(value):
    compact = "".join(value.upper().split())
    if compact.isascii():
        want = 5 <= len(compact) <= 7 and src._POSTCODE.fullmatch(f"{compact[:-3]} {compact[-3:]}")
        assert v._postcode_shape(compact) == bool(want)


@given(st.one_of(CANDIDATES, st.from_regex(r"[A-Z]{2}[0-9]{6}[A-Z]?", fullmatch=True)))
def test_nino_shape_is_the_regex(value):
    compact = src.compact(value)
    if compact.isascii():
        assert v._nino_shape(compact) == bool(src._NINO.fullmatch(compact))


@given(st.one_of(CANDIDATES, IPS))
def test_ipv4_scan_is_the_split(value):
    assert v._ipv4_scan(value) == src._ipv4(value)


@given(st.one_of(CANDIDATES, PHONES))
def test_compact_and_phone_characters_by_hand(value):
    if value.isascii():
        assert v._compact_ascii(value) == src._SEPARATORS.sub("", value).upper()
        assert v._phone_chars(value) == src._NOT_PHONE.sub("", value)


@given(st.text(alphabet=DIGITS + UPPER, min_size=5, max_size=34))
def test_iban_check_without_a_big_number(value):
    moved = (value[4:] + value[:4]).translate(
        str.maketrans({chr(c): str(c - 55) for c in range(ord("A"), ord("Z") + 1)}))
    assert v._iban_mod97(value) == int(moved) % 97


@settings(max_examples=500)
@given(st.one_of(
    st.from_regex(r"[A-Z][A-Z9]{4}[0-9][0-9][0-9][0-9][0-9][0-9][A-Z][A-Z9][0-9][A-Z]{2}( ?[0-9]{2})?",
                  fullmatch=True),
    st.from_regex(r"[A-Z9]{5}[0-9][05-6][0-9][0-3][0-9][0-9][A-Z9]{2}[0-9][A-Z]{2}", fullmatch=True),
    CANDIDATES,
))
def test_driving_licences_as_the_source_reads_them(value):
    assert v.driving_licence(value) == src.driving_licence(value)
    compact = src.compact(value)
    if compact.isascii() and len(compact) == 16:
        assert v._dvla_ascii(compact) == (src.driving_licence(compact) is not None)


@settings(max_examples=500)
@given(st.one_of(st.from_regex(r"[A-Z]{2}[0-9]{2} ?[A-Z]{3}", fullmatch=True), CANDIDATES), TODAY)
def test_current_plates_as_the_source_reads_them(value, today):
    assert v.vehicle_registration(value, today=today) == src.vehicle_registration(value, today=today)
    compact = src.compact(value)
    if compact.isascii():
        m = src._VRM_CURRENT.fullmatch(compact)
        assert v._vrm_current_age(compact) == (int(m.group(1)) if m else -1)


CODED = sorted({d.validate for d in ALL if d.validate is not None}, key=lambda f: f.__name__)


def test_every_detector_validator_has_a_code():
    codes = [v.code_of(f) for f in CODED]
    assert -1 not in codes and len(set(codes)) == len(codes)
    assert v.code_of(None) == 0  # NO_CHECK
    assert v.code_of(len) == -1  # not known: the scanner calls it itself


@pytest.mark.parametrize("validate", CODED, ids=lambda f: f.__name__)
@settings(max_examples=200)
@given(value=st.one_of(CANDIDATES, DATES, EMAILS, POSTCODES, IPS, PHONES), before=texts(DIGITS + " x"),
       after=texts(DIGITS + " x"))
def test_check_is_the_validator_on_the_slice(validate, value, before, after):
    # check reads the candidate where it lies in the text; the answer is the source's.
    text = before + value + after
    got = v.check(v.code_of(validate), text, len(before), len(before) + len(value))
    assert got == getattr(src, validate.__name__)(value)


def test_check_without_a_validator_gives_the_candidate():
    assert v.check(v.code_of(None), "ref AB12 end", 4, 8) == "AB12"


@settings(max_examples=1000)
@given(st.one_of(texts(DIGITS, 24), texts(DIGITS + ODD + "_ x", 24)))
def test_card_issuer_and_digit_checks_as_the_source_reads_them(value):
    assert v._isdigit(value) == value.isdigit()
    if value:
        assert v._all_same(value) == src._all_same(value)
    if len(value) >= 6 and value.isdecimal():
        assert v.card_issuer(value) == src.card_issuer(value)
