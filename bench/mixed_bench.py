"""Mixed folder benchmark: the same people across CSV, XLSX, DOCX, PDF, an mbox with
attachments and a nested zip. Measures people recall and wrong splits/merges.

    python bench/mixed_bench.py --people 2000

The folder is generated (seeded) into bench/out/mixed-N/folder with a truth table kept apart:
for each table row, and each document or message, the person it is about. Every record the
scan returns is mapped back to the truth by its location (file, member, part, row).
"""

from __future__ import annotations

import argparse
import io
import json
import random
import sys
import tempfile
import time
import zipfile
from datetime import date
from email.message import EmailMessage
from pathlib import Path

import polars as pl

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests" / "engine" / "scope"))

from metrics import load, measured  # noqa: E402
from structured_data import person, pools  # noqa: E402

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def long_date(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def letter(p: dict) -> str:
    return (
        f"{p['first_name']} {p['surname']}\n{p['address']}\n{p['town']}\n{p['postcode']}\n\n"
        f"Dear {p['first_name']} {p['surname']},\n\n"
        "Thank you for your recent enquiry about your account. We have checked our records.\n"
        f"Your date of birth is recorded as {long_date(p['dob'])} and your National Insurance "
        f"number as {p['ni_number']}.\n\nYours sincerely,\n\nThe Customer Services Team\n"
    )


def build(n: int, seed: int, root: Path) -> pl.DataFrame:
    """Write the folder; return the truth: file, member, part, row (or null), person."""
    from scope_fixtures import docx_bytes, mbox_bytes, pdf_bytes, xlsx_bytes

    rng = random.Random(seed)
    pool = pools(seed)
    used: set[str] = set()
    people = [person(rng, pool, True, used) for _ in range(n)]
    folder = root / "folder"
    (folder / "letters").mkdir(parents=True)
    (folder / "statements").mkdir()
    truth: list[tuple] = []

    def f(rel: str) -> str:
        return str(folder / rel)

    # customers.csv: 60 % of people
    ids = rng.sample(range(n), int(n * 0.6))
    rows = ["customer_id,first_name,surname,dob,email,phone,address,town,postcode,ni_number"]
    for r, i in enumerate(ids):
        p = people[i]
        rows.append(",".join([f"C{r:06d}", p["first_name"], p["surname"],
                              p["dob"].strftime("%d/%m/%Y"), p["email"], p["phone"],
                              f'"{p["address"]}"', p["town"], p["postcode"], p["ni_number"]]))
        truth.append((f("customers.csv"), "", "", r, i))
    (folder / "customers.csv").write_text("\n".join(rows) + "\n")

    # hr.xlsx: 30 %, a title above the header, NI numbers spaced, upper-case surnames
    ids = rng.sample(range(n), int(n * 0.3))
    sheet = [["HR export"], ["Run 2026-04-30"], []]
    sheet.append(["Forename", "Surname", "Date of birth", "NI number", "Work email"])
    for r, i in enumerate(ids):
        p = people[i]
        nino = p["ni_number"]
        sheet.append([p["first_name"], p["surname"].upper(), p["dob"].strftime("%Y-%m-%d"),
                      f"{nino[:2]} {nino[2:4]} {nino[4:6]} {nino[6:8]} {nino[8]}", p["email"]])
        truth.append((f("hr.xlsx"), "", "sheet Staff", r, i))
    (folder / "hr.xlsx").write_bytes(xlsx_bytes({"Staff": [[c for c in row] + [""] * (5 - len(row))
                                                           for row in sheet]}))

    # letters: 10 % as DOCX; statements: 8 % as PDF
    for i in rng.sample(range(n), int(n * 0.1)):
        name = f"letters/letter-{i:05d}.docx"
        (folder / name).write_bytes(docx_bytes(letter(people[i]), header="Acme Energy Ltd"))
        truth.append((f(name), "", "document", None, i))
    for i in rng.sample(range(n), int(n * 0.08)):
        name = f"statements/statement-{i:05d}.pdf"
        (folder / name).write_bytes(pdf_bytes([letter(people[i])]))
        truth.append((f(name), "", "", None, i))

    # inbox.mbox: 15 % write in; a third attach a CSV of their own details
    messages = []
    for k, i in enumerate(rng.sample(range(n), int(n * 0.15)), start=1):
        p = people[i]
        msg = EmailMessage()
        msg["From"] = f"{p['first_name']} {p['surname']} <{p['email']}>"
        msg["To"] = "Customer Services <help@example.org>"
        msg["Subject"] = "Change of details"
        msg.set_content(f"Hello,\n\nPlease update my phone number to {p['phone']}.\n\n"
                        f"Thanks,\n{p['first_name']}\n")
        truth.append((f("inbox.mbox"), "", f"message {k}", None, i))
        if k % 3 == 0:
            att = ("first_name,surname,email,postcode\n"
                   f"{p['first_name']},{p['surname']},{p['email']},{p['postcode']}\n")
            msg.add_attachment(att.encode(), maintype="text", subtype="csv",
                               filename="details.csv")
            truth.append((f("inbox.mbox"), f"message {k}/details.csv", "", 0, i))
        messages.append(bytes(msg))
    (folder / "inbox.mbox").write_bytes(mbox_bytes(messages))

    # archive.zip -> 2025/old.zip -> legacy.csv (10 %) and letters (2 %)
    ids = rng.sample(range(n), int(n * 0.1))
    legacy = ["Name\tDOB\tPostcode\tEmail"]
    for r, i in enumerate(ids):
        p = people[i]
        legacy.append(f"{p['first_name']} {p['surname']}\t{p['dob'].strftime('%d/%m/%Y')}\t"
                      f"{p['postcode']}\t{p['email']}")
        truth.append((f("archive.zip"), "2025/old.zip/legacy.tsv", "", r, i))
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("legacy.tsv", "\n".join(legacy) + "\n")
        for i in rng.sample(range(n), int(n * 0.02)):
            zf.writestr(f"letters/{i}.txt", letter(people[i]))
            truth.append((f("archive.zip"), f"2025/old.zip/letters/{i}.txt", "", None, i))
    outer = io.BytesIO()
    with zipfile.ZipFile(outer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("2025/old.zip", inner.getvalue())
    (folder / "archive.zip").write_bytes(outer.getvalue())

    return pl.DataFrame(truth, schema={"file": pl.Utf8, "member": pl.Utf8, "part": pl.Utf8,
                                       "row": pl.Int64, "person": pl.Int64}, orient="row")


def evaluate(truth: pl.DataFrame, records: pl.DataFrame) -> dict:
    keys = ["file", "member", "part", "row"]
    rec = records.with_columns(pl.col("row").cast(pl.Int64))
    tables = rec.filter(pl.col("row").is_not_null()).join(
        truth.filter(pl.col("row").is_not_null()), on=keys, how="left")
    texts = rec.filter(pl.col("row").is_null()).drop("row").join(
        truth.filter(pl.col("row").is_null()).drop("row"), on=["file", "member", "part"],
        how="left")
    mapped = pl.concat([tables.select("person_id", "person"), texts.select("person_id",
                                                                          "person")])
    known = mapped.filter(pl.col("person").is_not_null())
    true_people = truth["person"].n_unique()
    found = known["person"].n_unique()
    split = known.group_by("person").agg(pl.col("person_id").n_unique().alias("n"))
    merged = known.group_by("person_id").agg(pl.col("person").n_unique().alias("n"))
    extra = mapped.filter(pl.col("person").is_null())["person_id"].n_unique()
    return {
        "true_people": true_people,
        "people_found": found,
        "people_recall": round(found / true_people, 4),
        "wrongly_split_pct": round(100 * split.filter(pl.col("n") > 1).height / split.height, 3),
        "wrongly_merged_pct": round(100 * merged.filter(pl.col("n") > 1).height
                                    / merged.height, 3),
        "records_not_in_truth": mapped.filter(pl.col("person").is_null()).height,
        "extra_people_not_in_truth": extra,
    }


def worker(folder: Path, out: Path) -> dict:
    from breachdesk.scope import scope

    t0 = time.perf_counter()
    result = scope([folder], out)
    return {"people": result.summary["people"], "timings": result.summary["timings_seconds"],
            "files_not_read": len(result.summary["files_not_read"]),
            "linking": result.summary["linking"]["people_per_rule"],
            "seconds": round(time.perf_counter() - t0, 2), "bytes": result.summary["bytes"]}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--people", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=2008)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--worker", nargs=2)
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(Path(args.worker[0]), Path(args.worker[1]))))
        return
    root = HERE / "out" / f"mixed-{args.people}"
    if not (root / "truth.parquet").exists():
        truth = build(args.people, args.seed, root)
        truth.write_parquet(root / "truth.parquet")
    truth = pl.read_parquet(root / "truth.parquet")
    runs = []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory(dir=HERE / "out") as tmp:
            out = Path(tmp) / "scope"
            r = measured([__file__, "--worker", str(root / "folder"), str(out)])
            records = pl.read_parquet(out / "records.parquet")
            r.update(evaluate(truth, records))
            r["load"] = load()
            runs.append(r)
            print(json.dumps(r), file=sys.stderr, flush=True)
    path = HERE / "out" / "mixed-results.json"
    path.write_text(json.dumps(runs, indent=2))
    print(json.dumps(runs[-1], indent=2))


if __name__ == "__main__":
    main()
