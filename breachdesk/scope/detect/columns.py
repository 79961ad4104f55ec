"""Tables: classify each column from its header and a sample, then validate it whole.

Each :class:`~.rules.Detector` compiles late into Polars expressions. Identifiers with a
scalar validator in ``vector.VECTORS`` (NI, NHS, cards, bank details, passport, DVLA,
postcode, email, phone, date of birth) are validated by its vectorised twin, exact on ASCII,
with the rare non-ASCII value handed to the scalar validator once per distinct value: a column
finds what the validator would find cell by cell. The kinds without a vectorised check (IBAN,
UTR, vehicle registrations, IP addresses, password hashes) call their Python validator once
per *distinct* value. Free-text columns (notes, comments) go cell by cell through the text
scanner.

Classification runs the scalar validators over each column's sample (at most 200 values),
and tables of a few hundred cells are validated that way too, so a folder of small files
does not pay for planning Polars queries per column and detector.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import cache
from operator import itemgetter

import polars as pl

from . import vector
from .batch import detect_frame
from .mask import mask, mask_expr
from .rules import ALL, BY_NAME, Detector
from .text import default_scanner

SAMPLE = 200
SCHEMA = {
    "row": pl.UInt32,
    "column": pl.Utf8,
    "detector": pl.Utf8,
    "category": pl.Utf8,
    "confidence": pl.Float32,
    "value": pl.Utf8,
    "masked": pl.Utf8,
}


def _header(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


# -- compile: detector -> (normalised value expression, validity expression) ----------------------
def _normalised(det: Detector, x: pl.Expr) -> pl.Expr:
    match det.normalise:
        case "compact":
            return x.str.replace_all(r"[\s\-./]", "").str.to_uppercase()
        case "lower":
            return x.str.strip_chars().str.to_lowercase()
        case _:
            return x.str.strip_chars()


def _vrm_age(v: pl.Expr) -> pl.Expr:
    age = v.str.slice(2, 2).cast(pl.Int32, strict=False)
    yy = date.today().year % 100
    return ((age >= 2) & (age <= yy)) | ((age >= 51) & (age <= yy + 50))


def _basic_iso_date(x: pl.Expr, today: date) -> pl.Expr:
    """YYYYMMDD, which the text validator does not read as a date but a column headed as a
    date of birth plainly holds: a real date from 1900 to today."""
    s = x.str.strip_chars(vector.WS_CHARS)
    d = pl.when(s.str.contains(r"^[0-9]{8}$")).then(s).str.to_date("%Y%m%d", strict=False)
    return pl.when((d >= date(1900, 1, 1)) & (d <= today)).then(d.dt.to_string("%Y-%m-%d"))


def exact(det: Detector) -> bool:
    """Whether the detector's column check is its validator's vectorised twin."""
    return det.validate in vector.VECTORS


def compile_detector(det: Detector, x: pl.Expr, let: vector.Let) -> tuple[pl.Expr, pl.Expr]:
    """(normalised value, is valid) for a column expression ``x``, over a frame ``let`` has
    been applied to.

    For :func:`exact` detectors both are null/false on non-ASCII cells, which
    :func:`_fill_scalar` completes.
    """
    if exact(det):
        v = vector.exact(det.validate, x, let)
        if det.name == "date_of_birth":
            v = pl.coalesce(v, _basic_iso_date(x, date.today()))
        return v, v.is_not_null()
    v = _normalised(det, x)
    if det.name in ("name", "address") or det.keyword or det.name in ("username", "password"):
        return v, v.str.contains(r"[A-Za-z0-9]") & (v.str.len_chars() >= 2)
    ok = v.is_not_null()
    if det.shape:
        ok = ok & v.str.contains("^(?:" + det.shape + ")$")
    if det.name == "vehicle_registration":
        ok = ok & _vrm_age(v)
        v = pl.concat_str([v.str.head(4), pl.lit(" "), v.str.slice(4)])
    return v, ok


def _python_checked(det: Detector) -> bool:
    return det.checksum == "python" and not exact(det) and det.validate is not None


def _python_validate(det: Detector, s: pl.Series) -> pl.Series:
    """Normalised values through the Python validator, once per distinct value."""
    uniq = s.drop_nulls().unique()
    mapping = {u: det.validate(u) for u in uniq.to_list()} if det.validate else {}
    return s.replace_strict(mapping, default=None, return_dtype=pl.Utf8)


@cache
def _compiled(det: Detector, today: date) -> tuple[vector.Let, pl.Expr, pl.Expr]:
    # ``today`` keys the cache: the date-of-birth check compares against it.
    let = vector.Let(f"_{det.name}_")
    return let, *compile_detector(det, pl.col("x"), let)


# -- classify ---------------------------------------------------------------------------------
_COLUMN_DETECTORS = tuple(d for d in ALL if d.column_hints)
_HINTS = tuple(re.compile("|".join(f"(?:{h})" for h in d.column_hints)) for d in _COLUMN_DETECTORS)


@cache
def _hinted(header: str) -> tuple[bool, ...]:
    return tuple(bool(h.search(header)) for h in _HINTS)


def _candidates(name: str) -> list[tuple[int, Detector, bool]]:
    hints = _hinted(_header(name))
    return [(i, det, hint) for i, (det, hint) in enumerate(zip(_COLUMN_DETECTORS, hints,
                                                                strict=True))
            if hint or not det.column_requires_hint]


def _counts(name: str, sample: list[str]) -> dict[int, int]:
    """Detector index -> how many of the sampled values it validates.

    A sample is at most 200 values, so the scalar validators (which the vectorised ones
    agree with) answer faster than planning a Polars query over every candidate.
    """
    counts = {}
    for i, det, _ in _candidates(name):
        if _simple(det) or exact(det):
            counts[i] = sum(_scalar_value(det, x) is not None for x in sample)
        elif det.validate is not None:
            counts[i] = sum(det.validate(x) is not None for x in sample)
    return counts


def _choose(name: str, n: int, counts: dict[int, int]) -> tuple[Detector | None, float]:
    best: tuple[Detector | None, float, bool] = (None, 0.0, False)
    n = max(1, n)
    for i, det, hint in _candidates(name):
        support = counts.get(i, 0) / n
        if hint and support >= 0.2 or not hint and support >= 0.6:
            key = (hint, support)
            if best[0] is None or key > (best[2], best[1]):
                best = (det, support, hint)
    return best[0], best[1]


def classify(name: str, sample: pl.Series) -> tuple[Detector | None, float]:
    """The detector for a column and the share of sampled values it validates."""
    return _choose(name, len(sample), _counts(name, sample.to_list()))


def is_free_text(sample: pl.Series) -> bool:
    if len(sample) == 0:
        return False
    words = sample.str.count_matches(r"\s+").fill_null(0)
    return bool(((words >= 4).mean() or 0) >= 0.3 and (sample.str.len_chars().mean() or 0) > 30)


# -- detect -----------------------------------------------------------------------------------
def _sample(col: pl.Series) -> pl.Series:
    present = col.drop_nulls()
    present = present.filter(present.str.strip_chars() != "")
    return present.gather_every(max(1, len(present) // SAMPLE)).head(SAMPLE)


# Tables of at most this many cells are classified and validated in Python, with the scalar
# validators the vectorised ones agree with: planning a Polars query costs more than a few
# hundred validator calls, and a folder may hold tens of thousands of three-row files.
TINY_CELLS = 400


def detect_columns(df: pl.DataFrame) -> pl.DataFrame:
    """Findings in long form: row, column, detector, category, confidence, value, masked."""
    cols = [c if c.dtype == pl.Utf8 else c.cast(pl.Utf8) for c in df.get_columns()]
    if df.height * df.width <= TINY_CELLS:
        return _detect_tiny(df.columns, cols)
    frames = []
    for name, col in zip(df.columns, cols, strict=True):
        sample = _sample(col)
        det, _ = _choose(name, len(sample), _counts(name, sample.to_list()))
        if det is None or det.keyword:
            if is_free_text(sample):
                frames.append(_text_column(name, col))
                continue
        if det is None:
            continue
        frames.append(_column(name, col, det))
        if det.name == "address":
            frames.append(_column(name, col.str.extract(f"({BY_NAME['postcode'].shape})"),
                                  BY_NAME["postcode"], conf=0.9))
    return _combine(frames)


def _combine(frames: list[pl.DataFrame], *, one_column_each: bool = True) -> pl.DataFrame:
    """The findings in (row, column name) order. Each frame of ``one_column_each`` is one
    column's findings, already in row order."""
    frames = [f for f in frames if f.height]
    if not frames:
        return pl.DataFrame(schema=SCHEMA)
    if len(frames) == 1 and one_column_each:
        return frames[0]
    found = pl.concat(frames, how="vertical")
    # The rank of the column name sorts like the name, without comparing strings per finding.
    names = sorted(set().union(*(f.get_column("column").unique().to_list() for f in frames)))
    rank = pl.col("column").replace_strict({n: i for i, n in enumerate(names)},
                                           return_dtype=pl.UInt32)
    return found.sort(pl.col("row"), rank, maintain_order=True)


