"""Turn the paths the user gave into Tables and Texts, whatever is inside them.

Folders are walked, each file's kind is sniffed from its bytes, archives and attachments are
opened and their members sniffed in turn. Every file (and member) ends up in the log: read,
read with notes, or not read with a plain reason. One bad file never stops the scan.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .context import Context
from .errors import LimitExceeded, Unreadable
from .readers import READERS
from .sniff import sniff
from .sources import Note, Refused, Source, Table, Text


@dataclass
class FileEntry:
    file: str
    kind: str | None = None
    size: int = 0
    status: str = "read"  # read | partial | not_read
    reason: str | None = None
    reason_kind: str | None = None
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        out: dict = {"file": self.file, "type": self.kind, "bytes": self.size}
        if self.reason:
            out["reason"] = self.reason
            out["reason_kind"] = self.reason_kind
        if self.notes:
            out["notes"] = self.notes
        return out


@dataclass
class FileLog:
    entries: list[FileEntry] = field(default_factory=list)
    top_level_bytes: int = 0

    @property
    def read(self) -> list[FileEntry]:
        return [e for e in self.entries if e.status != "not_read"]

    @property
    def not_read(self) -> list[FileEntry]:
        return [e for e in self.entries if e.status == "not_read"]


class MissingPath(Unreadable):
    kind = "missing"


_NO_FILE = frozenset({errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP})


def expand(paths: Sequence[str | os.PathLike], skip: Sequence[Path] = ()) -> Iterator[Path]:
    """Files under the given paths, in a stable order; symlinked folders are not followed.
    Folders in ``skip`` (the output and the run's own work directory) are never entered."""
    skipped = {p.absolute() for p in skip}
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                here = Path(root).absolute()
                dirs[:] = sorted(d for d in dirs if here / d not in skipped)
                for name in sorted(files):
                    yield Path(root) / name
        else:
            yield path


def walk(paths: Sequence[str | os.PathLike], ctx: Context, log: FileLog,
         skip: Sequence[Path] = ()) -> Iterator[Table | Text]:
    for path in expand(paths, skip):
        entry = FileEntry(str(path))
        log.entries.append(entry)
        try:
            src = Source(str(path), path=path, size=_regular_size(path))
        except OSError:
            entry.status, entry.reason, entry.reason_kind = "not_read", "cannot open", "missing"
            continue
        except Unreadable as exc:
            entry.status, entry.reason, entry.reason_kind = "not_read", exc.reason, exc.kind
            continue
        entry.size = src.size
        log.top_level_bytes += src.size
        yield from _read(src, ctx, log, entry)


def _regular_size(path: Path) -> int:
    """The size of a regular file, from one stat (is_file() and then a size took two)."""
    try:
        st = os.stat(path)
    except OSError as exc:
        # As Path.is_file(): these mean "no such file"; any other error (EACCES) is raised.
        if exc.errno in _NO_FILE:
            raise MissingPath("not found, or not a regular file") from None
        raise
    except ValueError:  # a NUL in the name
        raise MissingPath("not found, or not a regular file") from None
    if not stat.S_ISREG(st.st_mode):
        raise MissingPath("not found, or not a regular file")
    return st.st_size


def _read(src: Source, ctx: Context, log: FileLog, entry: FileEntry) -> Iterator[Table | Text]:
    produced = False
    try:
        if src.depth > ctx.limits.max_depth:
            raise LimitExceeded(f"nested more than {ctx.limits.max_depth} levels deep: not read")
        entry.kind = kind = sniff(src)
        for item in READERS[kind](src, ctx):
            if isinstance(item, Source):
                produced = True
                child = FileEntry(item.label, size=item.size)
                log.entries.append(child)
                yield from _read(item, ctx, log, child)
            elif isinstance(item, Note):
                entry.notes.append(item.message)
            elif isinstance(item, Refused):
                log.entries.append(FileEntry(item.source.label, status="not_read",
                                             reason=item.reason, reason_kind=item.kind))
            else:
                produced = True
                yield item
        if src.detail:
            entry.kind = src.detail
    except Unreadable as exc:
        _fail(entry, exc.reason, exc.kind, produced)
    except MemoryError:
        _fail(entry, "ran out of memory reading this file", "limit_exceeded", produced)
    except (OSError, ValueError, KeyError, IndexError, TypeError, UnicodeError, EOFError,
            RecursionError, AssertionError, RuntimeError) as exc:
        # Library errors can quote the data they choked on: keep only the error's type.
        _fail(entry, f"could not be read ({type(exc).__name__})", "corrupt", produced)
    finally:
        src.forget()  # a small file's bytes: its readers are done with them


def _fail(entry: FileEntry, reason: str, kind: str, produced: bool) -> None:
    if produced:
        entry.status = "partial"
        entry.notes.append(f"read in part: {reason}")
    else:
        entry.status = "not_read"
    entry.reason, entry.reason_kind = reason, kind
