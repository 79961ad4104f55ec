"""Parquet, streamed in row batches; every column cast to text for detection."""

from __future__ import annotations

import io

import polars as pl

from ..context import Context
from ..errors import Corrupt
from ..sources import Items, Source, Table


def read(src: Source, ctx: Context) -> Items:
    data = src.as_input()
    target = io.BytesIO(data) if isinstance(data, bytes) else str(data)
    done = 0
    try:
        lf = pl.scan_parquet(target)
        schema = lf.collect_schema()
        lf = lf.select(_as_text(n, t) for n, t in schema.items())
        for batch in lf.collect_batches(chunk_size=ctx.limits.chunk_rows):
            yield Table(src, "", batch, done)
            done += batch.height
    except (pl.exceptions.PolarsError, OSError):
        raise Corrupt("damaged or truncated Parquet file") from None


def _as_text(name: str, dtype: pl.DataType) -> pl.Expr:
    if isinstance(dtype, pl.Struct):
        return pl.col(name).struct.json_encode()
    if isinstance(dtype, (pl.List, pl.Array)):
        return pl.col(name).cast(pl.List(pl.Utf8)).list.join("; ")
    return pl.col(name).cast(pl.Utf8)
