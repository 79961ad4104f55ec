"""Table records: the small-table assembly in Python gives the records the Polars one gives."""

import sys
from pathlib import Path

import polars as pl
import pytest

from breachdesk.scope import records
from breachdesk.scope.detect import detect_columns
from breachdesk.scope.detection import default, field_map
from breachdesk.scope.sources import Source, Table

sys.path.insert(0, str(Path(__file__).parent))
from test_detect_columns import _odd_table  # noqa: E402


@pytest.mark.parametrize("seed", range(5))
def test_small_tables_give_the_same_records(seed, monkeypatch):
    df = _odd_table(seed, rows=3 + seed * 6)
    # Two columns giving the same field (joined names, coalesced emails) and a free-text column
    # with several names in one cell.
    df = df.with_columns(pl.col("Full name").alias("Surname"),
                         pl.col("email").str.to_uppercase().alias("Alt email"),
                         (pl.col("notes") + " and " + pl.col("Full name")).alias("notes"))
    item = Table(Source("export.csv", member="inner.zip", data=b"x"), "sheet 1", df,
                 row_offset=1000)
    found = detect_columns(df)
    fields = field_map(default())
    small_findings, small = records.table_records(item, found, fields)
    monkeypatch.setattr(records, "SMALL_FINDINGS", 0)
    big_findings, big = records.table_records(item, found, fields)
    assert small.height > 2 and small["name"].null_count() < small.height
    assert small.schema == big.schema
    assert small.to_dicts() == big.to_dicts()
