"""What readers take in (a Source) and give out (Table, Text, or a nested Source).

A Source is a file on disk or a member of an archive or an email, held either in memory
(small) or in a temporary file inside the run's private work directory (large). ``file`` is
always the path the user gave or found in a folder; ``member`` is the chain inside it
(``inner.zip/letters/a.docx`` or ``message 3/report.xlsx``), so every finding can be traced
back to a place a person can open.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import polars as pl

WHOLE = 1 << 20
"""A file on disk up to this size is read once, whole, the first time any of it is asked for:
sniffing and then reading a small file otherwise opens and reads it three times."""


@dataclass
class Source:
    file: str
    member: str = ""
    path: Path | None = None
    data: bytes | None = None
    depth: int = 0
    size: int = 0
    detail: str | None = None  # what the reader found it to be, when finer than the sniff
    # A small file's bytes once read (see WHOLE); dropped by forget() when the file is done.
    _whole: bytes | None = field(default=None, init=False, repr=False, compare=False)
    _tried: bool = field(default=False, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.data is not None:
            self.size = len(self.data)
        elif self.path is not None and not self.size:
            self.size = self.path.stat().st_size

    def _bytes(self) -> bytes | None:
        """The whole content when it is in memory (or small enough to bring there)."""
        if self.data is not None:
            return self.data
        if not self._tried and self.size <= WHOLE:
            assert self.path is not None
            with open(self.path, "rb") as fh:  # read(n) loops until n bytes or the end
                blob = fh.read(self.size + 1)
            self._tried = True
            # A file that grew since it was measured is read from disk each time, as before.
            self._whole = blob if len(blob) <= self.size else None
        return self._whole

    def forget(self) -> None:
        """Let go of a small file's cached bytes (readers are done with it)."""
        self._whole = None
        self._tried = False

    def open(self) -> BinaryIO:
        blob = self._bytes()
        if blob is not None:
            return io.BytesIO(blob)
        assert self.path is not None
        return open(self.path, "rb")

    def head(self, n: int = 65536) -> bytes:
        blob = self._bytes()
        if blob is not None:
            return blob[:n]
        with self.open() as fh:
            return fh.read(n)

    def tail(self, n: int) -> bytes:
        blob = self._bytes()
        if blob is not None:
            return blob[-n:]
        with self.open() as fh:
            fh.seek(max(0, self.size - n))
            return fh.read(n)

    def read_bytes(self) -> bytes:
        blob = self._bytes()
        if blob is not None:
            return blob
        assert self.path is not None
        return self.path.read_bytes()

    def as_input(self) -> Path | bytes:
        """What libraries that take "a path or bytes" should be given."""
        return self.data if self.data is not None else self.path  # type: ignore[return-value]

    @property
    def name(self) -> str:
        """The innermost name: the member's own name, or the file's."""
        inner = self.member.rsplit("/", 1)[-1] if self.member else self.file
        return Path(inner).name

    @property
    def label(self) -> str:
        return f"{self.file}!{self.member}" if self.member else self.file

    def child(self, member: str, *, data: bytes | None = None, path: Path | None = None) -> Source:
        chain = f"{self.member}/{member}" if self.member else member
        return Source(self.file, chain, path=path, data=data, depth=self.depth + 1)


@dataclass
class Table:
    """Rows of a table: every column Utf8. ``row_offset`` is the 0-based index of the first
    row of this chunk within its sheet or file (big files come in chunks)."""

    source: Source
    part: str
    frame: pl.DataFrame
    row_offset: int = 0


@dataclass
class Text:
    """A run of text: a document, a message, a page range, or a chunk of a long text file.
    ``offset`` is where this text starts in the file's text (for character locations);
    ``pages`` lists the character offset where each page starts (PDF), if any."""

    source: Source
    part: str
    text: str
    offset: int = 0
    pages: list[int] = field(default_factory=list)


@dataclass
class Note:
    """Something read with a caveat (e.g. malformed quoting tolerated). Shown in the summary."""

    source: Source
    message: str


@dataclass
class Refused:
    """A member of an archive or message that was not read, and why (listed as not read)."""

    source: Source
    reason: str
    kind: str


Item = Table | Text | Source | Note | Refused
Items = Iterator[Item]
