"""Texts detected in batches (one detect_texts call per run of texts) give the same outputs as
one detect_text call per text: findings in the same order, the same records, people and
summary counts."""

import json
from datetime import date

import polars as pl
import pytest
from faker import Faker
from scope_fixtures import (
    ANNA,
    OWEN,
    RUTH,
    csv_text,
    docx_bytes,
    eml_bytes,
    evidence,
    letter_text,
    mbox_bytes,
    pdf_bytes,
)

from breachdesk.scope import detect, pipeline, scope


class OneByOne:
    """The real detectors without detect_texts: the pipeline falls back to a call per text."""

    FIELDS = detect.FIELDS
    detect_text = staticmethod(detect.detect_text)
    detect_columns = staticmethod(detect.detect_columns)


def _note(fake: Faker) -> str:
    name = fake.name()
    return (f"Case note. {name} called about the repair.\n{name} lives at "
            f"{fake.building_number()} {fake.street_name()}, {fake.city()}, {fake.postcode()}. "
            f"Email {fake.email()}, phone 07{fake.numerify('### ######')}.\n")


def _folder(tmp_path):
    fake = Faker("en_GB")
    fake.seed_instance(20260501)
    folder, out = evidence(tmp_path)
    for i in range(12):
        (folder / f"a_note{i:02d}.txt").write_text(_note(fake))
    (folder / "a_nothing.txt").write_text("Meeting moved to Tuesday. Bring the minutes.\n")
    (folder / "b_letter.txt").write_text(letter_text(ANNA))
    (folder / "c_owen.docx").write_bytes(docx_bytes(letter_text(OWEN)))
    messages = [
        # A sender whose display name detection misses: taken from the header.
        eml_bytes("Joan Little <jl@example.com>", ANNA["email"], "Account",
                  f"Hello,\nmy phone is {ANNA['phone']} and my postcode {ANNA['postcode']}.\n"),
        eml_bytes("Customer Services <cs@example.com>", RUTH["email"], "Your letter",
                  letter_text(RUTH)),
        # An attachment is a table in the middle of the mailbox's texts.
        eml_bytes(f"{RUTH['first']} {RUTH['last']} <{RUTH['email']}>", "hr@example.com",
                  "Details", f"Please update my record. {_note(fake)}",
                  {"details.csv": csv_text((RUTH, OWEN)).encode()}),
        eml_bytes(f"{OWEN['first']} {OWEN['last']} <{OWEN['email']}>", "x@example.com",
                  "Hi", "Nothing personal here.\n"),
    ]
    (folder / "d_inbox.mbox").write_bytes(mbox_bytes(messages))
    (folder / "e_statement.pdf").write_bytes(pdf_bytes(
        ["Statement of account", letter_text(RUTH), f"Contact {ANNA['email']} or {ANNA['phone']}"]))
    (folder / "m_customers.csv").write_text(csv_text())
    for i in range(8):
        (folder / f"z_note{i:02d}.txt").write_text(_note(fake))
    return folder, out


def _outputs(out) -> dict:
    people = pl.read_parquet(out / "people.parquet")
    # Person ids are random per run: compare records by their person's place in people.parquet.
    index = dict(zip(people["person_id"], range(people.height), strict=True))
    records = pl.read_parquet(out / "records.parquet")
    records = records.with_columns(pl.col("person_id").replace_strict(index, return_dtype=pl.Int64))
    summary = json.loads((out / "summary.json").read_text())
    for key in ("generated_at", "timings_seconds"):
        summary.pop(key)
    return {"findings": pl.read_parquet(out / "findings.parquet"), "records": records,
            "people": people.drop("person_id"), "summary": summary}


def _same(a: dict, b: dict) -> None:
    for key in ("findings", "records", "people"):
        assert a[key].equals(b[key]), key
    assert a["summary"] == b["summary"]


@pytest.mark.parametrize("small_batches", [False, True])
def test_batched_texts_give_the_outputs_of_one_text_at_a_time(tmp_path, monkeypatch,
                                                              small_batches):
    folder, out = _folder(tmp_path)
    one = _outputs(scope([folder], out, breach_date=date(2026, 5, 1), detection=OneByOne()).out)
    if small_batches:  # several flushes inside a run of texts, not only at tables and the end
        monkeypatch.setattr(pipeline, "BATCH_TEXTS", 3)
        monkeypatch.setattr(pipeline, "BATCH_CHARS", 400)
    batched = _outputs(scope([folder], out, breach_date=date(2026, 5, 1)).out)
    _same(one, batched)
    # The folder exercises what batching has to keep: texts with and without findings,
    # pages, a sender's name taken from a header, and tables between texts.
    findings = one["findings"]
    assert findings.filter(pl.col("page").is_not_null())["page"].unique().to_list() == [2, 3]
    assert findings.filter(pl.col("row").is_not_null()).height > 0
    assert one["summary"]["records"] > one["summary"]["records_with_personal_data"]
    # Joan Little's name comes from the From header, after the message's other findings.
    first = findings.filter(pl.col("part").cast(pl.Utf8) == "message 1")
    assert first["detector"].cast(pl.Utf8).to_list()[-1] == "name"
    assert first["start"].to_list()[-1] == len("From: ")
