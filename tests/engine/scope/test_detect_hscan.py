"""The compiled candidate pass (``_hscan``, libhs called directly) gives exactly the candidates
of the Python path over the hyperscan package, and its scratch space survives forks and
threads."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.corpus.text import generate
from breachdesk.scope.detect import text
from breachdesk.scope.detect.batch import _PAD
from breachdesk.scope.detect.rules import ALL, BASIC, Detector

pytestmark = pytest.mark.skipif(
    text._hscan is None, reason="_hscan not built, or BREACHDESK_NO_EXTENSIONS is set")


def _python_path(detectors: tuple[Detector, ...] = ALL) -> text.TextScanner:
    """A scanner that collects Hyperscan's matches in Python (the hyperscan package)."""
    if text._hs is None:
        pytest.skip("the hyperscan package is not installed")
    mp = pytest.MonkeyPatch()
    mp.setattr(text, "_hscan", None)
    try:
        scanner = text.TextScanner(detectors)
    finally:
        mp.undo()
    assert scanner._core is None and scanner._db is not None
    return scanner


COMPILED = text.TextScanner() if text._hscan is not None else None
PYTHON = None


def _reference() -> text.TextScanner:
    global PYTHON
    if PYTHON is None:
        PYTHON = _python_path()
    return PYTHON


def _same(t: str) -> None:
    got, want = COMPILED.candidates(t), _reference().candidates(t)
    assert got == want
    assert list(got) == list(want)  # the kinds in the same order: it orders the findings


def test_the_compiled_pass_is_in_use():
    assert COMPILED.engine == "libhs"
    assert text.default_scanner().engine == "libhs"


def test_the_corpus_gives_the_same_candidates():
    docs = [d["text"] for d in generate(300, seed=7)]
    for doc in docs:
        _same(doc)
    joined = _PAD.join(docs)  # as batch.py scans many texts at once
    _same(joined)
    assert sum(len(s) for s in COMPILED.candidates(joined).values()) > 3000


# Pieces that make the patterns match, overlap and nearly match: emails (several "@" in a run,
# local parts that start with punctuation), numbers of every length, names, streets, labels.
PIECES = st.sampled_from([
    "a@b.com", "jo.smith+x@mail.example.org", "@", "@@", "..@x.io", "'o'neil@ex.co.uk", "-a@b.cc",
    "x@y", "Mr", "Mrs.", "Dr", "John", "Smith", "O'Neil", "Zoë", "Ægir", "Brontë-Łuk", "J.",
    "12", "1234", "123456", "12345678", "123 456 7890", "4111 1111 1111 1111", "12-34-56",
    "AB123456C", "QQ 12 34 56 C", "SW1A 1AA", "GIR 0AA", "01/02/1985", "1985-02-01",
    "3rd of March 1990", "GB82WEST12345698765432", "192.168.0.1", "fe80:0:0:0:0:0:0:1",
    "password:", "user name is", "$2b$12$" + "a" * 53, "$argon2id$v=19", "diabetes", "Muslim",
    "12 High Street", "10a, Baker Street", " ", "  ", "\n", ",", ".", "-", "'", "+",
    "İ", "日本", "\u2019", "\U0001F600", "\x80", "ÿ", "\xa0",
])
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_generated_texts_give_the_same_candidates(t):
    _same(t)


@pytest.mark.parametrize("t", [
    "", "@", "a@", "@b.com", "a@b.com", "@" * 300, "a@" * 200 + "b.com",
    "x" * 5000 + "@example.com", "Zoë’s 日本 zoe@example.com 𝔘 Mr John Smith",
    "\U0001F600a@b.com \U0001F600", "İlker Şahin, 12 High Street, SW1A 1AA",
])
def test_edge_texts_give_the_same_candidates(t):
    _same(t)


