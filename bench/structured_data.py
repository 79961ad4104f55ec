"""A synthetic UK customer export with duplicated people and a ground truth kept apart.

    python bench/structured_data.py --rows 1000000 --mode ids --out bench/out/structured

writes ``export.csv`` (what the scan sees) and ``truth.parquet`` (row -> person id, never
shown to the scan). Seeded and reproducible. Faker ``en_GB`` supplies pools of names, streets,
towns and postcodes; rows are drawn from the pools with Python's seeded ``random`` (Faker per
row would take minutes for a million rows).

About a third of people appear more than once. A repeat carries the variations real exports
have: typos in names, upper-case names, day and month transposed or a digit wrong in the date
of birth, a move to a new address, a postcode without its space, a phone in +44 form, missing
email or phone. Mode ``ids`` adds NI and NHS numbers (always present and correct, as in a
benefits or patient system); mode ``names`` has only names, dates of birth and addresses.
"""

from __future__ import annotations

import argparse
import random
import string
from datetime import date, timedelta
from pathlib import Path

import polars as pl
from faker import Faker

NINO_FIRST = [c for c in string.ascii_uppercase if c not in "DFIQUV"]
NINO_SECOND = [c for c in string.ascii_uppercase if c not in "DFIOQUV"]
NINO_BAD = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}
DOMAINS = ["example.com", "example.co.uk", "example.org", "mail.example.net", "example.uk"]


def pools(seed: int) -> dict[str, list[str]]:
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    first = sorted({fake.first_name() for _ in range(20000)})
    last = sorted({fake.last_name() for _ in range(20000)})
    streets = sorted({fake.street_name() for _ in range(30000)})
    towns = sorted({fake.city() for _ in range(5000)})
    postcodes = sorted({fake.postcode() for _ in range(120000)})
    return {"first": first, "last": last, "streets": streets, "towns": towns,
            "postcodes": postcodes}


def nino(rng: random.Random, used: set[str]) -> str:
    while True:
        prefix = rng.choice(NINO_FIRST) + rng.choice(NINO_SECOND)
        if prefix in NINO_BAD:
            continue
        value = f"{prefix}{rng.randrange(1_000_000):06d}"
        if value not in used:  # the suffix letter is not part of the number's identity
            used.add(value)
            return value + rng.choice("ABCD")


def nhs(rng: random.Random, used: set[str]) -> str:
    while True:
        digits = [rng.randrange(10) for _ in range(9)]
        check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1), strict=True)) % 11
        check = 0 if check == 11 else check
        if check == 10:
            continue
        value = "".join(map(str, digits)) + str(check)
        if value not in used:
            used.add(value)
            return value


def email(rng: random.Random, first: str, last: str, used: set[str]) -> str:
    while True:
        value = f"{first}.{last}{rng.randrange(1000)}@{rng.choice(DOMAINS)}".lower()
        value = value.replace("'", "").replace(" ", "")
        if value not in used:
            used.add(value)
            return value


def typo(rng: random.Random, s: str) -> str:
    if len(s) < 4:
        return s
    i = rng.randrange(1, len(s) - 1)
    op = rng.randrange(3)
    if op == 0:
        return s[:i] + s[i + 1:]  # deletion
    if op == 1:
        return s[:i] + s[i + 1] + s[i] + s[i + 2:]  # transposition
    return s[:i] + rng.choice("aeiourstnl") + s[i + 1:]  # substitution


def person(rng: random.Random, p: dict[str, list[str]], ids: bool, used: set[str]) -> dict:
    first, last = rng.choice(p["first"]), rng.choice(p["last"])
    born = date(1935, 1, 1) + timedelta(days=rng.randrange(80 * 365))
    out = {
        "first_name": first,
        "surname": last,
        "dob": born,
        "address": f"{rng.randrange(1, 240)} {rng.choice(p['streets'])}",
        "town": rng.choice(p["towns"]),
        "postcode": rng.choice(p["postcodes"]),
        "email": email(rng, first, last, used),
        "phone": f"07{rng.choice('12345789')}{rng.randrange(10**8):08d}",
    }
    if ids:
        out["ni_number"] = nino(rng, used)
        out["nhs_number"] = nhs(rng, used)
    return out


def variant(rng: random.Random, base: dict, p: dict[str, list[str]], ids: bool) -> dict:
    v = dict(base)
    if rng.random() < 0.20:
        v["first_name"] = typo(rng, v["first_name"])
    if rng.random() < 0.20:
        v["surname"] = typo(rng, v["surname"])
    if rng.random() < 0.08:
        v["first_name"], v["surname"] = v["first_name"].upper(), v["surname"].upper()
    dob: date = v["dob"]
    r = rng.random()
    if r < 0.05 and dob.day <= 12 and dob.day != dob.month:
        v["dob"] = date(dob.year, dob.day, dob.month)  # day and month transposed
    elif r < 0.08:
        v["dob"] = dob.replace(day=max(1, min(28, dob.day + rng.choice((-1, 1)))))
    if rng.random() < 0.12:  # moved house
        v["address"] = f"{rng.randrange(1, 240)} {rng.choice(p['streets'])}"
        v["town"] = rng.choice(p["towns"])
        v["postcode"] = rng.choice(p["postcodes"])
    if rng.random() < 0.2:
        v["postcode"] = v["postcode"].replace(" ", "")
    if not ids:
        return v
    if rng.random() < 0.25:
        v["phone"] = "+44 " + v["phone"][1:5] + " " + v["phone"][5:]
    if rng.random() < 0.15:
        v["phone"] = None
    if rng.random() < 0.15:
        v["email"] = None
    if rng.random() < 0.3:
        n = v["ni_number"]
        v["ni_number"] = f"{n[:2]} {n[2:4]} {n[4:6]} {n[6:8]} {n[8:]}"
    return v


def generate(rows: int, mode: str = "ids", seed: int = 2007,
             dup_share: float = 0.3) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(export, truth). ``dup_share`` is the share of rows that repeat an earlier person."""
    rng = random.Random(seed)
    p = pools(seed)
    ids = mode == "ids"
    n_people = max(1, round(rows * (1 - dup_share)))
    used: set[str] = set()
    people = [person(rng, p, ids, used) for _ in range(n_people)]
    who = list(range(n_people)) + [rng.randrange(n_people) for _ in range(rows - n_people)]
    rng.shuffle(who)
    seen: set[int] = set()
    out = []
    for pid in who:
        base = people[pid]
        out.append(base if pid not in seen else variant(rng, base, p, ids))
        seen.add(pid)
    export = pl.DataFrame(out).with_columns(pl.col("dob").dt.strftime("%d/%m/%Y"))
    cols = ["customer_ref", "first_name", "surname", "dob", "address", "town", "postcode"]
    if ids:
        cols += ["email", "phone", "ni_number", "nhs_number"]
    export = export.with_columns(
        (pl.lit("C") + pl.int_range(pl.len()).cast(pl.Utf8).str.zfill(8)).alias("customer_ref"),
        pl.lit("active").alias("status"),
    ).select(cols + ["status"])
    truth = pl.DataFrame({"row": range(rows), "person": who})
    return export, truth


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--mode", choices=("ids", "names"), default="ids")
    ap.add_argument("--seed", type=int, default=2007)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    export, truth = generate(args.rows, args.mode, args.seed)
    export.write_csv(args.out / "export.csv")
    truth.write_parquet(args.out / "truth.parquet")
    print(f"{export.height} rows, {truth['person'].n_unique()} people -> {args.out}")


if __name__ == "__main__":
    main()
