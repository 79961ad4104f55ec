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
            "Mobile": ["07911 123456", "07700 900123", "+44 7911 654321"],
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
    assert cells(out, "Mobile") == {0: "+447911123456", 2: "+447911654321"}
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


def test_empty_frame():
    assert detect_columns(pl.DataFrame({"a": []}, schema={"a": pl.Utf8})).height == 0
