"""The structured export at HMRC scale (millions of rows), generated vectorised and in chunks.

    python bench/structured_big.py --rows 25000000 --mode names --out bench/out/big-25m

Same columns, duplicate share and kinds of variation as ``structured_data.py`` (whose
per-row Python generator is fine for a million rows but not for 25 million), with every random
draw a seeded hash of (row or person, purpose), so any chunk can be made on its own and memory
stays at one chunk. NI numbers, NHS numbers and emails are unique per person by construction.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import polars as pl
from structured_data import DOMAINS, NINO_BAD, NINO_FIRST, NINO_SECOND, pools

PREFIXES = [a + b for a in NINO_FIRST for b in NINO_SECOND if a + b not in NINO_BAD]
NINO_SPACE = len(PREFIXES) * 1_000_000
CHUNK = 1_000_000


def draw(col: str, purpose: int, modulo: int, seed: int) -> pl.Expr:
    """A seeded uniform integer in [0, modulo) for each value of ``col`` and purpose."""
    return (pl.col(col).hash(seed * 1000 + purpose) % modulo).cast(pl.Int64)


def chance(col: str, purpose: int, p: float, seed: int) -> pl.Expr:
    return draw(col, purpose, 1_000_000, seed) < int(p * 1_000_000)


def pick(pool: list[str], col: str, purpose: int, seed: int) -> pl.Expr:
    return pl.lit(pl.Series(pool)).gather(draw(col, purpose, len(pool), seed))


def typo(expr: pl.Expr, col: str, purpose: int, seed: int) -> pl.Expr:
    n = expr.str.len_chars()
    i = 1 + draw(col, purpose, 1_000, seed) % pl.max_horizontal(n - 2, 1)
    op = draw(col, purpose + 1, 3, seed)
    deleted = expr.str.slice(0, i) + expr.str.slice(i + 1)
    swapped = expr.str.slice(0, i) + expr.str.slice(i + 1, 1) + expr.str.slice(i, 1) \
        + expr.str.slice(i + 2)
    replaced = expr.str.slice(0, i) + pl.lit("a") + expr.str.slice(i + 1)
    changed = pl.when(op == 0).then(deleted).when(op == 1).then(swapped).otherwise(replaced)
    return pl.when(n >= 4).then(changed).otherwise(expr)


def person_columns(p: dict[str, list[str]], seed: int, ids: bool) -> list[pl.Expr]:
    scrambled = (pl.col("person") * 2_654_435_761 + 97) % NINO_SPACE  # a bijection
    first = pick(p["first"], "person", 1, seed)
    last = pick(p["last"], "person", 2, seed)
    cols = [
        first.alias("first_name"),
        last.alias("surname"),
        (pl.lit(-12784) + draw("person", 3, 80 * 365, seed)).cast(pl.Date).alias("dob"),
        (draw("person", 4, 239, seed) + 1).cast(pl.Utf8).alias("house"),
        pick(p["streets"], "person", 5, seed).alias("street"),
        pick(p["towns"], "person", 6, seed).alias("town"),
        pick(p["postcodes"], "person", 7, seed).alias("postcode"),
    ]
    if ids:
        nhs_base = ((pl.col("person") * 2_654_435_761 + 13) % 499_999_999) * 2
        cols += [
            (pl.concat_str([first, pl.lit("."), last, pl.col("person").cast(pl.Utf8),
                            pl.lit("@"), pick(DOMAINS, "person", 8, seed)])
             .str.to_lowercase().str.replace_all(r"['\s]", "")).alias("email"),
            (pl.lit("07") + pick(list("12345789"), "person", 9, seed)
             + draw("person", 10, 10**8, seed).cast(pl.Utf8).str.zfill(8)).alias("phone"),
            (pl.lit(pl.Series(PREFIXES)).gather(scrambled // 1_000_000)
             + (scrambled % 1_000_000).cast(pl.Utf8).str.zfill(6)
             + pick(list("ABCD"), "person", 11, seed)).alias("ni_number"),
            nhs_base.alias("_nhs"),
        ]
    return cols


def nhs_number(base: pl.Expr) -> pl.Expr:
    digits = base.cast(pl.Utf8).str.zfill(9)
    total = sum(digits.str.slice(k, 1).cast(pl.Int64) * (10 - k) for k in range(9))
    check = (11 - total % 11) % 11
    return check, digits


def chunk(start: int, rows_person: pl.DataFrame, p: dict, seed: int, ids: bool) -> pl.DataFrame:
    df = rows_person.with_columns(person_columns(p, seed, ids))
    dup = ~pl.col("first")
    df = df.with_columns(
        pl.when(dup & chance("row", 20, 0.2, seed)).then(typo(pl.col("first_name"), "row", 21,
                                                              seed))
        .otherwise(pl.col("first_name")).alias("first_name"),
        pl.when(dup & chance("row", 23, 0.2, seed)).then(typo(pl.col("surname"), "row", 24,
                                                              seed))
        .otherwise(pl.col("surname")).alias("surname"),
    )
    upper = dup & chance("row", 26, 0.08, seed)
    r = draw("row", 27, 1_000_000, seed)
    day, month = pl.col("dob").dt.day(), pl.col("dob").dt.month()
    transposed = dup & (r < 50_000) & (day <= 12) & (day != month)
    nudged = dup & (r >= 50_000) & (r < 80_000)
    moved = dup & chance("row", 28, 0.12, seed)
    df = df.with_columns(
        pl.when(upper).then(pl.col("first_name").str.to_uppercase())
        .otherwise(pl.col("first_name")).alias("first_name"),
        pl.when(upper).then(pl.col("surname").str.to_uppercase())
        .otherwise(pl.col("surname")).alias("surname"),
        pl.when(transposed).then(pl.date(pl.col("dob").dt.year(), day, month))
        .when(nudged).then(pl.date(pl.col("dob").dt.year(), month,
                                   pl.min_horizontal(28, pl.max_horizontal(1, day + 1))))
        .otherwise(pl.col("dob")).dt.strftime("%d/%m/%Y").alias("dob"),
        pl.concat_str([
            pl.when(moved).then((draw("row", 29, 239, seed) + 1).cast(pl.Utf8))
            .otherwise(pl.col("house")),
            pl.lit(" "),
            pl.when(moved).then(pick(p["streets"], "row", 30, seed)).otherwise(pl.col("street")),
        ]).alias("address"),
        pl.when(moved).then(pick(p["towns"], "row", 31, seed)).otherwise(pl.col("town"))
        .alias("town"),
        pl.when(moved).then(pick(p["postcodes"], "row", 32, seed))
        .otherwise(pl.col("postcode")).alias("postcode"),
    ).with_columns(
        pl.when(dup & chance("row", 33, 0.2, seed)).then(pl.col("postcode").str.replace(" ", ""))
        .otherwise(pl.col("postcode")).alias("postcode"),
        (pl.lit("C") + pl.col("row").cast(pl.Utf8).str.zfill(9)).alias("customer_ref"),
        pl.lit("active").alias("status"),
    )
    cols = ["customer_ref", "first_name", "surname", "dob", "address", "town", "postcode"]
    if ids:
        check, digits = nhs_number(pl.col("_nhs"))
        df = df.with_columns(
            pl.when(check == 10).then(pl.col("_nhs") + 1).otherwise(pl.col("_nhs")).alias("_nhs"))
        check, digits = nhs_number(pl.col("_nhs"))
        n = pl.col("ni_number")
        df = df.with_columns(
            (digits + check.cast(pl.Utf8)).alias("nhs_number"),
            pl.when(dup & chance("row", 34, 0.15, seed)).then(None).otherwise(pl.col("email"))
            .alias("email"),
            pl.when(dup & chance("row", 35, 0.15, seed)).then(None)
            .when(dup & chance("row", 36, 0.25, seed))
            .then(pl.lit("+44 ") + pl.col("phone").str.slice(1, 4) + pl.lit(" ")
                  + pl.col("phone").str.slice(5)).otherwise(pl.col("phone")).alias("phone"),
            pl.when(dup & chance("row", 37, 0.3, seed))
            .then(pl.concat_str([n.str.slice(0, 2), n.str.slice(2, 2), n.str.slice(4, 2),
                                 n.str.slice(6, 2), n.str.slice(8)], separator=" "))
            .otherwise(n).alias("ni_number"),
        )
        cols += ["email", "phone", "ni_number", "nhs_number"]
    return df.select(cols + ["status"])


def generate(rows: int, mode: str, out: Path, seed: int = 2007, dup_share: float = 0.3) -> None:
    out.mkdir(parents=True, exist_ok=True)
    p = pools(seed)
    n_people = round(rows * (1 - dup_share))
    # Row -> person: every person once, the rest repeats; shuffled; the first row of each
    # person carries the clean details, later rows the variations.
    extra = pl.int_range(rows - n_people, eager=True).hash(seed) % n_people
    who = pl.concat([pl.int_range(n_people, eager=True).cast(pl.UInt64), extra]) \
        .shuffle(seed=seed).cast(pl.Int64)
    frame = pl.DataFrame({"row": pl.int_range(rows, eager=True), "person": who}) \
        .with_columns(pl.col("person").is_first_distinct().alias("first"))
    frame.select("row", "person").write_parquet(out / "truth.parquet")
    with open(out / "export.csv", "wb") as fh:
        for start in range(0, rows, CHUNK):
            part = chunk(start, frame.slice(start, CHUNK), p, seed, mode == "ids")
            part.write_csv(fh, include_header=start == 0)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--mode", choices=("ids", "names"), default="names")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    t0 = time.perf_counter()
    generate(args.rows, args.mode, args.out)
    print(f"{args.rows} rows in {time.perf_counter() - t0:.0f} s -> {args.out}")


if __name__ == "__main__":
    main()
