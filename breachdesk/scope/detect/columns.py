"""Tables: classify each column from its header and a sample, then validate it whole.

Each :class:`~.rules.Detector` compiles late into Polars expressions: a normalisation, an
anchored shape regex and a vectorised checksum (Luhn, NHS mod-11, NI prefixes, DVLA date
rules, vehicle age identifiers, UK phone ranges). Only the rare kinds without a vectorised
check (IBAN, UTR, IPv6, password hashes) call their Python validator, once per *distinct*
value. Free-text columns (notes, comments) go cell by cell through the text scanner.
"""

from __future__ import annotations

import re
from datetime import date

import polars as pl

from .mask import mask_expr
from .rules import ALL, BY_NAME, Detector
from .text import default_scanner
from .validators import NINO_BAD_PREFIXES

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
DATE_FORMATS = (
    "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%Y/%m/%d", "%d %B %Y", "%d %b %Y",
    "%B %d, %Y", "%d/%m/%y", "%Y%m%d",
)
_CARD_ISSUER = (
    r"^(?:4\d{12}(?:\d{3}){0,2}|5[1-5]\d{14}|(?:222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720)\d{12}"
    r"|3[47]\d{13}|(?:6011|65\d\d|64[4-9]\d)\d{12,15}|35(?:2[89]|[3-8]\d)\d{12,15}"
    r"|3(?:0[0-5]|[689]\d)\d{11,16}|(?:50|5[6-9]|6\d)\d{10,17})$"
)
# Ofcom's drama ranges: the numbers fiction uses; never a real person's.
_DRAMA = (
    r"^(?:07700900\d{3}|01632960\d{3}|0113496\d{4}|0114496\d{4}|0115496\d{4}|0116496\d{4}"
    r"|0117496\d{4}|0118496\d{4}|0121496\d{4}|0131496\d{4}|0141496\d{4}|0151496\d{4}"
    r"|0161496\d{4}|0191498\d{4}|02079460\d{3}|02890180\d{3}|02920180\d{3}|03069990\d{3}"
    r"|08081570\d{3}|09098790\d{3})$"
)
_UK_PHONE = r"^(?:07[1-57-9]\d{8}|01\d{8,9}|02\d{9})$"


