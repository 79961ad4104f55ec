"""The batch path gives each text exactly the findings the one-text path gives it."""

from collections import defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st

from breachdesk.scope.detect import detect_text, detect_texts
from breachdesk.scope.detect.batch import detect_frame, pad_covers
from breachdesk.scope.detect.text import TextScanner, default_scanner, one_byte_per_char

# Texts whose edges would change findings if one text's end could be read as context for the
# next one's start: a sign-off before a name, a context word before a date or a number, a
# label before a value, an address block split across two texts, non-ASCII letters.
EDGES = [
    "Kind regards,",
    "Simon Evans called about the hedge.",
    "Patient DOB:",
    "03/04/1985 was the date on the form.",
    "NHS number",
    "943 476 5919",
    "password is",
    "hunter22 was left on a sticky note.",
    "Flat 3\n12 Acacia Avenue\nLeeds",
    "LS1 4AB",
    "Dear Zoë Brontë-Łukasiewicz, we wrote to Éamonn O'Brien at zoe.b@example.org.",
    "",
    "Sort code",
    "20-00-00 and account 12345678.",
    "Mr",
    "José Núñez lives at 4 Mill Lane, Otley LS21 1AA; tel 0113 496 0000; NI QQ123456C.",
]


def _one_by_one(texts):
    return [[(m.start, m.end, m.detector, m.category, m.confidence, m.value, m.masked)
             for m in detect_text(t)] for t in texts]


def _batched(texts):
    got = [[] for _ in texts]
    for row in detect_texts(texts).iter_rows():
        got[row[0]].append(tuple(row[1:]))
    return got


def test_padding_is_longer_than_every_look_back():
    assert pad_covers(default_scanner())


def test_edges_of_texts_do_not_leak_into_each_other():
    want = _one_by_one(EDGES)
    assert _batched(EDGES) == want
    # Some of them must find something, or the comparison above proves little.
    assert sum(map(len, want)) >= 8
    # Every pair, in both orders.
    for a in EDGES:
        for b in EDGES:
            assert _batched([a, b]) == _one_by_one([a, b])


def test_table_shape_and_order():
    df = detect_texts(["nothing here", "Email jo@example.com", "", "Call 07911 123456 or jo@x.io"])
    assert df.columns == ["doc", "start", "end", "detector", "category", "confidence", "value",
                          "masked"]
    assert df["doc"].to_list() == sorted(df["doc"].to_list())
    assert set(df["doc"]) == {1, 3}
    assert detect_texts([]).height == 0


def test_small_chunks_give_the_same_findings():
    scanner = default_scanner()
    texts = EDGES * 3
    whole = detect_frame(scanner, texts)
    assert whole.height >= 24
    assert detect_frame(scanner, texts, chunk_chars=50).equals(whole)
    assert detect_frame(scanner, texts, chunk_chars=1).equals(whole)


def test_one_byte_per_char_keeps_offsets():
    text = "Zoë ł ’ \U0001f600 x"
    data = one_byte_per_char(text)
    assert len(data) == len(text)
    assert data.decode("latin-1")[:3] == "Zoë"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(EDGES + [" ", "\n", "Leeds", "Mrs Ada Smith", "born"]),
                min_size=1, max_size=8),
       st.lists(st.text(max_size=30), max_size=3))
def test_any_mix_of_texts(parts, noise):
    texts = parts + noise
    assert _batched(texts) == _one_by_one(texts)


def test_fallback_engine_batch_matches_its_own_one_by_one():
    slow = TextScanner(use_hyperscan=False)
    assert pad_covers(slow)  # so detect_frame joins the texts
    got = defaultdict(list)
    for row in detect_frame(slow, EDGES).iter_rows():
        got[row[0]].append(tuple(row[1:-1]))
    want = {i: sorted(slow.find(t), key=lambda f: (f[0], -f[1])) for i, t in enumerate(EDGES)}
    assert dict(got) == {i: found for i, found in want.items() if found}
