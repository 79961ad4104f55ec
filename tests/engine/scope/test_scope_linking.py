"""Linking: the same people in different files and formats end up as one person each."""

import polars as pl
from scope_fixtures import (
    ANNA,
    OWEN,
    PEOPLE,
    RUTH,
    csv_text,
    docx_bytes,
    eml_bytes,
    evidence,
    letter_text,
    mbox_bytes,
    pdf_bytes,
    people_sheet,
    xlsx_bytes,
    zip_bytes,
)

from breachdesk.scope import scope
from breachdesk.scope.components import components
from breachdesk.scope.link import link
from breachdesk.scope.normalise import keys


def test_people_recur_across_csv_xlsx_docx_pdf_mbox_and_a_nested_zip(tmp_path):
    folder, out = evidence(tmp_path)
    (folder / "customers.csv").write_text(csv_text())
    (folder / "staff.xlsx").write_bytes(xlsx_bytes({"Staff": people_sheet(title_rows=2)}))
    (folder / "anna.docx").write_bytes(docx_bytes(letter_text(ANNA)))
    (folder / "ruth.pdf").write_bytes(pdf_bytes([letter_text(RUTH)]))
    mail = eml_bytes(f"{OWEN['first']} {OWEN['last']} <{OWEN['email']}>", "help@example.org",
                     "Account", f"Please call me on {OWEN['phone']}.",
                     {"details.csv": csv_text([OWEN]).encode()})
    (folder / "inbox.mbox").write_bytes(mbox_bytes([mail]))
    inner = zip_bytes({"letters/anna.txt": letter_text(ANNA).encode()})
    (folder / "archive.zip").write_bytes(zip_bytes({"2025/old.zip": inner}))

    result = scope([folder], out)
    people = result.people
    assert result.summary["files_not_read"] == []
    assert people.height == 3, people.select("name", "email", "records")
    by_email = {r["email"]: r for r in people.iter_rows(named=True)}
    anna = by_email[ANNA["email"]]
    assert anna["records"] >= 4  # csv, xlsx, docx, the zipped letter
    assert {s.rsplit("/", 1)[-1] for s in anna["sources"]} >= {
        "customers.csv", "staff.xlsx", "anna.docx", "archive.zip"}
    owen = by_email[OWEN["email"]]
    assert {s.rsplit("/", 1)[-1] for s in owen["sources"]} >= {"customers.csv", "inbox.mbox"}
    ruth = by_email[RUTH["email"]]
    assert any(s.endswith("ruth.pdf") for s in ruth["sources"])
    rules = result.summary["linking"]["people_per_rule"]
    assert sum(rules.values()) >= 3
    records = pl.read_parquet(out / "records.parquet")
    assert records["person_id"].n_unique() == 3


def frame(rows):
    cols = ["name", "email", "phone", "dob", "postcode", "nino", "nhs_number", "card"]
    data = {c: [r.get(c) for r in rows] for c in cols}
    return keys(pl.DataFrame(data, schema={c: pl.Utf8 for c in cols})).collect()


def test_exact_keys_then_probabilistic_for_name_variants():
    rows = [
        {"name": "Anna Whitfield", "dob": "1979-02-14", "postcode": "LS6 2QT",
         "nino": "JK284193B"},
        {"name": "Mrs Anna Whitfield", "nino": "JK 28 41 93"},  # NI number without suffix
        {"name": "Ana Whitfeld", "dob": "1979-02-14", "postcode": "LS62QT"},  # typos
        {"name": "Anna Whitfield", "dob": "1979-14-02", "postcode": "M1 1AA"},  # moved
        {"name": "Ruth Okafor", "dob": "1990-06-21", "postcode": "M14 5RT"},
    ]
    result = link(frame(rows))
    labels = result.labels.to_list()
    assert labels[0] == labels[1] == labels[2]
    assert labels[4] != labels[0]
    assert result.merges["NI number"] == 1
    assert result.merges["probabilistic (Splink)"] >= 1


def test_transposed_day_and_month_still_links():
    rows = [
        {"name": "Owen Pritchard", "dob": "2012-09-03", "postcode": "CF10 3AT"},
        {"name": "Owen Pritchard", "dob": "2012-03-09", "postcode": "CF10 3AT"},
        {"name": "Ruth Okafor", "dob": "1990-06-21", "postcode": "M14 5RT"},
    ]
    labels = link(frame(rows)).labels.to_list()
    assert labels[0] == labels[1] != labels[2]


def test_different_ni_numbers_are_never_merged_however_alike():
    rows = [
        {"name": "John Smith", "dob": "1980-01-01", "postcode": "LS1 1AA", "nino": "AB123456C"},
        {"name": "John Smith", "dob": "1980-01-01", "postcode": "LS1 1AA", "nino": "JG103778A"},
    ]
    labels = link(frame(rows)).labels.to_list()
    assert labels[0] != labels[1]


