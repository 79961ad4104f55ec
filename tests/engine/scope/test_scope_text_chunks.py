"""Plain text comes in chunks that join to the whole decoded text, cut at a newline or space
between chunks and never at the end of the file: a small file without a final newline is one
Text (one record), not its last word apart. Synthetic data only."""

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from scope_fixtures import ANNA, evidence

from breachdesk.scope import scope
from breachdesk.scope.context import Context, Limits
from breachdesk.scope.readers.encoding import decoder
from breachdesk.scope.readers.plaintext import read_text_chunks
from breachdesk.scope.sources import Source, Text

LETTER = (f"Letter to Ms {ANNA['last']} about her claim.\n"
          f"National Insurance number: {ANNA['nino']}")


def _texts(src: Source, tmp_path: Path, encoding: str, chunk: int) -> list[Text]:
    ctx = Context(tmp_path, Limits(text_chunk=chunk))
    return [t for t in read_text_chunks(src, ctx, encoding) if isinstance(t, Text)]


def test_a_small_file_without_a_final_newline_is_one_text(tmp_path):
    path = tmp_path / "letter.txt"
    path.write_text(LETTER)
    texts = _texts(Source(str(path), path=path), tmp_path, "utf-8", 8 << 20)
    assert [(t.offset, t.text) for t in texts] == [(0, LETTER)]


def test_a_letter_without_a_final_newline_is_one_record(tmp_path):
    folder, out = evidence(tmp_path)
    (folder / "letter.txt").write_text(LETTER)
    result = scope([folder], out)
    assert result.records.height == 1
    assert result.people.height == 1 and result.people["nino"].to_list() == ["JK284193B"]


def test_the_last_chunk_of_a_long_file_keeps_more_than_its_last_word(tmp_path):
    path = tmp_path / "log.txt"
    path.write_text("line of a log\n" * 300 + "last words")
    texts = _texts(Source(str(path), path=path), tmp_path, "utf-8", 1024)
    assert "".join(t.text for t in texts) == path.read_text()
    assert texts[-1].text.endswith("last words") and texts[-1].text != "last words"
    assert all(t.text.endswith("\n") for t in texts[:-1])


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "mixed", "cp1252", "latin-1"]
_chars = st.text(alphabet="ab \n£éë–“”€\u00ff", max_size=80)


def _encode(text: str, encoding: str) -> bytes:
    if encoding == "mixed":
        half = len(text) // 2
        return text[:half].encode("utf-8") + text[half:].encode("cp1252", errors="replace")
    return text.encode(encoding, errors="replace")


@settings(max_examples=300)
@given(_chars, st.sampled_from(ENCODINGS), st.integers(min_value=1, max_value=40),
       st.booleans(), st.binary(max_size=3))
def test_chunks_join_to_the_whole_decoded_text(text, encoding, chunk, in_memory, junk):
    # ``junk``: a cut multibyte sequence or stray bytes at the end, decoded at the very end.
    data = _encode(text, encoding) + junk
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        if in_memory:
            src = Source("f.txt", data=data)
        else:
            (tmp / "f.txt").write_bytes(data)
            src = Source(str(tmp / "f.txt"), path=tmp / "f.txt")
        texts = _texts(src, tmp, encoding, chunk)
    assert "".join(t.text for t in texts) == decoder(encoding).decode(data, final=True)
    assert [t.offset for t in texts] == [sum(len(x.text) for x in texts[:i])
                                         for i in range(len(texts))]
    assert all(t.text for t in texts)


def test_a_file_read_from_disk_in_chunks_ends_the_same_way(tmp_path):
    # Past WHOLE the file is read from disk, not from memory: a buffered read is short only
    # at the end of the file too.
    path = tmp_path / "big.log"
    path.write_text("line of a log\n" * 90_000 + "last words")
    texts = _texts(Source(str(path), path=path), tmp_path, "utf-8", 256 << 10)
    assert len(texts) == 5
    assert "".join(t.text for t in texts) == path.read_text()
    assert texts[-1].text.endswith("\nlast words")
