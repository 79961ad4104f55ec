"""Limits and the private work directory shared by the readers of one run."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from pathlib import Path

MiB = 1 << 20
GiB = 1 << 30


@dataclass(frozen=True)
class Limits:
    """Bounds that keep one hostile or huge input from stalling or exhausting the machine."""

    max_depth: int = 6  # archives within archives (and attachments within messages)
    max_members: int = 10_000  # members read from one archive
    max_ratio: float = 200.0  # uncompressed / compressed size, once a member passes 16 MiB
    max_expanded: int = 32 * GiB  # total bytes all archives of a run may expand to
    max_text_bytes: int = 1 * GiB  # text scanned from one file; the rest is reported unscanned
    chunk_rows: int = 250_000  # rows per table chunk handed to detection
    text_chunk: int = 8 * MiB  # characters per text chunk handed to detection
    spill: int = 64 * MiB  # members larger than this go to a temporary file, not memory
    # Past this many records, records go to the work dir and people are built one partition
    # of labels at a time (scope.store), so memory stops growing with the input.
    spill_records: int = 2_000_000


@dataclass
class Context:
    workdir: Path
    limits: Limits = field(default_factory=Limits)
    expanded: int = 0
    _counter: itertools.count = field(default_factory=itertools.count)

    def spill_path(self, suffix: str = "") -> Path:
        """A fresh path in the run's private work directory for a large member."""
        spill = self.workdir / "spill"
        spill.mkdir(mode=0o700, exist_ok=True)
        return spill / f"{next(self._counter)}{suffix}"
