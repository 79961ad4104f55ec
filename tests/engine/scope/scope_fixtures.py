"""Fixtures for the scope tests: synthetic people and small files built in the test run."""

from __future__ import annotations

# Synthetic people; every value is made up. NI numbers use valid prefixes; NHS numbers pass
# mod-11; phones are in ordinary mobile ranges (drama numbers are rejected by detection).
ANNA = {"first": "Anna", "last": "Whitfield", "dob": "14/02/1979", "email":
        "anna.whitfield@example.co.uk", "phone": "07911 234567", "postcode": "LS6 2QT",
        "address": "27 Brudenell Road, Leeds", "nino": "JK 28 41 93 B", "nhs": "943 476 5919"}
OWEN = {"first": "Owen", "last": "Pritchard", "dob": "03/09/2012", "email":
        "owen.pritchard@example.org", "phone": "07822 345678", "postcode": "CF10 3AT",
        "address": "8 Castle Street, Cardiff", "nino": "", "nhs": ""}
RUTH = {"first": "Ruth", "last": "Okafor", "dob": "21/06/1990", "email":
        "ruth.okafor@example.com", "phone": "07733 456789", "postcode": "M14 5RT",
        "address": "51 Wilmslow Road, Manchester", "nino": "PR 55 12 04 C", "nhs": ""}
PEOPLE = (ANNA, OWEN, RUTH)


def csv_text(people=PEOPLE, sep=",") -> str:
    header = ["first_name", "surname", "date_of_birth", "email", "phone", "postcode",
              "ni_number"]
    rows = [sep.join(header)]
    for p in people:
        rows.append(sep.join([p["first"], p["last"], p["dob"], p["email"], p["phone"],
                              p["postcode"], p["nino"]]))
    return "\n".join(rows) + "\n"


def letter_text(p) -> str:
    return (
        f"Dear {p['first']} {p['last']},\n\n"
        f"We write about your account. Our records show your date of birth as {p['dob']} "
        f"and your address as {p['address']}, {p['postcode']}.\n"
        f"Your National Insurance number {p['nino'] or 'is not held'}.\n"
        "Yours sincerely,\nCustomer Services\n"
    )


def evidence(tmp_path):
    """(an empty evidence folder, where the output should go)."""
    d = tmp_path / "evidence"
    d.mkdir(exist_ok=True)
    return d, tmp_path / "out"


# --- file builders ---------------------------------------------------------------------------

def xlsx_bytes(sheets: dict[str, list[list[str]]]) -> bytes:
    import io

    import xlsxwriter

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                sheet.write_string(r, c, value)
    book.close()
    return buf.getvalue()


def people_sheet(people=PEOPLE, title_rows: int = 0) -> list[list[str]]:
    rows = [["Staff export", ""], ["Generated 2026-05-01", ""], ["", ""]][:title_rows]
    rows.append(["Forename", "Surname", "Date of birth", "NI number", "Email"])
    for p in people:
        rows.append([p["first"], p["last"], p["dob"], p["nino"], p["email"]])
    return rows


def ods_bytes(rows: list[list[str]]) -> bytes:
    """A minimal OpenDocument spreadsheet, written by hand (no library needed)."""
    import io
    import zipfile
    from xml.sax.saxutils import escape

    cells = "".join(
        "<table:table-row>" + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{escape(v)}</text:p>'
            "</table:table-cell>" for v in row) + "</table:table-row>"
        for row in rows
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="People">{cells}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type='
        '"application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        zf.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def docx_bytes(body: str, *, header: str = "", footer: str = "",
               table: list[list[str]] | None = None) -> bytes:
    import io

    import docx

    d = docx.Document()
    if header:
        d.sections[0].header.paragraphs[0].text = header
    if footer:
        d.sections[0].footer.paragraphs[0].text = footer
    for para in body.split("\n"):
        d.add_paragraph(para)
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                t.cell(r, c).text = value
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def pdf_bytes(pages: list[str]) -> bytes:
    """A small valid PDF with a text layer (Helvetica), one page per string; an empty string
    gives a page with no text (what a scan looks like to a text extractor)."""
    objects: list[bytes] = []
    kids = []
    font_id = 3
    for i, text in enumerate(pages):
        page_id, content_id = 4 + 2 * i, 5 + 2 * i
        kids.append(f"{page_id} 0 R")
        lines = [ln.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
                 for ln in text.split("\n")]
        ops = "".join(f"BT /F1 11 Tf 50 {780 - 16 * n} Td ({ln}) Tj ET\n"
                      for n, ln in enumerate(lines) if ln)
        stream = ops.encode("latin-1")
        objects.append(
            f"{page_id} 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> /Contents {content_id} 0 R >> "
            "endobj\n".encode()
        )
        objects.append(f"{content_id} 0 obj << /Length {len(stream)} >> stream\n".encode()
                       + stream + b"\nendstream endobj\n")
    head = [
        b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n",
        f"2 0 obj << /Type /Pages /Kids [{' '.join(kids)}] /Count {len(pages)} >> endobj\n"
        .encode(),
        b"3 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\n",
    ]
    body = b"%PDF-1.4\n"
    offsets = []
    for obj in head + objects:
        offsets.append(len(body))
        body += obj
    xref = len(body)
    body += f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode()
    body += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    body += (f"trailer << /Size {len(offsets) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
             .encode())
    return body


def eml_bytes(sender: str, to: str, subject: str, body: str,
              attachments: dict[str, bytes] | None = None) -> bytes:
    from email.message import EmailMessage

    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, to, subject
    msg["Date"] = "Fri, 01 May 2026 09:30:00 +0100"
    msg.set_content(body)
    for name, data in (attachments or {}).items():
        msg.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    return bytes(msg)


def mbox_bytes(messages: list[bytes]) -> bytes:
    out = b""
    for raw in messages:
        escaped = b"\n".join(b">" + ln if ln.startswith(b"From ") else ln
                             for ln in raw.replace(b"\r\n", b"\n").split(b"\n"))
        out += b"From MAILER-DAEMON Fri May  1 09:30:00 2026\n" + escaped + b"\n\n"
    return out


def zip_bytes(members: dict[str, bytes]) -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def encrypted_zip_bytes(members: dict[str, bytes]) -> bytes:
    """A zip whose members are marked encrypted (the stdlib cannot write real encryption;
    the flag is what readers see first, and what ours must report)."""
    import struct

    data = bytearray(zip_bytes(members))
    for sig, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (i := data.find(sig, start)) != -1:
            flags = struct.unpack_from("<H", data, i + flag_at)[0]
            struct.pack_into("<H", data, i + flag_at, flags | 0x1)
            start = i + 4
    return bytes(data)


def read_all(paths, tmp_path, limits=None):
    """(tables, texts, log) from walking ``paths`` with the real readers."""
    from breachdesk.scope.context import Context, Limits
    from breachdesk.scope.sources import Table
    from breachdesk.scope.walk import FileLog, walk

    work = tmp_path / "work"
    work.mkdir(exist_ok=True)
    log = FileLog()
    items = list(walk([str(p) for p in paths], Context(work, limits or Limits()), log))
    tables = [i for i in items if isinstance(i, Table)]
    texts = [i for i in items if not isinstance(i, Table)]
    return tables, texts, log
