"""The vectorised validators agree with the scalar ones on every value (synthetic values only).

Values are generated valid for each kind, then mutated the ways exports mangle them (spaces,
dashes, case, a digit changed, a character dropped or doubled, Unicode digits and spaces,
control characters), plus random strings over each kind's alphabet. Any value where
``vector.validate`` and the scalar validator differ fails the test, and the share of valid
values is checked so that the comparison is not all ``None`` against ``None``.
"""

import random
import string
import zlib
from datetime import date, timedelta

import polars as pl
import pytest
from faker import Faker
from hypothesis import given, settings
from hypothesis import strategies as st

from breachdesk.scope.detect import validators as v
from breachdesk.scope.detect import vector

ODD = ["", " ", "\x1c", "\x1f", "\u00a0", "\u2003", "\t", "\n", "-", ".", "/", "+", "(0)", "０",
       "٣", "\u0663", "\u00b2", "ß", "ſ", "\u212a", "é", "\x00", "#", "'", "@", ","]
UNICODE_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _nhs(rng: random.Random) -> str:
    while True:
        body = [rng.randrange(10) for _ in range(9)]
        check = (11 - sum(d * w for d, w in zip(body, range(10, 1, -1), strict=True)) % 11) % 11
        if check != 10:
            return "".join(map(str, body)) + str(check)


def _luhn_complete(prefix: str, length: int, rng: random.Random) -> str:
    body = prefix + "".join(str(rng.randrange(10)) for _ in range(length - len(prefix) - 1))
    for last in "0123456789":
        if v._luhn_valid(body + last):
            return body + last
    raise AssertionError


def _card(rng: random.Random) -> str:
    prefix, length = rng.choice([("4", 16), ("4", 13), ("4", 19), ("51", 16), ("2221", 16),
                                 ("2720", 16), ("34", 15), ("37", 15), ("6011", 16),
                                 ("65", 19), ("644", 17), ("622126", 16), ("3528", 16),
                                 ("36", 14), ("300", 18), ("50", 12), ("69", 19), ("1", 16),
                                 ("7", 16), ("2719", 16), ("2721", 16), ("35", 16)])
    return _luhn_complete(prefix, length, rng)


def _nino(rng: random.Random) -> str:
    letters = string.ascii_uppercase
    return (rng.choice(letters) + rng.choice(letters) + f"{rng.randrange(10**6):06d}"
            + rng.choice(["A", "B", "C", "D", "", "E"]))


def _dvla(rng: random.Random) -> str:
    sur = rng.choice(["MORGA", "SMITH", "JONE9", "LI999", "MORGA", "9ABCD", "AB9CD"])
    month = rng.choice([1, 2, 2, 4, 12, 51, 52, 62, 13, 63, 0])
    day = rng.choice([1, 28, 29, 29, 30, 31, 32, 0])
    return (sur + str(rng.randrange(10)) + f"{month:02d}{day:02d}" + str(rng.randrange(10))
            + rng.choice(["JA", "J9", "JA", "9A"]) + str(rng.randrange(10)) + "XY"
            + rng.choice(["", "", "", "01", "1"]))


def _date(rng: random.Random) -> str:
    d = date(1890, 1, 1) + timedelta(days=rng.randrange(365 * 150))
    day = rng.choice([d.day, d.day, 29, 30, 31, 0, 32])
    fmt = rng.choice(["{d:02d}/{m:02d}/{y}", "{d}/{m}/{y}", "{d:02d}-{m:02d}-{y}",
                      "{y}-{m:02d}-{d:02d}", "{y}/{m}/{d:03d}", "{d:02d}.{m:02d}.{yy:02d}",
                      "{d} {mon} {y}", "{d}th of {mon} {y}", "{mon} {d}, {y}",
                      "{mon}. {d}st {y}", "{d}{y}", "{d}/{m}/{y3}", "{y}{m:02d}{d:02d}"])
    mon = rng.choice(["March", "mar", "SEPT", "Sept", "September", "Marc", "June", "Jun",
                      "Foo", "may"])
    return fmt.format(d=day, m=rng.choice([d.month, d.month, 13, 0]), y=d.year, yy=d.year % 100,
                      y3=d.year % 1000, mon=mon)


def _phone(rng: random.Random) -> str:
    national = rng.choice(["7911", "7700900", "7624", "7781", "7400", "1632960", "20", "113",
                           "1481", "1534", "800", "300", "845", "909", "1", "5", "76"])
    national += "".join(str(rng.randrange(10)) for _ in range(rng.choice([6, 7, 8, 9])))
    national = national[:rng.choice([9, 10, 10, 10, 11])]
    prefix = rng.choice(["0", "+44", "+44 ", "0044 ", "+44 (0)", "44", "+", "00", "+440"])
    return prefix + national


def _postcode(rng: random.Random, fake: Faker) -> str:
    pc = fake.postcode()
    return rng.choice([pc, pc.lower(), pc.replace(" ", ""), pc + "X", pc[1:],
                       rng.choice(string.ascii_uppercase) + pc[1:], "GIR 0AA", "gir0aa"])


