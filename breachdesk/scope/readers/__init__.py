"""One reader per file kind. A reader takes a Source and a Context and yields Tables, Texts,
nested Sources (archive members, attachments) and Notes; it raises an ``errors.Unreadable``
with a plain reason when the file cannot be read at all."""

from __future__ import annotations

from collections.abc import Callable

from ..context import Context
from ..sources import Items, Source
from . import archive, delimited, htmldoc, jsondoc, mail, parquetfile, pdfdoc, spreadsheet, worddoc

Reader = Callable[[Source, Context], Items]

READERS: dict[str, Reader] = {
    "delimited_or_text": delimited.read,
    "json": jsondoc.read,
    "jsonl": jsondoc.read_lines,
    "parquet": parquetfile.read,
    "xlsx": spreadsheet.read,
    "xls": spreadsheet.read,
    "ods": spreadsheet.read,
    "html": htmldoc.read,
    "docx": worddoc.read,
    "pdf": pdfdoc.read,
    "eml": mail.read_eml,
    "mbox": mail.read_mbox,
    "msg": mail.read_msg,
    "zip": archive.read_zip,
    "tar": archive.read_tar,
    "gzip": lambda src, ctx: archive.read_compressed(src, ctx, "gzip"),
    "bzip2": lambda src, ctx: archive.read_compressed(src, ctx, "bzip2"),
    "xz": lambda src, ctx: archive.read_compressed(src, ctx, "xz"),
}

CONTAINERS = frozenset({"zip", "tar", "gzip", "bzip2", "xz", "eml", "mbox", "msg"})