def _header(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


# -- compile: detector -> (normalised value expression, validity expression) ----------------------
def _normalised(det: Detector, x: pl.Expr) -> pl.Expr:
    match det.normalise:
        case "compact":
            return x.str.replace_all(r"[\s\-./]", "").str.to_uppercase()
        case "lower":
            return x.str.strip_chars().str.to_lowercase()
        case "postcode":
            c = x.str.replace_all(r"\s", "").str.to_uppercase()
            return pl.concat_str([c.str.head(-3), pl.lit(" "), c.str.tail(3)])
        case "date":
            d = pl.coalesce([x.str.strip_chars().str.to_date(f, strict=False)
                             for f in DATE_FORMATS])
            d = pl.when(d > pl.lit(date.today())).then(d.dt.offset_by("-100y")).otherwise(d)
            return d.dt.to_string("%Y-%m-%d")
        case _:
            return x.str.strip_chars()


def _checksum(det: Detector, v: pl.Expr) -> pl.Expr:
    match det.checksum:
        case "luhn":
            return _luhn(v) & v.str.contains(_CARD_ISSUER)
        case "nhs_mod11":
            return _nhs(v)
        case "nino_prefix":
            return ~v.str.head(2).is_in(sorted(NINO_BAD_PREFIXES))
        case "dvla":
            return _dvla(v)
        case _:
            return pl.lit(True)


def _luhn(v: pl.Expr) -> pl.Expr:
    n = v.str.len_chars()
    total = pl.lit(0, dtype=pl.Int32)
    for i in range(19):
        d = pl.when(n > i).then(v.str.slice(-(i + 1), 1).cast(pl.Int32, strict=False)) \
            .otherwise(0).fill_null(0)
        if i % 2:
            d = pl.when(d > 4).then(d * 2 - 9).otherwise(d * 2)
        total = total + d
    return (total % 10) == 0


def _nhs(v: pl.Expr) -> pl.Expr:
    total = pl.lit(0, dtype=pl.Int32)
    for i in range(9):
        total = total + v.str.slice(i, 1).cast(pl.Int32, strict=False) * (10 - i)
    check = 11 - (total % 11)
    check = pl.when(check == 11).then(0).otherwise(check)
    last = v.str.slice(9, 1).cast(pl.Int32, strict=False)
    return (check != 10) & (check == last) & ~v.str.contains(r"^(\d)\1+$".replace(r"\1", "0")) \
        & (v != "0000000000")


def _dvla(v: pl.Expr) -> pl.Expr:
    month = v.str.slice(6, 2).cast(pl.Int32, strict=False)
    month = pl.when(month > 50).then(month - 50).otherwise(month)
    day = v.str.slice(8, 2).cast(pl.Int32, strict=False)
    max_day = (
        pl.when(month == 2).then(29)
        .when(month.is_in([4, 6, 9, 11])).then(30)
        .otherwise(31)
    )
    return (month >= 1) & (month <= 12) & (day >= 1) & (day <= max_day) \
        & ~v.str.head(5).str.contains(r"9[A-Z]")


def _phone(x: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    d = x.str.replace_all(r"[^\d+]", "")
    d = d.str.replace(r"^\+?44(?:0)?", "0")
    ok = d.str.contains(_UK_PHONE) & ~d.str.contains(_DRAMA)
    return pl.concat_str([pl.lit("+44"), d.str.slice(1)]), ok


def _vrm_age(v: pl.Expr) -> pl.Expr:
    age = v.str.slice(2, 2).cast(pl.Int32, strict=False)
    yy = date.today().year % 100
    return ((age >= 2) & (age <= yy)) | ((age >= 51) & (age <= yy + 50))


def compile_detector(det: Detector, x: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """(normalised value, is valid) for a column expression ``x``."""
    if det.name == "phone":
        return _phone(x)
    v = _normalised(det, x)
    if det.name in ("name", "address") or det.keyword or det.name in ("username", "password"):
        return v, v.str.contains(r"[A-Za-z0-9]") & (v.str.len_chars() >= 2)
    ok = v.is_not_null()
    if det.shape:
        ok = ok & v.str.contains("^(?:" + det.shape + ")$")
    if det.name == "vehicle_registration":
        ok = ok & _vrm_age(v)
        v = pl.concat_str([v.str.head(4), pl.lit(" "), v.str.slice(4)])
    elif det.name == "sort_code":
        v = pl.concat_str([v.str.slice(0, 2), pl.lit("-"), v.str.slice(2, 2), pl.lit("-"),
                           v.str.slice(4, 2)])
    elif det.normalise == "date":
        ok = ok & (v >= "1900-01-01")
    return v, ok & _checksum(det, v)


def _python_validate(det: Detector, s: pl.Series) -> pl.Series:
    """Normalised values through the Python validator, once per distinct value."""
    uniq = s.drop_nulls().unique()
    mapping = {u: det.validate(u) for u in uniq.to_list()} if det.validate else {}
    return s.replace_strict(mapping, default=None, return_dtype=pl.Utf8)


# -- classify ---------------------------------------------------------------------------------
_COLUMN_DETECTORS = tuple(d for d in ALL if d.column_hints)


def classify(name: str, sample: pl.Series) -> tuple[Detector | None, float]:
    """The detector for a column and the share of sampled values it validates."""
    header = _header(name)
    frame = pl.DataFrame({"x": sample})
    best: tuple[Detector | None, float, bool] = (None, 0.0, False)
    n = max(1, len(sample))
    for det in _COLUMN_DETECTORS:
        hint = any(re.search(h, header) for h in det.column_hints)
        if det.column_requires_hint and not hint:
            continue
        if det.checksum == "python" and det.name != "phone" and det.validate:
            support = sum(det.validate(s) is not None for s in sample.to_list()) / n
        else:
            _, ok = compile_detector(det, pl.col("x"))
            support = frame.select(ok.fill_null(False).sum()).item() / n
        if hint and support >= 0.2 or not hint and support >= 0.6:
            key = (hint, support)
            if best[0] is None or key > (best[2], best[1]):
                best = (det, support, hint)
    return best[0], best[1]


def is_free_text(sample: pl.Series) -> bool:
    if len(sample) == 0:
        return False
    words = sample.str.count_matches(r"\s+").fill_null(0)
    return bool(((words >= 4).mean() or 0) >= 0.3 and (sample.str.len_chars().mean() or 0) > 30)


# -- detect -----------------------------------------------------------------------------------
def detect_columns(df: pl.DataFrame) -> pl.DataFrame:
    """Findings in long form: row, column, detector, category, confidence, value, masked."""
    frames = []
    for name in df.columns:
        col = df.get_column(name)
        if col.dtype != pl.Utf8:
            col = col.cast(pl.Utf8)
        present = col.drop_nulls()
        present = present.filter(present.str.strip_chars() != "")
        sample = present.gather_every(max(1, len(present) // SAMPLE)).head(SAMPLE)
        det, _ = classify(name, sample)
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
    frames = [f for f in frames if f.height]
    if not frames:
        return pl.DataFrame(schema=SCHEMA)
    return pl.concat(frames, how="vertical").sort("row", "column", maintain_order=True)


def _column(name: str, col: pl.Series, det: Detector, conf: float | None = None) -> pl.DataFrame:
    frame = pl.DataFrame({"x": col}).with_row_index("row")
    value, ok = compile_detector(det, pl.col("x"))
    out = frame.select("row", value.alias("value"), ok.fill_null(False).alias("ok"))
    out = out.filter(pl.col("ok")).drop("ok")
    if det.checksum == "python" and det.name != "phone":
        out = out.with_columns(_python_validate(det, out.get_column("value")).alias("value"))
        out = out.filter(pl.col("value").is_not_null())
    return out.select(
        pl.col("row").cast(pl.UInt32),
        pl.lit(name, dtype=pl.Utf8).alias("column"),
        pl.lit(det.name, dtype=pl.Utf8).alias("detector"),
        pl.lit(det.category, dtype=pl.Utf8).alias("category"),
        pl.lit(conf if conf is not None else det.confidence, dtype=pl.Float32).alias("confidence"),
        pl.col("value"),
        mask_expr(pl.col("value")).alias("masked"),
    )


def _text_column(name: str, col: pl.Series) -> pl.DataFrame:
    scan = default_scanner().scan
    rows = [
        (i, name, m.detector, m.category, m.confidence, m.value, m.masked)
        for i, cell in enumerate(col.to_list()) if cell
        for m in scan(cell)
    ]
    return pl.DataFrame(rows, schema=SCHEMA, orient="row")
