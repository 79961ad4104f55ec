"""Tables: columns classified from header + sample, validated whole-column."""

import polars as pl
import pytest

from breachdesk.scope.detect import detect_columns
from breachdesk.scope.detect.columns import SCHEMA, classify


@pytest.fixture
def frame():
    return pl.DataFrame(
        {
            "Full Name": ["Jacob Bennett", "Sarah Smith", ""],
            "NI Number": ["AB123456C", "ZZ123456C", "ce 12 34 56 a"],
            "Date of Birth": ["12/03/1985", "1990-01-02", "31/02/1990"],
            "email": ["Jacob@Example.com", "not an email", None],
            "Mobile": ["07911 123456", "07700 900123", "+44 7400 123456"],
            "nhs": ["943 476 5919", "9434765918", "4010232137"],
            "card": ["4111111111111111", "4111111111111112", "5555555555554444"],
            "address": ["12 High Street, Leeds LS1 4AB", "Flat 2, 3 Low Road", None],
            "notes": [
                "Spoke to John Smith about his diabetes and NHS number 943 476 5919",
                "Nothing to add at this stage of the review",
                "Called back later in the day, left a voicemail with her",
            ],
            "order_ref": ["9434765919", "4111111111111111", "AB123456C"],
        }
    )


def cells(out, column):
    rows = out.filter(pl.col("column") == column)
    return dict(zip(rows["row"].to_list(), rows["value"].to_list(), strict=True))


def test_schema(frame):
    out = detect_columns(frame)
    assert dict(out.schema) == SCHEMA
    assert out["masked"].to_list() != out["value"].to_list()


def test_whole_column_validation(frame):
    out = detect_columns(frame)
    assert cells(out, "Full Name") == {0: "Jacob Bennett", 1: "Sarah Smith"}
    assert cells(out, "NI Number") == {0: "AB123456C", 2: "CE123456A"}
    assert cells(out, "Date of Birth") == {0: "1985-03-12", 1: "1990-01-02"}
    assert cells(out, "email") == {0: "jacob@example.com"}
    assert cells(out, "Mobile") == {0: "+447911123456", 2: "+447400123456"}
    assert cells(out, "nhs") == {0: "9434765919", 2: "4010232137"}
    assert cells(out, "card") == {0: "4111111111111111", 2: "5555555555554444"}


def test_address_columns_also_give_postcodes(frame):
    out = detect_columns(frame)
    pcs = out.filter((pl.col("column") == "address") & (pl.col("detector") == "postcode"))
    assert pcs["value"].to_list() == ["LS1 4AB"]


def test_free_text_columns_go_through_the_text_detectors(frame):
    out = detect_columns(frame).filter(pl.col("column") == "notes")
    kinds = set(zip(out["row"].to_list(), out["detector"].to_list(), strict=True))
    assert {(0, "name"), (0, "nhs_number"), (0, "health")} <= kinds


def test_mixed_column_without_a_hint_is_not_classified(frame):
    out = detect_columns(frame)
    assert out.filter(pl.col("column") == "order_ref").height == 0


def test_dates_need_a_birth_header():
    df = pl.DataFrame({"appointment": ["12/03/2024", "01/02/2023"]})
    assert detect_columns(df).height == 0
    det, share = classify("DOB", pl.Series(["12/03/1985", "x"]))
    assert det is not None and det.name == "date_of_birth" and share == 0.5


def test_values_without_a_header_hint_classify_by_sample():
    df = pl.DataFrame({"c1": ["AB123456C", "CE123456A", "JG103759A"]})
    assert detect_columns(df)["detector"].unique().to_list() == ["nino"]


def test_columns_find_what_the_validators_find():
    # The column check is the validator's: ranges libphonenumber does not allocate, repeated
    # digits and all-zero sort codes are refused whole-column as they are in text.
    df = pl.DataFrame({
        "phone": ["+44 7911 654321", "0044 7911 123456", "07911 123456"],
        "nhs": ["1111111111", "943 476 5919", "9434765919"],
        "sort_code": ["00-00-00", "40-12-76", "401276"],
        "account_number": ["11111111", "55779911", "5577991"],
    })
    out = detect_columns(df)
    assert cells(out, "phone") == {1: "+447911123456", 2: "+447911123456"}
    assert cells(out, "nhs") == {1: "9434765919", 2: "9434765919"}
    assert cells(out, "sort_code") == {1: "40-12-76", 2: "40-12-76"}
    assert cells(out, "account_number") == {1: "55779911"}


def test_non_ascii_cells_go_to_the_scalar_validator():
    df = pl.DataFrame({"NI number": ["AB123456C", "ＡＢ123456Ｃ", "AB\u2009123456C", "ZZ123456C"]})
    out = detect_columns(df)
    from breachdesk.scope.detect.validators import nino

    assert cells(out, "NI number") == {i: nino(x) for i, x in enumerate(df["NI number"])
                                       if nino(x)}
    assert 2 in cells(out, "NI number")


