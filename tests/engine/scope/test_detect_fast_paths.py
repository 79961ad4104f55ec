"""The free-text fast paths give the same answers as the plain ways they replace."""

import ipaddress

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum import iban as std_iban
from stdnum import luhn as std_luhn
from stdnum.gb import nhs as std_nhs
from stdnum.gb import utr as std_utr

from breachdesk.scope.detect import Match, detect_text
from breachdesk.scope.detect import validators as v
from breachdesk.scope.detect.match import new_match
from breachdesk.scope.detect.names import _Spans
from breachdesk.scope.detect.text import TextScanner

DIGITS = st.text(alphabet="0123456789", min_size=1, max_size=20)


@given(DIGITS)
def test_checksums_agree_with_stdnum(digits):
    assert v._nhs_valid(digits) == std_nhs.is_valid(digits)
    assert v._utr_valid(digits) == std_utr.is_valid(digits)
    assert v._luhn_valid(digits) == std_luhn.is_valid(digits)


@settings(max_examples=300)
@given(st.sampled_from(["GB", "DE", "FR", "ES", "NL", "XX"]),
       st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=11, max_size=30),
       st.booleans())
def test_iban_agrees_with_stdnum(cc, bban, fix_check):
    digits = std_iban.calc_check_digits(cc + "00" + bban) if fix_check else "00"
    number = cc + digits + bban
    assert (v.iban(number) is not None) == std_iban.is_valid(number)


@given(st.lists(st.sampled_from(["0", "00", "01", "1", "127", "224", "239", "240", "255",
                                 "256", "192", "999", " 1"]), min_size=3, max_size=5))
def test_ipv4_fast_path_agrees_with_ipaddress(parts):
    text = ".".join(parts)
    try:
        ip = ipaddress.ip_address(text.strip())
        want = None if ip.is_unspecified or ip.is_loopback or ip.is_multicast else str(ip)
    except ValueError:
        want = None
    assert v.ip_address(text) == want


def test_compact_removes_the_same_characters_as_before():
    assert v.compact("ab 12\t-34./5\x1c6") == "AB123456"
    assert v.compact("ab\u2009 12") == "AB12"  # non-ASCII white space: the regex path
    for code in range(128):  # the ASCII fast path drops exactly what the regex drops
        text = f"a{chr(code)}b"
        assert v.compact(text) == v._SEPARATORS.sub("", text).upper(), code


def test_new_match_is_a_match():
    a = new_match(1, 5, "email", "Basic personal identifiers", 0.99, "a@b.co", "a••••o")
    b = Match(1, 5, "email", "Basic personal identifiers", 0.99, "a@b.co", "a••••o")
    assert a == b and hash(a) == hash(b) and repr(a) == repr(b)
    with pytest.raises(AttributeError):
        a.start = 2


@given(st.lists(st.tuples(st.integers(0, 50), st.integers(1, 20)), max_size=12),
       st.integers(0, 60), st.integers(1, 20))
def test_spans_overlap_like_a_scan_of_all(spans, s, length):
    spans = [(a, a + n) for a, n in spans]
    e = s + length
    assert _Spans(spans).overlaps(s, e) == any(s < te and ts < e for ts, te in spans)


@pytest.mark.parametrize(
    ("text", "email"),
    [
        ("write to bob@example.com today", "bob@example.com"),
        ("--.bob.smith@example.co.uk", "bob.smith@example.co.uk"),
        ("(jo+x@mail.example.org)", "jo+x@mail.example.org"),
        ("a@b.com@c.org", "a@b.com"),
        ("...@example.com", None),
        ("Zoë’s address is zoe_o'neil@example.com.", "zoe_o'neil@example.com"),
    ],
)
def test_email_start_is_found_from_the_at_sign(text, email):
    got = [text[m.start:m.end] for m in detect_text(text) if m.detector == "email"]
    assert got == ([email] if email else [])
    slow = TextScanner(use_hyperscan=False).scan(text)
    assert [text[m.start:m.end] for m in slow if m.detector == "email"] == got


def test_an_invalid_date_does_not_use_up_the_context_word():
    text = "DOB: 31/02/1985 12/03/1985"
    dobs = [text[m.start:m.end] for m in detect_text(text) if m.detector == "date_of_birth"]
    assert dobs == ["12/03/1985"]


def test_scanner_loads_everything_up_front():
    import breachdesk.scope.detect.validators as mod

    mod._uk_personal_ranges.cache_clear()
    TextScanner()
    assert mod._uk_personal_ranges.cache_info().currsize == 1


def test_hyperscan_scans_emails_from_the_at_sign():
    scanner = TextScanner()
    if scanner.engine == "re":
        pytest.skip("Hyperscan is not installed")
    assert scanner._email_id is not None
    assert scanner._hs_pattern(scanner._email_id).startswith("@")
    assert TextScanner(use_hyperscan=False)._email_id is None
