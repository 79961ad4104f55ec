"""Starts found backwards (``_hsstart``): for every end Hyperscan reports without start tracking,
the reversed pattern's DFA gives exactly the start ``HS_FLAG_SOM_LEFTMOST`` would have given.

Checked against the hyperscan package with start tracking on (the reference), in Python
(``_hsstart.leftmost``) and through the compiled scanner (``_hscan``, which runs the same DFA in
C), for the scanner's own patterns and for patterns made to stress the construction."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from breachdesk.scope.detect import _hsstart, text

hs = pytest.importorskip("hyperscan")
SOM = hs.HS_FLAG_SOM_LEFTMOST
CASELESS = hs.HS_FLAG_CASELESS
ANY_BYTE = bytes(range(256))


def _byte_sets(flags: int):
    def byte_sets(leaves: list[str]) -> list[frozenset[int]]:
        db = hs.Database()
        db.compile(expressions=[leaf.encode() for leaf in leaves], ids=list(range(len(leaves))),
                   flags=[flags] * len(leaves))
        out: list[set[int]] = [set() for _ in leaves]
        db.scan(ANY_BYTE, match_event_handler=lambda i, s, e, f, c: out[i].add(e - 1))
        return [frozenset(s) for s in out]
    return byte_sets


WORD = _byte_sets(0)([r"\w"])[0]


class Pattern:
    """One pattern, compiled with start tracking, and its reversed DFA.

    The ends checked are those of the start-tracking scan: the hyperscan package's own scan
    without start tracking misses matches near the end of some short buffers (17 to 34 bytes,
    e.g. ``[a-c]{2}\\b`` in ``b"0" * 20 + b"aa"``), which Debian's libhs, used by ``_hscan``,
    does not (tests/engine/scope/test_detect_hscan.py compares that path with the package's
    start-tracking one)."""

    def __init__(self, pattern: str, flags: int = 0):
        self.with_som = hs.Database()
        self.with_som.compile(expressions=[pattern.encode()], ids=[0], flags=[flags | SOM])
        self.automaton = _hsstart.automaton(pattern, _byte_sets(flags), WORD)

    def check(self, data: bytes) -> None:
        want: list[tuple[int, int]] = []
        self.with_som.scan(data, match_event_handler=lambda i, s, e, f, c: want.append((s, e)))
        got = [(_hsstart.leftmost(self.automaton, data, e, WORD), e) for _, e in want]
        assert got == want


SCANNER = text.TextScanner(use_hyperscan=False)
OWN = [(SCANNER._hs_pattern(i), CASELESS if e.caseless else 0)
       for i, e in enumerate(SCANNER.entries)]
_OWN_COMPILED: dict[int, Pattern] = {}


def _own(i: int) -> Pattern:
    if i not in _OWN_COMPILED:
        _OWN_COMPILED[i] = Pattern(*OWN[i])
    return _OWN_COMPILED[i]


def test_every_pattern_of_the_scanner_reverses():
    for i in range(len(OWN)):
        assert _own(i).automaton is not None


def test_the_compiled_scanner_finds_every_start_backwards():
    if text._hscan is None:
        pytest.skip("_hscan not built, or BREACHDESK_NO_EXTENSIONS is set")
    scanner = text.default_scanner()
    assert scanner._core.backward == tuple(range(len(scanner.entries)))


# Samples of every pattern's matches, to put at the edges of a text, next to and over each other.
SAMPLES = [
    "jo@example.com", "x.y@mail.example.org", "+44 113 496 0000", "(0113) 496 0000", "0113-496-0000",
    "SW1A 1AA", "GIR 0AA", "M1 1AE", "01/02/1985", "1.2.85", "1985-02-01", "3rd of March 1990",
    "March 3rd, 1990", "Sept. 4 2001", "AB123456C", "QQ 12 34 56 C", "943 476 5919", "4111 1111 1111 1111",
    "3714 496353 98431", "GB82WEST12345698765432", "GB82 WEST 1234 5698 7654 32", "12-34-56", "123456",
    "12345678", "AB123456789", "MORGA657054SM9IJ 12", "12345 67890K", "123 456 7890", "AB12 CDE",
    "192.168.0.1", "fe80:0:0:0:0:0:0:1", "User name is", "login:", "Password:", "pass phrase=",
    "$2b$12$" + "a" * 53, "$argon2id$v=19$m=1", "pbkdf2_sha256$1000$abc", "diabetes", "mental health",
    "White British", "race:", "Muslim", "LGBTQ+", "gay", "union member", "GMB union", "criminal record",
    "cautioned for", "year 11", "aged 7", "looked-after child", "Mr John Smith", "Dr. Zoë O'Neil-Brown",
    "Mrs J", "John A. Smith", "Ann Bee Cee Dee Eff", "12 High Street", "10a, Baker Street Upper Road",
]
PIECES = st.sampled_from(SAMPLES + [" ", "  ", ", ", "\n", "-", ".", "'", "@", "x", "9", "ÿ", "\x80"])
TEXTS = st.lists(st.one_of(PIECES, st.text(alphabet="aZ9 .-@'$:+", max_size=4)), max_size=12).map(
    lambda parts: "".join(parts).encode("latin-1", "replace"))


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_the_scanners_patterns_give_the_same_starts(data):
    for i in range(len(OWN)):
        _own(i).check(data)


@pytest.mark.parametrize("sample", SAMPLES)
def test_every_sample_at_the_edges_and_repeated(sample):
    data = sample.encode("latin-1")
    for t in [data, b" " + data, data + b" ", data + data, data + b" " + data, data * 3,
              b"x" + data, data + b"x", data[1:], data[:-1]]:
        for i in range(len(OWN)):
            _own(i).check(t)


# Patterns that exercise the construction: word boundaries and their absence on either side
# and inside repeats, nested and unbounded repeats, empty alternatives, caseless text.
STRESS = [
    (r"\bab\b", 0), (r"ab\B", 0), (r"\Bb+", 0), (r"(?:a|ab)(?:c|bcd)?\b", 0),
    (r"(?:\ba)+b", 0), (r"a(?:b|\b \b)*c", 0), (r"[a-c]{2,5}(?:-[0-9]+)*\b", 0),
    (r"(?:ab?){1,3}c", 0), (r"\d{1,3}(?:\.\d{1,3}){0,3}", 0), (r"[^\s]+@", 0), (r"\S+\b", 0),
    (r"x(?:|y|yy)z", 0), (r"(?:a*b)*c", 0), (r"\w+ \w+", 0), (r"\W+\b", 0), (r"AB(?:c|D)+", CASELESS),
    (r"\bmr\.? [a-z]+", CASELESS), (r"(?:\b[a-c]\B|-)+", 0), (r"[\x80-\xff]+a", 0),
]
STRESS_TEXTS = st.text(alphabet="abcdxyzABCD -.@0123\x80\xff\n_", max_size=40).map(
    lambda t: t.encode("latin-1"))
_STRESS = [Pattern(p, f) for p, f in STRESS]


@settings(max_examples=400, deadline=None)
@given(STRESS_TEXTS)
def test_made_up_patterns_give_the_same_starts(data):
    for p in _STRESS:
        p.check(data)


@pytest.mark.parametrize("pattern", [
    r"^ab", r"ab$", r"a(?=b)", r"(?<=a)b", r"a.b", r"(a)\1", r"(?i)ab", r"a{,3}", r"zoë", r"\Aab",
    r"a++", r"(?>ab)", r"[[:alpha:]]",
])
def test_what_it_does_not_reverse(pattern):
    with pytest.raises(_hsstart.Unsupported):
        _hsstart.automaton(pattern, _byte_sets(0), WORD)


def test_a_scanner_keeps_start_tracking_where_it_cannot_reverse():
    _hscan = text._hscan
    if _hscan is None:
        pytest.skip("_hscan not built, or BREACHDESK_NO_EXTENSIONS is set")
    patterns = [rb"\bab+c", rb"^ab", rb"a.b", rb"x(?:y|z)+\b"]
    kinds = ["one", "two", "three", "four"]
    flags = [_hscan.HS_FLAG_SOM_LEFTMOST] * 4
    both = _hscan.Scanner(patterns, [0, 1, 2, 3], flags, kinds, [], -1)
    tracked = _hscan.Scanner(patterns, [0, 1, 2, 3], flags, kinds, [], -1, backward=False)
    assert both.backward == (0, 3) and tracked.backward == ()
    for t in ["abbc abc", "ab abbbc axb xyzzy", "xyzy-xzz ab", ""]:
        got = both.candidates(t)
        assert got == tracked.candidates(t)
        assert list(got) == list(tracked.candidates(t))
