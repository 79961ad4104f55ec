"""The name rule's candidates merged in one pass come in the order sorting them gave."""

from hypothesis import given, settings
from hypothesis import strategies as st

from breachdesk.scope.detect.names import _start_longest, merge_spans

# A kind's candidates: sorted by start, no two starting together (lengths 0-6).
spans = st.dictionaries(st.integers(0, 40), st.integers(0, 6), max_size=15).map(
    lambda d: [(s, s + n) for s, n in sorted(d.items())])


@settings(max_examples=400, deadline=None)
@given(spans, spans)
def test_merge_is_the_sorted_union(a, b):
    assert merge_spans(a, b) == sorted(set(a) | set(b), key=_start_longest)


def test_same_start_longer_first_and_a_repeated_span_once():
    titled = [(0, 12), (30, 40), (50, 55)]
    seqs = [(0, 8), (20, 25), (30, 40), (50, 60)]
    assert merge_spans(titled, seqs) == [(0, 12), (0, 8), (20, 25), (30, 40), (50, 60), (50, 55)]
