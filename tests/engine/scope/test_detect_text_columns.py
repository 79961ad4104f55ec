"""The findings as columns (the batch path's table) are the findings as rows, and the compiled
helpers that build them, and resolve overlaps, give what their plain-Python source gives.
Synthetic data only."""


from hypothesis import given, settings
from hypothesis import strategies as st

from breachdesk.scope.detect import text as t
from breachdesk.scope.detect._compiled import source_module

SCANNER = t.default_scanner()
KINDS = SCANNER._kinds

PIECES = [
    "Dear Mr Simon Evans,", "Kind regards,\nAda Lovelace", "DOB: 03/04/1985", "NHS number ",
    "943 476 5919", "Sort code 20-00-00, account 12345678", "password is hunter22",
    "Flat 3\n12 Acacia Avenue\nLeeds\nLS1 4AB", "jo@example.com", "tel 0113 496 0000",
    "NI QQ123456C", "AB123456", "4111 1111 1111 1111", "GB82 WEST 1234 5698 7654 32",
    "192.168.0.1", "Zoë Brontë-Łukasiewicz", "İlker", " ", "\n", ", ", "x",
]




src = source_module("text")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=16),
       st.sampled_from([0.0, 0.5, 0.6, 0.9, 1.0]))
def test_columns_are_the_rows(parts, floor):
    text = " ".join(parts)
    rows = SCANNER.find(text, floor)
    cols = SCANNER.find_columns(text, floor)
    assert len(cols) == 6
    assert [list(c) for c in zip(*rows, strict=True)] == cols if rows else cols == [[]] * 6


def test_columns_hold_every_kind_of_finding():
    text = " ".join(PIECES)
    cols = SCANNER.find_columns(text)
    assert {"address", "name", "date_of_birth", "email", "phone"} <= set(cols[2])
    assert list(zip(*cols, strict=True)) == SCANNER.find(text)


# Findings as the rules leave them: (start, end, kind, confidence, value) for identifiers and
# keywords, (start, end, confidence, value) for addresses and names.
CONFIDENCES = st.sampled_from([0.4, 0.5, 0.6, 0.85, 0.9, 0.95, 0.99])
found = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12), st.sampled_from(KINDS),
                           CONFIDENCES).map(lambda f: (f[0], f[0] + f[1], f[2], f[3], "v")),
                 max_size=25)
others = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 12), CONFIDENCES)
                  .map(lambda f: (f[0], f[0] + f[1], f[2], "w")), max_size=6)


@settings(max_examples=300, deadline=None)
@given(found, others, others, st.sampled_from([0.0, 0.5, 0.9]))
def test_compiled_helpers_match_the_source(ids, addresses, people, floor):
    assert t._rows(ids, addresses, people, floor) == src._rows(ids, addresses, people, floor)
    assert t._columns(ids, addresses, people, floor) == src._columns(ids, addresses, people, floor)
    assert t._resolve_overlaps(list(ids)) == src._resolve_overlaps(list(ids))
    plain = [m for m in ids if not m[2].keyword]
    assert t._resolve_ids(list(plain)) == src._resolve_ids(list(plain))