# One match of every pattern (the compiled pass finds their starts backwards, from the ends libhs
# reports): alone, at either edge of a text, glued to letters or digits, and repeated so that
# matches overlap.
SAMPLES = [
    "jo@example.com", "+44 113 496 0000", "(0113) 496 0000", "SW1A 1AA", "01/02/1985", "1985-02-01",
    "3rd of March 1990", "March 3rd, 1990", "AB123456C", "943 476 5919", "4111 1111 1111 1111",
    "3714 496353 98431", "GB82 WEST 1234 5698 7654 32", "12-34-56", "123456", "12345678",
    "AB123456789", "MORGA657054SM9IJ 12", "12345 67890K", "AB12 CDE", "192.168.0.1",
    "fe80:0:0:0:0:0:0:1", "User name is", "Password:", "$2b$12$" + "a" * 53, "$argon2id$v=19$m=1",
    "pbkdf2_sha256$1000$abc", "mental health", "White British", "Muslim", "LGBTQ+",
    "union member", "criminal record", "aged 7", "Dr. Zoë O'Neil-Brown", "John A. Smith",
    "Ann Bee Cee Dee Eff", "10a, Baker Street Upper Road",
]


@pytest.mark.parametrize("sample", SAMPLES)
def test_every_pattern_at_the_edges_and_overlapping(sample):
    for t in [sample, f" {sample}", f"{sample} ", sample * 2, f"{sample} {sample}", sample * 3,
              f"x{sample}", f"{sample}x", f"9{sample}9", sample[1:], sample[:-1]]:
        _same(t)


def _candidates_in_child(t: str) -> dict:
    return text.default_scanner().candidates(t)


def test_scratch_works_after_fork():
    t = "Mr John Smith, jo@example.com, NI AB123456C, 0113 496 0000"
    before = text.default_scanner().candidates(t)  # scratch allocated before the fork
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork")) as pool:
        after = list(pool.map(_candidates_in_child, [t] * 4))
    assert after == [before] * 4
    assert text.default_scanner().candidates(t) == before


def test_threads_scan_at_the_same_time():
    docs = [d["text"] for d in generate(40, seed=3)] * 4
    want = [COMPILED.candidates(d) for d in docs]
    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(COMPILED.candidates, docs)) == want


# A back-reference: libhs refuses it, re runs it.
REFUSED = Detector("backref", BASIC, "a repeated word", patterns=(r"\b(\w+) \1\b",))


def test_a_pattern_libhs_refuses_runs_through_re():
    assert not text._hscan.compiles(rb"\b(\w+) \1\b", text._hscan.HS_FLAG_SOM_LEFTMOST)
    detectors = (*ALL, REFUSED)
    mixed = text.TextScanner(detectors)
    assert mixed.engine == "libhs+re"
    assert [mixed._kind_names[i] for i, _ in mixed._res] == ["backref"]
    plain = _python_path(detectors)
    assert plain.engine == "hyperscan+re"
    slow = text.TextScanner(detectors, use_hyperscan=False)
    for t in ["the the cat, jo@example.com jo@example.com", "no no no Mr John Smith John Smith",
              ""]:
        got = mixed.candidates(t)
        assert bool(got.get("backref")) == bool(t)
        assert got == plain.candidates(t) == slow.candidates(t)
        assert list(got) == list(plain.candidates(t)) == list(slow.candidates(t))


def test_the_switch_turns_the_compiled_pass_off():
    code = "from breachdesk.scope.detect import text; print(text._hscan, text.default_scanner().engine)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "BREACHDESK_NO_EXTENSIONS": "1"})
    assert run.stdout.split() == ["None", "hyperscan"]


class _FailingCore:
    """Stands in for the compiled pass when libhs fails on a text."""

    def candidates(self, text_, extra):
        raise text._hscan.HyperscanError("libhs scan failed (error -1)")


def test_a_failed_compiled_pass_falls_back_to_the_python_pass_for_that_text():
    texts = [d["text"] for d in generate(40, seed=5)]
    scanner = text.TextScanner()
    expected = [sorted(scanner.find(t)) for t in texts]
    scanner._core = _FailingCore()
    assert [sorted(scanner.find(t)) for t in texts] == expected
    assert scanner._fallback is not None and scanner._fallback.engine == (
        "re" if text._hs is None else "hyperscan")
