"""DOCX through python-docx: headers, body paragraphs, tables and footers. A letter becomes one
text (so the person it is about becomes one record); a table with a header row and at least
three rows becomes a table of its own (a staff list pasted into a document)."""

from __future__ import annotations

import zipfile

import docx
import polars as pl
from docx.opc.exceptions import PackageNotFoundError

from ..context import Context
from ..errors import Corrupt
from ..sources import Items, Source, Table, Text
from .delimited import _unique_names, looks_like_header


def read(src: Source, ctx: Context) -> Items:
    try:
        with src.open() as fh:
            document = docx.Document(fh)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise Corrupt("damaged or truncated Word document") from None
    except Exception as exc:  # lxml raises its own types for broken XML
        if type(exc).__module__.startswith("lxml"):
            raise Corrupt("damaged Word document (invalid XML)") from None
        raise
    lines: list[str] = []
    for section in document.sections:
        for hf in (section.header, section.first_page_header):
            lines.extend(p.text for p in hf.paragraphs if not hf.is_linked_to_previous)
    lines.extend(p.text for p in document.paragraphs)
    tables = []
    for n, table in enumerate(document.tables, start=1):
        rows = [[cell.text.strip() for cell in row.cells] for row in table.rows]
        if len(rows) >= 3 and len(rows[0]) >= 2 and looks_like_header(rows):
            tables.append((n, rows))
        else:
            lines.extend("\t".join(_dedupe_merged(r)) for r in rows)
    for section in document.sections:
        for hf in (section.footer, section.first_page_footer):
            lines.extend(p.text for p in hf.paragraphs if not hf.is_linked_to_previous)
    text = "\n".join(line for line in lines if line.strip())
    if text:
        yield Text(src, "document", text)
    for n, rows in tables:
        names = _unique_names(rows[0])
        width = len(names)
        body = [(r + [""] * width)[:width] for r in rows[1:]]
        frame = pl.DataFrame(body, schema={c: pl.Utf8 for c in names}, orient="row")
        yield Table(src, f"table {n}", frame)


def _dedupe_merged(cells: list[str]) -> list[str]:
    # python-docx repeats a merged cell's text once per grid column it spans.
    out: list[str] = []
    for cell in cells:
        if not out or cell != out[-1]:
            out.append(cell)
    return out
