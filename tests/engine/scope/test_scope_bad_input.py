"""Bad input: each case is reported with a plain reason, never stops the scan, and never
puts personal data into the reason."""

import gzip
import json
import os

import pytest
from scope_fixtures import (
    ANNA,
    csv_text,
    docx_bytes,
    encrypted_zip_bytes,
    evidence,
    letter_text,
    pdf_bytes,
    people_sheet,
    read_all,
    xlsx_bytes,
    zip_bytes,
)

from breachdesk.scope import Limits, scope
from breachdesk.scope.sniff import OLE


def entry_for(log, name):
    matches = [e for e in log.entries if e.file.endswith(name)]
    assert matches, [e.file for e in log.entries]
    return matches[0]


def not_read(tmp_path, name, data, limits=None):
    path = tmp_path / name
    path.write_bytes(data)
    _, _, log = read_all([path], tmp_path, limits)
    e = entry_for(log, name)
    assert e.status == "not_read", (e.status, e.reason, e.notes)
    return e


def test_zero_byte_file(tmp_path):
    assert not_read(tmp_path, "empty.csv", b"").reason_kind == "empty"


def test_binary_junk(tmp_path):
    e = not_read(tmp_path, "export.csv", bytes(range(256)) * 64)
    assert e.reason_kind == "unsupported" and "binary" in e.reason


def test_images_need_ocr(tmp_path):
    e = not_read(tmp_path, "scan.jpg", b"\xff\xd8\xff\xe0" + os.urandom(2000))
    assert e.reason_kind == "needs_ocr"


def test_a_scanned_pdf_is_needs_ocr_not_skipped(tmp_path):
    e = not_read(tmp_path, "scan.pdf", pdf_bytes(["", ""]))
    assert e.reason_kind == "needs_ocr" and "OCR" in e.reason


def test_a_pdf_with_some_scanned_pages_is_read_with_a_note(tmp_path):
    (tmp_path / "mixed.pdf").write_bytes(pdf_bytes([letter_text(ANNA), ""]))
    _, texts, log = read_all([tmp_path / "mixed.pdf"], tmp_path)
    assert texts and any("OCR" in n for n in log.entries[0].notes)


def test_password_protected_office_document(tmp_path):
    blob = OLE + b"\x00" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 4000
    e = not_read(tmp_path, "payroll.xlsx", blob)
    assert e.reason_kind == "encrypted"


def test_encrypted_zip(tmp_path):
    e = not_read(tmp_path, "export.zip", encrypted_zip_bytes({"a.csv": csv_text().encode()}))
    assert e.reason_kind == "encrypted" and "password" in e.reason


def test_a_zip_with_one_encrypted_member_reads_the_rest(tmp_path):
    plain = zip_bytes({"a.csv": csv_text().encode()})
    locked = encrypted_zip_bytes({"b.csv": csv_text().encode()})
    (tmp_path / "outer.zip").write_bytes(zip_bytes({"plain.zip": plain, "locked.zip": locked}))
    tables, _, log = read_all([tmp_path / "outer.zip"], tmp_path)
    assert len(tables) == 1
    assert entry_for(log, "locked.zip").reason_kind == "encrypted"


