"""Many texts at once: one scan over the texts joined, findings as one table.

A text's findings depend on the text alone. Joined with a run of line breaks longer than any
look-back of the rules (context windows, the words before a name), every rule sees at a
text's edge what it sees at the start or end of a text on its own: no pattern matches across
a line break, a context window reaches back over white space only, and the walk back from a
postcode stops at an empty line. So one Hyperscan pass and one run of the validation, name
and address rules over the joined buffer give each text's findings exactly, without paying
the per-call costs once per text. Offsets are then made relative to each text.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

import polars as pl

from .mask import mask_expr
from .names import LOOKBACK
from .text import Found, TextScanner

# The longest look-back of any rule (a context window, the words before a name) + a margin.
_PAD_LEN = 80
_PAD = "\n" * _PAD_LEN
# Texts are joined into buffers of about this many characters (memory stays bounded; the
# Hyperscan callbacks' list of hits is the largest thing held per buffer).
CHUNK_CHARS = 4_000_000

SCHEMA = {
    "doc": pl.UInt32,
    "start": pl.Int64,
    "end": pl.Int64,
    "detector": pl.Utf8,
    "category": pl.Utf8,
    "confidence": pl.Float64,
    "value": pl.Utf8,
}
# The columns of TextScanner.find_columns.
_COLUMNS = list(SCHEMA)[1:]
_FOUND = {k: SCHEMA[k] for k in _COLUMNS}


@contextmanager
def _gc_paused() -> Iterator[None]:
    """The cyclic collector off while a batch is scanned: the scan allocates tens of thousands
    of small tuples that hold no cycles, and the collections they trigger (walking every tuple
    still held) cost a fifth of the CPU time. Reference counting still frees everything."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def pad_covers(scanner: TextScanner) -> bool:
    """The join is safe for this scanner's rules: the padding is longer than any look-back."""
    windows = [d.window for d in scanner.detectors.values()]
    return _PAD_LEN > max([LOOKBACK, *windows])


def _chunks(texts: Sequence[str], chunk_chars: int) -> Iterator[tuple[int, list[str]]]:
    """(index of the first text, texts) groups of about ``chunk_chars`` characters."""
    first, size, group = 0, 0, []
    for i, t in enumerate(texts):
        group.append(t)
        size += len(t) + _PAD_LEN
        if size >= chunk_chars:
            yield first, group
            first, size, group = i + 1, 0, []
    if group:
        yield first, group


def find_many(
    scanner: TextScanner, texts: Sequence[str], *, min_confidence: float = 0.5,
) -> Iterable[tuple[int, list[Found]]]:
    """(text index, findings sorted by position) for every text with findings, one text at a
    time: for a scanner whose rules look further back than the padding between joined texts."""
    for i, t in enumerate(texts):
        found = scanner.find(t, min_confidence)
        if found:
            found.sort(key=_position)
            yield i, found


def _position(f: Found) -> tuple[int, int]:
    return (f[0], -f[1])


def detect_frame(
    scanner: TextScanner, texts: Sequence[str], *, min_confidence: float = 0.5,
    chunk_chars: int = CHUNK_CHARS,
) -> pl.DataFrame:
    """Findings in many texts as one table: one row per finding, ``doc`` the text's index,
    character offsets within that text, the normalised ``value`` and its ``masked`` form;
    rows in text order, then by position."""
    if not pad_covers(scanner):
        return _frame_one_by_one(scanner, texts, min_confidence)
    frames = []
    with _gc_paused():
        for first, group in _chunks(texts, chunk_chars):
            frames.extend(_frame_group(scanner, first, group, min_confidence))
    if not frames:
        return _with_mask(pl.DataFrame(schema=SCHEMA))
    return _with_mask(pl.concat(frames).select(list(SCHEMA)))


def _find_joined(scanner: TextScanner, group: list[str], min_confidence: float) -> tuple[list[int], list]:
    """Scan the texts joined by padding; return where each text starts and the findings."""
    return _starts(group), scanner.find(_PAD.join(group), min_confidence)


def _starts(group: list[str]) -> list[int]:
    """Where each text starts in the texts joined by padding."""
    starts = []
    pos = 0
    for t in group:
        starts.append(pos)
        pos += len(t) + _PAD_LEN
    return starts


def _frame_group(
    scanner: TextScanner, first: int, group: list[str], min_confidence: float,
) -> list[pl.DataFrame]:
    # The findings as columns, not as a tuple each (find_columns).
    cols = scanner.find_columns(_PAD.join(group), min_confidence)
    if not cols[0]:
        return []
    frame = pl.DataFrame(dict(zip(_COLUMNS, cols, strict=True)), schema=_FOUND)
    # Sorted as the one-text path sorts (start, then longest first; ties keep the order the
    # rules produced them in), then each offset made relative to its text.
    frame = frame.sort(["start", "end"], descending=[False, True], maintain_order=True)
    starts = pl.Series(_starts(group))
    doc = starts.search_sorted(frame["start"], side="right") - 1
    base = starts.gather(doc)
    return [frame.with_columns(
        (doc + first).cast(pl.UInt32).alias("doc"), pl.col("start") - base, pl.col("end") - base,
    )]


def _frame_one_by_one(scanner: TextScanner, texts: Sequence[str], min_confidence: float):
    docs: list[int] = []
    rows: list[Found] = []
    for i, found in find_many(scanner, texts, min_confidence=min_confidence):
        docs.extend([i] * len(found))
        rows.extend(found)
    cols = list(zip(*rows, strict=True)) if rows else [[] for _ in range(6)]
    frame = pl.DataFrame(
        {"doc": docs, **{name: col for name, col in zip(list(SCHEMA)[1:], cols, strict=True)}},
        schema=SCHEMA,
    )
    return _with_mask(frame)


def _with_mask(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(mask_expr(pl.col("value")).alias("masked"))
