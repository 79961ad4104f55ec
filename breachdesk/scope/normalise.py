"""Linking keys from record fields, as Polars expressions (vectorised over millions of rows).

Detection already normalises values (dates as ISO, postcodes upper-case); these keys only
level what is left: titles and punctuation in names, spaces in postcodes and NI numbers, the
+44 form of phone numbers, and dates that arrived in another format.
"""

from __future__ import annotations

import polars as pl

TITLES = ("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev", "lord", "lady")
_TITLE_RE = r"^(?:(?:" + "|".join(TITLES) + r")\b\.?\s*)+"
DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d", "%d %B %Y", "%d %b %Y",
                "%d/%m/%y")


def clean_name(col: str = "name") -> pl.Expr:
    return (
        pl.col(col).str.to_lowercase()
        .str.replace_all(r"['\-]", "")
        .str.replace_all(r"[^a-z]+", " ")
        .str.strip_chars()
        .str.replace(_TITLE_RE, "")
    )


def dob(col: str = "dob") -> pl.Expr:
    """The date of birth as a Date: ISO first (what detection gives), then UK formats."""
    value = pl.col(col).str.strip_chars()
    iso = value.str.to_date("%Y-%m-%d", strict=False)
    others = [value.str.to_date(fmt, strict=False) for fmt in DATE_FORMATS]
    return pl.when(iso.is_not_null()).then(iso).otherwise(pl.coalesce(others))


def _none_if_empty(expr: pl.Expr) -> pl.Expr:
    return pl.when(expr == "").then(None).otherwise(expr)


def keys(records: pl.LazyFrame | pl.DataFrame) -> pl.LazyFrame:
    """Add the normalised columns the linker compares: first_name, surname, dob_key (ISO),
    postcode_key, email_key, phone_key, nino_key, nhs_key, card_key."""
    lf = records.lazy().with_columns(clean_name().alias("_name"))
    digits = pl.col("phone").str.replace_all(r"\D", "")
    return lf.with_columns(
        _none_if_empty(pl.col("_name").str.extract(r"^(\S+)", 1)).alias("first_name"),
        _none_if_empty(pl.col("_name").str.extract(r"\s(\S+)$", 1)).alias("surname"),
        dob().cast(pl.Utf8).alias("dob_key"),
        _none_if_empty(pl.col("postcode").str.to_uppercase().str.replace_all(r"[^A-Z0-9]", ""))
        .alias("postcode_key"),
        _none_if_empty(pl.col("email").str.to_lowercase().str.strip_chars()).alias("email_key"),
        _none_if_empty(
            pl.when(digits.str.starts_with("44")).then(pl.lit("0") + digits.str.slice(2))
            .otherwise(digits)
        ).alias("phone_key"),
        # The suffix letter of an NI number is not part of its identity (and is often left off).
        _none_if_empty(pl.col("nino").str.to_uppercase().str.replace_all(r"[^A-Z0-9]", "")
                       .str.slice(0, 8)).alias("nino_key"),
        _none_if_empty(pl.col("nhs_number").str.replace_all(r"\D", "")).alias("nhs_key"),
        _none_if_empty(pl.col("card").str.replace_all(r"\D", "")).alias("card_key"),
    ).drop("_name")


def without_empty_columns(frame: pl.DataFrame) -> pl.DataFrame:
    """Columns with no value at all become the Null type, which holds no memory (an empty text
    column still costs 16 bytes a row: two gigabytes per five such columns at 25 million)."""
    empty = [c for c in frame.columns if frame[c].dtype != pl.Null
             and frame[c].null_count() == frame.height]
    return frame.with_columns(pl.lit(None, pl.Null).alias(c) for c in empty) if empty else frame
