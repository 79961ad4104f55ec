"""CSV and TSV: delimiter, header and encoding sniffed from a sample; read with Polars in
row batches so memory stays bounded. Text that is not a table goes to the plain-text reader."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import polars as pl

from ..context import Context
from ..sources import Items, Note, Source, Table
from . import plaintext
from .encoding import decoder, describe, sniff_encoding

SAMPLE = 1 << 20
DELIMITERS = (",", "\t", ";", "|")
_HEADER_CELL = re.compile(r"^[A-Za-z_][A-Za-z0-9 _./()#&?'-]{0,63}$")
_HEADER_WORDS = re.compile(
    r"name|mail|phone|mobile|tel|dob|birth|date|address|street|town|city|post|zip|id\b|_id|"
    r"number|no\b|nino|\bni\b|nhs|account|sort|card|iban|gender|sex|age|status|code|ref|"
    r"country|county|title|note|comment|type|amount|balance",
    re.IGNORECASE,
)


def read(src: Source, ctx: Context) -> Items:
    sample = src.head(SAMPLE)
    complete = src.size <= SAMPLE
    encoding = sniff_encoding(sample, complete)
    text = sample.decode("utf-8" if encoding == "mixed" else encoding, errors="replace")
    if not complete:
        text = text[: text.rfind("\n") + 1] if "\n" in text else ""
    dialect = sniff_dialect(text)
    src.detail = "text" if dialect is None else ("tsv" if dialect[0] == "\t" else "csv")
    if dialect is None:
        # Not a table (prose, a log, or one enormous line): scan it as text.
        if encoding == "mixed":
            yield Note(src, f"mixed encodings: read as {describe(encoding)}")
        yield from plaintext.read_text_chunks(src, ctx, encoding)
        return
    delimiter, has_header = dialect
    if encoding not in ("utf-8", "utf-8-sig"):
        yield Note(src, f"encoding: {describe(encoding)}")
        src = _transcode(src, ctx, encoding)
        src.detail = "tsv" if delimiter == "\t" else "csv"
    yield from _read_batches(src, ctx, delimiter, has_header)


def sniff_dialect(text: str) -> tuple[str, bool] | None:
    """(delimiter, has_header), or None when the sample is not a delimited table."""
    lines = [ln for ln in text.splitlines()[:200] if ln.strip()]
    if len(lines) < 2:
        if len(lines) == 1 and any(d in lines[0] for d in DELIMITERS):
            pass  # one header-only or one-row file: still try
        else:
            return None
    best: tuple[float, str] | None = None
    for delim in DELIMITERS:
        if delim not in text:
            continue  # every row would be one field (prose has no tabs, pipes or semicolons)
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
    delim = best[1]
    rows = list(csv.reader(lines[:50], delimiter=delim))
    return delim, looks_like_header(rows)


def looks_like_header(rows: list[list[str]]) -> bool:
    first = [c.strip() for c in rows[0]]
    if not first or any(not _HEADER_CELL.match(c) for c in first if c) or not any(first):
        return False
    if any(_HEADER_WORDS.search(c) for c in first):
        return True
    # Otherwise a header when the data below it has digits or @ where the first row has none.
    for row in rows[1:]:
        for cell in row:
            if any(ch.isdigit() for ch in cell) or "@" in cell:
                return True
    return False


def _unique_names(names: list[str]) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for i, name in enumerate(names):
        base = name.strip() or f"column_{i + 1}"
        candidate, n = base, 2
        while candidate in seen:
            candidate, n = f"{base}_{n}", n + 1
        seen.add(candidate)
        out.append(candidate)
    return out


def _scan(src: Source, delimiter: str, has_header: bool, quote: str | None, skip: int = 0):
    data = src.as_input()
    return pl.scan_csv(
        data if isinstance(data, bytes) else str(data),
        separator=delimiter,
        has_header=has_header,
        infer_schema=False,
        quote_char=quote,
        encoding="utf8-lossy",
        truncate_ragged_lines=True,
        skip_rows_after_header=skip,
        with_column_names=_unique_names,
        raise_if_empty=False,
        missing_columns="insert",
    )


def _read_batches(src: Source, ctx: Context, delimiter: str, has_header: bool) -> Items:
    part = ""
    done = 0
    try:
        for batch in _scan(src, delimiter, has_header, '"').collect_batches(
            chunk_size=ctx.limits.chunk_rows
        ):
            yield Table(src, part, _named(batch, has_header), row_offset=done)
            done += batch.height
        return
    except pl.exceptions.PolarsError:
        pass
    # Malformed quoting (an unclosed quote, a stray quote mid-field): read the rest with quotes
    # as ordinary characters, which keeps one line per row.
    yield Note(src, "malformed CSV quoting: quotes were read as ordinary characters")
    for batch in _scan(src, delimiter, has_header, None, skip=done).collect_batches(
        chunk_size=ctx.limits.chunk_rows
    ):
        yield Table(src, part, _named(batch, has_header), row_offset=done)
        done += batch.height


def _named(batch: pl.DataFrame, has_header: bool) -> pl.DataFrame:
    if has_header:
        return batch
    return batch.rename({c: f"column_{i + 1}" for i, c in enumerate(batch.columns)})


def _transcode(src: Source, ctx: Context, encoding: str) -> Source:
    """A UTF-8 copy (Polars reads only UTF-8): in memory when small, else in the work dir."""
    dec = decoder(encoding)
    if src.size <= ctx.limits.spill:
        data = dec.decode(src.read_bytes(), final=True).encode("utf-8")
        return Source(src.file, src.member, data=data, depth=src.depth)
    out: Path = ctx.spill_path(".csv")
    with src.open() as fh, open(out, "wb") as dst:
        while raw := fh.read(16 << 20):
            dst.write(dec.decode(raw).encode("utf-8"))
        dst.write(dec.decode(b"", final=True).encode("utf-8"))
    return Source(src.file, src.member, path=out, depth=src.depth)

