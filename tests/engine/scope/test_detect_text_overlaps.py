"""Overlap resolution by clusters keeps exactly what ranking every identifier at once keeps."""

from hypothesis import given, settings
from hypothesis import strategies as st

from breachdesk.scope.detect.text import _resolve_overlaps, default_scanner

KINDS = default_scanner()._kinds
IDS = [k for k in KINDS if not k.keyword]
KEYWORDS = [k for k in KINDS if k.keyword]


def _all_at_once(found):
    """The plain rule: most confident first, then longest, then leftmost; a finding is kept
    unless a character of it is covered by a kept one."""
    ids = sorted((m for m in found if not m[2].keyword), key=lambda m: (-m[3], m[0] - m[1], m[0]))
    covered = [False] * 100
    kept = []
    for s, e, *rest in ids:
        if any(covered[s:e]):
            continue
        covered[s:e] = [True] * (e - s)
        kept.append((s, e, *rest))
    return kept, [m for m in found if m[2].keyword]


finding = st.tuples(
    st.integers(0, 60), st.integers(0, 12), st.sampled_from(IDS + KEYWORDS[:2]),
    st.sampled_from([0.6, 0.85, 0.9, 0.95]),
).map(lambda t: (t[0], t[0] + t[1], t[2], t[3], "v"))


@settings(max_examples=300, deadline=None)
@given(st.lists(finding, max_size=25, unique_by=lambda m: (m[0], m[1], m[2].name)))
def test_clusters_keep_what_ranking_all_at_once_keeps(found):
    kept_ids, keywords = _all_at_once(found)
    got = _resolve_overlaps(list(found))
    got_ids = [m for m in got if not m[2].keyword]
    assert sorted(got_ids, key=repr) == sorted(kept_ids, key=repr)
    assert got[len(got_ids):] == keywords  # keywords untouched, after the identifiers


def test_a_chain_of_overlaps_is_one_cluster():
    phone, nhs, card = (next(k for k in IDS if k.name == n) for n in ("phone", "nhs_number",
                                                                        "payment_card"))
    found = [(0, 10, phone, 0.9, "a"), (8, 20, nhs, 0.95, "b"), (18, 30, card, 0.9, "c")]
    # nhs wins; phone and card each overlap it, though not each other.
    assert _resolve_overlaps(found) == [(8, 20, nhs, 0.95, "b")]
