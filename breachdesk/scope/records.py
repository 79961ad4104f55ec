"""Records: the unit people are linked from.

A table row is one record. A text (a letter, a message, a page range) is split into one record
per person named in it: each new name starts a record, a name seen before returns to its
record, and everything found in between belongs to the current one. In an email the body
belongs to the sender until another name appears, not to the last name in the headers.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl

from .detection import RECORD_FIELDS
from .sources import Table, Text

JOINED = {"name": " ", "address": ", "}

# Where a record came from repeats for every row of a file: Categorical keeps one copy.
RECORD_SCHEMA: dict[str, pl.DataType] = {
    "file": pl.Categorical,
    "member": pl.Categorical,
    "part": pl.Categorical,
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
    if found.height <= SMALL_FINDINGS:
        return findings, _table_fields_small(item, found, fields)
    return findings, _table_fields(item, found, fields, consts)


# Up to this many findings, a table's records are assembled in Python: the same records as
# ``_table_fields`` gives, without a dozen small Polars queries per file.
SMALL_FINDINGS = 2000


def _table_fields_small(item: Table, found: pl.DataFrame, fields: dict[str, str]) -> pl.DataFrame:
    position = {c: i for i, c in enumerate(item.frame.columns)}
    # field -> column -> row -> value; a later finding in the same cell replaces an earlier one.
    values: dict[str, dict[str, dict[int, str]]] = {}
    categories: dict[int, set[str]] = {}
    for row, column, detector, category, value in found.select(
            "row", "column", "detector", "category", "value").iter_rows():
        categories.setdefault(row, set()).add(category)
        fld = fields.get(detector)
        if fld is not None:
            values.setdefault(fld, {}).setdefault(column, {})[row] = value
    ordered = {fld: [cells for _, cells in sorted(by_col.items(),
                                                   key=lambda kv: position.get(kv[0], 0))]
               for fld, by_col in values.items()}
    rows = sorted(categories)
    out: dict[str, list] = {f: [] for f in RECORD_FIELDS}
    for row in rows:
        for fld in RECORD_FIELDS:
            per_column = ordered.get(fld)
            if per_column is None:
                out[fld].append(None)
                continue
            present = [cells[row] for cells in per_column if row in cells]
            if fld in JOINED and len(per_column) > 1:
                out[fld].append(JOINED[fld].join(present) or None)
            else:
                out[fld].append(present[0] if present else None)
    src = item.source
    n = len(rows)
    return pl.DataFrame({
        "file": [src.file] * n, "member": [src.member] * n, "part": [item.part] * n,
        "row": rows, "start": [None] * n, **out,
        "categories": [sorted(categories[r]) for r in rows],
    }, schema=RECORD_SCHEMA)


def _table_fields(item: Table, found: pl.DataFrame, fields: dict[str, str],
                  consts: list[pl.Expr]) -> pl.DataFrame:
    # Findings come column by column, so build each record field as a whole column: scatter
    # each column's values into a row-aligned Series, then combine. No sort, no pivot.
    n = item.frame.height
    base = item.row_offset
    per_field: dict[str, list[pl.Series]] = {}
    has_category: dict[str, list[pl.Series]] = {}
    empty = pl.repeat(None, n, dtype=pl.Utf8, eager=True)
    position = {c: i for i, c in enumerate(item.frame.columns)}
    # One partitioning pass over the findings (a few dozen parts), instead of partitioning a
    # million findings by column and then each column by category and by detector.
    parts = found.select("row", "column", "detector", "category", "value").partition_by(
        "column", "detector", "category", as_dict=True, maintain_order=True)
    at_by_category: dict[str, list[pl.Series]] = {}
    for (_, detector, category), part in sorted(
            parts.items(), key=lambda kv: position.get(kv[0][0], 0)):
        at = (part.get_column("row") - base).cast(pl.UInt32)
        at_by_category.setdefault(category, []).append(at)
        fld = fields.get(detector)
        if fld is not None:
            per_field.setdefault(fld, []).append(empty.clone().scatter(at, part["value"]))
    for category, ats in at_by_category.items():
        has_category[category] = [pl.repeat(False, n, eager=True).scatter(pl.concat(ats), True)]
    cols: dict[str, pl.Series] = {}
    for fld, series in per_field.items():
        if fld in JOINED and len(series) > 1:
            cols[fld] = pl.DataFrame(series, schema=[f"c{i}" for i in range(len(series))]) \
                .select(pl.concat_str(pl.all(), separator=JOINED[fld], ignore_nulls=True)
                        .replace("", None)).to_series()
        else:
            frame = pl.DataFrame(series, schema=[f"c{i}" for i in range(len(series))])
            cols[fld] = frame.select(pl.coalesce(pl.all())).to_series()
    cat_names = sorted(has_category)
    any_cat = [pl.DataFrame(has_category[c], schema=[f"m{i}" for i in range(len(
        has_category[c]))]).select(pl.any_horizontal(pl.all())).to_series() for c in cat_names]
    wide = pl.DataFrame(
        {"row": pl.int_range(base, base + n, dtype=pl.Int64, eager=True),
         **{f: cols.get(f, empty) for f in RECORD_FIELDS},
         **{f"_cat{i}": m for i, m in enumerate(any_cat)}}
    )
    cat_exprs = [pl.when(pl.col(f"_cat{i}")).then(pl.lit(c)) for i, c in enumerate(cat_names)]
    if cat_exprs:
        wide = wide.with_columns(
            pl.concat_list(cat_exprs).list.drop_nulls().alias("categories")
        ).filter(pl.col("categories").list.len() > 0)
    else:
        wide = wide.with_columns(pl.lit([], pl.List(pl.Utf8)).alias("categories")).clear()
    wide = wide.with_columns(*consts, pl.lit(None, pl.Int64).alias("start"))
    return wide.select([pl.col(c).cast(t) for c, t in RECORD_SCHEMA.items()])


def text_records(
    item: Text, matches: Sequence[Any], fields: dict[str, str]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(findings, records) for one text from ``detect_text`` output."""
    matches = list(matches) + _sender_name(item, matches, fields)
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


