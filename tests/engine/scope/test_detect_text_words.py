"""Context words found by hand (the compiled path) where the regex finds them, and the token
after a label read as the regex reads it. Synthetic text only."""

from hypothesis import given, settings
from hypothesis import strategies as st

from breachdesk.scope.detect import text as t
from breachdesk.scope.detect.rules import ALL

WORD_LISTS = sorted({words for d in ALL for words in (d.context, d.negative_context) if words})
# Pieces of the words, their neighbours, upper case, and characters whose lower case is not
# one ASCII character for one (Kelvin sign, dotted I, final sigma).
PIECES = ["nhs", "NHS", "no", "dob", "d.o.b", "d o b", "born", "sort", "s/c", "a/c", "account:",
          "ref", "v.", "call us", "order", "utr", "pan", "card", "nin", "nino", " ", ".", ":",
          "-", "x", "1", "s", "\u212a", "\u0130", "\u03a3", "é", "\n"]
WINDOWS = st.one_of(st.lists(st.sampled_from(PIECES), max_size=12).map("".join),
                    st.text(max_size=50))


@settings(max_examples=1000)
@given(st.sampled_from(WORD_LISTS), WINDOWS, WINDOWS, st.booleans())
def test_words_are_found_where_the_regex_finds_them(words, before, window, lowered):
    found = t._Words(words)
    text = before + (window.lower() if lowered else window)
    want = found.regex.search(text[len(before):] if lowered else text[len(before):].lower())
    assert found.found(text, len(before), len(text), lowered) == (want is not None)
    hit = t._scan_words(found, text, len(before), len(text))
    if hit >= 0:  # the hand-written scan, compiled or not
        assert hit == (want is not None)


@given(st.lists(st.sampled_from(["username", ":", "=", " ", "  ", "bob99", ".", "'", ")", "\t",
                                 "\u2009", "é"]), max_size=8).map("".join), st.integers(0, 12))
def test_the_value_after_a_label(text, end):
    end = min(end, len(text))
    m = t._VALUE_AFTER_LABEL.match(text, end)
    want = (m.start(1), m.group(1).rstrip(".,;:)\"'")) if m else (end, "")
    assert tuple(t._after_label(text, end)) == want
