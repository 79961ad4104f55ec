"""Context windows read the same whether lower-cased one by one or with the whole text."""

from hypothesis import given, settings
from hypothesis import strategies as st

from breachdesk.scope.detect.text import _validate, default_scanner

SCANNER = default_scanner()
PIECES = [
    "DOB: ", "born ", "NHS number ", "Sort code ", "account no ", "passport ", "UTR ", "ref ",
    "order number ", "national insurance ", "card ", "helpline ", "03/04/1985", "943 476 5919",
    "20-00-00", "12345678", "123456789", "AB123456", "AB123456C", "4111 1111 1111 1111",
    "0113 496 0000", "1234567890", "\u212a", "\u03a3", "\u03a3a", "\u00c9", "\u00df", "NHΣ",
    " ", "\n", ", ", "x",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=14))
def test_windows_lowered_one_by_one_match_the_text_lowered_whole(parts):
    text = "".join(parts)  # no U+0130: lower-casing keeps every offset
    cands = SCANNER.candidates(text)
    for k in SCANNER._kinds:
        spans = cands.get(k.name)
        if not spans:
            continue
        whole, one_by_one = [], []
        _validate(k, text, text.lower(), spans, whole)
        _validate(k, text, None, spans, one_by_one)
        assert one_by_one == whole


def test_context_found_in_windows_lowered_one_by_one():
    text = "Patient DOB: 03/04/1985, NHS number 943 476 5919. Sort code 20-00-00."
    got = {}
    for k in SCANNER._kinds:
        out = []
        _validate(k, text, None, SCANNER.candidates(text).get(k.name, []), out)
        got.update((f[2].name, f[3]) for f in out)
    assert got == {"date_of_birth": 0.95, "nhs_number": 0.95, "sort_code": 0.95}