@dataclass(frozen=True)
class HeaderName:
    """A name taken from a message's From header: structured, so no detector is needed."""

    start: int
    end: int
    detector: str
    category: str
    confidence: float
    value: str
    masked: str


_NOT_A_PERSON = re.compile(
    r"\b(team|services?|support|customer|customers|help|info|admin|noreply|no-reply|office|"
    r"department|dept|ltd|limited|plc|council|trust|bank|group|desk|centre|center|mailer|"
    r"daemon|notifications?|alerts?|accounts|payroll|hr|it)\b", re.IGNORECASE)
_PERSONAL = re.compile(r"^[A-Za-z][A-Za-z'\-]+(?: [A-Za-z][A-Za-z'\-\.]*){1,3}$")


def _sender_name(item: Text, matches: Sequence[Any], fields: dict[str, str]) -> list[Any]:
    """The sender's display name as a name finding, when detection did not find it."""
    if not item.part.startswith("message") or not item.text.startswith("From: "):
        return []
    line = item.text.split("\n", 1)[0]
    display = line[6:].split("<", 1)[0].strip().strip('"').strip()
    if not display or not _PERSONAL.match(display) or _NOT_A_PERSON.search(display):
        return []
    start = 6 + line[6:].index(display)
    end = start + len(display)
    if any(fields.get(m.detector) == "name" and m.start < end and m.end > start
           for m in matches):
        return []
    name_detector = next((d for d, f in fields.items() if f == "name"), "name")
    from .detect.mask import mask

    return [HeaderName(start, end, name_detector, "Basic personal identifiers", 0.8,
                       display, mask(display))]


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
