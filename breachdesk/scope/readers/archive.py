"""Zip, tar and single-file gzip/bzip2/xz, recursed by the walker with limits: depth, member
count, total expansion and the expansion ratio of each member, so that an archive bomb is
reported instead of filling the disk or the memory. Sizes in headers are not trusted: each
member is read with a cap."""

from __future__ import annotations

import bz2
import gzip
import lzma
import tarfile
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO

from ..context import Context
from ..errors import Corrupt, Encrypted, LimitExceeded
from ..sources import Items, Note, Refused, Source

RATIO_FLOOR = 16 << 20  # ratios are only checked past this size: small text compresses well
BLOCK = 1 << 20


class _Budget:
    """Bytes all archives of the run may still expand to (nested archives share it)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def take(self, n: int) -> None:
        self.ctx.expanded += n
        if self.ctx.expanded > self.ctx.limits.max_expanded:
            raise LimitExceeded(
                "archive expands to more than the limit: possible archive bomb; not read further"
            )


def read_zip(src: Source, ctx: Context) -> Items:
    with src.open() as raw:
        yield from _zip(src, ctx, raw)


def _zip(src: Source, ctx: Context, raw: BinaryIO) -> Items:
    try:
        zf = zipfile.ZipFile(raw)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise Corrupt("damaged or truncated zip archive") from None
    budget = _Budget(ctx)
    with zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
        if len(infos) > ctx.limits.max_members:
            yield Note(src, f"only the first {ctx.limits.max_members} of {len(infos)} "
                            "members were read (member limit)")
            infos = infos[: ctx.limits.max_members]
        encrypted = [i for i in infos if i.flag_bits & 0x1]
        if encrypted and len(encrypted) == len(infos):
            raise Encrypted("password-protected zip archive")
        for info in infos:
            if info.flag_bits & 0x1:
                yield Refused(_named(src, info), "password-protected (encrypted zip member)",
                              "encrypted")
                continue
            try:
                with zf.open(info) as fh:
                    child = _capture(src, ctx, info.filename, fh, info.compress_size, budget)
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError):
                yield Refused(_named(src, info), "damaged or truncated archive member", "corrupt")
                continue
            except LimitExceeded as exc:
                if "ratio" not in exc.reason:
                    raise  # the run-wide expansion budget: stop reading this archive
                yield Refused(_named(src, info), exc.reason, "limit_exceeded")
                continue
            yield child


def _named(src: Source, info: zipfile.ZipInfo) -> Source:
    """An empty stand-in for a member that was not read: it names the member in the log."""
    return src.child(info.filename, data=b"")


def read_tar(src: Source, ctx: Context) -> Items:
    budget = _Budget(ctx)
    count = 0
    try:
        with src.open() as raw, tarfile.open(fileobj=raw, mode="r:*") as tf:
            for info in tf:
                if not info.isfile():
                    continue
                count += 1
                if count > ctx.limits.max_members:
                    yield Note(src, f"only the first {ctx.limits.max_members} members were read")
                    return
                fh = tf.extractfile(info)
                if fh is None:
                    continue
                yield _capture(src, ctx, info.name, fh, None, budget)
    except (tarfile.TarError, EOFError, OSError, zlib.error, lzma.LZMAError):
        if count == 0:
            raise Corrupt("damaged or truncated tar archive") from None
        yield Note(src, "the archive is truncated: members after the damage were not read")


def read_compressed(src: Source, ctx: Context, kind: str) -> Items:
    """A single compressed file (.gz, .bz2, .xz); a compressed tar is handed to read_tar."""
    opener = {"gzip": gzip.open, "bzip2": bz2.open, "xz": lzma.open}[kind]
    inner_name = _strip_suffix(src.name)
    try:
        with src.open() as raw, opener(raw) as fh:
            head = fh.read(512)
        if len(head) > 262 and head[257:262] == b"ustar":
            yield from read_tar(src, ctx)
            return
        with src.open() as raw, opener(raw) as fh:
            child = _capture(src, ctx, inner_name, fh, src.size, _Budget(ctx))
    except (OSError, EOFError, zlib.error, lzma.LZMAError, ValueError):
        raise Corrupt(f"damaged or truncated {kind} file") from None
    yield child


def _strip_suffix(name: str) -> str:
    for suffix in (".gz", ".gzip", ".bz2", ".xz", ".tgz"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)] or "content"
    return f"{name}.content"


def _capture(
    src: Source, ctx: Context, name: str, fh: BinaryIO, compressed: int | None, budget: _Budget
) -> Source:
    """Read one member with a cap: into memory while small, then into the work dir."""
    limit = ctx.limits
    size = 0
    chunks: list[bytes] = []
    spill: Path | None = None
    out: BinaryIO | None = None
    try:
        while block := fh.read(BLOCK):
            size += len(block)
            budget.take(len(block))
            if compressed and size > RATIO_FLOOR and size / max(compressed, 1) > limit.max_ratio:
                raise LimitExceeded(
                    f"expansion ratio over {limit.max_ratio:.0f}:1: possible archive bomb"
                )
            if out is None and size > limit.spill:
                spill = ctx.spill_path()
                out = open(spill, "wb")
                out.writelines(chunks)
                chunks = []
            elif out is None:
                chunks.append(block)
                continue
            out.write(block)
    finally:
        if out is not None:
            out.close()
    if spill is not None:
        return src.child(name, path=spill)
    return src.child(name, data=b"".join(chunks))

