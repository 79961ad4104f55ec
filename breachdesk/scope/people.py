"""One row per person, from linked records: the details to reach them, what of theirs was
exposed, and the flags that change what they are told (child, special category)."""

from __future__ import annotations

import random
from datetime import date

import polars as pl

from ..vocab import CRIMINAL_OFFENCE_CATEGORIES, SPECIAL_CATEGORIES
from .detection import ID_FIELDS, MASKED_FIELDS
from .normalise import dob as parse_dob

CONTACT = ("name", "email", "phone", "address", "postcode", "dob")
FIELDS_OUT = tuple(dict.fromkeys(CONTACT + ID_FIELDS + MASKED_FIELDS))


def build(records: pl.DataFrame, breach_date: date) -> pl.DataFrame:
    """``records`` carries a ``label`` column (the person) and the record fields."""
    filled = sum(pl.col(f).is_not_null().cast(pl.Int32) for f in FIELDS_OUT)
    ordered = records.with_columns(filled.alias("_filled")).sort(
        ["label", "_filled"], descending=[False, True]
    )
    people = ordered.group_by("label", maintain_order=True).agg(
        *[pl.col(f).drop_nulls().first().alias(f) for f in FIELDS_OUT],
        pl.col("categories").list.explode(keep_nulls=False, empty_as_null=False)
        .drop_nulls().unique().sort().alias("categories"),
        pl.len().alias("records"),
        pl.col("file").unique().sort().alias("sources"),
    )
    from .detect import mask  # masking is detection's, so people and findings agree

    born = parse_dob("dob")
    cutoff = eighteen_years_before(breach_date)
    special = sorted(SPECIAL_CATEGORIES)
    seed = random.SystemRandom().randrange(1 << 62)
    people = people.with_columns(
        *[pl.col(f).map_elements(mask, return_dtype=pl.Utf8) for f in MASKED_FIELDS],
        (born > cutoff).fill_null(False).alias("child"),
        pl.col("categories").list.eval(pl.element().is_in(special)).list.any()
        .fill_null(False).alias("special_category"),
        pl.col("categories").list.eval(
            pl.element().is_in(sorted(CRIMINAL_OFFENCE_CATEGORIES))
        ).list.any().fill_null(False).alias("criminal_offence"),
        # Random, not sequential: a person id says nothing about the order of the files.
        (pl.lit("P") + pl.col("label").hash(seed).cast(pl.Utf8).str.zfill(20)).alias(
            "person_id"
        ),
    )
    return people.select("person_id", "label", *FIELDS_OUT, "categories", "child",
                         "special_category", "criminal_offence", "records", "sources")


def eighteen_years_before(day: date) -> date:
    """Anyone born after this date is under 18 on ``day``."""
    try:
        return day.replace(year=day.year - 18)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 18, day=28)


def is_person(records: pl.DataFrame | pl.LazyFrame) -> pl.Expr:
    """A table row with any linking detail is about someone; a stretch of text needs a name,
    an email or an identifier (a phone number alone in a letter is usually a helpline)."""
    from_table = pl.col("row").is_not_null()
    strong = pl.any_horizontal(
        pl.col(c).is_not_null() for c in ("name", "email", "nino", "nhs_number", "passport",
                                          "driving_licence", "card")
    )
    any_detail = pl.any_horizontal(
        pl.col(c).is_not_null() for c in ("name", "email", "phone", "dob", "nino",
                                          "nhs_number", "passport", "driving_licence", "card",
                                          "address")
    )
    return (from_table & any_detail) | strong
