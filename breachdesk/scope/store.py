"""Records between the scan and the linker: in memory while small, spilled to Parquet in the
run's private work directory once large, so memory does not grow with the size of the input.

Only the key columns are loaded for linking. People are then built one partition of labels at
a time (``by_label``): one pass over the spilled records sorts them into partitions by label,
so that every record of a person lands in the same partition, then each partition is built on
its own. Memory is bounded by the size of a partition, not of the input.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import polars as pl

from .people import categories_present
from .records import RECORD_SCHEMA

# Records per partition of people: a few hundred MB to group at a time.
PARTITION_ROWS = 500_000


class RecordStore:
    def __init__(self, work: Path, spill_rows: int) -> None:
        self.dir = work / "records"
        self.spill_rows = spill_rows
        self.chunks: list[pl.DataFrame] = []
        self.parts: list[Path] = []
        self.rows = 0
        self._in_memory = 0
        self._categories: set[str] = set()

    def append(self, df: pl.DataFrame) -> None:
        if df.height == 0:
            return
        self.rows += df.height
        self._categories.update(categories_present(df))
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

    @property
    def categories(self) -> list[str]:
        """Every data category any record holds, sorted."""
        return sorted(self._categories)

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

    def by_label(self, labels: pl.Series,
                 each: Callable[[pl.DataFrame], None] | None = None) -> Iterator[pl.DataFrame]:
        """The spilled records with their ``label``, one partition of labels at a time, each
        in record order; every record of a label is in one partition. ``each`` sees every
        part (in record order, with its label) on the way, for outputs that need one pass."""
        n = labels.len()
        count = max(1, -(-n // PARTITION_ROWS))
        span = -(-n // count)
        sorted_dir = self.dir / "by-label"
        sorted_dir.mkdir(mode=0o700, exist_ok=True)
        offset = 0
        for i, path in enumerate(self.parts):
            df = pl.read_parquet(path)
            df = df.with_columns(labels.slice(offset, df.height).alias("label"))
            offset += df.height
            if each is not None:
                each(df)
            # Labels are the smallest record id of a person: ranges of labels are partitions.
            df = df.with_columns((pl.col("label") // span).alias("_part"))
            for (part,), sub in df.partition_by("_part", as_dict=True,
                                                include_key=False).items():
                sub.write_parquet(sorted_dir / f"{part:05d}-{i:06d}.parquet", compression="lz4")
            path.unlink()
        for part in range(count):
            files = sorted(sorted_dir.glob(f"{part:05d}-*.parquet"))
            if not files:
                continue
            frame = pl.read_parquet(files)
            for f in files:
                f.unlink()
            yield frame