def _email(rng: random.Random, fake: Faker) -> str:
    e = fake.email()
    return rng.choice([e, e.upper(), " " + e + ". ", e.replace("@", "@-"), e.replace(".", ".."),
                       e.replace("@", "@a-.") , "." + e, e + ".", e.replace("@", "@@"),
                       "'" + e, e.replace(".", "-.")])


def _sort_code(rng: random.Random) -> str:
    d = "".join(str(rng.randrange(10)) for _ in range(6))
    return rng.choice([d, f"{d[:2]}-{d[2:4]}-{d[4:]}", "000000", "00-00-00", d[:5]])


def _digits(rng: random.Random, lengths) -> str:
    n = rng.choice(lengths)
    same = rng.random() < 0.1
    first = str(rng.randrange(10))
    return first * n if same else "".join(str(rng.randrange(10)) for _ in range(n))


def _passport(rng: random.Random) -> str:
    return rng.choice(["", "", "A", "AB", "a", "1", "#"]) + _digits(rng, [7, 8, 9])


GENERATORS = {
    v.nhs_number: lambda rng, fake: rng.choice([_nhs(rng), _digits(rng, [9, 10, 11]),
                                                "0000000000", "1111111111"]),
    v.payment_card: lambda rng, fake: rng.choice([_card(rng), _digits(rng, [12, 16, 19, 20])]),
    v.nino: lambda rng, fake: _nino(rng),
    v.driving_licence: lambda rng, fake: _dvla(rng),
    v.date_of_birth: lambda rng, fake: _date(rng),
    v.phone: lambda rng, fake: _phone(rng),
    v.postcode: _postcode,
    v.email: _email,
    v.sort_code: lambda rng, fake: _sort_code(rng),
    v.account_number: lambda rng, fake: _digits(rng, [7, 8, 9]),
    v.passport: lambda rng, fake: _passport(rng),
}


def _mangle(value: str, rng: random.Random) -> str:
    """The ways exports and people mangle identifiers."""
    roll = rng.random()
    if roll < 0.35 or not value:
        return value
    chars = list(value)
    i = rng.randrange(len(chars))
    match rng.randrange(10):
        case 0:
            return value.lower()
        case 1:
            chars.insert(i, rng.choice(ODD))
        case 2:
            chars[i] = rng.choice(string.digits + string.ascii_letters)
        case 3:
            del chars[i]
        case 4:
            chars.insert(i, chars[i])
        case 5:
            return value.translate(rng.choice([UNICODE_DIGITS, FULLWIDTH]))
        case 6:
            return rng.choice(ODD) + value + rng.choice(ODD)
        case 7:
            return " ".join(value[k:k + 3] for k in range(0, len(value), 3))
        case 8:
            return "".join(rng.choice(value + string.printable) for _ in value)
        case _:
            return value.swapcase()
    return "".join(chars)


def _values(scalar, n: int, seed: int) -> list[str | None]:
    rng = random.Random(seed)
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    out: list[str | None] = [None, "", " ", "\x1c", "0", "None"] + ODD
    for _ in range(n):
        out.append(_mangle(GENERATORS[scalar](rng, fake), rng))
    return out


@pytest.mark.parametrize("scalar", list(GENERATORS), ids=lambda f: f.__name__)
def test_vectorised_agrees_with_scalar(scalar):
    values = _values(scalar, 15000, seed=zlib.crc32(scalar.__name__.encode()))
    got = vector.validate(scalar, pl.Series(values, dtype=pl.Utf8)).to_list()
    want = [None if x is None else scalar(x) for x in values]
    wrong = [(x, g, w) for x, g, w in zip(values, got, want, strict=True) if g != w]
    assert not wrong, wrong[:10]
    valid = sum(w is not None for w in want)
    # Enough of both answers that agreement means something.
    assert 0.1 * len(values) < valid < 0.9 * len(values)


def test_every_vectorised_validator_is_tested():
    assert set(vector.VECTORS) == set(GENERATORS)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet=string.printable + "٣０ \u00a0\x1c", max_size=24),
                min_size=1, max_size=30))
def test_random_text_agrees(values):
    for scalar in vector.VECTORS:
        got = vector.validate(scalar, pl.Series(values, dtype=pl.Utf8)).to_list()
        assert got == [scalar(x) for x in values]


def test_dates_against_a_fixed_today():
    today = date(2026, 6, 1)
    values = ["31/05/2026", "02/06/2026", "01/06/26", "02/06/26", "29/02/1900", "29/02/2000"]
    let = vector.Let("_t")
    expr = vector.date_of_birth(pl.col("x"), let, today=today)
    got = let.apply(pl.LazyFrame({"x": values})).select(expr).collect().to_series().to_list()
    assert got == [v.date_of_birth(x, today=today) for x in values]
    assert got == ["2026-05-31", None, "2026-06-01", None, None, "2000-02-29"]
