"""Records between the scan and the linker: in memory while small, spilled to Parquet in the
run's private work directory once large, so memory does not grow with the size of the input.

Only the key columns are loaded for linking; people and record locations are built from the
spilled files with Polars' streaming engine.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from .records import RECORD_SCHEMA


class RecordStore:
    def __init__(self, work: Path, spill_rows: int) -> None:
        self.dir = work / "records"
        self.spill_rows = spill_rows
        self.chunks: list[pl.DataFrame] = []
        self.parts: list[Path] = []
        self.rows = 0
        self._in_memory = 0

    def append(self, df: pl.DataFrame) -> None:
        if df.height == 0:
            return
        self.rows += df.height
        self.chunks.append(df)
        self._in_memory += df.height
        if self.parts or self._in_memory >= self.spill_rows:
            self._flush()

    def _flush(self) -> None:
        self.dir.mkdir(mode=0o700, exist_ok=True)
        for df in self.chunks:
            path = self.dir / f"part-{len(self.parts):06d}.parquet"
            df.write_parquet(path, compression="lz4")
            self.parts.append(path)
        self.chunks, self._in_memory = [], 0

    @property
    def spilled(self) -> bool:
        return bool(self.parts)

    def lazy(self) -> pl.LazyFrame:
        """Every record, in the order appended (record id = position)."""
        if self.parts:
            return pl.scan_parquet(self.parts)
        if self.chunks:
            # Concatenate once and keep only that: each chunk would otherwise stay alive
            # next to a fresh copy on every call.
            if len(self.chunks) > 1:
                self.chunks = [pl.concat(self.chunks)]
            return self.chunks[0].lazy()
        return pl.DataFrame(schema=RECORD_SCHEMA).lazy()
