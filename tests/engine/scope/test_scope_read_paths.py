"""The walker's per-file fast paths give what the plain paths gave: one stat instead of
is_file() and a size, a small file read once and kept while its readers run, the text test
by bytes.translate instead of a count per byte. Synthetic data only."""

import csv
import os

from hypothesis import given
from hypothesis import strategies as st
from scope_fixtures import ANNA, letter_text, read_all

from breachdesk.scope.readers.delimited import DELIMITERS, looks_like_header, sniff_dialect
from breachdesk.scope.sniff import _looks_like_text
from breachdesk.scope.sources import WHOLE, Source


def test_paths_that_are_not_regular_files_are_reported_as_before(tmp_path):
    (tmp_path / "plain.txt").write_text(letter_text(ANNA))
    os.mkfifo(tmp_path / "pipe")
    os.symlink(tmp_path / "gone.txt", tmp_path / "dangling")
    paths = [tmp_path / "pipe", tmp_path / "dangling", tmp_path / "nowhere.txt",
             tmp_path / "plain.txt" / "child"]
    _, _, log = read_all(paths, tmp_path)
    assert [(e.status, e.reason, e.reason_kind) for e in log.entries] == [
        ("not_read", "not found, or not a regular file", "missing")] * 4


def test_a_regular_file_gets_its_size_and_text(tmp_path):
    path = tmp_path / "letter.txt"
    path.write_text(letter_text(ANNA))
    _, texts, log = read_all([path], tmp_path)
    assert log.entries[0].size == path.stat().st_size == log.top_level_bytes
    assert "".join(t.text for t in texts) == letter_text(ANNA)


def test_a_small_file_gives_the_same_bytes_every_way(tmp_path):
    path = tmp_path / "f.bin"
    blob = os.urandom(5000)
    path.write_bytes(blob)
    src = Source(str(path), path=path)
    assert src.head(100) == blob[:100]
    assert src.head(1 << 20) == blob
    assert src.tail(10) == blob[-10:]
    assert src.read_bytes() == blob
    with src.open() as fh:
        assert fh.read() == blob


def test_a_file_that_grew_after_it_was_measured_is_read_whole(tmp_path):
    path = tmp_path / "growing.log"
    path.write_bytes(b"first line\n")
    src = Source(str(path), path=path)
    with open(path, "ab") as fh:
        fh.write(b"second line\n")
    assert src.read_bytes() == b"first line\nsecond line\n"
    with src.open() as fh:
        assert fh.read() == b"first line\nsecond line\n"


def test_a_file_that_shrank_gives_what_is_there(tmp_path):
    path = tmp_path / "shrinking.log"
    path.write_bytes(b"first line\nsecond line\n")
    src = Source(str(path), path=path)
    path.write_bytes(b"first\n")
    assert src.read_bytes() == b"first\n" and src.head(3) == b"fir"


def test_forget_reads_the_file_again(tmp_path):
    path = tmp_path / "f.txt"
    path.write_bytes(b"old")
    src = Source(str(path), path=path)
    assert src.read_bytes() == b"old"
    path.write_bytes(b"new")
    src.forget()
    assert src.read_bytes() == b"new"


def test_a_large_file_is_read_from_disk_not_kept(tmp_path):
    path = tmp_path / "big.log"
    path.write_bytes(b"x" * (WHOLE + 10))
    src = Source(str(path), path=path)
    assert src.head(4) == b"xxxx"
    path.write_bytes(b"y" * (WHOLE + 10))
    assert src.head(4) == b"yyyy"  # nothing was cached


def _looks_like_text_by_count(head: bytes) -> bool:
    """The test as it was: a count of control bytes, one byte at a time."""
    if b"\x00" in head:
        return head.startswith((b"\xff\xfe", b"\xfe\xff"))
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls <= len(head) // 100


@given(st.binary(max_size=400), st.integers(min_value=0, max_value=600))
def test_the_text_test_matches_the_byte_count(noise, text_len):
    head = b"a" * text_len + noise
    assert _looks_like_text(head) == _looks_like_text_by_count(head)


def test_the_text_test_on_every_byte_value():
    for b in range(256):
        head = b"a" * 150 + bytes([b]) * 2
        assert _looks_like_text(head) == _looks_like_text_by_count(head), b


def _sniff_dialect_every_delimiter(text: str):
    """sniff_dialect as it was: csv.reader run for every delimiter, present or not."""
    lines = [ln for ln in text.splitlines()[:200] if ln.strip()]
    if len(lines) < 2 and not (len(lines) == 1 and any(d in lines[0] for d in DELIMITERS)):
        return None
    best = None
    for delim in DELIMITERS:
        counts = [len(row) for row in csv.reader(lines, delimiter=delim)]
        if not counts or max(counts) < 2:
            continue
        mode = max(set(counts), key=counts.count)
        if mode < 2:
            continue
        share = counts.count(mode) / len(counts)
        if share >= 0.8 and (best is None or (share, mode) > (best[0], 0)):
            best = (share, delim)
    if best is None:
        return None
    return best[1], looks_like_header(list(csv.reader(lines[:50], delimiter=best[1])))


_CELLS = st.sampled_from(["name", "Anna Whitfield", "07911 234567", '"a,b"', '"', "x", " ", ""])
_SEPS = st.sampled_from([",", "\t", ";", "|", "\n", "\r\n", " ", ", "])


@given(st.lists(_CELLS | _SEPS, max_size=40).map("".join))
def test_the_dialect_sniff_matches_trying_every_delimiter(text):
    assert sniff_dialect(text) == _sniff_dialect_every_delimiter(text)


def test_the_dialect_sniff_on_prose_and_tables():
    prose = "Dear Anna,\nWe write about your account.\nYours sincerely\n"
    table = "name;email\nAnna;anna@example.co.uk\nRuth;ruth@example.com\n"
    assert sniff_dialect(prose) is None
    assert sniff_dialect(table) == (";", True) == _sniff_dialect_every_delimiter(table)