# -- tiny tables: the same answers from the scalar validators -----------------------------------
@cache
def _rust_ws() -> str:
    """The characters Polars' ``strip_chars()`` and Rust's ``\\s`` treat as white space, asked
    of Polars itself (Python's ``isspace`` differs on 0x1c-0x1f)."""
    chars = [chr(c) for c in range(0x3001) if chr(c).isspace() or unicodedata.category(chr(c))
             in ("Zs", "Zl", "Zp", "Cc", "Cf")]
    stripped = pl.Series(chars).str.strip_chars()
    return "".join(c for c, s in zip(chars, stripped, strict=True) if s == "")


@cache
def _ws_run() -> re.Pattern[str]:
    return re.compile(f"[{re.escape(_rust_ws())}]+")


_ALNUM = re.compile(r"[A-Za-z0-9]")
_POSTCODE_IN = re.compile(BY_NAME["postcode"].shape or "")
_EIGHT_DIGITS = re.compile(r"[0-9]{8}")


def _simple(det: Detector) -> bool:
    """Detectors whose column check is "stripped, two characters, a letter or digit"."""
    return det.name in ("name", "address", "username", "password") or det.keyword


def _scalar_value(det: Detector, x: str) -> str | None:
    """What the column expressions give for one cell, for exact and simple detectors."""
    if _simple(det):
        v = x.strip(_rust_ws())
        return v if len(v) >= 2 and _ALNUM.search(v) else None
    value = det.validate(x) if det.validate else None
    if value is None and det.name == "date_of_birth":
        value = _basic_iso_scalar(x)
    return value


