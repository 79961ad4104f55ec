"""Linking keys from record fields, as Polars expressions (vectorised over millions of rows)."""

from __future__ import annotations

import polars as pl

TITLES = ("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev", "lord", "lady")
_TITLE_RE = r"^(?:(?:" + "|".join(TITLES) + r")\.?\s+)+"
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d", "%d %B %Y",
                "%d %b %Y", "%d/%m/%y")


def name_tokens(col: str = "name") -> pl.Expr:
    cleaned = (
        pl.col(col).str.to_lowercase()
        .str.replace_all(r"[^a-z\s'\-]", " ")
        .str.replace(_TITLE_RE, "")
        .str.replace_all(r"['\-]", "")
        .str.strip_chars()
    )
    return cleaned.str.split(" ").list.eval(pl.element().filter(pl.element() != "")) \
        .list.unique(maintain_order=True)


def dob(col: str = "dob") -> pl.Expr:
    parsed = [pl.col(col).str.strip_chars().str.to_date(fmt, strict=False) for fmt in DATE_FORMATS]
    return pl.coalesce(parsed)


def keys(records: pl.LazyFrame | pl.DataFrame) -> pl.LazyFrame:
    """Add the normalised columns the linker compares: first_name, surname, dob_key (ISO),
    postcode_key, email_key, phone_key, nino_key, nhs_key, card_key."""
    lf = records.lazy().with_columns(name_tokens().alias("_tokens"))
    return lf.with_columns(
        pl.col("_tokens").list.first().alias("first_name"),
        pl.when(pl.col("_tokens").list.len() > 1).then(pl.col("_tokens").list.last())
        .alias("surname"),
        dob().cast(pl.Utf8).alias("dob_key"),
        pl.col("postcode").str.to_uppercase().str.replace_all(r"[^A-Z0-9]", "")
        .alias("postcode_key"),
        pl.col("email").str.to_lowercase().str.strip_chars().alias("email_key"),
        _phone().alias("phone_key"),
        pl.col("nino").str.to_uppercase().str.replace_all(r"[^A-Z0-9]", "")
        .str.slice(0, 8).alias("nino_key"),
        pl.col("nhs_number").str.replace_all(r"\D", "").alias("nhs_key"),
        pl.col("card").str.replace_all(r"\D", "").alias("card_key"),
    ).drop("_tokens").with_columns(
        [pl.when(pl.col(c) == "").then(None).otherwise(pl.col(c)).alias(c)
         for c in ("first_name", "surname", "postcode_key", "email_key", "phone_key",
                   "nino_key", "nhs_key", "card_key")]
    )


def _phone() -> pl.Expr:
    digits = pl.col("phone").str.replace_all(r"\D", "")
    return (
        pl.when(digits.str.starts_with("44")).then(pl.lit("0") + digits.str.slice(2))
        .otherwise(digits)
    )
