"""Every reader, on small files built here. Extensions are deliberately unhelpful where it
matters: types come from the bytes."""

import gzip
import io
import json
import tarfile

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from scope_fixtures import (
    ANNA,
    PEOPLE,
    csv_text,
    docx_bytes,
    eml_bytes,
    letter_text,
    mbox_bytes,
    ods_bytes,
    pdf_bytes,
    people_sheet,
    read_all,
    xlsx_bytes,
    zip_bytes,
)


def one_table(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    tables, texts, log = read_all([path], tmp_path)
    assert log.not_read == [], [e.reason for e in log.not_read]
    assert len(tables) == 1, (tables, texts)
    return tables[0], log.entries[0]


@pytest.mark.parametrize("sep, kind", [(",", "csv"), ("\t", "tsv"), (";", "csv"), ("|", "csv")])
def test_delimited_files_sniff_their_delimiter_and_header(tmp_path, sep, kind):
    table, entry = one_table(tmp_path, "export.dat", csv_text(sep=sep))
    assert entry.kind == kind
    assert table.frame.columns[:2] == ["first_name", "surname"]
    assert table.frame.height == 3
    assert table.frame["email"].to_list()[0] == ANNA["email"]


def test_a_csv_without_a_header_keeps_its_first_row(tmp_path):
    body = csv_text().split("\n", 1)[1]
    table, _ = one_table(tmp_path, "noheader.csv", body)
    assert table.frame.height == 3
    assert table.frame.columns[0] == "column_1"


@pytest.mark.parametrize("encoding, prefix", [
    ("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp1252", b""), ("latin-1", b""),
])
def test_csv_encodings(tmp_path, encoding, prefix):
    text = "name,city,balance\nRenée Dubois,Bradford,£12.50\nSeán Ó Briain,Leeds,£3\n"
    table, entry = one_table(tmp_path, "enc.csv", prefix + text.encode(encoding))
    assert table.frame["name"].to_list() == ["Renée Dubois", "Seán Ó Briain"]
    assert table.frame.columns[0] == "name"  # no BOM left in the first header


def test_mixed_encodings_are_read_and_noted(tmp_path):
    data = ("name,city\nRenée Dubois,Leeds\n".encode()
            + "Seán Ó Briain,Cork\n".encode("cp1252"))
    table, entry = one_table(tmp_path, "mixed.csv", data)
    assert table.frame["name"].to_list() == ["Renée Dubois", "Seán Ó Briain"]
    assert any("encoding" in n for n in entry.notes)


def test_malformed_quoting_is_tolerated_and_reported(tmp_path):
    data = 'name,email\n"Anna "Whitfield,anna@example.co.uk\nRuth Okafor,ruth@example.com\n'
    table, entry = one_table(tmp_path, "quotes.csv", data)
    assert table.frame.height == 2
    assert any("quoting" in n for n in entry.notes)
    assert all("Whitfield" not in n for n in entry.notes)


def test_xlsx_every_sheet_and_a_header_row_that_is_not_first(tmp_path):
    data = xlsx_bytes({"Staff": people_sheet(title_rows=3), "Leavers": people_sheet(PEOPLE[:1])})
    path = tmp_path / "staff.bin"
    path.write_bytes(data)
    tables, _, log = read_all([path], tmp_path)
    assert log.entries[0].kind == "xlsx"
    assert [t.part for t in tables] == ["sheet Staff", "sheet Leavers"]
    staff = tables[0].frame
    assert staff.columns == ["Forename", "Surname", "Date of birth", "NI number", "Email"]
    assert staff.height == 3 and staff["Surname"][0] == "Whitfield"


def test_ods(tmp_path):
    table, entry = one_table(tmp_path, "people.ods", ods_bytes(people_sheet()))
    assert entry.kind == "ods"
    assert table.frame["Email"].to_list()[2] == "ruth.okafor@example.com"


def test_json_list_nested_objects_and_json_lines(tmp_path):
    records = [{"name": f"{p['first']} {p['last']}", "contact": {"email": p["email"]},
                "tags": ["a", "b"]} for p in PEOPLE]
    table, entry = one_table(tmp_path, "dump.json", json.dumps({"data": {"people": records}}))
    assert entry.kind == "json"
    assert table.frame.columns == ["name", "contact.email", "tags"]
    lines = "\n".join(json.dumps(r) for r in records) + "\nnot json\n"
    table, entry = one_table(tmp_path, "dump.jsonl", lines)
    assert entry.kind == "jsonl" and table.frame.height == 3
    assert any("not valid JSON" in n for n in entry.notes)


def test_parquet_any_types(tmp_path):
    t = pa.table({"name": ["Anna Whitfield"], "age": [47], "tags": [["x", "y"]],
                  "addr": [{"postcode": "LS6 2QT"}]})
    buf = io.BytesIO()
    pq.write_table(t, buf)
    table, entry = one_table(tmp_path, "people.txt", buf.getvalue())
    assert entry.kind == "parquet"
    assert table.frame.row(0) == ("Anna Whitfield", "47", "x; y", '{"postcode":"LS6 2QT"}')


def test_text_html_docx_and_pdf_give_text(tmp_path):
    (tmp_path / "note.log").write_text(letter_text(ANNA))
    (tmp_path / "page.htm").write_text(
        "<html><head><style>p{}</style><script>var x=1</script></head><body>"
        f"<p>Dear {ANNA['first']} {ANNA['last']}</p><table><tr><td>NI</td>"
        f"<td>{ANNA['nino']}</td></tr></table></body></html>")
    (tmp_path / "letter.docx").write_bytes(docx_bytes(
        letter_text(ANNA), header="Acme Housing", footer="Registered in England",
        table=[["Reference", "Value"], ["NHS number", ANNA["nhs"]]]))
    (tmp_path / "letter.pdf").write_bytes(pdf_bytes([letter_text(ANNA), "Page two"]))
    tables, texts, log = read_all(sorted(tmp_path.glob("*.*")), tmp_path)
    assert log.not_read == []
    by_kind = {e.kind: t for e, t in zip(log.entries, texts, strict=True)}
    assert set(by_kind) == {"docx", "html", "text", "pdf"}
    assert "var x" not in by_kind["html"].text and ANNA["nino"] in by_kind["html"].text
    doc = by_kind["docx"].text
    assert "Acme Housing" in doc and "Registered in England" in doc and ANNA["nhs"] in doc
    pdf = by_kind["pdf"]
    assert "Whitfield" in pdf.text and len(pdf.pages) == 2 and pdf.pages[0] == 0


def test_a_docx_table_with_a_header_becomes_a_table(tmp_path):
    rows = [["Name", "Email"]] + [[f"{p['first']} {p['last']}", p["email"]] for p in PEOPLE]
    (tmp_path / "list.docx").write_bytes(docx_bytes("Staff list", table=rows))
    tables, texts, _ = read_all([tmp_path / "list.docx"], tmp_path)
    assert tables[0].part == "table 1" and tables[0].frame.height == 3


def test_eml_and_mbox_with_attachments_recursed(tmp_path):
    attach = {"customers.csv": csv_text().encode(),
              "more.zip": zip_bytes({"inner/letter.txt": letter_text(ANNA).encode()})}
    msg = eml_bytes(f"{ANNA['first']} {ANNA['last']} <{ANNA['email']}>", "dpo@example.org",
                    "My details", f"My phone is {ANNA['phone']}", attach)
    (tmp_path / "one.eml").write_bytes(msg)
    (tmp_path / "box").write_bytes(mbox_bytes([msg, eml_bytes(
        "Ruth Okafor <ruth.okafor@example.com>", "dpo@example.org", "Hi", "From the start")]))
    tables, texts, log = read_all([tmp_path / "one.eml", tmp_path / "box"], tmp_path)
    kinds = [(e.file.removeprefix(f"{tmp_path}/"), e.kind) for e in log.entries]
    assert ("one.eml", "eml") in kinds and ("box", "mbox") in kinds
    assert ("box!message 1/customers.csv", "csv") in kinds
    assert ("box!message 1/more.zip/inner/letter.txt", "text") in kinds
    messages = [t for t in texts if t.part.startswith("message")]
    assert [m.part for m in messages] == ["message", "message 1", "message 2"]
    assert messages[0].text.startswith("From: Anna Whitfield <anna.whitfield@")
    assert "From the start" in messages[2].text  # a body line starting "From " survives
    assert len(tables) == 2


def test_archives_zip_tar_gz_and_gz(tmp_path):
    members = {"a/customers.csv": csv_text().encode(), "b/letter.txt": b"Dear Ruth Okafor"}
    (tmp_path / "x.zip").write_bytes(zip_bytes(members))
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tf:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    (tmp_path / "x.tgz").write_bytes(buf.getvalue())
    (tmp_path / "customers.csv.gz").write_bytes(gzip.compress(csv_text().encode()))
    tables, texts, log = read_all(sorted(tmp_path.glob("x.*")) + [tmp_path / "customers.csv.gz"],
                                  tmp_path)
    assert log.not_read == []
    names = [e.file.removeprefix(f"{tmp_path}/") for e in log.entries]
    assert "x.zip!a/customers.csv" in names and "x.tgz!b/letter.txt" in names
    assert "customers.csv.gz!customers.csv" in names
    assert len(tables) == 3 and all(t.frame.height == 3 for t in tables)


def test_big_tables_come_in_chunks_with_row_offsets(tmp_path):
    from breachdesk.scope.context import Limits

    body = "name,email\n" + "".join(f"P{i},p{i}@example.com\n" for i in range(2500))
    (tmp_path / "big.csv").write_text(body)
    tables, _, _ = read_all([tmp_path / "big.csv"], tmp_path, Limits(chunk_rows=1000))
    assert [t.row_offset for t in tables] == [0, 1000, 2000]
    assert pl.concat([t.frame for t in tables]).height == 2500
