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
from dataclasses import astuple, dataclass
from typing import Any, NamedTuple

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


class TextRef(NamedTuple):
    """What records need of a Text: its place and its text, not its Source (which may hold
    the bytes of a whole archive member), so a batch of them stays small."""

    file: str
    member: str
    part: str
    text: str
    offset: int
    pages: list[int]

    @classmethod
    def of(cls, item: Text) -> TextRef:
        return cls(item.source.file, item.source.member, item.part, item.text, item.offset,
                   item.pages)


def texts_records(
    texts: Sequence[TextRef], found: pl.DataFrame, fields: dict[str, str]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(findings, records) for many texts from one ``detect_texts`` table (see
    ``detection.TEXTS_SCHEMA``), as two frames."""
    docs = found["doc"].to_list()
    starts, ends = found["start"].to_list(), found["end"].to_list()
    rows = list(zip(starts, found["detector"].to_list(), found["value"].to_list(),
                    found["category"].to_list(), strict=True))
    recs: dict[str, list] = {c: [] for c in RECORD_SCHEMA}
    senders: list[tuple] = []  # (doc, start, end, detector, category, confidence, value, masked)
    i, n = 0, len(docs)
    for d, t in enumerate(texts):
        j = i
        while j < n and docs[j] == d:
            j += 1
        mine = rows[i:j]
        if t.part.startswith("message"):
            spans = [(s, e) for (s, det, _, _), e in zip(mine, ends[i:j], strict=True)
                     if fields.get(det) == "name"]
            sender = _sender(t.part, t.text, spans, fields)
            if sender is not None:
                senders.append((d, *astuple(sender)))
                mine.append((sender.start, sender.detector, sender.value, sender.category))
        for seg in _segments(t.part, t.text, mine, fields) if mine else ():
            _add_record(recs, t.file, t.member, t.part, t.offset + seg["start"], seg)
        i = j
    return _texts_findings(texts, found, senders), _records_frame(recs)


def _texts_findings(texts: Sequence[TextRef], found: pl.DataFrame,
                    senders: list[tuple]) -> pl.DataFrame:
    """The findings of a batch in text order: each text's detector findings, then its
    sender's name when that was added."""
    if senders:
        extra = pl.DataFrame(senders, schema=found.schema, orient="row")
        found = pl.concat([found, extra]).sort("doc", maintain_order=True)
    at = found["doc"]
    where = pl.DataFrame({
        "file": [t.file for t in texts], "member": [t.member for t in texts],
        "part": [t.part for t in texts], "offset": [t.offset for t in texts],
    }, schema={"file": pl.Utf8, "member": pl.Utf8, "part": pl.Utf8, "offset": pl.Int64}
    ).select(pl.all().gather(at))
    if any(t.pages for t in texts):
        pages = [t.pages for t in texts]
        page = pl.Series([bisect_right(pages[d], s) if pages[d] else None
                          for d, s in zip(at.to_list(), found["start"].to_list(), strict=True)],
                         dtype=pl.Int32)
    else:
        page = pl.repeat(None, found.height, dtype=pl.Int32, eager=True)
    return pl.DataFrame({
        "file": where["file"], "member": where["member"], "part": where["part"],
        "row": pl.repeat(None, found.height, dtype=pl.Int64, eager=True),
        "column": pl.repeat(None, found.height, dtype=pl.Utf8, eager=True),
        "page": page,
        "start": where["offset"] + found["start"], "end": where["offset"] + found["end"],
        "detector": found["detector"], "category": found["category"],
        "confidence": found["confidence"].cast(pl.Float32), "masked": found["masked"],
    }, schema=FINDING_SCHEMA)


def _add_record(recs: dict[str, list], file: str, member: str, part: str, start: int,
                seg: dict) -> None:
    """Append one segment as a record to the column lists ``recs``."""
    found = seg["fields"]
    for col, v in (("file", file), ("member", member), ("part", part), ("row", None),
                   ("start", start), ("categories", _SEP.join(sorted(seg["categories"])))):
        recs[col].append(v)
    for fld in RECORD_FIELDS:
        vals = found.get(fld)
        if vals is None:
            recs[fld].append(None)
        elif fld in JOINED:
            uniq = list(dict.fromkeys(vals))
            recs[fld].append(JOINED[fld].join(uniq[:1] if fld == "name" else uniq[:3]))
        else:
            recs[fld].append(vals[0])


# A record's categories are held joined while its columns are gathered: Polars builds a list
# column from Python lists one element at a time (a third of the records stage on 20,000
# texts); one string split is a single vectorised pass. No category name holds this character.
_SEP = "\x1f"


def _records_frame(recs: dict[str, list]) -> pl.DataFrame:
    """The records frame from ``_add_record``'s column lists."""
    schema = {**RECORD_SCHEMA, "categories": pl.Utf8}
    return pl.DataFrame(recs, schema=schema).with_columns(
        pl.col("categories").str.split(_SEP))


def _segments(part: str, text: str, matches: Sequence[tuple[int, str, str, str]],
              fields: dict[str, str]) -> list[dict]:
    """Records of one text from its findings as (start, detector, value, category)."""
    ordered = sorted(matches, key=lambda m: m[0])
    segments: list[dict] = []
    by_name: dict[str, dict] = {}
    current: dict | None = None
    body_start, sender = _mail_layout(part, text)

    def new(start: int) -> dict:
        seg = {"start": start, "fields": {}, "categories": set()}
        segments.append(seg)
        return seg

    for start, detector, value, category in ordered:
        if body_start is not None and start >= body_start:
            # Entering the body of a message: it is the sender's until a name appears.
            if sender is not None and sender in by_name:
                current = by_name[sender]
            body_start = None
        fld = fields.get(detector)
        if fld == "name":
            key = " ".join(value.lower().split())
            if key in by_name:
                current = by_name[key]
            else:
                current = by_name[key] = new(start)
        elif current is None:
            current = new(start)
        if fld:
            current["fields"].setdefault(fld, []).append(value)
        current["categories"].add(category)
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
    spans = [(m.start, m.end) for m in matches if fields.get(m.detector) == "name"]
    found = _sender(item.part, item.text, spans, fields)
    return [] if found is None else [found]


def _sender(part: str, text: str, name_spans: Sequence[tuple[int, int]],
            fields: dict[str, str]) -> HeaderName | None:
    """``_sender_name`` given the (start, end) of the names detection found in the text."""
    if not part.startswith("message") or not text.startswith("From: "):
        return None
    line = text.split("\n", 1)[0]
    display = line[6:].split("<", 1)[0].strip().strip('"').strip()
    if not display or not _PERSONAL.match(display) or _NOT_A_PERSON.search(display):
        return None
    start = 6 + line[6:].index(display)
    end = start + len(display)
    if any(s < end and e > start for s, e in name_spans):
        return None
    name_detector = next((d for d, f in fields.items() if f == "name"), "name")
    from .detect.mask import mask

    return HeaderName(start, end, name_detector, "Basic personal identifiers", 0.8,
                      display, mask(display))


def _mail_layout(part: str, text: str) -> tuple[int | None, str | None]:
    """For a message: where the body starts, and the sender's name as a detector would give."""
    if not part.startswith("message"):
        return None, None
    head, sep, _ = text.partition("\n\n")
    if not sep:
        return None, None
    sender = None
    for line in head.splitlines():
        if line.startswith("From:"):
            display = line[5:].split("<", 1)[0].strip().strip('"')
            sender = " ".join(display.lower().split()) or None
    return len(head) + 2, sender
