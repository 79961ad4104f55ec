"""XLSX, XLS and ODS through fastexcel (calamine): every sheet, every cell as text. The header
row is found, not assumed: exports often start with a title, a date and a blank line."""

from __future__ import annotations

import re

import fastexcel
import polars as pl

from ..context import Context
from ..errors import Corrupt, Encrypted
from ..sources import Items, Note, Source, Table
from .delimited import _unique_names

_WORDY = re.compile(r"^[^\d@]*[A-Za-z][^\d@]*$")
HEADER_SEARCH = 30


def read(src: Source, ctx: Context) -> Items:
    try:
        book = fastexcel.read_excel(src.as_input())
    except fastexcel.FastExcelError as exc:
        text = str(exc).lower()
        if "password" in text or "encrypt" in text:
            raise Encrypted("password-protected spreadsheet") from None
        raise Corrupt("damaged or truncated spreadsheet") from None
    for name in book.sheet_names:
        try:
            frame = book.load_sheet(name, header_row=None, dtypes="string", eager=True)
        except fastexcel.FastExcelError:
            yield Note(src, f"sheet {name!r} could not be read (damaged)")
            continue
        df = pl.from_arrow(frame)
        assert isinstance(df, pl.DataFrame)
        if df.height == 0:
            continue
        table = with_header(df)
        for start in range(0, table.height, ctx.limits.chunk_rows):
            yield Table(src, f"sheet {name}", table.slice(start, ctx.limits.chunk_rows), start)


def with_header(df: pl.DataFrame) -> pl.DataFrame:
    """Use the first row that looks like column names; keep only the rows below it."""
    df = df.select(pl.all().cast(pl.Utf8))
    df = df.select([c for c in df.columns if df[c].null_count() < df.height])
    width = df.width
    if width == 0:
        return df
    head_rows = df.head(HEADER_SEARCH).rows()
    for i, row in enumerate(head_rows):
        cells = [c for c in row if c not in (None, "")]
        if len(cells) >= max(2, (width + 1) // 2) and all(_WORDY.match(c) for c in cells):
            names = _unique_names([c or "" for c in row])
            return df.slice(i + 1).rename(dict(zip(df.columns, names, strict=True)))
    return df.rename({c: f"column_{i + 1}" for i, c in enumerate(df.columns)})
