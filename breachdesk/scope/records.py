"""Records: the unit people are linked from.

A table row is one record. A text (a letter, a message, a page range) is split into one record
per person named in it: each new name starts a record, a name seen before returns to its
record, and everything found in between belongs to the current one. In an email the body
belongs to the sender until another name appears, not to the last name in the headers.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import Any

import polars as pl

from .detection import RECORD_FIELDS
from .sources import Table, Text

JOINED = {"name": " ", "address": ", "}

RECORD_SCHEMA: dict[str, pl.DataType] = {
    "file": pl.Utf8,
    "member": pl.Utf8,
    "part": pl.Utf8,
    "row": pl.Int64,
    "start": pl.Int64,
    **{f: pl.Utf8 for f in RECORD_FIELDS},
    "categories": pl.List(pl.Utf8),
}

FINDING_SCHEMA: dict[str, pl.DataType] = {
    "file": pl.Utf8,
    "member": pl.Utf8,
    "part": pl.Utf8,
    "row": pl.Int64,
    "column": pl.Utf8,
    "page": pl.Int32,
    "start": pl.Int64,
    "end": pl.Int64,
    "detector": pl.Utf8,
    "category": pl.Utf8,
    "confidence": pl.Float32,
    "masked": pl.Utf8,
}


def table_records(
    item: Table, found: pl.DataFrame, fields: dict[str, str]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(findings, records) for one table chunk from ``detect_columns`` output."""
    src = item.source
    consts = [pl.lit(src.file).alias("file"), pl.lit(src.member).alias("member"),
              pl.lit(item.part).alias("part")]
    found = found.with_columns((pl.col("row").cast(pl.Int64) + item.row_offset).alias("row"))
    findings = found.select(
        *consts,
        pl.col("row"),
        pl.col("column").cast(pl.Utf8),
        pl.lit(None, pl.Int32).alias("page"),
        pl.lit(None, pl.Int64).alias("start"),
        pl.lit(None, pl.Int64).alias("end"),
        pl.col("detector").cast(pl.Utf8),
        pl.col("category").cast(pl.Utf8),
        pl.col("confidence").cast(pl.Float32),
        pl.col("masked").cast(pl.Utf8),
    )
    if found.height == 0:
        return findings, pl.DataFrame(schema=RECORD_SCHEMA)
    cats = found.group_by("row").agg(pl.col("category").cast(pl.Utf8).unique().sort()
                                     .alias("categories"))
    order = {c: i for i, c in enumerate(item.frame.columns)}
    tagged = found.with_columns(
        pl.col("detector").cast(pl.Utf8).replace_strict(fields, default=None).alias("field"),
        pl.col("column").cast(pl.Utf8).replace_strict(order, default=0,
                                                      return_dtype=pl.Int32).alias("pos"),
    ).filter(pl.col("field").is_not_null())
    tagged = tagged.sort("row", "pos")
    joined = (
        tagged.filter(pl.col("field").is_in(list(JOINED)))
        .group_by("row", "field", maintain_order=True)
        .agg(pl.col("value").unique(maintain_order=True).str.join("\x1f"))
    )
    single = (
        tagged.filter(~pl.col("field").is_in(list(JOINED)))
        .group_by("row", "field", maintain_order=True)
        .agg(pl.col("value").first())
    )
    long = pl.concat([joined, single])
    wide = long.pivot(on="field", index="row", values="value") if long.height else (
        pl.DataFrame({"row": pl.Series([], dtype=pl.Int64)}))
    for fld, sep in JOINED.items():
        if fld in wide.columns:
            wide = wide.with_columns(pl.col(fld).str.replace_all("\x1f", sep, literal=True))
    recs = cats.join(wide, on="row", how="left").with_columns(consts)
    recs = recs.with_columns(pl.lit(None, pl.Int64).alias("start"))
    for fld in RECORD_FIELDS:
        if fld not in recs.columns:
            recs = recs.with_columns(pl.lit(None, pl.Utf8).alias(fld))
    return findings, recs.select([pl.col(c).cast(t) for c, t in RECORD_SCHEMA.items()])


def text_records(
    item: Text, matches: Sequence[Any], fields: dict[str, str]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(findings, records) for one text from ``detect_text`` output."""
    src = item.source
    base = item.offset
    rows = []
    for m in matches:
        page = bisect_right(item.pages, m.start) if item.pages else None
        rows.append((src.file, src.member, item.part, None, None, page, base + m.start,
                     base + m.end, m.detector, m.category, float(m.confidence), m.masked))
    findings = pl.DataFrame(rows, schema=FINDING_SCHEMA, orient="row")
    segments = _segments(item, matches, fields)
    recs = []
    for seg in segments:
        values = {f: None for f in RECORD_FIELDS}
        for fld, vals in seg["fields"].items():
            uniq = list(dict.fromkeys(vals))
            values[fld] = JOINED[fld].join(uniq[:1] if fld == "name" else uniq[:3]) \
                if fld in JOINED else uniq[0]
        recs.append({"file": src.file, "member": src.member, "part": item.part, "row": None,
                     "start": base + seg["start"], **values,
                     "categories": sorted(seg["categories"])})
    return findings, pl.DataFrame(recs, schema=RECORD_SCHEMA)


def _segments(item: Text, matches: Sequence[Any], fields: dict[str, str]) -> list[dict]:
    ordered = sorted(matches, key=lambda m: m.start)
    segments: list[dict] = []
    by_name: dict[str, dict] = {}
    current: dict | None = None
    body_start, sender = _mail_layout(item)

    def new(start: int) -> dict:
        seg = {"start": start, "fields": {}, "categories": set()}
        segments.append(seg)
        return seg

    for m in ordered:
        if body_start is not None and m.start >= body_start:
            # Entering the body of a message: it is the sender's until a name appears.
            if sender is not None and sender in by_name:
                current = by_name[sender]
            body_start = None
        fld = fields.get(m.detector)
        if fld == "name":
            key = " ".join(m.value.lower().split())
            if key in by_name:
                current = by_name[key]
            else:
                current = by_name[key] = new(m.start)
        elif current is None:
            current = new(m.start)
        if fld:
            current["fields"].setdefault(fld, []).append(m.value)
        current["categories"].add(m.category)
    return segments


def _mail_layout(item: Text) -> tuple[int | None, str | None]:
    """For a message: where the body starts, and the sender's name as a detector would give."""
    if not item.part.startswith("message"):
        return None, None
    head, sep, _ = item.text.partition("\n\n")
    if not sep:
        return None, None
    sender = None
    for line in head.splitlines():
        if line.startswith("From:"):
            display = line[5:].split("<", 1)[0].strip().strip('"')
            sender = " ".join(display.lower().split()) or None
    return len(head) + 2, sender
