"""Plain text and logs, read in bounded chunks so a 2 GB single-line file never sits in memory
whole. Chunks break at a newline or space where there is one, so a word is not cut in two."""

from __future__ import annotations

from ..context import Context
from ..sources import Items, Note, Source, Text
from .encoding import decoder, describe, sniff_encoding

SAMPLE = 1 << 20


def read(src: Source, ctx: Context) -> Items:
    sample = src.head(SAMPLE)
    encoding = sniff_encoding(sample, complete=src.size <= SAMPLE)
    if encoding == "mixed":
        yield Note(src, f"mixed encodings: read as {describe(encoding)}")
    yield from read_text_chunks(src, ctx, encoding)


def read_text_chunks(src: Source, ctx: Context, encoding: str, part: str = "") -> Items:
    dec = decoder(encoding)
    chunk_bytes = ctx.limits.text_chunk
    budget = ctx.limits.max_text_bytes
    carry = ""
    offset = 0
    read_bytes = 0
    with src.open() as fh:
        while True:
            raw = fh.read(chunk_bytes)
            # A short read is the end of the file (buffered and in-memory files fill a read
            # until then): the text so far is all there is, so it is not cut. Waiting for an
            # empty read cut a small file's last word off into a Text (a record) of its own.
            final = len(raw) < chunk_bytes
            read_bytes += len(raw)
            text = carry + dec.decode(raw, final=final)
            if not final and read_bytes < budget:
                cut = _cut_point(text)
                text, carry = text[:cut], text[cut:]
            else:
                carry = ""
            if text:
                yield Text(src, part, text, offset=offset)
                offset += len(text)
            if final:
                return
            if read_bytes >= budget:
                rest = src.size - read_bytes
                if rest > 0:
                    yield Note(
                        src,
                        f"only the first {budget >> 20} MiB of text was scanned; "
                        f"{rest >> 20} MiB more was not",
                    )
                return


def _cut_point(text: str) -> int:
    window = max(0, len(text) - 4096)
    for sep in ("\n", " "):
        cut = text.rfind(sep, window)
        if cut > 0:
            return cut + 1
    return len(text)
