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


def new_seed() -> int:
    """The run's secret for person ids: one per run, shared by every partition of people."""
    return random.SystemRandom().randrange(1 << 62)


def person_id(label: pl.Expr, seed: int) -> pl.Expr:
    # Random, not sequential: a person id says nothing about the order of the files.
    return (pl.lit("P") + label.hash(seed).cast(pl.Utf8).str.zfill(20)).alias("person_id")


def categories_present(records: pl.DataFrame) -> list[str]:
    return sorted(records.select(pl.col("categories").explode().drop_nulls().unique())
                  .to_series().to_list())


def build(records: pl.DataFrame, breach_date: date, *, present: list[str] | None = None,
          seed: int | None = None) -> pl.DataFrame:
    """``records`` carries a ``label`` column (the person) and the record fields; the people
    are sorted by label. A large run calls this once per partition of labels (every record of
    a person in the same call), with the run's ``present`` categories and ``seed``."""
    if present is None:
        present = categories_present(records)
    seed = new_seed() if seed is None else seed
    # Categories travel as a bit mask per record, OR-ed per person: much cheaper than
    # exploding and de-duplicating lists for a million records.
    bits = pl.lit(0, pl.Int64)
    for i, cat in enumerate(present):
        bits = bits + pl.col("categories").list.contains(cat).cast(pl.Int64) * (1 << i)
    people = records.with_columns(bits.alias("_bits")).group_by("label").agg(
        # The first value found, in file order: exports put the current details first.
        *[pl.col(f).drop_nulls().first().alias(f) for f in FIELDS_OUT],
        pl.col("_bits").bitwise_or(),
        pl.len().alias("records"),
    )
    # Distinct (person, file) pairs first: few people span many files.
    sources = (
        records.select("label", pl.col("file").cast(pl.Categorical)).unique()
        .group_by("label").agg(pl.col("file").cast(pl.Utf8).sort().alias("sources"))
    )
    people = people.join(sources, on="label").sort("label")
    decoded = [pl.when((pl.col("_bits") & (1 << i)) != 0).then(pl.lit(cat))
               for i, cat in enumerate(present)]
    people = people.with_columns(
        (pl.concat_list(decoded).list.drop_nulls() if decoded
         else pl.lit([], pl.List(pl.Utf8))).alias("categories")
    ).drop("_bits")
    from .detect.mask import mask_expr  # detection's masking: people and findings agree

    born = parse_dob("dob")
    cutoff = eighteen_years_before(breach_date)
    special = sorted(SPECIAL_CATEGORIES)
    people = people.with_columns(
        *[mask_expr(pl.col(f)).alias(f) for f in MASKED_FIELDS],
        (born > cutoff).fill_null(False).alias("child"),
        pl.col("categories").list.eval(pl.element().is_in(special)).list.any()
        .fill_null(False).alias("special_category"),
        pl.col("categories").list.eval(
            pl.element().is_in(sorted(CRIMINAL_OFFENCE_CATEGORIES))
        ).list.any().fill_null(False).alias("criminal_offence"),
        person_id(pl.col("label"), seed),
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
