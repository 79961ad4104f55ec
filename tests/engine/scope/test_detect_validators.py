"""Every validator, with valid and invalid examples (synthetic values only)."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from breachdesk.scope.detect import validators as v


@pytest.mark.parametrize(
    ("fn", "valid", "normalised"),
    [
        (v.nino, "AB 12 34 56 C", "AB123456C"),
        (v.nino, "ce123456a", "CE123456A"),
        (v.nino, "JG103759", "JG103759"),
        (v.nhs_number, "943 476 5919", "9434765919"),
        (v.nhs_number, "401-023-2137", "4010232137"),
        (v.utr, "1955839661", "1955839661"),
        (v.utr, "19558 39661K", "1955839661"),
        (v.payment_card, "4111 1111 1111 1111", "4111111111111111"),
        (v.payment_card, "5555-5555-5555-4444", "5555555555554444"),
        (v.payment_card, "3782 822463 10005", "378282246310005"),
        (v.iban, "GB29 NWBK 6016 1331 9268 19", "GB29NWBK60161331926819"),
        (v.sort_code, "20-00-00", "20-00-00"),
        (v.sort_code, "401276", "40-12-76"),
        (v.account_number, "55779911", "55779911"),
        (v.passport, "123456789", "123456789"),
        (v.driving_licence, "MORGA753116SM9IJ", "MORGA753116SM9IJ"),
        (v.driving_licence, "SMITH862295JA9AB 01", "SMITH862295JA9AB"),  # female, 29 Dec
        (v.driving_licence, "JONE9802290A99XY", "JONE9802290A99XY"),  # 29 Feb 2000
        (v.postcode, "ls1 4ab", "LS1 4AB"),
        (v.postcode, "SW1A1AA", "SW1A 1AA"),
        (v.postcode, "EC1V 9HX", "EC1V 9HX"),
        (v.vehicle_registration, "AB12 CDE", "AB12 CDE"),
        (v.vehicle_registration, "ab62cde", "AB62 CDE"),
        (v.email, "Jane.Doe+x@Example.CO.UK", "jane.doe+x@example.co.uk"),
        (v.ip_address, "192.168.1.20", "192.168.1.20"),
        (v.ip_address, "2001:db8::1", "2001:db8::1"),
        (v.phone, "07911 123456", "+447911123456"),
        (v.phone, "+44 (0)20 7123 4567", "+442071234567"),
        (v.phone, "0161 234 5678", "+441612345678"),
        (v.date_of_birth, "12/03/1985", "1985-03-12"),
        (v.date_of_birth, "3rd March 1985", "1985-03-03"),
        (v.date_of_birth, "March 3, 1985", "1985-03-03"),
        (v.date_of_birth, "1985-03-12", "1985-03-12"),
        (v.password_hash, "$2b$12$" + "a" * 53, "$2b$12$" + "a" * 53),
        (v.password_hash, "5f4dcc3b5aa765d61d8327deb882cf99", "5f4dcc3b5aa765d61d8327deb882cf99"),
        (v.secret, "Hunter2!", "Hunter2!"),
    ],
)
def test_valid(fn, valid, normalised):
    assert fn(valid) == normalised


@pytest.mark.parametrize(
    ("fn", "invalid"),
    [
        (v.nino, "DA123456C"),  # D never first
        (v.nino, "AO123456C"),  # O never second
        (v.nino, "GB123456A"),  # unallocated prefix
        (v.nino, "ZZ123456C"),  # the dummy prefix Faker uses
        (v.nino, "AB123456E"),  # suffix A-D only
        (v.nino, "AB12345C"),
        (v.nhs_number, "943 476 5918"),  # check digit off by one
        (v.nhs_number, "1111111111"),
        (v.nhs_number, "943476591"),
        (v.utr, "1955839662"),
        (v.payment_card, "4111 1111 1111 1112"),  # Luhn fails
        (v.payment_card, "9111 1111 1111 1117"),  # Luhn passes, no issuer starts with 9
        (v.payment_card, "0000 0000 0000 0000"),
        (v.iban, "GB29 NWBK 6016 1331 9268 18"),
        (v.sort_code, "20-00-0"),
        (v.sort_code, "000000"),
        (v.account_number, "1234567"),
        (v.account_number, "00000000"),
        (v.passport, "12345678"),
        (v.passport, "111111111"),
        (v.driving_licence, "MORGA713116SM9IJ"),  # month 13
        (v.driving_licence, "MORGA753326SM9IJ"),  # female, March, day 32
        (v.driving_licence, "MO9GA753116SM9IJ"),  # letter after padding 9
        (v.driving_licence, "JONES702305AB9XY"),  # 30 February
        (v.postcode, "QA1 1AA"),  # Q never first
        (v.postcode, "LS1 4CA"),  # C never in the inward letters
        (v.postcode, "LS1"),
        (v.vehicle_registration, "AB99 CDE"),  # age identifier in the future
        (v.vehicle_registration, "AB01 CDE"),  # 01 never issued
        (v.vehicle_registration, "IB12 CDE"),  # I never used
        (v.email, "jane.doe@"),
        (v.email, "jane..doe@example.com"),
        (v.ip_address, "256.1.1.1"),
        (v.ip_address, "0.0.0.0"),
        (v.phone, "07700 900123"),  # Ofcom drama range
        (v.phone, "0800 123 4567"),  # freephone helpline: an organisation's number
        (v.phone, "0300 123 4567"),
        (v.phone, "12345"),
        (v.date_of_birth, "31/02/1985"),
        (v.date_of_birth, "12/03/1885"),
        (v.password_hash, "not a hash"),
        (v.secret, "ab"),
        (v.secret, "two words"),
    ],
)
def test_invalid(fn, invalid):
    assert fn(invalid) is None


def test_driving_licence_embeds_birth_month_day_and_sex():
    assert v.driving_licence_birth("SMITH862295JA9AB") == (12, 29, "F")
    assert v.driving_licence_birth("MORGA703116SM9IJ") == (3, 11, "M")
    assert v.driving_licence_birth("MORGA713116SM9IJ") is None


def test_card_issuers():
    assert v.card_issuer("4111111111111111") == "visa"
    assert v.card_issuer("2221000000000009") == "mastercard"
    assert v.card_issuer("378282246310005") == "amex"
    assert v.card_issuer("6011111111111117") == "discover"
    assert v.card_issuer("9111111111111117") is None


def test_future_birth_dates_are_not_births():
    assert v.date_of_birth("01/01/2030", today=date(2026, 1, 1)) is None
    assert v.date_of_birth("01/01/2020", today=date(2026, 1, 1)) == "2020-01-01"


def test_two_digit_years_take_the_past_century():
    assert v.parse_date("01/02/85", today=date(2026, 1, 1)) == date(1985, 2, 1)
    assert v.parse_date("01/02/19", today=date(2026, 1, 1)) == date(2019, 2, 1)


UK_DIGITS = r"0(?:7[1-9][0-9]{8}|1[0-9]{8,9}|2[0-9]{9}|3[0-9]{9}|8[0-9]{9})"


@given(st.from_regex(UK_DIGITS, fullmatch=True))
@settings(max_examples=300)
def test_fast_phone_check_agrees_with_phonenumbers(number):
    import phonenumbers

    parsed = phonenumbers.parse(number, "GB")
    pnt = phonenumbers.PhoneNumberType
    personal = phonenumbers.is_valid_number(parsed) and phonenumbers.number_type(parsed) in (
        pnt.MOBILE, pnt.FIXED_LINE, pnt.FIXED_LINE_OR_MOBILE, pnt.PERSONAL_NUMBER, pnt.VOIP,
        pnt.PAGER,
    )
    assert (v.phone(number) is not None) == personal
