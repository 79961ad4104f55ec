import json
import os
import stat
from datetime import date

import polars as pl
from scope_fixtures import ANNA, csv_text, evidence, letter_text

from breachdesk.scope import scope


def test_a_csv_and_a_letter_give_people_findings_and_a_summary(tmp_path):
    folder, out = evidence(tmp_path)
    (folder / "customers.csv").write_text(csv_text())
    (folder / "letter.txt").write_text(letter_text(ANNA))
    result = scope([folder], out, breach_date=date(2026, 5, 1))

    people = pl.read_parquet(out / "people.parquet")
    assert people.height == 3
    anna = people.filter(pl.col("email") == ANNA["email"]).row(0, named=True)
    assert anna["records"] == 2  # the CSV row and the letter
    assert len(anna["sources"]) == 2
    assert anna["nino"].replace(" ", "").startswith("JK284193")
    assert "Official documents" in anna["categories"]
    owen = people.filter(pl.col("email") == "owen.pritchard@example.org").row(0, named=True)
    assert owen["child"] is True and anna["child"] is False

    summary = json.loads((out / "summary.json").read_text())
    assert summary == result.summary
    assert summary["people"] == 3 and summary["people_band"] == "1 to 9"
    assert summary["children"] == 1
    assert summary["files_not_read"] == []
    assert {e["type"] for e in summary["files_read"]} == {"csv", "text"}
    assert set(summary["timings_seconds"]) >= {"read", "detect", "link_exact", "total"}


def test_findings_hold_masked_values_only(tmp_path):
    folder, out = evidence(tmp_path)
    (folder / "customers.csv").write_text(csv_text())
    scope([folder], out)
    findings = pl.read_parquet(out / "findings.parquet")
    assert "value" not in findings.columns
    blob = findings.write_csv()
    for raw in ("anna.whitfield@example.co.uk", "Whitfield", "JK284193B", "07911 234567"):
        assert raw not in blob
    assert findings.filter(pl.col("detector") == "email").height == 3
    assert set(findings["column"].drop_nulls()) >= {"email", "ni_number"}


def test_outputs_are_private_to_the_owner(tmp_path):
    folder, out = evidence(tmp_path)
    (folder / "customers.csv").write_text(csv_text())
    scope([folder], out)
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o700
    for name in os.listdir(out):
        assert stat.S_IMODE(os.stat(out / name).st_mode) == 0o600, name


def test_the_output_folder_inside_the_scanned_folder_is_not_scanned(tmp_path):
    folder, _ = evidence(tmp_path)
    (folder / "customers.csv").write_text(csv_text())
    scope([folder], folder / "out")
    again = scope([folder], folder / "out")
    assert [e["file"] for e in again.summary["files_read"]] == [str(folder / "customers.csv")]


def test_records_spilled_to_disk_give_the_same_people(tmp_path):
    from breachdesk.scope import Limits

    folder, _ = evidence(tmp_path)
    rows = ["first_name,surname,email,ni_number"]
    for i in range(300):
        rows.append(f"Person{i % 120},Surname{i % 120},p{i % 120}@example.com,"
                    f"JK{(i % 120):06d}B")
    (folder / "a.csv").write_text("\n".join(rows) + "\n")
    (folder / "letter.txt").write_text(letter_text(ANNA))
    small = scope([folder], tmp_path / "mem")
    spilled = scope([folder], tmp_path / "disk",
                    limits=Limits(spill_records=50, chunk_rows=100))
    assert not (tmp_path / "disk" / "records").exists()  # the spill stays in the work dir
    cols = ["name", "email", "nino", "records", "categories"]
    a = small.people.select(cols).sort("email", "name")
    b = spilled.people.select(cols).sort("email", "name")
    assert a.equals(b) and a.height == 121
    ra = pl.read_parquet(tmp_path / "mem" / "records.parquet")
    rb = pl.read_parquet(tmp_path / "disk" / "records.parquet")
    assert ra.drop("person_id").equals(rb.drop("person_id"))


def test_many_small_files_batched_give_what_one_write_each_gives(tmp_path, monkeypatch):
    from breachdesk.scope import pipeline

    folder, out = evidence(tmp_path)
    for i in range(30):
        (folder / f"part-{i:02d}.csv").write_text(csv_text())
        (folder / f"letter-{i:02d}.txt").write_text(letter_text(ANNA))
    batched = scope([folder], out, splink=False)
    sizes = []
    monkeypatch.setattr(pipeline._Batched, "add",
                        lambda self, df: (sizes.append(df.height), self.sink(df)))
    one_each = scope([folder], tmp_path / "one-each", splink=False)
    assert len(sizes) > 60  # every file's findings and records went on their own
    for name in ("findings.parquet", "records.parquet"):
        a = pl.read_parquet(out / name).drop("person_id", strict=False)
        b = pl.read_parquet(tmp_path / "one-each" / name).drop("person_id", strict=False)
        assert a.height > 30 and a.equals(b), name
    assert batched.summary["people"] == one_each.summary["people"]
    assert batched.summary["findings_per_detector"] == one_each.summary["findings_per_detector"]


def test_people_built_in_partitions_of_labels_match_people_built_at_once(tmp_path, monkeypatch):
    from breachdesk.scope import Limits, store

    folder, _ = evidence(tmp_path)
    rows = ["first_name,surname,email,ni_number"]
    for i in range(400):  # each person's rows far apart, so they span parts and partitions
        rows.append(f"Person{i % 150},Surname{i % 150},p{i % 150}@example.com,"
                    f"JK{(i % 150):06d}B")
    (folder / "a.csv").write_text("\n".join(rows) + "\n")
    (folder / "letter.txt").write_text(letter_text(ANNA))
    whole = scope([folder], tmp_path / "mem")
    monkeypatch.setattr(store, "PARTITION_ROWS", 60)
    parts = scope([folder], tmp_path / "parts", limits=Limits(spill_records=50, chunk_rows=70))
    cols = ["name", "email", "nino", "records", "categories", "sources", "child"]
    assert parts.people.height == whole.people.height == 151
    assert parts.people.select(cols).sort("email", "name").equals(
        whole.people.select(cols).sort("email", "name"))
    assert parts.summary["people_per_category"] == whole.summary["people_per_category"]
    assert parts.summary["people"] == 151
    # Every record points at its person, in record order.
    ra = pl.read_parquet(tmp_path / "mem" / "records.parquet")
    rb = pl.read_parquet(tmp_path / "parts" / "records.parquet")
    assert ra.drop("person_id").equals(rb.drop("person_id"))
    assert rb["person_id"].is_in(parts.people["person_id"].implode()).all()
    same = rb.join(parts.people.select("person_id", "name"), on="person_id", how="left")
    by_person = ra.join(whole.people.select("person_id", "name"), on="person_id", how="left")
    assert same.drop("person_id").equals(by_person.drop("person_id"))
