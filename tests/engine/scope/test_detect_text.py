"""Free-text detection: candidates, validation, context, masking, engines."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from breachdesk.scope.detect import DETECTORS, FIELDS, Match, detect_text, mask
from breachdesk.scope.detect.text import TextScanner
from breachdesk.vocab import DATA_CATEGORIES

LETTER = """Dear Mr Jacob Bennett,

Your NI number AB 12 34 56 C and NHS number 943 476 5919 are on file (DOB: 12/03/1985).
Your appointment is on 14/05/2024. Sort code 20-00-00, account number 55779911.
Card 4111 1111 1111 1111. IBAN GB29 NWBK 6016 1331 9268 19. Call 07911 123456, or our
helpline on 0800 123 4567. Email jacob.bennett@example.co.uk. Vehicle AB12 CDE.
She lives at 12 Acacia Avenue, Leeds LS1 4AB. Licence MORGA753116SM9IJ. UTR: 1955839661.
Passport number 123456789. Login from 192.168.1.20 with username: jbennett85 password: Hunter2!

Kind regards,
Sarah Thompson
"""


def found(text, **kw):
    return {(m.detector, text[m.start:m.end]) for m in detect_text(text, **kw)}


def test_letter_finds_every_kind():
    got = found(LETTER)
    expected = {
        ("name", "Jacob Bennett"),
        ("nino", "AB 12 34 56 C"),
        ("nhs_number", "943 476 5919"),
        ("date_of_birth", "12/03/1985"),
        ("sort_code", "20-00-00"),
        ("account_number", "55779911"),
        ("payment_card", "4111 1111 1111 1111"),
        ("iban", "GB29 NWBK 6016 1331 9268 19"),
        ("phone", "07911 123456"),
        ("email", "jacob.bennett@example.co.uk"),
        ("vehicle_registration", "AB12 CDE"),
        ("address", "12 Acacia Avenue, Leeds LS1 4AB"),
        ("postcode", "LS1 4AB"),
        ("driving_licence", "MORGA753116SM9IJ"),
        ("utr", "1955839661"),
        ("passport", "123456789"),
        ("ip_address", "192.168.1.20"),
        ("username", "jbennett85"),
        ("password", "Hunter2!"),
        ("name", "Sarah Thompson"),
    }
    assert expected <= got
    # Not a birth date, and a helpline is not a person's phone.
    assert ("date_of_birth", "14/05/2024") not in got
    assert not any(d == "phone" and "0800" in s for d, s in got)


def test_every_match_has_an_ico_category_and_masks_its_value():
    for m in detect_text(LETTER):
        assert m.category in DATA_CATEGORIES
        assert m.masked != m.value
        assert m.value not in repr(m)


@pytest.mark.parametrize(
    ("text", "is_dob"),
    [
        ("Date of birth: 12/03/1985", True),
        ("DOB 12/03/1985", True),
        ("She was born on 3rd March 1985 in Leeds.", True),
        ("d.o.b. 1985-03-12", True),
        ("The meeting on 12/03/1985 went well.", False),
        ("Invoice dated 12/03/1985", False),
        ("DOB: 12/03/1985, seen on 14/05/2024", True),  # only the first date is the birth
        ("Born 01/01/2031", False),  # the future is not a birth date
    ],
)
def test_date_of_birth_needs_context(text, is_dob):
    dobs = [text[m.start:m.end] for m in detect_text(text) if m.detector == "date_of_birth"]
    assert bool(dobs) == is_dob
    assert len(dobs) <= 1


def test_context_word_does_not_leak_to_the_next_date():
    text = "DOB: 12/03/1985, seen on 14/05/2024"
    dobs = [text[m.start:m.end] for m in detect_text(text) if m.detector == "date_of_birth"]
    assert dobs == ["12/03/1985"]


@pytest.mark.parametrize(
    "text",
    [
        "Order number 9434765919 was dispatched.",  # mod-11 valid but an order number
        "Call 07700 900123 for details.",  # drama number
        "Version 1.2.3.4 released.",
        "Ref QQ 12 34 56 C",  # Q is never an NI prefix letter
        "Card 4111 1111 1111 1112",  # fails Luhn
    ],
)
def test_distractors_are_not_personal_data(text):
    kinds = {m.detector for m in detect_text(text)}
    assert not kinds & {"nhs_number", "phone", "ip_address", "nino", "payment_card"}


def test_names_need_evidence():
    assert found("Meeting with the Finance Team on Monday.") == set()
    assert ("name", "Priya") in found("Dear Priya,\nThanks for your email.")
    assert ("name", "Okonkwo") in found("I spoke to Mrs Okonkwo this morning.")
    # A street named after a person is not a person.
    assert not any(d == "name" for d, _ in found("She lives at 4 Jacob Street."))


def test_address_block_in_a_letter():
    text = "Mrs Ann Lyons\nFlat 41\nLyons Pass\nNew Ann\nL0 2BG\n\nDear Mrs Lyons,"
    got = found(text)
    assert ("address", "Flat 41\nLyons Pass\nNew Ann\nL0 2BG") in got
    assert ("name", "Ann Lyons") in got


def test_non_ascii_offsets_are_characters():
    text = "Zoë Brontë’s email is zoe@example.com — NI AB123456C"
    by = {m.detector: text[m.start:m.end] for m in detect_text(text)}
    assert by["email"] == "zoe@example.com"
    assert by["nino"] == "AB123456C"


def test_fallback_engine_gives_the_same_findings():
    fast = TextScanner()
    slow = TextScanner(use_hyperscan=False)
    assert slow.engine == "re"
    key = lambda ms: {(m.start, m.end, m.detector) for m in ms}  # noqa: E731
    assert key(fast.scan(LETTER)) == key(slow.scan(LETTER))


def test_registry_is_declarative_and_fields_point_at_detectors():
    names = {d.name for d in DETECTORS}
    assert len(names) == len(DETECTORS)
    for field, dets in FIELDS.items():
        assert set(dets) <= names, field
    for field in ("name", "email", "phone", "dob", "postcode", "address", "nino", "nhs_number"):
        assert field in FIELDS


def test_special_category_and_child_signals():
    got = {m.detector for m in detect_text("Year 6 pupil, diagnosed with epilepsy; Muslim.")}
    assert {"health", "religion", "child"} <= got


@given(st.text(alphabet=st.characters(blacklist_characters="•"), min_size=1, max_size=40))
def test_mask_never_reveals_the_whole_value(value):
    masked = mask(value)
    assert len(masked) == len(value)
    assert masked != value or set(value) <= {"•"}
    assert sum(a == b for a, b in zip(masked, value, strict=True)) <= max(0, len(value) // 2)


@settings(max_examples=50)
@given(st.text(max_size=300))
def test_detect_text_never_raises_and_offsets_are_in_range(text):
    for m in detect_text(text):
        assert isinstance(m, Match)
        assert 0 <= m.start < m.end <= len(text)