def test_email_alone_is_not_enough_for_an_exact_link():
    # A shared family mailbox: same email, different people.
    rows = [
        {"name": "Sam Lee", "email": "family@example.com", "dob": "1980-01-01"},
        {"name": "Kim Lee", "email": "family@example.com", "dob": "2011-05-05"},
    ]
    labels = link(frame(rows)).labels.to_list()
    assert labels[0] != labels[1]


def test_components_merge_chains_and_count_merges():
    labels = pl.Series(range(6), dtype=pl.UInt32)
    new, merges = components(labels, pl.Series([5, 4, 3]), pl.Series([4, 3, 0]))
    assert new.to_list() == [0, 1, 2, 0, 0, 0] and merges == 3


def test_people_flags_children_and_special_category(tmp_path):
    folder, out = evidence(tmp_path)
    (folder / "pupils.csv").write_text(
        "name,date_of_birth,email,medical_conditions\n"
        f"{OWEN['first']} {OWEN['last']},{OWEN['dob']},{OWEN['email']},Asthma\n"
        f"{ANNA['first']} {ANNA['last']},{ANNA['dob']},{ANNA['email']},\n")
    from datetime import date

    result = scope([folder], out, breach_date=date(2026, 5, 1))
    flags = {r["email"]: r for r in result.people.iter_rows(named=True)}
    assert flags[OWEN["email"]]["child"] is True
    assert flags[ANNA["email"]]["child"] is False
    # Owen was under 18 at the breach date in 2026 but not at a breach date in 2031.
    again = scope([folder], out, breach_date=date(2031, 1, 1))
    assert again.summary["children"] == 0
    assert len(PEOPLE) == 3


def test_a_message_senders_display_name_is_a_name_but_a_team_is_not():
    from breachdesk.scope.records import _sender_name
    from breachdesk.scope.sources import Source, Text

    fields = {"name": "name", "email": "email"}
    src = Source("box.mbox", data=b"x")
    person = Text(src, "message 1", "From: Joan Little <jl@example.com>\nTo: a@b.c\n\nHi")
    team = Text(src, "message 2", "From: Customer Services <cs@example.com>\n\nHi")
    found = _sender_name(person, [], fields)
    assert [(m.value, person.text[m.start:m.end]) for m in found] == [("Joan Little",) * 2]
    assert _sender_name(team, [], fields) == []
    assert _sender_name(Text(src, "", person.text), [], fields) == []  # not a message


def test_duckdb_spills_into_the_private_work_dir_not_the_current_one(tmp_path, monkeypatch):
    import duckdb

    from breachdesk.scope import splink_model

    seen = []
    real = duckdb.connect

    def spy(*args, **kwargs):
        seen.append(kwargs.get("config", {}).get("temp_directory"))
        return real(*args, **kwargs)

    monkeypatch.setattr(splink_model.duckdb, "connect", spy)
    monkeypatch.chdir(tmp_path)
    rows = [{"name": "Owen Pritchard", "dob": "2012-09-03", "postcode": "CF10 3AT"},
            {"name": "Owen Pritchard", "dob": "2012-03-09", "postcode": "CF10 3AT"}]
    link(frame(rows), workdir=tmp_path / "work")
    assert seen[0] == str(tmp_path / "work" / "duckdb")  # ours; Splink may open a scratch one
    assert not (tmp_path / ".tmp").exists()


def test_both_names_link_when_either_side_has_no_date_of_birth():
    from breachdesk.scope.normalise import without_empty_columns

    # A signature with no date of birth, before and after the record that has one; the rule is
    # one per side, so the pair links whichever side the missing date is on.
    rows = [
        {"name": "Gwen Llewellyn", "email": "gwen.l@example.org"},
        {"name": "Gwen Llewellyn", "dob": "1968-11-30", "postcode": "SA1 1NW",
         "email": "gwen.l@example.org"},
        {"name": "Gwen Llewellyn", "phone": "07700900123"},
        {"name": "Ruth Okafor", "dob": "1990-06-21", "postcode": "M14 5RT"},
    ]
    labels = link(without_empty_columns(frame(rows))).labels.to_list()
    assert labels[0] == labels[1] == labels[2] != labels[3]


def test_blocking_rules_for_very_large_inputs_need_the_postcode_district():
    from breachdesk.scope.splink_model import LARGE, blocking

    small, large = blocking(1000, True), blocking(LARGE + 1, True)
    without_date = [r for r in large if "dob_key IS NULL" in r]
    assert len(without_date) == 2 and all("length(l.postcode_key)" in r for r in without_date)
    assert not any("length(l.postcode_key)" in r for r in small)
    # An OR across sides would make DuckDB join every pair of namesakes before filtering.
    assert not any(" OR " in r for r in small + large)
    assert len(blocking(1000, False)) == len(small) - 2
    # A date of birth with one name also needs the other name's initial.
    assert "substr(l.surname, 1, 1)" in large[0] and "substr(l.surname, 1, 1)" not in small[0]
