"""The seam between the pipeline and the detectors.

The pipeline needs three things from detection: ``detect_text``, ``detect_columns`` and
``FIELDS`` (linking field -> detector names). ``breachdesk.scope.detect`` provides them; tests
may pass any object with the same three attributes. When the object also has
``detect_texts`` (many texts -> one table, see ``breachdesk.scope.detect``), runs of texts are
detected with one call each; without it, ``texts_detector`` builds that table from one
``detect_text`` call per text, so the pipeline has one path for texts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

import polars as pl

# Fields people are linked and reported on; the rest of FIELDS are only reported as exposed.
LINK_FIELDS = ("name", "email", "phone", "dob", "postcode", "address", "nino", "nhs_number",
               "card")
# Identifiers shown in people.* as found: needed to match people to the organisation's records.
ID_FIELDS = ("nino", "nhs_number", "passport", "driving_licence", "utr")
# Financial identifiers shown masked in people.*: the person's notice says "your card ending
# 1234", and the file of everyone affected should not be a list of live card numbers.
MASKED_FIELDS = ("card", "iban", "account_number", "sort_code")
RECORD_FIELDS = tuple(dict.fromkeys(LINK_FIELDS + ID_FIELDS + MASKED_FIELDS))


class Detection(Protocol):
    FIELDS: dict[str, tuple[str, ...]]

    def detect_text(self, text: str) -> list[Any]: ...

    def detect_columns(self, df: pl.DataFrame) -> pl.DataFrame: ...


# The table ``detect_texts`` gives: one row per finding, ``doc`` the text's index in the run.
TEXTS_SCHEMA = {"doc": pl.UInt32, "start": pl.Int64, "end": pl.Int64, "detector": pl.Utf8,
                "category": pl.Utf8, "confidence": pl.Float64, "value": pl.Utf8,
                "masked": pl.Utf8}


def texts_detector(detection: Detection) -> Callable[[Sequence[str]], pl.DataFrame]:
    """``detection.detect_texts``, or the same table from one ``detect_text`` call per text."""
    batch = getattr(detection, "detect_texts", None)
    if batch is not None:
        return batch

    def one_by_one(texts: Sequence[str]) -> pl.DataFrame:
        rows = [(doc, m.start, m.end, m.detector, m.category, float(m.confidence), m.value,
                 m.masked)
                for doc, text in enumerate(texts) for m in detection.detect_text(text)]
        return pl.DataFrame(rows, schema=TEXTS_SCHEMA, orient="row")

    return one_by_one


def default() -> Detection:
    from . import detect

    return detect  # type: ignore[return-value]


def field_map(detection: Detection) -> dict[str, str]:
    """detector name -> linking field, for the fields a record carries."""
    out: dict[str, str] = {}
    for fld, detectors in detection.FIELDS.items():
        if fld in RECORD_FIELDS:
            for name in detectors:
                out[name] = fld
    return out


def detect_table(detection: Detection, df: pl.DataFrame, workers: int = 2) -> pl.DataFrame:
    """``detect_columns`` one column at a time, on each column's distinct values.

    Exports repeat values heavily (a million rows hold perhaps 30,000 dates of birth, a few
    hundred towns), so validating each distinct value once and joining the findings back to
    the rows is several times faster than validating every cell. Columns run on a small
    thread pool: Polars releases the GIL. Findings are the same as ``detect_columns(df)``
    gives for tables whose columns are classified independently, which ours are.
    """
    if df.width <= 1 or df.height < 1000:
        return detection.detect_columns(df)
    from concurrent.futures import ThreadPoolExecutor

    def one(name: str) -> pl.DataFrame:
        col = df.get_column(name)
        uniq = col.drop_nulls().unique(maintain_order=True)
        if uniq.len() > col.len() // 2:
            return detection.detect_columns(df.select(name))
        found = detection.detect_columns(pl.DataFrame({name: uniq}))
        if found.height == 0:
            return found
        by_value = found.join(
            pl.DataFrame({"_u": uniq}).with_row_index("_urow"),
            left_on="row", right_on="_urow",
        ).drop("row")
        rows = df.select(pl.col(name).alias("_u")).with_row_index("row")
        return rows.join(by_value, on="_u").drop("_u").select(found.columns)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        parts = list(pool.map(one, df.columns))
    parts = [p.cast(parts[0].schema) for p in parts if p.height] or parts[:1]
    return pl.concat(parts).sort("row", maintain_order=True)