def test_dates_of_birth_in_a_column_also_read_yyyymmdd():
    df = pl.DataFrame({"dob": ["19850312", "3rd March 1985", "20991231", "19850230"]})
    assert cells(detect_columns(df), "dob") == {0: "1985-03-12", 1: "1985-03-03"}


def test_small_tables_take_no_polars_query_per_column(monkeypatch):
    # Eleven columns of three rows cost 200 ms when each column and detector planned a Polars
    # query; small tables are validated with the scalar validators instead (about 1 ms).
    from breachdesk.scope.detect import columns

    df = pl.DataFrame({
        "NI number": ["AB123456C", "CE987654D", None], "email": ["a@example.org", "b@example.org", "c@x.io"],
        "postcode": ["LS1 4AB", "SW1A 1AA", "M1 1AE"], "date of birth": ["03/04/1985", "1990-12-01", None],
        **{f"c{i}": ["AB123456C", "x", None] for i in range(7)},
    })
    want = detect_columns(df)
    assert {"nino", "email", "postcode", "date_of_birth"} <= set(want["detector"])

    def refuse(*args, **kwargs):
        raise AssertionError("a small table went through the per-column Polars path")

    monkeypatch.setattr(columns, "_column", refuse)
    assert detect_columns(df).equals(want)


def test_empty_frame():
    assert detect_columns(pl.DataFrame({"a": []}, schema={"a": pl.Utf8})).height == 0


def _odd_table(seed: int, rows: int = 30) -> pl.DataFrame:
    """A small export with mangled cells: the tiny path must agree with the Polars path."""
    import random

    from faker import Faker

    rng = random.Random(seed)
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    odd = ["", " ", "\x1c", "\u00a0", "٣", "ß", "\u2003x", None]

    def mangle(value: str) -> str | None:
        roll = rng.random()
        if roll < 0.15:
            return rng.choice(odd)
        if roll < 0.25:
            return value.lower() + rng.choice(odd[:-1])
        return value

    make = {
        "Full name": fake.name, "DOB": lambda: rng.choice([
            fake.date_of_birth().strftime("%d/%m/%Y"), fake.date_of_birth().strftime("%Y%m%d"),
            "3rd March 1985"]),
        "Address": lambda: fake.address().replace("\n", ", "), "Post code": fake.postcode,
        "email": fake.email, "Mobile": lambda: rng.choice(["07911 123456", "+44 7400 123456",
                                                           "07700 900123", fake.phone_number()]),
        "NI": lambda: rng.choice(["AB123456C", "ce 12 34 56 a", "ZZ123456C", "QQ123456"]),
        "nhs": lambda: rng.choice(["943 476 5919", "9434765918", "4010232137"]),
        "card": lambda: rng.choice(["4111111111111111", "5555 5555 5555 4444", "1234"]),
        "sort code": lambda: rng.choice(["40-12-76", "000000", "4012"]),
        "ip": fake.ipv4, "vehicle reg": lambda: rng.choice(["AB12 CDE", "ab62cde", "X"]),
        "notes": lambda: fake.sentence(nb_words=12) + " " + fake.name() + " diabetes",
        "code": lambda: rng.choice(["AB123456C", "CE123456A", "x"]),
    }
    return pl.DataFrame({k: [mangle(f()) for _ in range(rows)] for k, f in make.items()},
                        schema={k: pl.Utf8 for k in make})


@pytest.mark.parametrize("seed", range(6))
def test_tiny_tables_give_the_polars_answer(seed, monkeypatch):
    from breachdesk.scope.detect import columns

    df = _odd_table(seed, rows=2 + seed * 5)
    tiny = columns._detect_tiny(df.columns, df.get_columns())
    monkeypatch.setattr(columns, "TINY_CELLS", 0)
    whole = detect_columns(df)
    assert tiny.height > 10
    assert tiny.to_dicts() == whole.to_dicts()


@pytest.mark.parametrize("rows", [3, 40])
def test_findings_come_in_row_then_column_name_order(rows):
    df = _odd_table(7, rows=rows)
    out = detect_columns(df)
    assert out.height > rows
    assert out.equals(out.sort("row", "column", maintain_order=True))


def test_notes_columns_scanned_together_find_what_each_cell_finds():
    from faker import Faker

    from breachdesk.scope.detect import detect_text
    from breachdesk.scope.detect.columns import _text_column

    fake = Faker("en_GB")
    fake.seed_instance(3)
    cells = [None, "", "٣ NHS ٩٤٣ ٤٧٦ ٥٩١٩", "Called Mr John Smith on 07911 123456 re asthma"]
    cells += [f"{fake.sentence(nb_words=8)} {fake.name()} {fake.email()} NHS 943 476 5919"
              f" born {fake.date_of_birth():%d/%m/%Y}" for _ in range(300)]
    got = _text_column("notes", pl.Series(cells, dtype=pl.Utf8))
    want = [(i, "notes", m.detector, m.category, m.confidence, m.value, m.masked)
            for i, cell in enumerate(cells) if cell for m in detect_text(cell)]
    assert got.schema == SCHEMA
    assert len(want) > 900
    assert got.rows() == [(r, c, d, k, pytest.approx(f), v, m) for r, c, d, k, f, v, m in want]