def _basic_iso_scalar(x: str) -> str | None:
    s = x.strip(vector.WS_CHARS)
    if not _EIGHT_DIGITS.fullmatch(s):
        return None
    try:
        d = date(int(s[:4]), int(s[4:6]), int(s[6:]))
    except ValueError:
        return None
    return d.isoformat() if date(1900, 1, 1) <= d <= date.today() else None


def _free_text_scalar(sample: list[str]) -> bool:
    if not sample:
        return False
    ws = _ws_run()
    many_words = sum(len(ws.findall(s)) >= 4 for s in sample) / len(sample)
    return many_words >= 0.3 and sum(len(s) for s in sample) / len(sample) > 30


def _detect_tiny(names: list[str], cols: list[pl.Series]) -> pl.DataFrame:
    frames: list[pl.DataFrame] = []
    rows: list[tuple] = []
    ws = _rust_ws()
    for name, col in zip(names, cols, strict=True):
        cells = col.to_list()
        present = [x for x in cells if x is not None and x.strip(ws) != ""]
        sample = present[::max(1, len(present) // SAMPLE)][:SAMPLE]
        det, _ = _choose(name, len(sample), _counts(name, sample))
        if det is None or det.keyword:
            if _free_text_scalar(sample):
                frames.append(_text_column(name, col))
                continue
        if det is None:
            continue
        if not (_simple(det) or exact(det)):
            frames.append(pl.DataFrame(rows, schema=SCHEMA, orient="row"))
            rows = []
            frames.append(_column(name, col, det))
            continue
        found = [(r, _scalar_value(det, x)) for r, x in enumerate(cells) if x is not None]
        rows += [(r, name, det.name, det.category, det.confidence, v, mask(v))
                 for r, v in found if v is not None]
        if det.name == "address":
            postcodes = [(r, m.group(0)) for r, x in enumerate(cells)
                         if x is not None and (m := _POSTCODE_IN.search(x))]
            pc = BY_NAME["postcode"]
            rows += [(r, name, pc.name, pc.category, 0.9, v, mask(v)) for r, x in postcodes
                     if (v := pc.validate(x)) is not None]
    if not frames:  # every finding is in ``rows``: sort them here, stable as Polars sorts
        rows.sort(key=itemgetter(0, 1))
        return pl.DataFrame(rows, schema=SCHEMA, orient="row")
    frames.append(pl.DataFrame(rows, schema=SCHEMA, orient="row"))
    return _combine(frames, one_column_each=False)


def _fill_scalar(det: Detector, raw: pl.Series, out: pl.DataFrame) -> pl.DataFrame:
    """The rows an exact detector left to its scalar validator (non-ASCII cells)."""
    odd = (raw.str.len_bytes() != raw.str.len_chars()).fill_null(False)
    if not odd.any():
        return out
    rows = pl.DataFrame({"x": raw}).with_row_index("row").filter(odd)
    values = vector.fill_non_ascii(det.validate, rows["x"],
                                   pl.repeat(None, rows.height, dtype=pl.Utf8, eager=True))
    extra = rows.select("row").with_columns(values.alias("value")).drop_nulls("value")
    if extra.height == 0:
        return out
    return pl.concat([out, extra]).sort("row")


def _column(name: str, col: pl.Series, det: Detector, conf: float | None = None) -> pl.DataFrame:
    let, value, ok = _compiled(det, date.today())
    found = let.apply(pl.LazyFrame({"x": col}).with_row_index("row"))
    if exact(det):  # valid exactly where the value is not null
        found = found.select("row", value.alias("value")).drop_nulls("value")
        if not col.str.len_bytes().equals(col.str.len_chars()):
            found = _fill_scalar(det, col, found.collect()).lazy()
    else:
        found = found.with_columns(value.alias("value"), ok.alias("_ok")) \
            .filter(pl.col("_ok")).select("row", "value")
        if _python_checked(det):
            out = found.collect()
            found = out.with_columns(_python_validate(det, out.get_column("value"))
                                     .alias("value")).drop_nulls("value").lazy()
    return found.select(
        pl.col("row").cast(pl.UInt32),
        pl.lit(name, dtype=pl.Utf8).alias("column"),
        pl.lit(det.name, dtype=pl.Utf8).alias("detector"),
        pl.lit(det.category, dtype=pl.Utf8).alias("category"),
        pl.lit(conf if conf is not None else det.confidence, dtype=pl.Float32).alias("confidence"),
        pl.col("value"),
        mask_expr(pl.col("value")).alias("masked"),
    ).collect()


def _text_column(name: str, col: pl.Series) -> pl.DataFrame:
    """A notes column: every non-empty cell through the text scanner, many cells a scan."""
    cells = col.to_list()
    rows = [i for i, cell in enumerate(cells) if cell]
    if not rows:
        return pl.DataFrame(schema=SCHEMA)
    found = detect_frame(default_scanner(), [cells[i] for i in rows])
    return found.select(
        pl.Series(rows, dtype=pl.UInt32).gather(found.get_column("doc")).alias("row"),
        pl.lit(name, dtype=pl.Utf8).alias("column"),
        pl.col("detector").cast(pl.Utf8),
        pl.col("category").cast(pl.Utf8),
        pl.col("confidence").cast(pl.Float32),
        pl.col("value").cast(pl.Utf8),
        pl.col("masked").cast(pl.Utf8),
    )