@pytest.mark.parametrize("name, data", [
    ("book.xlsx", xlsx_bytes({"S": people_sheet()})),
    ("letter.docx", docx_bytes(letter_text(ANNA))),
    ("letter.pdf", pdf_bytes([letter_text(ANNA)] * 3)),
    ("export.zip", zip_bytes({"a.csv": csv_text().encode() * 50})),
    ("export.csv.gz", gzip.compress(csv_text().encode() * 200)),
])
def test_truncated_files(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data[: len(data) // 2])
    _, _, log = read_all([path], tmp_path)
    # Truncated: either not read, or read in part; always with a reason, never a crash.
    e = entry_for(log, name)
    problems = [x for x in log.entries if x.status != "read"]
    assert problems, [(x.file, x.status, x.notes) for x in log.entries]
    assert all(x.reason for x in problems)
    assert e.kind is None or e.kind in name or e.kind in ("zip", "gzip")


def test_wrong_extensions_are_read_by_content(tmp_path):
    (tmp_path / "photo.jpg").write_text(csv_text())
    (tmp_path / "notes.txt").write_bytes(zip_bytes({"a.csv": csv_text().encode()}))
    (tmp_path / "report.pdf").write_bytes(docx_bytes(letter_text(ANNA)))
    tables, texts, log = read_all(sorted(tmp_path.glob("*.*")), tmp_path)
    assert log.not_read == []
    kinds = {e.file.rsplit("/", 1)[-1]: e.kind for e in log.entries}
    assert kinds["photo.jpg"] == "csv" and kinds["notes.txt"] == "zip"
    assert kinds["report.pdf"] == "docx"


def test_a_zip_bomb_member_is_refused(tmp_path):
    bomb = zip_bytes({"zeros.csv": b"0" * (20 << 20), "ok.csv": csv_text().encode()})
    assert len(bomb) < 100_000
    (tmp_path / "bomb.zip").write_bytes(bomb)
    tables, _, log = read_all([tmp_path / "bomb.zip"], tmp_path)
    e = entry_for(log, "zeros.csv")
    assert e.status == "not_read" and "bomb" in e.reason
    assert len(tables) == 1  # the honest member is still read


def test_an_archive_that_expands_past_the_budget_stops(tmp_path):
    members = {f"m{i}.txt": os.urandom(300_000) for i in range(5)}
    (tmp_path / "big.zip").write_bytes(zip_bytes(members))
    _, _, log = read_all([tmp_path / "big.zip"], tmp_path, Limits(max_expanded=1_000_000))
    e = entry_for(log, "big.zip")
    assert e.status == "partial" and "limit" in e.reason


def test_deeply_nested_archives_stop_at_the_depth_limit(tmp_path):
    data = csv_text().encode()
    name = "people.csv"
    for level in range(9):
        data, name = zip_bytes({name: data}), f"level{level}.zip"
    (tmp_path / name).write_bytes(data)
    tables, _, log = read_all([tmp_path / name], tmp_path)
    assert tables == []
    deepest = [e for e in log.entries if e.status == "not_read"]
    assert len(deepest) == 1 and "levels deep" in deepest[0].reason


def test_a_two_gigabyte_single_line_is_scanned_in_bounded_chunks(tmp_path):
    # The same code path as 2 GB, with the limits scaled down so the test is fast.
    line = (f"ref {ANNA['email']} " * 200_000).encode()  # ~7 MB, no newline
    (tmp_path / "dump.log").write_bytes(line)
    limits = Limits(text_chunk=1 << 20, max_text_bytes=4 << 20)
    _, texts, log = read_all([tmp_path / "dump.log"], tmp_path, limits)
    assert max(len(t.text) for t in texts) <= (1 << 20) + 4096
    assert texts[1].offset == len(texts[0].text)
    e = log.entries[0]
    assert any("only the first 4 MiB" in n for n in e.notes)


def test_one_bad_file_never_stops_the_scan_and_reasons_hold_no_personal_data(tmp_path):
    folder, out = evidence(tmp_path)
    (folder / "a-empty.csv").write_bytes(b"")
    (folder / "b-junk.bin").write_bytes(os.urandom(5000).replace(b"\x00", b"\x01") + b"\x00")
    (folder / "c-locked.zip").write_bytes(encrypted_zip_bytes({"x.csv": b"a,b\n"}))
    (folder / "d-broken.xlsx").write_bytes(xlsx_bytes({"S": people_sheet()})[:3000])
    (folder / "e-quotes.csv").write_text(
        f'name,email\n"{ANNA["first"]} "{ANNA["last"]},{ANNA["email"]}\n')
    (folder / "f-customers.csv").write_text(csv_text())
    result = scope([folder], out)
    s = result.summary
    assert s["people"] == 3
    assert {e["file"].rsplit("/", 1)[-1] for e in s["files_not_read"]} == {
        "a-empty.csv", "b-junk.bin", "c-locked.zip", "d-broken.xlsx"}
    assert all(e["reason"] for e in s["files_not_read"])
    quotes = [e for e in s["files_read"] if e["file"].endswith("e-quotes.csv")][0]
    assert any("quoting" in n for n in quotes["notes"])
    text = json.dumps(s)
    for raw in (ANNA["last"], ANNA["email"], ANNA["nino"], "Whitfield"):
        assert raw not in text


def test_outlook_msg_without_the_optional_extra_says_how_to_get_it(tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "extract_msg", None)  # as if the extra were missing
    blob = OLE + b"\x00" * 504 + "__substg1.0_0037001F".encode("utf-16-le") + b"\x00" * 4000
    e = not_read(tmp_path, "mail.msg", blob)
    assert e.kind == "msg" and e.reason_kind == "unsupported" and "breachdesk[msg]" in e.reason


def test_a_damaged_outlook_msg_is_reported(tmp_path):
    pytest.importorskip("extract_msg")
    blob = OLE + b"\x00" * 504 + "__substg1.0_0037001F".encode("utf-16-le") + b"\x00" * 4000
    e = not_read(tmp_path, "mail.msg", blob)
    assert e.kind == "msg" and e.reason_kind == "corrupt"
