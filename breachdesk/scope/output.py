"""Writing outputs so that a run is either complete or plainly not.

Everything is written into a private work directory next to the output (``.NAME.partial-*``,
mode 0700, files 0600) and renamed into place only at the end. A run that is interrupted or
killed leaves at most a ``.partial`` directory, never a half-written output folder that looks
complete; the next run removes stale ones (they may hold spilled personal data).
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import secrets
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

MARKER = "summary.json"


class OutputExists(Exception):
    """The output folder exists and is not an earlier scope output: refusing to replace it."""


def check_target(out: Path) -> None:
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).exists())):
        raise OutputExists(
            f"{out} exists and is not an earlier scope output; choose an empty or new folder"
        )


@contextlib.contextmanager
def staging(out: Path) -> Iterator[Path]:
    """A private directory to write into; on success the caller calls ``publish``."""
    out = out.absolute()
    out.parent.mkdir(parents=True, exist_ok=True)
    for stale in out.parent.glob(f".{out.name}.partial-*"):
        shutil.rmtree(stale, ignore_errors=True)
    old_umask = os.umask(0o077)
    work = out.parent / f".{out.name}.partial-{secrets.token_hex(4)}"
    try:
        work.mkdir(mode=0o700)
        yield work
    finally:
        os.umask(old_umask)
        shutil.rmtree(work, ignore_errors=True)


def publish(work: Path, out: Path, names: list[str]) -> None:
    """Move the finished files into ``out`` in one rename (replacing an earlier run)."""
    out = out.absolute()
    final = work / "final"
    final.mkdir(mode=0o700)
    for name in names:
        (work / name).rename(final / name)
    if out.exists():
        old = out.parent / f".{out.name}.partial-old-{secrets.token_hex(4)}"
        out.rename(old)
        final.rename(out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        final.rename(out)
    os.chmod(out, 0o700)


def write_json(path: Path, data: dict) -> None:
    with open(_private(path), "w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=2, ensure_ascii=False, default=str)
        fh.write("\n")


def write_parquet(path: Path, df: pl.DataFrame) -> None:
    df.write_parquet(_private(path), compression="zstd")


def write_lazy_parquet(path: Path, lf: pl.LazyFrame, streaming: bool) -> None:
    _private(path)
    if streaming:
        lf.sink_parquet(path, compression="zstd")
    else:
        lf.collect().write_parquet(path, compression="zstd")


def write_people_csv(path: Path, people: pl.DataFrame) -> None:
    _flat(people).write_csv(_private(path))


def _flat(people: pl.DataFrame) -> pl.DataFrame:
    return people.with_columns(
        pl.col(c).list.join(";") for c, t in people.schema.items() if isinstance(t, pl.List)
    )


class ParquetStream:
    """One Parquet file written a frame at a time (each frame its own row group)."""

    def __init__(self, path: Path) -> None:
        self.path = _private(path)
        self.writer: pq.ParquetWriter | None = None
        self.rows = 0

    def write(self, df: pl.DataFrame) -> None:
        table = df.to_arrow()
        if self.writer is None:
            self.writer = pq.ParquetWriter(str(self.path), table.schema, compression="zstd")
        self.writer.write_table(table.cast(self.writer.schema))
        self.rows += df.height

    def close(self, empty: pl.DataFrame) -> None:
        """``empty`` gives the schema when nothing was written."""
        if self.writer is None:
            self.write(empty)
        assert self.writer is not None
        self.writer.close()


class PeopleWriter:
    """people.parquet and people.csv, written one partition of people at a time."""

    def __init__(self, work: Path) -> None:
        self.parquet = ParquetStream(work / "people.parquet")
        self.csv = open(_private(work / "people.csv"), "wb")  # noqa: SIM115 - closed in close()

    def write(self, people: pl.DataFrame) -> None:
        if people.height == 0:
            return
        _flat(people).write_csv(self.csv, include_header=self.parquet.rows == 0)
        self.parquet.write(people)

    def close(self, empty: pl.DataFrame) -> None:
        if self.parquet.rows == 0:
            _flat(empty).write_csv(self.csv)
        self.csv.close()
        self.parquet.close(empty)


def _private(path: Path) -> Path:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    return path


class FindingsWriter:
    """Appends findings chunks to one Parquet file as they are produced (bounded memory).

    Writing runs on a background thread (Arrow and Parquet release the GIL) so that encoding
    millions of findings overlaps with detecting the next chunk; the queue is short, so memory
    stays bounded. Repeated text columns are dictionary-encoded (Categorical).
    """

    REPEATED = ("file", "member", "part", "column", "detector", "category")

    def __init__(self, path: Path, schema: dict[str, pl.DataType]) -> None:
        self.path = _private(path)
        self.polars_schema = {k: (pl.Categorical if k in self.REPEATED else v)
                              for k, v in schema.items()}
        self.schema = pl.DataFrame(schema=self.polars_schema).to_arrow().schema
        self.writer = pq.ParquetWriter(str(path), self.schema, compression="zstd")
        self.rows = 0
        self.queue: queue.Queue[pl.DataFrame | None] = queue.Queue(maxsize=2)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="findings-writer", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while (df := self.queue.get()) is not None:
            if self.error is None:
                try:
                    table = df.cast(self.polars_schema).to_arrow().cast(self.schema)  # type: ignore[arg-type]
                    self.writer.write_table(table)
                except BaseException as exc:  # re-raised in the caller's thread on close
                    self.error = exc

    def write(self, df: pl.DataFrame) -> None:
        if df.height:
            self.rows += df.height
            self.queue.put(df)

    def close(self) -> None:
        self.queue.put(None)
        self.thread.join()
        if self.error is not None:
            raise self.error
        if self.rows == 0:
            self.writer.write_table(pa.Table.from_pylist([], schema=self.schema))
        self.writer.close()

    def abort(self) -> None:
        if self.thread.is_alive():
            self.queue.put(None)
            self.thread.join()
        self.writer.close()
